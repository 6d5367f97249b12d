import type { Db } from '../db/database.ts';
import {
  findOrder,
  findOrderIdByExternalId,
  insertOrder,
  type StoredOrder,
  setOrderDelivered,
} from '../db/orders.ts';
import { findSeller, findUserById } from '../db/users.ts';
import {
  type DeliveryAddress,
  isCurrency,
  type Order,
  orderPaid,
  validateOrder,
} from '../domain/index.ts';
import { AppError, type FieldProblem } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';
import { addressProblems, type DeliveryAddressInput } from './return-addresses.ts';

function deliveryAddress(a: DeliveryAddressInput): DeliveryAddress {
  const orNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return {
    name: a.name.trim(),
    line1: a.line1.trim(),
    line2: orNull(a.line2),
    city: a.city.trim(),
    region: orNull(a.region),
    postal_code: a.postal_code.trim(),
    country: a.country,
    phone: orNull(a.phone),
  };
}

export interface IngestOrderInput {
  external_id: string;
  seller_id: string;
  buyer_id: string;
  currency: string;
  placed_at: Date;
  delivered_at?: Date | null | undefined;
  shipping_amount: number;
  order_discount_amount?: number | undefined;
  payment_reference: string;
  ship_to?: DeliveryAddressInput | undefined;
  lines: {
    sku: string;
    title: string;
    category: string;
    quantity: number;
    unit_price: number;
    line_discount_amount?: number | undefined;
    tax_amount?: number | undefined;
    in_stock?: boolean | undefined;
    variants?: { sku: string; title: string; unit_price: number; in_stock: boolean }[] | undefined;
  }[];
}

/**
 * What a second hand-over of an order id says differently from the order stored under it, as
 * request fields: who sold and bought it, when, the money and the lines (their titles, categories,
 * stock and address may be restated). Empty when it is the same order.
 */
function restatedDifferently(stored: StoredOrder, input: IngestOrderInput): FieldProblem[] {
  const differs: FieldProblem[] = [];
  const other = (path: string) => differs.push({ path, message: 'differs from the order stored' });
  if (stored.seller_id !== input.seller_id) other('body.seller_id');
  if (stored.buyer_id !== input.buyer_id) other('body.buyer_id');
  if (stored.currency !== input.currency) other('body.currency');
  if (stored.placed_at.getTime() !== input.placed_at.getTime()) other('body.placed_at');
  if (stored.shipping_amount !== input.shipping_amount) other('body.shipping_amount');
  if (stored.order_discount_amount !== (input.order_discount_amount ?? 0)) {
    other('body.order_discount_amount');
  }
  if (stored.payment_reference !== input.payment_reference) other('body.payment_reference');
  const line = (l: {
    sku: string;
    quantity: number;
    unit_price: number;
    line_discount_amount?: number | undefined;
    tax_amount?: number | undefined;
  }) =>
    JSON.stringify([
      l.sku,
      l.quantity,
      l.unit_price,
      l.line_discount_amount ?? 0,
      l.tax_amount ?? 0,
    ]);
  const storedLines = stored.lines.map(line).sort();
  const givenLines = input.lines.map(line).sort();
  if (storedLines.join('\n') !== givenLines.join('\n')) other('body.lines');
  return differs;
}

/**
 * The marketplace hands over an order. Idempotent on its own order id: sending the same order
 * again returns the stored one, and may only fill in `delivered_at` once the parcel arrives. The
 * same order id with other parties, money or lines is a conflict (409), never the stored order
 * answered as if it were the one sent.
 */
