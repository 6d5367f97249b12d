import type { SellerCalendar } from './calendar.ts';
import type { ReturnPolicy } from './policy.ts';
import type { Fault, PackageRejectReason, ReasonCode, RejectReason } from './reasons.ts';
import type { RefundBreakdown } from './refund-calculator.ts';

export const CASE_TYPES = ['return_and_refund', 'refund_only', 'replacement', 'exchange'] as const;

/** Case types whose items go back to the seller (all but a refund without return). */
export const shipsBack = (type: CaseType): boolean => type !== 'refund_only';
/** Case types settled with goods, not money: the seller sends another unit or variant. */
export const isReplacement = (type: CaseType): boolean =>
  type === 'replacement' || type === 'exchange';
export type CaseType = (typeof CASE_TYPES)[number];

export type CaseState =
  | 'requested'
  | 'partial_offer'
  | 'rejected'
  | 'awaiting_shipment'
  | 'in_transit'
  | 'delivered'
  | 'package_rejected'
  | 'disputed'
  | 'refund_pending'
  | 'refund_failed'
  | 'refunded'
  | 'closed'
  | 'cancelled'
  | 'appealed'
  | 'replacement_pending'
  | 'replacement_shipped';

export const CASE_STATES: readonly CaseState[] = [
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
];

export const TERMINAL_STATES: readonly CaseState[] = ['refunded', 'closed', 'cancelled'];

export type Role = 'buyer' | 'seller' | 'agent' | 'operator' | 'system';

export const ROLES: readonly Role[] = ['buyer', 'seller', 'agent', 'operator', 'system'];

export interface Actor {
  role: Role;
  /** The user id, or 'system'. */
  id: string;
}

/** How a case ended: set when it enters a terminal state. */
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

export const REFUND_DESTINATIONS = ['original_payment', 'platform_balance'] as const;
export type RefundDestination = (typeof REFUND_DESTINATIONS)[number];

export interface CaseLine {
  order_line_id: string;
  quantity: number;
}

export interface Shipment {
  carrier: string;
  tracking_number: string;
  /**
   * Whether the number passed the carrier's own check (its check digits); false for a carrier
   * whose numbers can only be checked for shape; null on cases shipped before it was recorded.
   */
  tracking_verified: boolean | null;
  /** What the buyer paid the carrier, in the case currency; reimbursed per policy. */
  shipping_cost: number | null;
  shipped_at: Date;
  delivered_at: Date | null;
  last_tracking_at: Date | null;
  lost: boolean;
}

export interface Rejection<R extends string> {
  reason: R;
  note: string;
  attachment_ids: string[];
  at: Date;
}

export interface Dispute {
  opened_from: CaseState;
  opened_at: Date;
  opened_by: string;
  note: string;
}

export interface EvidenceRequest {
  from: 'buyer' | 'seller';
  note: string;
  requested_at: Date;
  due_at: Date;
}

/** The case row as the app stores it (snake_case; JSON-serialisable apart from Dates). */
/**
 * Where the buyer sends the parcel: the shop's return address for the buyer's country, copied into
 * the case when it is approved (later edits to the shop's addresses do not change it).
 */
export interface ReturnAddress {
  id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone: string | null;
  instructions: string | null;
}

export const DISPOSITIONS = ['resellable', 'damaged', 'destroy'] as const;
export type DispositionKind = (typeof DISPOSITIONS)[number];

/** What the seller does with returned units of a line, recorded at inspection. */
export interface Disposition {
  order_line_id: string;
  sku: string;
  quantity: number;
  disposition: DispositionKind;
}

/** Where an order was delivered, as the marketplace gave it: a label's origin. */
export type DeliveryAddress = Omit<ReturnAddress, 'id' | 'instructions'>;

