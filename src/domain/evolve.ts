import type {
  CaseLabel,
  CaseLine,
  CaseState,
  CaseType,
  Disposition,
  DomainEvent,
  EvidenceRequest,
  ExchangeChoice,
  Outcome,
  RefundDestination,
  ReturnAddress,
  ReturnCase,
  Shipment,
} from './case.ts';
import type { PackageRejectReason, ReasonCode, RejectReason } from './reasons.ts';
import type { RefundBreakdown } from './refund-calculator.ts';

// evolve folds one event into the case. It trusts the event (decide already checked it) and
// reads only the event: instants in payloads are ISO strings, so an event read back from a
// jsonb column folds exactly like the one decide returned.

function date(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value as string);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function ids(value: unknown): string[] {
  return Array.isArray(value) ? [...(value as string[])] : [];
}

function amount(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The case a 'return.requested' event creates. */
export function startCase(e: DomainEvent): ReturnCase {
  const p = e.payload;
  return {
    id: text(p.id),
    type: p.type as CaseType,
    state: 'requested',
    version: 1,
    order_id: text(p.order_id),
    buyer_id: text(p.buyer_id),
    seller_id: text(p.seller_id),
    currency: text(p.currency),
    reason: p.reason as ReasonCode,
    fault: p.fault as ReturnCase['fault'],
    description: text(p.description),
    attachment_ids: ids(p.attachment_ids),
    lines: (p.lines as CaseLine[]).map((l) => ({ ...l })),
    refund_destination: p.refund_destination as RefundDestination,
    due_at: date(p.due_at),
    outcome: null,
    resubmit_count: 0,
    receiving_extended: false,
    offers_made: 0,
    offer_amount: null,
    deduction_amount: null,
    refund_amount: null,
    refund_full_amount: null,
    refund_shipping_reimbursement: null,
    refund_breakdown: null,
    refund_failure: null,
    shipment: null,
    return_address: null,
    label: null,
    policy_version: typeof p.policy_version === 'number' ? p.policy_version : null,
    keeps_item: false,
    dispositions: [],
    decided: null,
    appeal: null,
    exchange: (p.exchange as ExchangeChoice | null | undefined) ?? null,
    replacement: null,
    received_at: null,
    rejection: null,
    package_rejection: null,
    dispute: null,
    evidence_request: null,
    ruling: null,
    created_at: e.at,
    updated_at: e.at,
  };
}

function requestedLabel(at: Date): CaseLabel {
  return {
    status: 'requested',
    provider: null,
    carrier: null,
    service: null,
    tracking_number: null,
    cost: null,
    currency: null,
    error: null,
    at,
  };
}

function shipment(c: ReturnCase, patch: Partial<Shipment>): Shipment {
  if (!c.shipment) throw new RangeError(`case ${c.id} has no shipment`);
  return { ...c.shipment, ...patch };
}

/** Applies one event. `evolve(null, requestedEvent)` starts a case, so a log replays with reduce. */
export function evolve(c: ReturnCase | null, e: DomainEvent): ReturnCase {
  if (e.type === 'return.requested') return startCase(e);
  if (c === null) throw new RangeError(`${e.type} cannot start a case`);
  const p = e.payload;
  const next: ReturnCase = { ...c, version: c.version + 1, updated_at: e.at };
  if (typeof p.policy_version === 'number') next.policy_version = p.policy_version;
  if (typeof p.to === 'string') {
    next.state = p.to as CaseState;
    next.due_at = date(p.due_at);
    if (typeof p.outcome === 'string') next.outcome = p.outcome as Outcome;
  }
  switch (e.type) {
    case 'return.approved':
    case 'return.auto_approved':
      if (p.to === 'awaiting_shipment') {
        next.return_address = (p.return_address as ReturnAddress | null | undefined) ?? null;
        next.label = p.label === 'requested' ? requestedLabel(e.at) : null;
      }
      break;
    case 'return.returnless_refund_approved':
      next.keeps_item = true;
      break;
    case 'return.label_requested':
      next.label = requestedLabel(e.at);
      break;
    case 'return.label_purchased':
      next.label = {
        status: 'purchased',
        provider: text(p.provider),
        carrier: text(p.carrier),
        service: text(p.service),
        tracking_number: text(p.tracking_number),
        cost: amount(p.cost),
        currency: text(p.currency),
        error: null,
        at: e.at,
      };
      break;
    case 'return.label_failed':
      next.label = { ...requestedLabel(e.at), status: 'failed', error: text(p.error) };
      break;
    case 'return.offer_accepted':
    case 'return.withdrawn':
    case 'return.contest_expired':
    case 'return.shipment_expired':
      break;
    case 'return.receiving_expired':
    case 'return.inspection_expired':
      // Refunded for the seller's silence: the seller may appeal it.
      next.decided = { by: 'system', agent_id: null, at: e.at, loser: 'seller' };
      break;
    case 'return.approved_as_refund':
      next.type = 'return_and_refund';
      next.exchange = null;
      break;
    case 'return.replacement_dispatched':
      next.replacement = {
        carrier: text(p.carrier),
        tracking_number: text(p.tracking_number),
        dispatched_at: e.at,
        delivered_at: null,
      };
      break;
    case 'return.replacement_unavailable':
    case 'return.replacement_dispatch_expired':
      break;
    case 'return.replacement_received':
    case 'return.replacement_confirmed_by_deadline':
      if (c.replacement) {
        next.replacement = { ...c.replacement, delivered_at: date(p.delivered_at) ?? e.at };
      }
      break;
    case 'return.appealed':
      next.appeal = {
        by: e.actor.role as 'buyer' | 'seller',
        by_id: e.actor.id,
        note: text(p.note),
        attachment_ids: ids(p.attachment_ids),
        opened_at: e.at,
        from: p.from as CaseState,
        decision: null,
        decided_by: null,
        decided_at: null,
        compensation: null,
      };
      break;
    case 'return.appeal_upheld':
    case 'return.appeal_overturned':
      if (c.appeal) {
        next.appeal = {
          ...c.appeal,
          decision: e.type === 'return.appeal_upheld' ? 'upheld' : 'overturned',
          decided_by: e.actor.id,
          decided_at: e.at,
          compensation: amount(p.compensation),
        };
      }
      break;
    case 'return.refunded':
    case 'return.refund_retried':
      break;
    case 'return.rejected':
      next.rejection = {
        reason: p.reason as RejectReason,
        note: text(p.note),
        attachment_ids: ids(p.attachment_ids),
        at: e.at,
      };
      break;
    case 'return.partial_refund_offered':
      next.offers_made = c.offers_made + 1;
      next.offer_amount = amount(p.amount);
      break;
    case 'return.offer_declined':
    case 'return.offer_expired':
      next.offer_amount = null;
      break;
    case 'return.resubmitted':
      next.resubmit_count = c.resubmit_count + 1;
      next.description = text(p.description);
      next.reason = p.reason as ReasonCode;
      next.fault = p.fault as ReturnCase['fault'];
      next.attachment_ids = ids(p.attachment_ids);
      next.rejection = null;
      break;
    case 'return.escalated':
    case 'return.receipt_disputed':
      next.dispute = {
        opened_from: c.state,
        opened_at: e.at,
        opened_by: e.actor.id,
        note: text(p.note),
      };
      break;
    case 'return.shipped':
      next.shipment = {
        carrier: text(p.carrier),
        tracking_number: text(p.tracking_number),
        tracking_verified: typeof p.tracking_verified === 'boolean' ? p.tracking_verified : null,
        shipping_cost: amount(p.shipping_cost),
        shipped_at: e.at,
        delivered_at: null,
        last_tracking_at: null,
        lost: false,
      };
      break;
    case 'return.tracking_updated':
      next.shipment = shipment(c, { last_tracking_at: date(p.tracked_at) });
      break;
    case 'return.parcel_lost':
      next.shipment = shipment(c, { lost: true });
      break;
    case 'return.parcel_delivered':
      next.shipment = shipment(c, { delivered_at: date(p.delivered_at), lost: false });
      break;
    case 'return.received':
      next.received_at = e.at;
      break;
    case 'return.receiving_extended':
      next.receiving_extended = true;
      next.due_at = date(p.due_at);
      break;
    case 'return.package_accepted':
      next.dispositions = Array.isArray(p.dispositions) ? (p.dispositions as Disposition[]) : [];
      next.deduction_amount = amount(p.deduction_amount);
      break;
    case 'return.package_rejected':
      next.package_rejection = {
        reason: p.reason as PackageRejectReason,
        note: text(p.note),
        attachment_ids: ids(p.attachment_ids),
        at: e.at,
      };
      break;
    case 'return.evidence_requested': {
      const request: EvidenceRequest = {
        from: p.from as EvidenceRequest['from'],
        note: text(p.note),
        requested_at: e.at,
        due_at: date(p.due_at) as Date,
      };
      next.evidence_request = request;
      next.due_at = request.due_at;
      break;
    }
    case 'return.evidence_submitted':
      if (p.answers_request === true) {
        next.evidence_request = null;
        next.due_at = null;
      }
      break;
    case 'return.evidence_request_lapsed':
      next.evidence_request = null;
      next.due_at = null;
      break;
    case 'return.ruled_for_buyer':
    case 'return.ruled_for_seller':
      next.ruling = {
        for: e.type === 'return.ruled_for_buyer' ? 'buyer' : 'seller',
        by: e.actor.id,
        note: text(p.note),
        amount: amount(p.amount),
      };
      next.decided = {
        by: 'agent',
        agent_id: e.actor.id,
        at: e.at,
        loser: e.type === 'return.ruled_for_buyer' ? 'seller' : 'buyer',
      };
      break;
    case 'return.refund_pending':
      next.refund_amount = amount(p.amount);
      next.refund_full_amount = amount(p.full_amount);
      next.refund_shipping_reimbursement = amount(p.shipping_reimbursement);
      next.refund_breakdown = (p.breakdown as RefundBreakdown | null) ?? null;
      next.refund_destination = p.destination as RefundDestination;
      next.refund_failure = null;
      break;
    case 'return.refund_failed':
      next.refund_failure = text(p.error) || 'refund failed';
      break;
    default:
      throw new RangeError(`Unknown event type: ${e.type}`);
  }
  // A label still being bought when the case moves on (the buyer shipped it themselves, withdrew,
  // or let the deadline pass) will not be: the case no longer waits for it.
  if (next.label?.status === 'requested' && next.state !== 'awaiting_shipment') next.label = null;
  return next;
}
