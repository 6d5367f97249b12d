import type { CaseState, CaseType, CommandName, Outcome, ReturnCase, Role } from './case.ts';
import type { DeadlineName } from './policy.ts';

/** A condition decide checks after the table allows the move; see GUARDS in guards.ts. */
export type GuardName =
  | 'due' // the state's deadline has come (expiry outcomes)
  | 'auto_approval_rule' // a policy rule approves the request at once
  | 'rejectable' // not a change-of-mind return of an eligible item: the seller inspects instead
  | 'offer_left' // one partial offer per case
  | 'resubmit_left' // at most two edits after a rejection
  | 'extension_left' // the receiving deadline is extended once
  | 'parcel_lost' // reported lost, or tracking silent for the policy's days
  | 'not_received_by_seller' // delivered by the carrier's scan, not confirmed by the seller
  | 'label_possible' // a prepaid label can be (re)bought: none pending or bought, an address known
  | 'label_pending' // a label purchase is under way
  | 'label_ready' // the system ships only a case whose prepaid label it has scanned
  | 'returnless_rule' // a returnless-refund rule of the policy matches, within the buyer's limit
  | 'appealable' // a ruling or automatic refund, not yet appealed, within the policy's window
  | 'replacement_case'; // a replacement or exchange request

/** Where a row leads: a state, one per case type, or (for appeals) one the case itself names. */
export type Target =
  | CaseState
  | Readonly<Record<CaseType, CaseState>>
  | { readonly of: (c: ReturnCase) => CaseState; readonly states: readonly CaseState[] };

export interface Transition {
  from: CaseState;
  command: CommandName;
  actors: readonly Role[];
  to: Target;
  /** Events written, in order. Entering refund_pending also writes 'return.refund_pending'. */
  events: readonly string[];
  guard?: GuardName;
  /** Closing outcome, for moves into a terminal state. */
  outcome?: Outcome;
  /** Deadline of the state entered, when it is not that state's usual one. */
  deadline?: DeadlineName;
}

const B = ['buyer'] as const;
const S = ['seller'] as const;
const A = ['agent'] as const;
const SYS = ['system'] as const;
const BS = ['buyer', 'seller'] as const;
const SA = ['seller', 'agent'] as const;
// An upheld appeal returns the case where it was; an overturned one refunds a buyer who lost, or
// leaves a refunded case refunded (the platform compensates the seller).
const APPEAL_FROM = {
  of: (c: ReturnCase) => c.appeal?.from ?? 'closed',
  states: ['refunded', 'closed'] as const,
};
const OVERTURNED = {
  of: (c: ReturnCase) => (c.appeal?.by === 'buyer' ? 'refund_pending' : 'refunded') as CaseState,
  states: ['refund_pending', 'refunded'] as const,
};
const APPROVED = {
  return_and_refund: 'awaiting_shipment',
  refund_only: 'refund_pending',
  replacement: 'awaiting_shipment',
  exchange: 'awaiting_shipment',
} as const;
// The seller has the item back (or let the deadline pass): money, or a replacement to send.
const ACCEPTED = {
  return_and_refund: 'refund_pending',
  refund_only: 'refund_pending',
  replacement: 'replacement_pending',
  exchange: 'replacement_pending',
} as const;
// The replacement arrived: done, or the exchange's price difference is refunded first.
const REPLACED = {
  of: (c: ReturnCase): CaseState =>
    (c.exchange?.difference ?? 0) > 0 ? 'refund_pending' : 'closed',
  states: ['closed', 'refund_pending'] as const,
};

type Extra = Pick<Transition, 'guard' | 'outcome' | 'deadline'>;
function t(
  from: CaseState,
  command: CommandName,
  actors: readonly Role[],
  to: Target,
  event: string,
  extra: Extra = {},
): Transition {
  return { from, command, actors, to, events: [`return.${event}`], ...extra };
}