/** A prepaid return label the shop pays for: asked for at approval, bought by the label worker. */
export interface CaseLabel {
  status: 'requested' | 'purchased' | 'failed';
  provider: string | null;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  /** What the postage cost the seller, in minor units of `currency`. */
  cost: number | null;
  currency: string | null;
  /** The provider's reason when the purchase failed. */
  error: string | null;
  at: Date;
}

/** A ruling, or an automatic refund for the seller's silence: what the losing party may appeal. */
export interface Decision {
  by: 'agent' | 'system';
  /** The agent who ruled (another agent decides an appeal); null for the system. */
  agent_id: string | null;
  at: Date;
  loser: 'buyer' | 'seller';
}

/** The one appeal a decision allows, and how it ended. */
export interface Appeal {
  by: 'buyer' | 'seller';
  by_id: string;
  note: string;
  attachment_ids: string[];
  opened_at: Date;
  /** The state the appeal was made from (refunded or closed). */
  from: CaseState;
  decision: 'upheld' | 'overturned' | null;
  decided_by: string | null;
  decided_at: Date | null;
  /** What the platform paid the seller when it overturned a refund (never taken from the buyer). */
  compensation: number | null;
}

export interface ExchangeChoice {
  order_line_id: string;
  sku: string;
  title: string;
  unit_price: number;
  /** (ordered unit price - variant price) × quantity: refunded when the variant arrives. */
  difference: number;
}

export interface ReplacementShipment {
  carrier: string;
  tracking_number: string;
  dispatched_at: Date;
  delivered_at: Date | null;
}

export interface ReturnCase {
  id: string;
  type: CaseType;
  state: CaseState;
  /** Increments on every event applied; the app's optimistic-concurrency check. */
  version: number;
  order_id: string;
  buyer_id: string;
  seller_id: string;
  currency: string;
  reason: ReasonCode;
  fault: Fault;
  description: string;
  attachment_ids: string[];
  lines: CaseLine[];
  refund_destination: RefundDestination;
  /** The deadline of the current waiting state; null when nothing waits on a deadline. */
  due_at: Date | null;
  outcome: Outcome | null;
  resubmit_count: number;
  receiving_extended: boolean;
  offers_made: number;
  /** The open partial-refund offer, or the accepted one. */
  offer_amount: number | null;
  deduction_amount: number | null;
  /** Set when the case enters refund_pending: what will be (or was) refunded. */
  refund_amount: number | null;
  /** What the policy would have refunded in full; refund_amount below it is a partial refund. */
  refund_full_amount: number | null;
  /** The part of refund_amount that repays the buyer's return postage (outside the order cap). */
  refund_shipping_reimbursement: number | null;
  refund_breakdown: RefundBreakdown | null;
  refund_failure: string | null;
  shipment: Shipment | null;
  /** Snapshot of the shop's return address at approval; null before, or when the shop had none. */
  return_address: ReturnAddress | null;
  label: CaseLabel | null;
  /** The shop's policy version its latest decision was made under (each event records its own). */
  policy_version: number | null;
  /** Refunded without a return: the buyer keeps the item (a returnless-refund rule). */
  keeps_item: boolean;
  /** Per returned line, what the seller does with the units (recorded at inspection). */
  dispositions: Disposition[];
  /** The ruling or automatic refund the losing party may appeal. */
  decided: Decision | null;
  appeal: Appeal | null;
  /** An exchange: the variant asked for, and the price difference refunded once it arrives. */
  exchange: ExchangeChoice | null;
  /** The replacement (or exchanged variant) the seller sent. */
  replacement: ReplacementShipment | null;
  received_at: Date | null;
  rejection: Rejection<RejectReason> | null;
  package_rejection: Rejection<PackageRejectReason> | null;
  dispute: Dispute | null;
  evidence_request: EvidenceRequest | null;
  ruling: { for: 'buyer' | 'seller'; by: string; note: string; amount: number | null } | null;
  created_at: Date;
  updated_at: Date;
}

