import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type PaymentGateway,
  SimulatedCardProcessor,
  WalletGateway,
} from '../adapters/payments.ts';
import type { BlobStorage } from '../adapters/storage.ts';
import { applyCaseCommand } from '../app/apply-case-command.ts';
import { createSeller } from '../app/create-seller.ts';
import { createUser } from '../app/create-user.ts';
import { executeRefund } from '../app/execute-refunds.ts';
import { newId } from '../app/ids.ts';
import { ingestOrder } from '../app/ingest-order.ts';
import { ADMIN_PRINCIPAL_ID, type Principal } from '../app/principal.ts';
import { requestReturn } from '../app/request-return.ts';
import { updatePolicy } from '../app/return-policy.ts';
import { findCase } from '../db/cases.ts';
import { type Db, inTransaction, queryRows } from '../db/database.ts';
import { refundsOfCase } from '../db/refunds.ts';
import { appMeta, attachments } from '../db/schema.ts';
import type {
  Actor,
  CaseType,
  Command,
  Order,
  ReasonCode,
  RefundDestination,
  ReturnCase,
} from '../domain/index.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The `app_meta` key that records the demo was seeded, so it is seeded once per database. */
export const DEMO_SEEDED_KEY = 'demo_seeded';
export const DEMO_PASSWORD = 'demo-password-1';

const OPERATOR: Principal = {
  user_id: ADMIN_PRINCIPAL_ID,
  role: 'operator',
  seller_id: null,
  via: 'admin_token',
};

// --- Stories: how each demo case got where it is ---------------------------------------------

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
}

/** `pct` percent of the returned units' price, for offers and deductions that stay in bounds. */
function shareOf(c: ReturnCase, order: Order, pct: number): number {
  const price = c.lines.reduce((sum, l) => {
    const line = order.lines.find((o) => o.id === l.order_line_id);
    return sum + (line ? line.unit_price * l.quantity : 0);
  }, 0);
  return Math.max(1, Math.round((price * pct) / 100));
}

function digitsFrom(text: string, length: number): string {
  let n = 7;
  for (const ch of text) n = (n * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return String(n).padStart(length, '0').slice(-length);
}

/** UPS 1Z number with its check digit. */
export function upsTracking(seed: string): string {
  const body = `999AA1${digitsFrom(seed, 9)}`;
  let sum = 0;
  [...body].forEach((ch, i) => {
    const v = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 0 ? v : 2 * v;
  });
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}

/** UPU S10 number (Royal Mail, Deutsche Post) with its check digit. */
export function s10Tracking(seed: string, country: string): string {
  const serial = digitsFrom(seed, 8);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return `RR${serial}${check === 10 ? 0 : check === 11 ? 5 : check}${country}`;
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
  note: 'Approved. Please send it back within 7 days and add the tracking number here.',
};
const ship: StoryCommand = (c, order) => shipBack(c, order);
const carrierDelivered: StoryCommand = { name: 'carrier_delivered' };
const received: StoryCommand = { name: 'mark_received' };
const acceptPackage: StoryCommand = {
  name: 'accept_package',
  note: 'Inspected: unused and complete. Refund on its way.',
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
      note: 'The listing says 100% merino; the label says 30% acrylic. Photo of the label attached.',
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
    Y(0.1, { name: 'refund_failed', error: 'card_closed: the original card account was closed' }),
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
];

/**
 * A story's refund outcome, reached as the refund worker reaches it: the case's booked refund is
 * paid through the real gateway (the wallet ledger, or the card processor settling at once), or
 * declined with the story's error, and the outcome recorded with the case's move. The refund rows,
 * ledger and case then agree, and the running worker finds nothing left to do.
 */
async function settleDemoRefund(
  db: Db,
  caseId: string,
  command: Extract<Command, { name: 'refund_succeeded' | 'refund_failed' }>,
  at: Date,
): Promise<ReturnCase> {
  const refund = (await refundsOfCase(db, caseId)).find((r) => r.status === 'pending');
  if (!refund) throw new Error(`demo case ${caseId} has no refund to settle`);
  const declined: PaymentGateway = {
    destination: refund.destination,
    execute: async () => ({
      status: 'failed',
      retryable: false,
      error: (command.name === 'refund_failed' && command.error) || 'declined',
    }),
  };
  const gateways =
    command.name === 'refund_failed'
      ? { original_payment: declined, platform_balance: declined }
      : {
          original_payment: new SimulatedCardProcessor(db, { settle_seconds: 0, fail_rate: 0 }),
          platform_balance: new WalletGateway(db),
        };
  await executeRefund(db, refund, at, { gateways, max_attempts: 1, backoff_base_seconds: 60 });
  const after = await findCase(db, caseId);
  if (after?.state !== (command.name === 'refund_failed' ? 'refund_failed' : 'refunded')) {
    throw new Error(`demo case ${caseId} did not settle its refund (${after?.state})`);
  }
  return after;
}

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
  damaged: 'Arrived with a cracked corner; the outer box was crushed. Photos attached.',
  defective: 'Stops working after a few minutes. Tried another outlet and cable.',
  wrong_item: 'Received a different model and colour from the one I ordered.',
  not_as_described: 'The material is much thinner than the listing says.',
  missing_parts: 'An accessory listed in the box contents is missing.',
  changed_mind: 'Changed my mind. Unused, in the original packaging with tags.',
  wrong_size: 'Runs small; I need to return it. Tags still attached.',
  no_longer_needed: 'Bought as a gift that is no longer needed. Unopened.',
};

