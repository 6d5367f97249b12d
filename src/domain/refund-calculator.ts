import {
  type CaseLine,
  type CaseType,
  type DecideContext,
  type Order,
  type ReturnCase,
  shipsBack,
} from './case.ts';
import {
  claimedQuantities,
  refundedFromOrder,
  reimbursedPostage,
  returningQuantities,
} from './claims.ts';
import { DomainError, type FieldError, invalid, ok, type Result } from './errors.ts';
import {
  allocateLargestRemainder,
  cumulativeShare,
  isAmount,
  isCurrency,
  MAX_AMOUNT,
  MAX_QUANTITY,
  percentOf,
} from './money.ts';
import type { ReturnPolicy } from './policy.ts';
import type { Fault } from './reasons.ts';

// Rounding rules are written once, in money.ts.

export interface RefundInput {
  order: Order;
  policy: ReturnPolicy;
  type: CaseType;
  fault: Fault;
  lines: CaseLine[];
  /** The order's other cases (for claimed quantities and the order cap). */
  other_cases: readonly ReturnCase[];
  /** The case being priced, skipped in other_cases. */
  case_id?: string;
  /** What the buyer paid the carrier to send the parcel back. */
  return_shipping_cost?: number | null;
  /** The parcel's tracking number: cases of the order shipped under it share one postage. */
  return_tracking_number?: string | null;
  /** Inspection deduction (clamped to the policy maximum). */
  deduction_amount?: number | null;
  /** An accepted partial offer or an agent's ruling: replaces the policy amount. */
  agreed_amount?: number | null;
}

export interface RefundLine {
  order_line_id: string;
  quantity: number;
  /** unit_price × quantity. */
  gross: number;
  /** The returned units' share of line and order discounts. */
  discount: number;
  /** Price after discounts: gross - discount. */
  items: number;
  tax: number;
  total: number;
}

export interface RefundBreakdown {
  currency: string;
  lines: RefundLine[];
  items: number;
  tax: number;
  /** The original delivery charge, refunded when the whole order comes back for a seller fault. */
  original_shipping: number;
  /** Return postage the seller reimburses (up to the policy cap). */
  return_shipping_reimbursement: number;
  restocking_fee: number;
  /** Most the seller may deduct at inspection. */
  max_deduction: number;
  deduction: number;
  /** What the policy refunds: items + tax + shipping + reimbursement - restocking fee. */
  full_amount: number;
  agreed_amount: number | null;
  /** What the buyer paid for the order (goods, tax, delivery). */
  order_paid: number;
  /** What is left of order_paid after the other cases' refunds, before this one. */
  cap_remaining: number;
  /** True when the order cap cut this refund. */
  capped: boolean;
  /** The part of total that repays return postage (not counted against the order cap). */
  reimbursement_in_total: number;
  total: number;
}

/** Price of each order line after its own discount and its share of the order discount. */
export function linePaidAmounts(order: Order): Map<string, number> {
  const nets = order.lines.map((l) => l.unit_price * l.quantity - l.line_discount_amount);
  const shares = allocateLargestRemainder(order.order_discount_amount, nets);
  return new Map(order.lines.map((l, i) => [l.id, (nets[i] ?? 0) - (shares[i] ?? 0)]));
}

/** Everything the buyer paid for the order. */
export function orderPaid(order: Order): number {
  return paidWith(order, linePaidAmounts(order));
}

/** orderPaid from the lines' paid amounts (linePaidAmounts), when the caller has them already. */
function paidWith(order: Order, linesPaid: Map<string, number>): number {
  let sum = order.shipping_amount;
  for (const paid of linesPaid.values()) sum += paid;
  for (const line of order.lines) sum += line.tax_amount;
  return sum;
}

