// Generated from src/domain by `npm run gen:web-domain` (scripts/generate-web-domain.ts).
// Do not edit: change the domain and run it again. test/web-domain.test.ts fails while this
// file differs from what the domain says.
/* biome-ignore-all format: generated */

/** Every state of a return case. */
export const CASE_STATES = [
  'requested',
  'partial_offer',
  'rejected',
  'awaiting_shipment',
  'in_transit',
  'delivered',
  'package_rejected',
  'disputed',
  'refund_pending',
  'refund_failed',
  'refunded',
  'closed',
  'cancelled',
  'appealed',
  'replacement_pending',
  'replacement_shipped',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The states a case never leaves. */
export const TERMINAL_STATES = [
  'refunded',
  'closed',
  'cancelled',
] as const satisfies readonly CaseState[];

/** Who each state waits for (null: nobody, the case is finished). */
export const WAITING_FOR = {
  requested: 'seller',
  partial_offer: 'buyer',
  rejected: 'buyer',
  awaiting_shipment: 'buyer',
  in_transit: 'seller',
  delivered: 'seller',
  package_rejected: 'buyer',
  disputed: 'agent',
  refund_pending: 'system',
  refund_failed: 'agent',
  refunded: null,
  closed: null,
  cancelled: null,
  appealed: 'agent',
  replacement_pending: 'seller',
  replacement_shipped: 'buyer',
} as const satisfies Record<CaseState, Role | null>;

/** What a case waits for next (`next_action.action` in answers). */
export const NEXT_ACTIONS = [
  'review_request',
  'answer_offer',
  'escalate_or_resubmit',
  'ship',
  'mark_received',
  'inspect',
  'escalate',
  'rule',
  'refund',
  'retry_refund',
  'decide_appeal',
  'dispatch_replacement',
  'confirm_replacement',
  'submit_evidence',
] as const;
export type NextActionName = (typeof NEXT_ACTIONS)[number];

/** The kinds of case. */
export const CASE_TYPES = [
  'return_and_refund',
  'refund_only',
  'replacement',
  'exchange',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** How a closed case ended. */
export const OUTCOMES = [
  'refunded',
  'partially_refunded',
  'rejected',
  'not_shipped',
  'package_rejected',
  'cancelled',
  'ruled_for_seller',
  'replaced',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where a refund is paid. */
export const REFUND_DESTINATIONS = [
  'original_payment',
  'platform_balance',
] as const;
export type RefundDestination = (typeof REFUND_DESTINATIONS)[number];

/** Who acts on a case. */
export const ROLES = [
  'buyer',
  'seller',
  'agent',
  'operator',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** Who caused a return. */
export const FAULTS = [
  'seller',
  'buyer',
] as const;
export type Fault = (typeof FAULTS)[number];

/** The reasons a buyer may give, each with whose fault it is. */
export const REASONS = [
  { code: 'damaged', fault: 'seller' },
  { code: 'defective', fault: 'seller' },
  { code: 'wrong_item', fault: 'seller' },
  { code: 'not_as_described', fault: 'seller' },
  { code: 'missing_parts', fault: 'seller' },
  { code: 'changed_mind', fault: 'buyer' },
  { code: 'wrong_size', fault: 'buyer' },
  { code: 'no_longer_needed', fault: 'buyer' },
] as const satisfies readonly { code: string; fault: Fault }[];
export type ReasonCode = (typeof REASONS)[number]['code'];

/** The reason codes, in the order above. */
export const REASON_CODES = [
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'missing_parts',
  'changed_mind',
  'wrong_size',
  'no_longer_needed',
] as const satisfies readonly ReasonCode[];

/** The reasons that are the seller’s fault. */
export const SELLER_FAULT_REASONS = [
  'damaged',
  'defective',
  'wrong_item',
  'not_as_described',
  'missing_parts',
] as const satisfies readonly ReasonCode[];

/** The reasons that are the buyer’s fault. */
export const BUYER_FAULT_REASONS = [
  'changed_mind',
  'wrong_size',
  'no_longer_needed',
] as const satisfies readonly ReasonCode[];

/** Why a seller may reject a request. */
export const REJECT_REASONS = [
  'no_defect_found',
  'damage_caused_by_buyer',
  'item_used',
  'insufficient_evidence',
  'duplicate_request',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Why a seller may refuse the returned parcel. */
export const PACKAGE_REJECT_REASONS = [
  'empty_package',
  'wrong_item',
  'used_or_damaged',
  'missing_parts',
] as const;
export type PackageRejectReason = (typeof PACKAGE_REJECT_REASONS)[number];

/** The deadlines a return policy sets. */
export const DEADLINE_NAMES = [
  'seller_review',
  'seller_review_after_offer',
  'buyer_offer',
  'buyer_contest',
  'buyer_ship',
  'seller_receive',
  'receiving_extension',
  'seller_inspect',
  'evidence_response',
  'seller_dispatch',
  'buyer_confirm',
] as const;
export type DeadlineName = (typeof DEADLINE_NAMES)[number];