// --- The demo marketplace --------------------------------------------------------------------

interface Product {
  sku: string;
  title: string;
  category: string;
  unit_price: number;
}

interface DemoShop {
  key: 'us' | 'gb' | 'cn';
  name: string;
  time_zone: string;
  region: string;
  currency: string;
  /** Sales tax added to the price; 0 where prices include VAT. */
  tax_rate: number;
  shipping_amount: number;
  policy: Record<string, unknown>;
  staff: { email: string; name: string; locale: 'en' | 'zh-CN' };
  /** Which demo buyers buy here (by index into BUYERS). */
  buyers: number[];
  products: Product[];
}

const SHOPS: readonly DemoShop[] = [
  {
    key: 'us',
    name: 'Harbor & Pine Home Goods',
    time_zone: 'America/New_York',
    region: 'US',
    currency: 'USD',
    tax_rate: 0.08875,
    shipping_amount: 599,
    policy: {
      currency: 'USD',
      restocking_fee_pct: 10,
      categories: { candles: { returnable: false } },
    },
    staff: { email: 'seller.us@demo.sendback.test', name: 'Jordan Reyes', locale: 'en' },
    buyers: [0, 2],
    products: [
      {
        sku: 'KIT-MUG-STN-4',
        title: 'Stoneware mug, set of 4',
        category: 'kitchen',
        unit_price: 3600,
      },
      { sku: 'KIT-KNF-CHF-8', title: "Chef's knife, 8 in", category: 'kitchen', unit_price: 8900 },
      { sku: 'HOM-LMP-BRS', title: 'Brass desk lamp', category: 'lighting', unit_price: 12900 },
      { sku: 'HOM-THR-WOOL', title: 'Wool throw blanket', category: 'textiles', unit_price: 7450 },
      {
        sku: 'APP-TEE-ORG-M',
        title: 'Organic cotton tee (M)',
        category: 'apparel',
        unit_price: 2800,
      },
    ],
  },
  {
    key: 'gb',
    name: 'Fenwick Lane Outfitters',
    time_zone: 'Europe/London',
    region: 'GB',
    currency: 'GBP',
    tax_rate: 0,
    shipping_amount: 395,
    policy: { currency: 'GBP', return_shipping_reimbursement_cap: 800 },
    staff: { email: 'seller.gb@demo.sendback.test', name: 'Amelia Clarke', locale: 'en' },
    buyers: [1],
    products: [
      {
        sku: 'JKT-WAX-OLV-L',
        title: 'Waxed cotton jacket, olive (L)',
        category: 'outerwear',
        unit_price: 18900,
      },
      {
        sku: 'KNT-MER-NVY-M',
        title: 'Merino crew jumper, navy (M)',
        category: 'knitwear',
        unit_price: 7900,
      },
      {
        sku: 'BOT-CHL-BRN-42',
        title: 'Leather Chelsea boots (EU 42)',
        category: 'footwear',
        unit_price: 14500,
      },
      { sku: 'ACC-SCF-LMB', title: 'Lambswool scarf', category: 'accessories', unit_price: 3500 },
    ],
  },
  {
    key: 'cn',
    name: 'Brightwave Electronics (Shenzhen)',
    time_zone: 'Asia/Shanghai',
    region: 'CN',
    currency: 'USD',
    // US buyers: the marketplace collects their state's sales tax.
    tax_rate: 0.0725,
    shipping_amount: 0,
    policy: {
      currency: 'USD',
      return_shipping_reimbursement_cap: 2000,
      tracking_silence_days: 7,
      deadlines: { seller_receive: { hours: 14 * 24 } },
    },
    staff: { email: 'seller.cn@demo.sendback.test', name: 'Li Wei', locale: 'zh-CN' },
    buyers: [0, 2],
    products: [
      {
        sku: 'EB-PRO2-BLK',
        title: 'Wireless earbuds Pro 2, black',
        category: 'audio',
        unit_price: 4999,
      },
      {
        sku: 'SW-FIT5-GRY',
        title: 'Fitness smartwatch 5, graphite',
        category: 'wearables',
        unit_price: 8999,
      },
      { sku: 'PB-20K-WHT', title: 'Power bank 20,000 mAh', category: 'power', unit_price: 2999 },
      {
        sku: 'CBL-USBC-2M',
        title: 'Braided USB-C cable, 2 m (2-pack)',
        category: 'cables',
        unit_price: 1299,
      },
    ],
  },
];