export async function ingestOrder(
  db: Db,
  principal: Principal,
  input: IngestOrderInput,
  now: Date,
): Promise<{ order: StoredOrder; created: boolean }> {
  if (principal.role !== 'operator')
    throw new AppError('forbidden', 'Only operators ingest orders.');
  const existingId = await findOrderIdByExternalId(db, input.external_id);
  if (existingId) return handedOverAgain(db, existingId, input);

  const fields: FieldProblem[] = [];
  if (!isCurrency(input.currency)) {
    fields.push({ path: 'body.currency', message: 'not an ISO 4217 currency code' });
  }
  const seller = await findSeller(db, input.seller_id);
  if (!seller) fields.push({ path: 'body.seller_id', message: 'no such seller' });
  const buyer = await findUserById(db, input.buyer_id);
  if (buyer?.role !== 'buyer') {
    fields.push({ path: 'body.buyer_id', message: 'no such buyer' });
  }
  if (input.ship_to) fields.push(...addressProblems(input.ship_to, 'body.ship_to'));
  if (input.delivered_at && input.delivered_at < input.placed_at) {
    fields.push({ path: 'body.delivered_at', message: 'is before placed_at' });
  }
  // The domain checks the money (integers within MAX_AMOUNT, discounts within their lines) and
  // totals it, exactly: this layer only names the fields as the request has them.
  const orderDiscount = input.order_discount_amount ?? 0;
  const lineIds = input.lines.map(() => newId('lin', now));
  const order: Order = {
    id: 'ord_new',
    seller_id: input.seller_id,
    buyer_id: input.buyer_id,
    currency: input.currency,
    placed_at: input.placed_at,
    delivered_at: input.delivered_at ?? null,
    shipping_amount: input.shipping_amount,
    order_discount_amount: orderDiscount,
    lines: input.lines.map((line, i) => ({
      id: lineIds[i]!,
      sku: line.sku,
      title: line.title,
      category: line.category,
      quantity: line.quantity,
      unit_price: line.unit_price,
      line_discount_amount: line.line_discount_amount ?? 0,
      tax_amount: line.tax_amount ?? 0,
    })),
  };
  const checked = validateOrder(order);
  if (!checked.ok) {
    for (const field of checked.error.details.fields ?? []) {
      if (field.path === 'currency') continue; // named above
      fields.push({
        path: `body.${field.path.replace(/\[(\d+)\]/g, '.$1')}`,
        message: field.message,
      });
    }
  }
  if (fields.length)
    throw new AppError('validation_failed', 'Some fields are invalid.', { fields });

  const total = orderPaid(order);
  const id = newId('ord', now);
  const inserted = await insertOrder(
    db,
    {
      id,
      externalId: input.external_id,
      sellerId: input.seller_id,
      buyerId: input.buyer_id,
      currency: input.currency,
      placedAt: input.placed_at,
      deliveredAt: input.delivered_at ?? null,
      shippingAmount: input.shipping_amount,
      orderDiscountAmount: orderDiscount,
      totalPaid: total,
      paymentReference: input.payment_reference,
      shipTo: input.ship_to ? deliveryAddress(input.ship_to) : null,
      createdAt: now,
    },
    input.lines.map((line, position) => ({
      id: lineIds[position]!,
      orderId: id,
      position,
      sku: line.sku,
      title: line.title,
      category: line.category,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      lineDiscountAmount: line.line_discount_amount ?? 0,
      taxAmount: line.tax_amount ?? 0,
      inStock: line.in_stock ?? null,
      variants: line.variants ?? null,
    })),
  );
  // Handed over at the same time by another request, which stored it first: the same checks as
  // if it had come before (another order under this id is a conflict, not this one's answer).
  if (!inserted) {
    const winner = (await findOrderIdByExternalId(db, input.external_id))!;
    return handedOverAgain(db, winner, input);
  }
  return { order: (await findOrder(db, id))!, created: true };
}

/**
 * An order id stored before: the stored order when the hand-over restates it (filling in
 * `delivered_at` once), a conflict when it says something else.
 */
async function handedOverAgain(
  db: Db,
  existingId: string,
  input: IngestOrderInput,
): Promise<{ order: StoredOrder; created: false }> {
  const existing = (await findOrder(db, existingId))!;
  const differs = restatedDifferently(existing, input);
  if (differs.length) {
    throw new AppError(
      'conflict',
      `Order ${input.external_id} was handed over before with other details; an order id names one order.`,
      { fields: differs },
    );
  }
  if (input.delivered_at && !existing.delivered_at) {
    await setOrderDelivered(db, existingId, input.delivered_at);
    return { order: (await findOrder(db, existingId))!, created: false };
  }
  return { order: existing, created: false };
}