/** Checks the money invariants of an order as ingested; the calculator relies on them. */
export function validateOrder(order: Order): Result<Order> {
  const errors: FieldError[] = [];
  if (!isCurrency(order.currency)) {
    errors.push({ path: 'currency', message: 'must be an ISO 4217 currency code' });
  }
  const tooLarge = `must be at most ${MAX_AMOUNT} minor units`;
  if (!isAmount(order.shipping_amount)) {
    errors.push({ path: 'shipping_amount', message: 'must be a non-negative integer amount' });
  } else if (order.shipping_amount > MAX_AMOUNT) {
    errors.push({ path: 'shipping_amount', message: tooLarge });
  }
  if (order.lines.length === 0) errors.push({ path: 'lines', message: 'must not be empty' });
  const ids = new Set<string>();
  // Checked in bigint: an unchecked price × quantity past 2^53 would already be a float.
  let net = 0n;
  let paid = BigInt(isAmount(order.shipping_amount) ? order.shipping_amount : 0);
  order.lines.forEach((line, i) => {
    const at = (field: string) => `lines[${i}].${field}`;
    if (ids.has(line.id)) errors.push({ path: at('id'), message: 'is a duplicate' });
    ids.add(line.id);
    const quantityOk =
      Number.isSafeInteger(line.quantity) && line.quantity >= 1 && line.quantity <= MAX_QUANTITY;
    if (!quantityOk) {
      errors.push({
        path: at('quantity'),
        message: `must be an integer from 1 to ${MAX_QUANTITY}`,
      });
    }
    let amountsOk = true;
    for (const field of ['unit_price', 'line_discount_amount', 'tax_amount'] as const) {
      if (!isAmount(line[field])) {
        errors.push({ path: at(field), message: 'must be a non-negative integer amount' });
        amountsOk = false;
      } else if (line[field] > MAX_AMOUNT) {
        errors.push({ path: at(field), message: tooLarge });
        amountsOk = false;
      }
    }
    if (!quantityOk || !amountsOk) return;
    const gross = BigInt(line.unit_price) * BigInt(line.quantity);
    if (gross > BigInt(MAX_AMOUNT)) {
      errors.push({ path: at('unit_price'), message: `times the quantity ${tooLarge}` });
      return;
    }
    const lineNet = gross - BigInt(line.line_discount_amount);
    if (lineNet < 0n)
      errors.push({ path: at('line_discount_amount'), message: 'exceeds the line' });
    net += lineNet;
    paid += lineNet + BigInt(line.tax_amount);
  });
  if (paid > BigInt(MAX_AMOUNT)) {
    errors.push({ path: 'lines', message: `the order's total ${tooLarge}` });
  }
  if (!isAmount(order.order_discount_amount) || BigInt(order.order_discount_amount) > net) {
    errors.push({
      path: 'order_discount_amount',
      message: 'must be a non-negative integer amount, at most the lines after their discounts',
    });
  }
  return errors.length > 0 ? invalid(errors) : ok(order);
}

