import { newId } from '../app/ids.ts';
import type {
  CaseType,
  Command,
  Order,
  ReasonCode,
  RefundDestination,
  ReturnCase,
} from '../domain/index.ts';
import { s10Tracking, upsTracking } from './tracking-numbers.ts';

// How each demo case got where it is. The demo walks these stories through the use cases; the
// bulk loader walks them once through the pure domain and repeats the result.

const HOUR_MS = 3_600_000;

export type StoryActor = 'buyer' | 'seller' | 'agent' | 'system';

/** A command, or one that depends on the case and order as they are when it runs. */
export type StoryCommand = Command | ((c: ReturnCase, order: Order, at: Date) => Command);

export interface StoryStep {
  /** Hours after the previous step (the request for the first). An `expire` waits for its deadline. */
  after_hours: number;
  by: StoryActor;
  command: StoryCommand;
}

/** A return case's life so far: the buyer's request, then real commands by the right actors. */
export interface Story {
  key: string;
  type: CaseType;
  reason: ReasonCode;
  refund_destination: RefundDestination;
  steps: StoryStep[];
  /** Demo only: how long before the seeding time the last step happened. */
  ends_hours_ago: number;
  /** Demo only: the shop it happens at (else the stories take the shops in turn). */
  shop?: 'us' | 'gb' | 'cn';
}

/** `pct` percent of the returned units' price, for offers and deductions that stay in bounds. */
function shareOf(c: ReturnCase, order: Order, pct: number): number {
  const price = c.lines.reduce((sum, l) => {
    const line = order.lines.find((o) => o.id === l.order_line_id);
    return sum + (line ? line.unit_price * l.quantity : 0);
  }, 0);
  return Math.max(1, Math.round((price * pct) / 100));
}

/** The buyer's parcel back, with a carrier of the buyer's country. */
function shipBack(c: ReturnCase, order: Order): Command {
  if (order.currency === 'GBP') {
    const tracking_number = s10Tracking(c.id, 'GB');
    return { name: 'ship', carrier: 'Royal Mail', tracking_number, shipping_cost: 395 };
  }
  if (order.currency === 'EUR') {
    const tracking_number = s10Tracking(c.id, 'DE');
    return { name: 'ship', carrier: 'Deutsche Post', tracking_number, shipping_cost: 549 };
  }
  return { name: 'ship', carrier: 'UPS', tracking_number: upsTracking(c.id), shipping_cost: 1295 };
}

const approve: StoryCommand = {
  name: 'approve',
  note: 'Approved. Please pack it with all its parts; the steps to send it are on this page.',
};
const ship: StoryCommand = (c, order) => shipBack(c, order);
const carrierDelivered: StoryCommand = { name: 'carrier_delivered' };
const received: StoryCommand = { name: 'mark_received' };
const acceptPackage: StoryCommand = {
  name: 'accept_package',
  note: 'Inspected: unused and complete. Refund on its way.',
};
/** For a replacement: the seller's note speaks of the new item, not of a refund. */
const acceptForReplacement: StoryCommand = {
  name: 'accept_package',
  note: 'Inspected: the fault is confirmed. A new one goes out to you.',
};
const expire: StoryCommand = { name: 'expire' };
const refunded: StoryCommand = { name: 'refund_succeeded' };
const offer = (pct: number): StoryCommand => {
  return (c, order) => ({
    name: 'offer_partial_refund',
    amount: shareOf(c, order, pct),
    note: `We can refund ${pct}% and you keep the item, or send it back for a full refund.`,
  });
};
const rejectPackage = (
  reason: 'empty_package' | 'used_or_damaged' | 'missing_parts',
  note: string,
): StoryCommand => {
  return (_c, _order, at) => ({
    name: 'reject_package',
    reason,
    note,
    attachment_ids: [newId('att', at), newId('att', at)],
  });
};

/** A fixed id in the API's format for evidence cited by a demo story. */
const demoAttachmentId = (name: string) => `att_${name.padStart(26, '0')}`;

const S = (after_hours: number, command: StoryCommand): StoryStep => ({
  after_hours,
  by: 'seller',
  command,
});
const B = (after_hours: number, command: StoryCommand): StoryStep => ({
  after_hours,
  by: 'buyer',
  command,
});
const A = (after_hours: number, command: StoryCommand): StoryStep => ({
  after_hours,
  by: 'agent',
  command,
});
const Y = (after_hours: number, command: StoryCommand): StoryStep => ({
  after_hours,
  by: 'system',
  command,
});

function story(
  key: string,
  type: CaseType,
  reason: ReasonCode,
  ends_hours_ago: number,
  steps: StoryStep[],
  refund_destination: RefundDestination = 'original_payment',
): Story {
  return { key, type, reason, refund_destination, steps, ends_hours_ago };
}

const RR: CaseType = 'return_and_refund';
const RO: CaseType = 'refund_only';

/**
 * Every state of the transition table, for both case types where the table allows it. Open cases
 * end minutes to hours before the seeding time, so their deadlines are still ahead; closed ones
 * are days old. Expiries wait for their deadline, as the sweeper would.
 */