export interface DomainEvent {
  /** 'return.requested', 'return.approved', 'return.refund_pending', ... */
  type: string;
  actor: Actor;
  at: Date;
  /**
   * JSON-safe: instants are ISO 8601 strings. An event that moves the case carries `to`
   * (and `due_at`, `outcome` when they apply); evolve needs nothing else.
   */
  payload: Record<string, unknown>;
}

export interface OrderLine {
  id: string;
  sku: string;
  title: string;
  category: string;
  quantity: number;
  unit_price: number;
  line_discount_amount: number;
  /** Tax for the whole line quantity. */
  tax_amount: number;
  /** The marketplace's stock signal for this SKU (undefined: not known). */
  in_stock?: boolean;
  /** Other variants of the same listing a buyer may exchange for. */
  variants?: LineVariant[];
}

/** A variant of an order line's listing, as the marketplace reports it at ingest. */
export interface LineVariant {
  sku: string;
  title: string;
  unit_price: number;
  in_stock: boolean;
}

export interface Order {
  id: string;
  seller_id: string;
  buyer_id: string;
  currency: string;
  placed_at: Date;
  delivered_at: Date | null;
  shipping_amount: number;
  /** Order-level discounts, shared across lines by largest remainder. */
  order_discount_amount: number;
  lines: OrderLine[];
}

/** Everything decide needs besides the case; the app loads it, the domain never fetches. */
export interface DecideContext {
  policy: ReturnPolicy;
  calendar: SellerCalendar;
  order: Order;
  /** The order's other cases (the case itself may be included; it is skipped by id). */
  other_cases: ReturnCase[];
  /** The shop's return address for this order's buyer (by country, else the default). */
  return_address?: ReturnAddress | null;
  /** The version of `policy`: every event decided with it records it. */
  policy_version?: number;
  /** What automatic decisions need to know of the buyer (loaded only when a rule could use it). */
  buyer?: BuyerStanding;
}

/** The buyer's record as automatic decisions read it. */
export interface BuyerStanding {
  /** Returnless refunds at this shop within the policy's returnless_limit.days. */
  returnless_refunds_in_window: number;
  /** Over the platform's abuse threshold: no automatic approval, no returnless refund. */
  flagged: boolean;
}

export interface RequestInput {
  /** Minted by the app. */
  id: string;
  order_id: string;
  type: CaseType;
  reason: ReasonCode;
  description: string;
  lines: CaseLine[];
  refund_destination: RefundDestination;
  attachment_ids?: string[];
  /** Exchanges: the variant (SKU) of the returned line's listing asked for instead. */
  exchange_sku?: string;
}

export type CommandName =
  | 'request'
  | 'auto_approve'
  | 'accept_offer'
  | 'decline_offer'
  | 'resubmit'
  | 'ship'
  | 'withdraw'
  | 'escalate'
  | 'submit_evidence'
  | 'approve'
  | 'reject'
  | 'offer_partial_refund'
  | 'extend_receiving'
  | 'mark_received'
  | 'dispute_receipt'
  | 'accept_package'
  | 'reject_package'
  | 'record_tracking'
  | 'carrier_delivered'
  | 'report_lost'
  | 'expire'
  | 'refund_succeeded'
  | 'refund_failed'
  | 'request_evidence'
  | 'rule_for_buyer'
  | 'rule_for_seller'
  | 'retry_refund'
  | 'attach_label'
  | 'label_failed'
  | 'request_label'
  | 'label_scanned'
  | 'refund_returnless'
  | 'appeal'
  | 'uphold_appeal'
  | 'overturn_appeal'
  | 'approve_as_refund'
  | 'dispatch_replacement'
  | 'replacement_unavailable'
  | 'confirm_replacement';