const BUYERS = [
  { email: 'buyer1@demo.sendback.test', name: 'Maya Thompson' },
  { email: 'buyer2@demo.sendback.test', name: 'Oliver Hughes' },
  { email: 'buyer3@demo.sendback.test', name: 'Daniel Park' },
] as const;

const AGENT = { email: 'agent@demo.sendback.test', name: 'Priya Natarajan' } as const;
const OPERATOR_USER = { email: 'operator@demo.sendback.test', name: 'Sam Okafor' } as const;

export interface DemoLogin {
  email: string;
  password: string;
  role: 'buyer' | 'seller' | 'agent' | 'operator';
  name: string;
  /** The shop a seller login works for; null for other roles. */
  shop: string | null;
}

export interface DemoLogins {
  logins: DemoLogin[];
  shops: { id: string; name: string; region: string; currency: string }[];
  orders: number;
  cases: number;
}

/** Order lines for the k-th demo order of a shop: one to three products, some discounted. */
function orderLines(shop: DemoShop, k: number) {
  const count = 1 + (k % 3);
  return Array.from({ length: count }, (_, i) => {
    const product = shop.products[(k + i) % shop.products.length]!;
    const quantity = i === 0 && k % 4 === 1 ? 2 : 1;
    const gross = product.unit_price * quantity;
    const line_discount_amount = k % 3 === 2 && i === 0 ? Math.round(gross * 0.1) : 0;
    return {
      ...product,
      quantity,
      line_discount_amount,
      tax_amount: Math.round((gross - line_discount_amount) * shop.tax_rate),
    };
  });
}

