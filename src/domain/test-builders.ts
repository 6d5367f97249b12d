// Small builders shared by the domain tests (not part of the public API).
import type { SellerCalendar } from './calendar.ts';
import type {
  Actor,
  CaseState,
  CaseType,
  Command,
  CommandName,
  DecideContext,
  DomainEvent,
  Order,
  RequestInput,
  ReturnAddress,
  ReturnCase,
} from './case.ts';
import { decide } from './decide.ts';
import { decideRequest } from './decide-request.ts';
import { evolve } from './evolve.ts';
import { DEFAULT_POLICY, type ReturnPolicy } from './policy.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Monday 3 March 2025, 15:00 UTC (10:00 in New York). */
export const T0 = new Date('2025-03-03T15:00:00Z');
export const at = (ms: number) => new Date(T0.getTime() + ms);

export const buyer: Actor = { role: 'buyer', id: 'usr_buyer' };
export const seller: Actor = { role: 'seller', id: 'usr_seller' };
export const agent: Actor = { role: 'agent', id: 'usr_agent' };
export const operator: Actor = { role: 'operator', id: 'usr_operator' };
export const system: Actor = { role: 'system', id: 'system' };
export const actorOf = (role: Actor['role']): Actor =>
  ({ buyer, seller, agent, operator, system })[role];

export const US: SellerCalendar = { time_zone: 'America/New_York', region: 'US' };

export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord_1',
    seller_id: 'sel_1',
    buyer_id: 'usr_buyer',
    currency: 'USD',
    placed_at: new Date(T0.getTime() - 5 * DAY),
    delivered_at: new Date(T0.getTime() - DAY),
    shipping_amount: 599,
    order_discount_amount: 1000,
    lines: [
      {
        id: 'line_shirt',
        sku: 'SHIRT-M',
        title: 'Shirt',
        category: 'apparel',
        quantity: 2,
        unit_price: 2500,
        line_discount_amount: 0,
        tax_amount: 400,
      },
      {
        id: 'line_lamp',
        sku: 'LAMP-1',
        title: 'Lamp',
        category: 'home',
        quantity: 1,
        unit_price: 5000,
        line_discount_amount: 500,
        tax_amount: 360,
      },
    ],
    ...overrides,
  };
}

/** The shop's return address the builders' cases are approved with. */
export const RETURN_ADDRESS: ReturnAddress = {
  id: 'radr_1',
  name: 'Lamp Shop Returns',
  line1: '500 Harbor Blvd',
  line2: null,
  city: 'Carson',
  region: 'CA',
  postal_code: '90745',
  country: 'US',
  phone: null,
  instructions: null,
};

export function makeCtx(overrides: Partial<DecideContext> = {}): DecideContext {
  return {
    policy: DEFAULT_POLICY,
    calendar: US,
    order: makeOrder(),
    other_cases: [],
    return_address: RETURN_ADDRESS,
    ...overrides,
  };
}

export function policyWith(overrides: Partial<ReturnPolicy>): ReturnPolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

export function requestInput(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    id: 'ret_1',
    order_id: 'ord_1',
    type: 'return_and_refund',
    reason: 'damaged',
    description: 'Arrived with a crack',
    lines: [{ order_line_id: 'line_lamp', quantity: 1 }],
    refund_destination: 'original_payment',
    ...overrides,
  };
}

export function openCase(
  input: Partial<RequestInput> = {},
  ctx: DecideContext = makeCtx(),
  now: Date = T0,
): ReturnCase {
  const result = decideRequest(requestInput(input), buyer, now, ctx);
  if (!result.ok) throw result.error;
  return result.value.case;
}

export type Step = [Command, Actor];