function checkLines(order: Order, lines: readonly CaseLine[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  if (lines.length === 0) errors.push({ path: 'lines', message: 'must not be empty' });
  lines.forEach((line, i) => {
    const orderLine = order.lines.find((l) => l.id === line.order_line_id);
    if (!orderLine || seen.has(line.order_line_id)) {
      errors.push({ path: `lines[${i}].order_line_id`, message: 'must be a distinct order line' });
    } else if (
      !Number.isSafeInteger(line.quantity) ||
      line.quantity < 1 ||
      line.quantity > orderLine.quantity
    ) {
      errors.push({ path: `lines[${i}].quantity`, message: 'must be 1 to the ordered quantity' });
    }
    seen.add(line.order_line_id);
  });
  if (errors.length > 0) {
    throw new DomainError('validation_failed', 'Invalid refund lines', { fields: errors });
  }
}

/** Prices a refund; throws a validation_failed DomainError when the lines do not fit the order. */
export function computeRefund(input: RefundInput): RefundBreakdown {
  const { order, policy, type, fault } = input;
  checkLines(order, input.lines);
  const paid = linePaidAmounts(order);
  const claimed = claimedQuantities(input.other_cases, input.case_id);
  const returning = returningQuantities(input.other_cases, input.case_id);

  const lines: RefundLine[] = input.lines.map(({ order_line_id, quantity }) => {
    const line = order.lines.find((l) => l.id === order_line_id)!;
    // Other cases cannot have claimed more than what leaves room for this one.
    const before = Math.min(claimed.get(order_line_id) ?? 0, line.quantity - quantity);
    const items = cumulativeShare(paid.get(order_line_id) ?? 0, line.quantity, before, quantity);
    const tax = cumulativeShare(line.tax_amount, line.quantity, before, quantity);
    const gross = line.unit_price * quantity;
    return {
      order_line_id,
      quantity,
      gross,
      discount: gross - items,
      items,
      tax,
      total: items + tax,
    };
  });
  const items = lines.reduce((s, l) => s + l.items, 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);

  const wholeOrderBack = order.lines.every((line) => {
    const mine = input.lines.find((l) => l.order_line_id === line.id)?.quantity ?? 0;
    return mine + (returning.get(line.id) ?? 0) >= line.quantity;
  });
  const original_shipping = fault === 'seller' && wholeOrderBack ? order.shipping_amount : 0;

  const sameCurrency = policy.currency === order.currency;
  const cap = sameCurrency ? policy.return_shipping_reimbursement_cap : 0;
  const sellerPaysPostage = shipsBack(type) && policy.return_shipping_payer[fault] === 'seller';
  // One reimbursement per parcel, and all of an order's parcels within the policy's cap: the
  // cost is the buyer's word, so four cases sent in one box (or four boxes) never repay more.
  const postageBefore = reimbursedPostage(
    input.other_cases,
    input.case_id,
    input.return_tracking_number ?? null,
  );
  const return_shipping_reimbursement = sellerPaysPostage
    ? Math.max(
        0,
        Math.min(
          (input.return_shipping_cost ?? 0) - postageBefore.parcel,
          cap - postageBefore.order,
        ),
      )
    : 0;
  // The buyer keeps a refund-only item, so nothing is restocked.
  const restocking_fee =
    shipsBack(type) && fault === 'buyer' ? percentOf(items, policy.restocking_fee_pct) : 0;

  const max_deduction = percentOf(items + tax, policy.max_deduction_pct);
  const deduction = Math.min(input.deduction_amount ?? 0, max_deduction);
  const full_amount = Math.max(
    0,
    items + tax + original_shipping + return_shipping_reimbursement - restocking_fee,
  );
  const agreed_amount = input.agreed_amount ?? null;
  const wanted = agreed_amount ?? Math.max(0, full_amount - deduction);

  const reimbursement_in_total = Math.min(return_shipping_reimbursement, wanted);
  const order_paid = paidWith(order, paid);
  const cap_remaining = Math.max(
    0,
    order_paid - refundedFromOrder(input.other_cases, input.case_id),
  );
  const fromOrder = Math.min(wanted - reimbursement_in_total, cap_remaining);

  return {
    currency: order.currency,
    lines,
    items,
    tax,
    original_shipping,
    return_shipping_reimbursement,
    restocking_fee,
    max_deduction,
    deduction,
    full_amount,
    agreed_amount,
    order_paid,
    cap_remaining,
    capped: fromOrder < wanted - reimbursement_in_total,
    reimbursement_in_total,
    total: fromOrder + reimbursement_in_total,
  };
}

/**
 * Prices a case with its order and the order's other cases: the full policy refund, or an
 * agreed amount, or the policy refund less an inspection deduction. The refund preview.
 */
export function refundForCase(
  c: ReturnCase,
  ctx: Pick<DecideContext, 'order' | 'policy' | 'other_cases'>,
  terms: { agreed_amount?: number | null; deduction_amount?: number | null } = {},
): RefundBreakdown {
  return computeRefund({
    order: ctx.order,
    policy: ctx.policy,
    type: c.type,
    fault: c.fault,
    lines: c.lines,
    other_cases: ctx.other_cases.filter((o) => o.order_id === c.order_id),
    case_id: c.id,
    return_shipping_cost: c.shipment?.shipping_cost ?? null,
    return_tracking_number: c.shipment?.tracking_number ?? null,
    deduction_amount: terms.deduction_amount ?? null,
    agreed_amount: terms.agreed_amount ?? null,
  });
}