// 'request' creates a case (decideRequest), so it has no row. A row whose `to` equals `from`
// records a fact without moving the case.
// biome-ignore format: the table reads as aligned columns
export const TRANSITIONS: readonly Transition[] = [
  // from               command                 by   to                  event (return.*)           guard, outcome, deadline
  t('requested',         'approve',              S,   APPROVED,           'approved'),
  t('requested',         'auto_approve',         SYS, APPROVED,           'auto_approved',           { guard: 'auto_approval_rule' }),
  t('requested',         'refund_returnless',    SYS, 'refund_pending',   'returnless_refund_approved', { guard: 'returnless_rule' }),
  t('requested',         'reject',               S,   'rejected',         'rejected',                { guard: 'rejectable' }),
  t('requested',         'offer_partial_refund', S,   'partial_offer',    'partial_refund_offered',  { guard: 'offer_left' }),
  t('requested',         'withdraw',             B,   'cancelled',        'withdrawn',               { outcome: 'cancelled' }),
  t('requested',         'expire',               SYS, APPROVED,           'auto_approved',           { guard: 'due' }),
  t('partial_offer',     'accept_offer',         B,   'refund_pending',   'offer_accepted'),
  t('partial_offer',     'decline_offer',        B,   'requested',        'offer_declined',          { deadline: 'seller_review_after_offer' }),
  t('partial_offer',     'withdraw',             B,   'cancelled',        'withdrawn',               { outcome: 'cancelled' }),
  t('partial_offer',     'expire',               SYS, 'requested',        'offer_expired',           { guard: 'due', deadline: 'seller_review_after_offer' }),
  t('rejected',          'resubmit',             B,   'requested',        'resubmitted',             { guard: 'resubmit_left' }),
  t('rejected',          'escalate',             B,   'disputed',         'escalated'),
  t('rejected',          'withdraw',             B,   'cancelled',        'withdrawn',               { outcome: 'cancelled' }),
  t('rejected',          'expire',               SYS, 'closed',           'contest_expired',         { guard: 'due', outcome: 'rejected' }),
  t('awaiting_shipment', 'ship',                 B,   'in_transit',       'shipped'),
  t('awaiting_shipment', 'label_scanned',        SYS, 'in_transit',       'shipped',                 { guard: 'label_ready' }),
  t('awaiting_shipment', 'attach_label',         SYS, 'awaiting_shipment', 'label_purchased',        { guard: 'label_pending' }),
  t('awaiting_shipment', 'label_failed',         SYS, 'awaiting_shipment', 'label_failed',           { guard: 'label_pending' }),
  t('awaiting_shipment', 'request_label',        SA,  'awaiting_shipment', 'label_requested',        { guard: 'label_possible' }),
  t('awaiting_shipment', 'withdraw',             B,   'cancelled',        'withdrawn',               { outcome: 'cancelled' }),
  t('awaiting_shipment', 'expire',               SYS, 'closed',           'shipment_expired',        { guard: 'due', outcome: 'not_shipped' }),
  t('in_transit',        'record_tracking',      SYS, 'in_transit',       'tracking_updated'),
  t('in_transit',        'report_lost',          SYS, 'in_transit',       'parcel_lost'),
  t('in_transit',        'carrier_delivered',    SYS, 'delivered',        'parcel_delivered'),
  t('in_transit',        'mark_received',        S,   'delivered',        'received'),
  t('in_transit',        'extend_receiving',     S,   'in_transit',       'receiving_extended',      { guard: 'extension_left' }),
  t('in_transit',        'escalate',             B,   'disputed',         'escalated',               { guard: 'parcel_lost' }),
  t('in_transit',        'dispute_receipt',      S,   'disputed',         'receipt_disputed'),
  t('in_transit',        'expire',               SYS, ACCEPTED,           'receiving_expired',       { guard: 'due' }),
  t('delivered',         'carrier_delivered',    SYS, 'delivered',        'parcel_delivered'),
  t('delivered',         'accept_package',       S,   ACCEPTED,           'package_accepted'),
  t('delivered',         'reject_package',       S,   'package_rejected', 'package_rejected'),
  t('delivered',         'dispute_receipt',      S,   'disputed',         'receipt_disputed',        { guard: 'not_received_by_seller' }),
  t('delivered',         'expire',               SYS, ACCEPTED,           'inspection_expired',      { guard: 'due' }),
  t('package_rejected',  'escalate',             B,   'disputed',         'escalated'),
  t('package_rejected',  'expire',               SYS, 'closed',           'contest_expired',         { guard: 'due', outcome: 'package_rejected' }),
  t('disputed',          'submit_evidence',      BS,  'disputed',         'evidence_submitted'),
  t('disputed',          'request_evidence',     A,   'disputed',         'evidence_requested'),
  t('disputed',          'rule_for_buyer',       A,   'refund_pending',   'ruled_for_buyer'),
  t('disputed',          'rule_for_seller',      A,   'closed',           'ruled_for_seller',        { outcome: 'ruled_for_seller' }),
  t('disputed',          'expire',               SYS, 'disputed',         'evidence_request_lapsed', { guard: 'due' }),
  t('refund_pending',    'refund_succeeded',     SYS, 'refunded',         'refunded'),
  t('refund_pending',    'refund_failed',        SYS, 'refund_failed',    'refund_failed'),
  t('refund_failed',     'retry_refund',         A,   'refund_pending',   'refund_retried'),
  // Replacements and exchanges: the seller sends another unit (or the variant) after inspection.
  t('requested',         'approve_as_refund',    S,   'awaiting_shipment', 'approved_as_refund',    { guard: 'replacement_case' }),
  t('replacement_pending', 'dispatch_replacement', S, 'replacement_shipped', 'replacement_dispatched'),
  t('replacement_pending', 'replacement_unavailable', S, 'refund_pending', 'replacement_unavailable'),
  t('replacement_pending', 'expire',             SYS, 'refund_pending',   'replacement_dispatch_expired', { guard: 'due' }),
  t('replacement_shipped', 'confirm_replacement', [...B, ...SYS], REPLACED, 'replacement_received', { outcome: 'replaced' }),
  t('replacement_shipped', 'escalate',           B,   'disputed',         'escalated'),
  t('replacement_shipped', 'expire',             SYS, REPLACED,           'replacement_confirmed_by_deadline', { guard: 'due', outcome: 'replaced' }),
  // Appeals: once per ruling or automatic refund, by the losing party, decided by another agent.
  t('refunded',          'appeal',               BS,  'appealed',         'appealed',                { guard: 'appealable' }),
  t('closed',            'appeal',               BS,  'appealed',         'appealed',                { guard: 'appealable' }),
  t('appealed',          'uphold_appeal',        A,   APPEAL_FROM,        'appeal_upheld'),
  t('appealed',          'overturn_appeal',      A,   OVERTURNED,         'appeal_overturned'),
];