/** True once any shop exists: `serve` seeds the demo only into an empty database. */
export async function hasSellers(db: Db): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from sellers limit 1`);
  return rows.length > 0;
}

/**
 * Seeds the demo marketplace: three shops (US, GB, and a CN cross-border shop selling to US
 * buyers), their staff, three buyers, an agent and an operator (all with passwords), delivered
 * orders, and return cases in every state, each walked there by real commands at plausible
 * times before `now`. One transaction; a second call (or a concurrent one) does nothing and
 * answers null, because the first claims the `demo_seeded` row in `app_meta`.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  options: { password?: string; storage?: BlobStorage } = {},
): Promise<DemoLogins | null> {
  const password = options.password ?? DEMO_PASSWORD;
  return inTransaction(db, async (tx) => {
    const claimed = await tx
      .insert(appMeta)
      .values({ key: DEMO_SEEDED_KEY, value: { seeded_at: now.toISOString() }, updatedAt: now })
      .onConflictDoNothing()
      .returning({ key: appMeta.key });
    if (claimed.length === 0) return null;

    const ago = (ms: number) => new Date(now.getTime() - ms);
    const logins: DemoLogin[] = [];
    const login = async (
      person: { email: string; name: string },
      role: DemoLogin['role'],
      shop: { id: string; name: string } | null,
      locale: 'en' | 'zh-CN' = 'en',
    ) => {
      const { user } = await createUser(
        tx,
        OPERATOR,
        { ...person, role, seller_id: shop?.id, password, locale },
        ago(45 * DAY_MS),
      );
      logins.push({
        email: user.email,
        password,
        role,
        name: person.name,
        shop: shop?.name ?? null,
      });
      return user;
    };

    const shops = [];
    for (const shop of SHOPS) {
      const seller = await createSeller(
        tx,
        OPERATOR,
        { name: shop.name, time_zone: shop.time_zone, region: shop.region },
        ago(60 * DAY_MS),
      );
      await updatePolicy(tx, OPERATOR, seller.id, shop.policy, ago(59 * DAY_MS));
      const staff = await login(shop.staff, 'seller', seller, shop.staff.locale);
      shops.push({ shop, seller, staff });
    }
    const buyers = [];
    for (const buyer of BUYERS) buyers.push(await login(buyer, 'buyer', null));
    const agent = await login(AGENT, 'agent', null);
    await login(OPERATOR_USER, 'operator', null);

    let cases = 0;
    for (const [k, s] of STORIES.entries()) {
      const { shop, seller, staff } = shops[k % shops.length]!;
      const buyer = buyers[shop.buyers[Math.floor(k / shops.length) % shop.buyers.length]!]!;
      const stepHours = s.steps.reduce((sum, step) => sum + step.after_hours, 0);
      const requestedAt = ago((s.ends_hours_ago + stepHours) * HOUR_MS);
      const deliveredAt = new Date(requestedAt.getTime() - (2 + (k % 4)) * DAY_MS - 5 * HOUR_MS);
      const placedAt = new Date(deliveredAt.getTime() - (3 + (k % 3)) * DAY_MS);
      const { order } = await ingestOrder(
        tx,
        OPERATOR,
        {
          external_id: `DEMO-${shop.key.toUpperCase()}-${1001 + k}`,
          seller_id: seller.id,
          buyer_id: buyer.id,
          currency: shop.currency,
          placed_at: placedAt,
          delivered_at: deliveredAt,
          shipping_amount: shop.shipping_amount,
          order_discount_amount: k % 5 === 3 ? 500 : 0,
          payment_reference: `pay_sim_demo_${shop.key}_${1001 + k}`,
          lines: orderLines(shop, k),
        },
        new Date(deliveredAt.getTime() + 10 * 60_000),
      );
      const { case: requested } = await requestReturn(
        tx,
        { user_id: buyer.id, role: 'buyer', seller_id: null, via: 'session' },
        {
          order_id: order.id,
          type: s.type,
          reason: s.reason,
          description: DESCRIPTIONS[s.reason],
          lines: [{ order_line_id: order.lines[0]!.id, quantity: 1 }],
          refund_destination: s.refund_destination,
        },
        requestedAt,
      );
      const actors: Record<StoryActor, Actor> = {
        buyer: { role: 'buyer', id: buyer.id },
        seller: { role: 'seller', id: staff.id },
        agent: { role: 'agent', id: agent.id },
        system: { role: 'system', id: 'system' },
      };
      const final = await walkStory(s, requested, order, async (c, command, by, at) => {
        await createDemoEvidence(tx, options.storage, command, actors[by].id, at);
        if (command.name === 'refund_succeeded' || command.name === 'refund_failed') {
          return settleDemoRefund(tx, c.id, command, at);
        }
        const applied = await applyCaseCommand(tx, c.id, command, actors[by], at);
        return applied.after;
      });
      if (final.updated_at > now) throw new Error(`demo story ${s.key} ends after now`);
      cases += 1;
    }

    const result: DemoLogins = {
      logins,
      shops: shops.map(({ shop, seller }) => ({
        id: seller.id,
        name: shop.name,
        region: shop.region,
        currency: shop.currency,
      })),
      orders: cases,
      cases,
    };
    await tx
      .update(appMeta)
      .set({
        // The login page of a demo server lists these (only ever on the embedded database).
        value: { seeded_at: now.toISOString(), shops: result.shops, cases, logins: result.logins },
        updatedAt: now,
      })
      .where(sql`${appMeta.key} = ${DEMO_SEEDED_KEY}`);
    return result;
  });
}

/** `serve` on a new embedded database: seeds the demo when there is no shop yet. */
export async function seedDemoOnFirstStart(
  db: Db,
  now: Date,
  storage?: BlobStorage,
): Promise<DemoLogins | null> {
  if (await hasSellers(db)) return null;
  return seedDemo(db, now, storage ? { storage } : {});
}

let demoPhoto: Promise<Buffer> | undefined;
/** A small generated photo (no metadata) standing in for the demo's evidence. */
function demoEvidencePhoto(): Promise<Buffer> {
  // sharp is loaded here, not at start (see inspect-upload.ts).
  demoPhoto ??= import('sharp').then(({ default: sharp }) =>
    sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 214, g: 200, b: 180 } },
    })
      .composite([
        {
          input: Buffer.from(
            '<svg width="320" height="240"><rect x="40" y="40" width="240" height="160" fill="#8a7760"/><line x1="60" y1="60" x2="250" y2="190" stroke="#3b2f22" stroke-width="6"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer(),
  );
  return demoPhoto;
}

/**
 * The demo's commands cite evidence: those attachments are created for real, uploaded by the
 * acting person, so the cases' evidence opens like any other (the blob is stored when a storage
 * is given; the bulk loader has none).
 */
async function createDemoEvidence(
  db: Db,
  storage: BlobStorage | undefined,
  command: Command,
  uploadedBy: string,
  at: Date,
): Promise<void> {
  const ids = (command as { attachment_ids?: string[] }).attachment_ids ?? [];
  if (!ids.length) return;
  const photo = await demoEvidencePhoto();
  const sha = createHash('sha256').update(photo).digest('hex');
  if (storage && !(await storage.has(sha))) await storage.put(sha, photo);
  await db
    .insert(attachments)
    .values(
      ids.map((id) => ({
        id,
        sha256: sha,
        kind: 'image' as const,
        mimeType: 'image/png',
        sizeBytes: photo.length,
        width: 320,
        height: 240,
        fileName: 'evidence.png',
        uploadedBy,
        createdAt: at,
      })),
    )
    .onConflictDoNothing();
}

/** The logins as a small table for the terminal. */
export function formatDemoLogins(demo: DemoLogins): string {
  const rows = demo.logins.map((l) => [l.role, l.email, l.password, l.shop ?? '']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd(),
  );
  return [
    `Demo data: ${demo.shops.length} shops, ${demo.orders} orders, ${demo.cases} return cases.`,
    'Demo logins (POST /v1/session with e-mail and password):',
    ...lines.map((l) => `  ${l}`),
    '',
  ].join('\n');
}