/** Applies commands one hour apart, failing loudly; returns the case and the time after. */
export function run(
  c: ReturnCase,
  steps: Step[],
  ctx: DecideContext = makeCtx(),
  start: Date = new Date(c.updated_at.getTime() + HOUR),
): { case: ReturnCase; now: Date; events: DomainEvent[] } {
  let current = c;
  let now = start;
  const events: DomainEvent[] = [];
  for (const [command, actor] of steps) {
    const result = decide(current, command, actor, now, ctx);
    if (!result.ok) {
      throw new Error(
        `${command.name} in ${current.state}: ${result.error.code} ${result.error.message}`,
      );
    }
    for (const e of result.value) current = evolve(current, e);
    events.push(...result.value);
    now = new Date(now.getTime() + HOUR);
  }
  return { case: current, now, events };
}

/** A valid command of each name, as a party would send it. */
export function validCommand(name: CommandName): Command {
  const commands: { [N in CommandName]: Extract<Command, { name: N }> } = {
    request: { name: 'request', ...requestInput() },
    auto_approve: { name: 'auto_approve' },
    accept_offer: { name: 'accept_offer' },
    decline_offer: { name: 'decline_offer', note: 'Too little' },
    resubmit: { name: 'resubmit', description: 'Added photos of the crack' },
    ship: {
      name: 'ship',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
      shipping_cost: 800,
    },
    withdraw: { name: 'withdraw' },
    escalate: { name: 'escalate', note: 'Please look at this' },
    dispute_receipt: { name: 'dispute_receipt', note: 'The parcel never arrived' },
    submit_evidence: {
      name: 'submit_evidence',
      note: 'Photos attached',
      attachment_ids: ['att_1'],
    },
    approve: { name: 'approve' },
    reject: { name: 'reject', reason: 'no_defect_found', note: 'The photos show no crack' },
    offer_partial_refund: { name: 'offer_partial_refund', amount: 1000 },
    extend_receiving: { name: 'extend_receiving' },
    mark_received: { name: 'mark_received' },
    accept_package: { name: 'accept_package' },
    reject_package: {
      name: 'reject_package',
      reason: 'empty_package',
      note: 'The box was empty',
      attachment_ids: ['att_2'],
    },
    record_tracking: { name: 'record_tracking', status: 'in transit' },
    carrier_delivered: { name: 'carrier_delivered' },
    report_lost: { name: 'report_lost' },
    expire: { name: 'expire' },
    refund_succeeded: { name: 'refund_succeeded', refund_id: 'rfd_1' },
    refund_failed: { name: 'refund_failed', error: 'card expired' },
    request_evidence: { name: 'request_evidence', from: 'buyer', note: 'Photo of the label' },
    rule_for_buyer: { name: 'rule_for_buyer', note: 'The item was damaged' },
    rule_for_seller: { name: 'rule_for_seller', note: 'The parcel was empty' },
    retry_refund: { name: 'retry_refund' },
    attach_label: {
      name: 'attach_label',
      provider: 'simulated',
      carrier: 'USPS',
      service: 'Ground Advantage',
      tracking_number: '9400100000000000000000',
      cost: 750,
      currency: 'USD',
    },
    label_failed: { name: 'label_failed', error: 'address not deliverable' },
    request_label: { name: 'request_label' },
    label_scanned: { name: 'label_scanned' },
    refund_returnless: { name: 'refund_returnless' },
    appeal: { name: 'appeal', note: 'The parcel never reached the seller' },
    approve_as_refund: { name: 'approve_as_refund' },
    dispatch_replacement: {
      name: 'dispatch_replacement',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
    },
    replacement_unavailable: { name: 'replacement_unavailable', note: 'Sold out' },
    confirm_replacement: { name: 'confirm_replacement' },
    uphold_appeal: { name: 'uphold_appeal', note: 'The ruling stands' },
    overturn_appeal: { name: 'overturn_appeal', note: 'The tracking shows it was returned' },
  };
  return commands[name];
}

const c = (name: CommandName): Command => validCommand(name);