export const COMMAND_NAMES: readonly CommandName[] = [
  'request',
  'auto_approve',
  'accept_offer',
  'decline_offer',
  'resubmit',
  'ship',
  'withdraw',
  'escalate',
  'submit_evidence',
  'approve',
  'reject',
  'offer_partial_refund',
  'extend_receiving',
  'mark_received',
  'dispute_receipt',
  'accept_package',
  'reject_package',
  'record_tracking',
  'carrier_delivered',
  'report_lost',
  'expire',
  'refund_succeeded',
  'refund_failed',
  'request_evidence',
  'rule_for_buyer',
  'rule_for_seller',
  'retry_refund',
  'attach_label',
  'label_failed',
  'request_label',
  'label_scanned',
  'refund_returnless',
  'appeal',
  'uphold_appeal',
  'overturn_appeal',
  'approve_as_refund',
  'dispatch_replacement',
  'replacement_unavailable',
  'confirm_replacement',
];

type Note = { note?: string };
type Evidence = { attachment_ids?: string[] };

export type Command =
  | ({ name: 'request' } & Omit<RequestInput, 'id'>)
  | { name: 'auto_approve' }
  | { name: 'accept_offer' }
  | ({ name: 'decline_offer' } & Note)
  | ({ name: 'resubmit'; description: string; reason?: ReasonCode } & Evidence)
  | {
      name: 'ship';
      carrier: string;
      tracking_number: string;
      shipping_cost?: number;
      /** Set by the app from the carrier check, never by the buyer. */
      tracking_verified?: boolean;
    }
  | ({ name: 'withdraw' } & Note)
  | ({ name: 'escalate'; note: string } & Evidence)
  | ({ name: 'submit_evidence'; note: string } & Evidence)
  | ({ name: 'approve' } & Note)
  | ({ name: 'reject'; reason: RejectReason; note: string } & Evidence)
  | ({ name: 'offer_partial_refund'; amount: number } & Note)
  | ({ name: 'extend_receiving' } & Note)
  | { name: 'mark_received' }
  | ({ name: 'dispute_receipt'; note: string } & Evidence)
  | ({
      name: 'accept_package';
      deduction_amount?: number;
      dispositions?: Omit<Disposition, 'sku'>[];
    } & Note &
      Evidence)
  | { name: 'reject_package'; reason: PackageRejectReason; note: string; attachment_ids: string[] }
  | { name: 'record_tracking'; at?: Date; status?: string }
  | { name: 'carrier_delivered'; delivered_at?: Date }
  | { name: 'report_lost' }
  | { name: 'expire' }
  | { name: 'refund_succeeded'; refund_id?: string }
  | { name: 'refund_failed'; error?: string }
  | { name: 'request_evidence'; from: 'buyer' | 'seller'; note: string }
  | { name: 'rule_for_buyer'; amount?: number; note: string }
  | { name: 'rule_for_seller'; note: string }
  | ({ name: 'retry_refund'; destination?: RefundDestination } & Note)
  | {
      name: 'attach_label';
      provider: string;
      carrier: string;
      service: string;
      tracking_number: string;
      cost: number;
      currency: string;
    }
  | { name: 'label_failed'; error: string }
  | ({ name: 'request_label' } & Note)
  /** The carrier scanned the prepaid label's parcel: the case ships by itself. */
  | { name: 'label_scanned'; at?: Date }
  /** A returnless-refund rule matched: refunded at once, the buyer keeps the item. */
  | { name: 'refund_returnless' }
  | ({ name: 'appeal'; note: string } & Evidence)
  | { name: 'uphold_appeal'; note: string }
  | { name: 'overturn_appeal'; note: string }
  /** The seller refunds instead of replacing: the case becomes a return and refund. */
  | ({ name: 'approve_as_refund' } & Note)
  | { name: 'dispatch_replacement'; carrier: string; tracking_number: string }
  /** Out of stock: the case converts to a refund. */
  | ({ name: 'replacement_unavailable' } & Note)
  | { name: 'confirm_replacement'; delivered_at?: Date };

export type CommandOf<N extends CommandName> = Extract<Command, { name: N }>;