export const STORIES: readonly Story[] = [
  // Waiting for the seller.
  story('requested', RR, 'changed_mind', 3, []),
  story('requested_refund_only', RO, 'defective', 20, []),
  story('requested_resubmitted', RR, 'defective', 2, [
    S(5, {
      name: 'reject',
      reason: 'insufficient_evidence',
      note: 'We could not see the fault in the photos. Could you send a short video?',
    }),
    B(6, {
      name: 'resubmit',
      description: 'Added a video: the device switches off after about two minutes on battery.',
    }),
  ]),
  // Waiting for the buyer's answer to a partial offer.
  story('partial_offer', RR, 'not_as_described', 5, [S(4, offer(30))]),
  story('partial_offer_refund_only', RO, 'damaged', 7, [S(3, offer(25))], 'platform_balance'),
  // Rejected, the buyer may escalate or resubmit.
  story('rejected', RR, 'damaged', 8, [
    S(6, {
      name: 'reject',
      reason: 'damage_caused_by_buyer',
      note: 'The photos show impact damage after delivery; the parcel arrived intact per carrier scan.',
    }),
  ]),
  story('rejected_refund_only', RO, 'wrong_item', 4, [
    S(9, {
      name: 'reject',
      reason: 'no_defect_found',
      note: 'The SKU on the label in your photo matches the order.',
    }),
  ]),
  // The self-ship path.
  story('awaiting_shipment', RR, 'wrong_size', 10, [S(3, approve)]),
  story('in_transit', RR, 'damaged', 26, [S(2, approve), B(20, ship)]),
  story('delivered', RR, 'wrong_item', 4, [S(1, approve), B(18, ship), Y(70, carrierDelivered)]),
  story('package_rejected', RR, 'changed_mind', 5, [
    S(3, approve),
    B(24, ship),
    S(72, received),
    S(
      20,
      rejectPackage('used_or_damaged', 'The item shows clear signs of use and a scuffed sole.'),
    ),
  ]),
  // Disputes.
  story('disputed', RR, 'missing_parts', 3, [
    S(2, approve),
    B(20, ship),
    Y(60, carrierDelivered),
    S(24, rejectPackage('missing_parts', 'The charging case was not in the parcel.')),
    B(10, {
      name: 'escalate',
      note: 'I sent everything back, including the charging case. Please check the parcel weight.',
    }),
    S(6, {
      name: 'submit_evidence',
      note: 'Unboxing video from our returns desk attached.',
      attachment_ids: [demoAttachmentId('unboxingvideo')],
    }),
    A(20, {
      name: 'request_evidence',
      from: 'buyer',
      note: 'Please upload a photo of the items before you packed them, if you have one.',
    }),
  ]),
  story('disputed_refund_only', RO, 'not_as_described', 6, [
    S(8, {
      name: 'reject',
      reason: 'insufficient_evidence',
      note: 'The listing states the material; please show where it differs.',
    }),
    B(12, {
      name: 'escalate',
      note: 'The listing and the label say different things about what it is made of. Photo of the label attached.',
      attachment_ids: [demoAttachmentId('labelphoto')],
    }),
  ]),
  // Money.
  story('refund_pending_refund_only', RO, 'damaged', 0.2, [S(5, approve)]),
  story('refund_pending', RR, 'defective', 0.5, [
    S(2, approve),
    B(30, ship),
    Y(72, carrierDelivered),
    S(20, acceptPackage),
  ]),
  story('refund_failed', RR, 'defective', 20, [
    S(4, approve),
    B(30, ship),
    Y(80, carrierDelivered),
    S(18, acceptPackage),
    // What the simulated processor records for a refund it refuses (src/adapters/payments.ts).
    Y(0.1, { name: 'refund_failed', error: 'declined' }),
  ]),
  story('refunded', RR, 'wrong_size', 72, [
    S(2, approve),
    B(30, ship),
    Y(72, carrierDelivered),
    S(16, acceptPackage),
    Y(0.2, refunded),
  ]),
  story(
    'refunded_refund_only',
    RO,
    'defective',
    48,
    [S(6, approve), Y(0.1, refunded)],
    'platform_balance',
  ),
  story('refunded_partial_offer', RR, 'not_as_described', 30, [
    S(5, offer(30)),
    B(10, { name: 'accept_offer' }),
    Y(0.1, refunded),
  ]),
  story('refunded_with_deduction', RR, 'changed_mind', 100, [
    S(2, approve),
    B(26, ship),
    S(80, received),
    S(10, (c, order, at) => ({
      name: 'accept_package',
      deduction_amount: shareOf(c, order, 15),
      note: 'Original box is missing; 15% deducted as the policy allows.',
      attachment_ids: [newId('att', at)],
    })),
    Y(0.2, refunded),
  ]),
  story('refunded_by_ruling', RO, 'damaged', 26, [
    S(6, {
      name: 'reject',
      reason: 'insufficient_evidence',
      note: 'The photo is too dark to see damage.',
    }),
    B(9, {
      name: 'escalate',
      note: 'New photos in daylight attached; the glass is cracked.',
      attachment_ids: [demoAttachmentId('crackphoto')],
    }),
    A(22, { name: 'rule_for_buyer', note: 'The new photos show a crack consistent with transit.' }),
    Y(0.1, refunded),
  ]),
  // Closed, with each kind of outcome.
  story('closed_not_shipped', RR, 'no_longer_needed', 30, [S(3, approve), Y(168.1, expire)]),
  story('closed_rejected', RR, 'defective', 60, [
    S(7, {
      name: 'reject',
      reason: 'no_defect_found',
      note: 'Tested on our bench for an hour: works as specified.',
    }),
    Y(48.1, expire),
  ]),
  story('closed_package_rejected', RR, 'wrong_size', 80, [
    S(3, approve),
    B(20, ship),
    Y(60, carrierDelivered),
    S(8, rejectPackage('empty_package', 'The parcel arrived empty; photos of the open box.')),
    Y(48.1, expire),
  ]),
  story('closed_ruled_for_seller', RR, 'damaged', 40, [
    S(2, approve),
    B(30, ship),
    Y(70, carrierDelivered),
    S(10, rejectPackage('used_or_damaged', 'Returned with water damage that was not reported.')),
    B(12, { name: 'escalate', note: 'It was not water damaged when I packed it.' }),
    A(30, {
      name: 'rule_for_seller',
      note: 'The inspection photos show corrosion that takes weeks to form, not days in transit.',
    }),
  ]),
  story('closed_refund_only_rejected', RO, 'not_as_described', 90, [
    S(10, { name: 'reject', reason: 'other', note: 'This colour is shown in the listing photos.' }),
    Y(48.1, expire),
  ]),
  // Withdrawn by the buyer.
  story('cancelled', RR, 'changed_mind', 50, [
    S(2, approve),
    B(20, { name: 'withdraw', note: 'Decided to keep it after all.' }),
  ]),
  story('cancelled_refund_only', RO, 'wrong_item', 36, [
    B(3, { name: 'withdraw', note: 'Found the right item in the other box, sorry!' }),
  ]),
  // A replacement: the seller has the defective unit back and owes a new one (then sends it).
  story('replacement_pending', 'replacement', 'defective', 3, [
    S(2, approve),
    B(20, ship),
    Y(60, carrierDelivered),
    S(6, acceptForReplacement),
  ]),
  story('replacement_shipped', 'replacement', 'damaged', 5, [
    S(2, approve),
    B(20, ship),
    Y(60, carrierDelivered),
    S(6, acceptForReplacement),
    S(20, { name: 'dispatch_replacement', carrier: 'UPS', tracking_number: '1Z999AA10123456784' }),
  ]),
  // Refunded for the seller's silence (no receipt within 10 days); the seller appeals it.
  story('appealed', RR, 'damaged', 6, [
    S(2, approve),
    B(20, ship),
    Y(240.1, expire),
    Y(0.2, refunded),
    S(30, {
      name: 'appeal',
      note: 'The parcel never reached us: the carrier shows it returned to the buyer.',
    }),
  ]),
  // The US shop pays its postage with a prepaid label: bought by the label worker after seeding.
  { ...story('awaiting_shipment_prepaid_label', RR, 'defective', 1, [S(1, approve)]), shop: 'us' },
];