/** The commands that lead from a new request to each state, by the real rules. */
export const PATHS: Partial<Record<CaseState, Step[]>> = {
  requested: [],
  partial_offer: [[c('offer_partial_refund'), seller]],
  rejected: [[c('reject'), seller]],
  awaiting_shipment: [[c('approve'), seller]],
  in_transit: [
    [c('approve'), seller],
    [c('ship'), buyer],
    [c('report_lost'), system],
  ],
  // Delivered by the carrier's scan: the seller has not confirmed it (so may dispute receipt).
  delivered: [
    [c('approve'), seller],
    [c('ship'), buyer],
    [c('carrier_delivered'), system],
  ],
  package_rejected: [
    [c('approve'), seller],
    [c('ship'), buyer],
    [c('mark_received'), seller],
    [c('reject_package'), seller],
  ],
  disputed: [
    [c('reject'), seller],
    [c('escalate'), buyer],
    [c('request_evidence'), agent],
  ],
  refund_pending: [
    [c('approve'), seller],
    [c('ship'), buyer],
    [c('mark_received'), seller],
    [c('accept_package'), seller],
  ],
  refund_failed: [
    [c('approve'), seller],
    [c('ship'), buyer],
    [c('mark_received'), seller],
    [c('accept_package'), seller],
    [c('refund_failed'), system],
  ],
  refunded: [
    [c('approve'), seller],
    [c('ship'), buyer],
    [c('mark_received'), seller],
    [c('accept_package'), seller],
    [c('refund_succeeded'), system],
  ],
  closed: [[c('reject'), seller]],
  cancelled: [[c('withdraw'), buyer]],
  // The buyer appeals an agent's ruling for the seller (another agent decides).
  appealed: [
    [c('reject'), seller],
    [c('escalate'), buyer],
    [c('rule_for_seller'), { role: 'agent', id: 'usr_agent_who_ruled' }],
    [c('appeal'), buyer],
  ],
};

/** Paths for refund_only cases, which never ship (approval goes straight to refund_pending). */
export const REFUND_ONLY_PATHS: Partial<Record<CaseState, Step[]>> = {
  requested: [],
  partial_offer: PATHS.partial_offer,
  rejected: PATHS.rejected,
  disputed: PATHS.disputed,
  refund_pending: [[c('approve'), seller]],
  refund_failed: [
    [c('approve'), seller],
    [c('refund_failed'), system],
  ],
  refunded: [
    [c('approve'), seller],
    [c('refund_succeeded'), system],
  ],
  closed: PATHS.closed,
  cancelled: PATHS.cancelled,
  appealed: PATHS.appealed,
};

const INSPECTED: Step[] = [
  [c('approve'), seller],
  [c('ship'), buyer],
  [c('mark_received'), seller],
  [c('accept_package'), seller],
];

/** Paths for replacement cases: the same until inspection, then the replacement is sent. */
export const REPLACEMENT_PATHS: Partial<Record<CaseState, Step[]>> = {
  ...PATHS,
  replacement_pending: INSPECTED,
  replacement_shipped: [...INSPECTED, [c('dispatch_replacement'), seller]],
  refund_pending: [...INSPECTED, [c('replacement_unavailable'), seller]],
  refund_failed: [
    ...INSPECTED,
    [c('replacement_unavailable'), seller],
    [c('refund_failed'), system],
  ],
  refunded: [...INSPECTED, [c('replacement_unavailable'), seller], [c('refund_succeeded'), system]],
};

/** A case of the type in the state, reached through real commands (closed: rejection lapsed). */
export function caseIn(
  state: CaseState,
  type: CaseType = 'return_and_refund',
  ctx: DecideContext = makeCtx(),
): { case: ReturnCase; now: Date } {
  const paths =
    type === 'refund_only' ? REFUND_ONLY_PATHS : type === 'replacement' ? REPLACEMENT_PATHS : PATHS;
  const steps = paths[state];
  if (!steps) throw new Error(`${type} never reaches ${state}`);
  const reached = run(openCase({ type }, ctx), steps, ctx);
  if (state !== 'closed') return reached;
  const due = reached.case.due_at as Date;
  return run(reached.case, [[c('expire'), system]], ctx, due);
}