/** Who each state waits for, and which policy deadline bounds the wait (null: no deadline). */
export const WAITING = {
  requested: { actor: 'seller', action: 'review_request', deadline: 'seller_review' },
  partial_offer: { actor: 'buyer', action: 'answer_offer', deadline: 'buyer_offer' },
  rejected: { actor: 'buyer', action: 'escalate_or_resubmit', deadline: 'buyer_contest' },
  awaiting_shipment: { actor: 'buyer', action: 'ship', deadline: 'buyer_ship' },
  in_transit: { actor: 'seller', action: 'mark_received', deadline: 'seller_receive' },
  delivered: { actor: 'seller', action: 'inspect', deadline: 'seller_inspect' },
  package_rejected: { actor: 'buyer', action: 'escalate', deadline: 'buyer_contest' },
  disputed: { actor: 'agent', action: 'rule', deadline: null },
  refund_pending: { actor: 'system', action: 'refund', deadline: null },
  refund_failed: { actor: 'agent', action: 'retry_refund', deadline: null },
  refunded: null,
  closed: null,
  cancelled: null,
  appealed: { actor: 'agent', action: 'decide_appeal', deadline: null },
  replacement_pending: {
    actor: 'seller',
    action: 'dispatch_replacement',
    deadline: 'seller_dispatch',
  },
  replacement_shipped: { actor: 'buyer', action: 'confirm_replacement', deadline: 'buyer_confirm' },
} as const satisfies Readonly<
  Record<CaseState, { actor: Role; action: string; deadline: DeadlineName | null } | null>
>;

/** What an agent waiting for evidence waits for (next-action.ts). */
export const SUBMIT_EVIDENCE = 'submit_evidence';

/**
 * What a case waits for next, as answers show it (`next_action.action`): what WAITING names for
 * each state, and SUBMIT_EVIDENCE. Every UI label table is keyed by this list, so a new one
 * cannot reach a screen unnamed.
 */
export type NextActionName =
  | NonNullable<(typeof WAITING)[CaseState]>['action']
  | typeof SUBMIT_EVIDENCE;
export const NEXT_ACTIONS: readonly NextActionName[] = [
  ...new Set(Object.values(WAITING).flatMap((w) => (w ? [w.action] : []))),
  SUBMIT_EVIDENCE,
];

export function findTransition(from: CaseState, command: CommandName): Transition | undefined {
  return TRANSITIONS.find((row) => row.from === from && row.command === command);
}

export function targetOf(row: Transition, c: Pick<ReturnCase, 'type'>): CaseState {
  if (typeof row.to === 'string') return row.to;
  if ('of' in row.to) return row.to.of(c as ReturnCase);
  return (row.to as Readonly<Record<CaseType, CaseState>>)[c.type];
}

/** Whether the role may run the command in some state (else it is never the role's to run). */
export function roleEverRuns(role: Role, command: CommandName): boolean {
  return TRANSITIONS.some((row) => row.command === command && row.actors.includes(role));
}

/** Every command name the table allows the role in the state, before guards. */
export function tableCommands(state: CaseState, role: Role): CommandName[] {
  return TRANSITIONS.filter((row) => row.from === state && row.actors.includes(role)).map(
    (row) => row.command,
  );
}

/** Where the state's deadline leads: 'requested' into 'awaiting_shipment' (or 'refund_pending'). */
export function expiryTarget(c: Pick<ReturnCase, 'state' | 'type'>): CaseState | null {
  const row = findTransition(c.state, 'expire');
  return row ? targetOf(row, c) : null;
}