/**
 * Walks a story's steps on a requested case: each step at its time (an expiry at its deadline).
 * `apply` runs one command; the demo runs it through the use case, the bulk loader through the
 * pure domain.
 */
export async function walkStory(
  s: Story,
  requested: ReturnCase,
  order: Order,
  apply: (c: ReturnCase, command: Command, by: StoryActor, at: Date) => Promise<ReturnCase>,
): Promise<ReturnCase> {
  let c = requested;
  let at = requested.created_at;
  for (const step of s.steps) {
    at = new Date(at.getTime() + step.after_hours * HOUR_MS);
    const command = typeof step.command === 'function' ? step.command(c, order, at) : step.command;
    if (command.name === 'expire' && c.due_at && at < c.due_at) {
      at = new Date(c.due_at.getTime() + 5 * 60_000);
    }
    c = await apply(c, command, step.by, at);
  }
  return c;
}

export const DESCRIPTIONS: Readonly<Record<ReasonCode, string>> = {
  damaged: 'Arrived with a cracked corner; the outer box was crushed.',
  defective: 'It stopped working properly after a few days of normal use.',
  wrong_item: 'Received a different model and colour from the one I ordered.',
  not_as_described: 'The material is much thinner than the listing says.',
  missing_parts: 'An accessory listed in the box contents is missing.',
  changed_mind: 'Changed my mind. Unused, in the original packaging with tags.',
  wrong_size: 'Runs small; I need to return it. Tags still attached.',
  no_longer_needed: 'Bought as a gift that is no longer needed. Unopened.',
};
