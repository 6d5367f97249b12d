import type { CaseState, ReturnCase } from './case.ts';

// How the cases of one order share its quantities and its money.

/**
 * Quantity each order line has committed to cases. A withdrawn case, or one the buyer never
 * shipped, gives its quantity back (the buyer may ask again inside the window); a case closed
 * by a decision (rejected, package rejected, ruled for the seller) keeps it, so a decided
 * return cannot be filed again.
 */
export function claimedQuantities(
  cases: readonly ReturnCase[],
  skipId?: string,
): Map<string, number> {
  return sumLines(
    cases.filter(
      (c) =>
        c.id !== skipId &&
        c.state !== 'cancelled' &&
        !(c.state === 'closed' && c.outcome === 'not_shipped'),
    ),
  );
}

/** Quantity coming back or refunded: open cases and refunded ones (not closed or cancelled). */
export function returningQuantities(
  cases: readonly ReturnCase[],
  skipId?: string,
): Map<string, number> {
  return sumLines(
    cases.filter((c) => c.id !== skipId && c.state !== 'closed' && c.state !== 'cancelled'),
  );
}

const REFUNDING: readonly CaseState[] = ['refund_pending', 'refund_failed', 'refunded'];

/**
 * Money already promised or paid from the order by other cases. The return-postage
 * reimbursement is left out: it repays the carrier, not the order.
 */
export function refundedFromOrder(cases: readonly ReturnCase[], skipId?: string): number {
  let sum = 0;
  for (const c of cases) {
    if (c.id === skipId || !REFUNDING.includes(c.state)) continue;
    sum += (c.refund_amount ?? 0) - (c.refund_shipping_reimbursement ?? 0);
  }
  return sum;
}

/**
 * Return postage already promised or paid by other cases of the order: in all, and for the parcel
 * with this tracking number (cases of one order shipped together share one parcel's postage).
 */
export function reimbursedPostage(
  cases: readonly ReturnCase[],
  skipId: string | undefined,
  trackingNumber: string | null,
): { order: number; parcel: number } {
  let order = 0;
  let parcel = 0;
  for (const c of cases) {
    if (c.id === skipId || !REFUNDING.includes(c.state)) continue;
    const reimbursed = c.refund_shipping_reimbursement ?? 0;
    order += reimbursed;
    if (trackingNumber !== null && c.shipment?.tracking_number === trackingNumber) {
      parcel += reimbursed;
    }
  }
  return { order, parcel };
}

function sumLines(cases: readonly ReturnCase[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const c of cases) {
    for (const line of c.lines) {
      totals.set(line.order_line_id, (totals.get(line.order_line_id) ?? 0) + line.quantity);
    }
  }
  return totals;
}
