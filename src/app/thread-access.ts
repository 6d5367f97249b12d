import { orderWasDisputed } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { findOrder, type StoredOrder } from '../db/orders.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';

/**
 * Who may use an order's thread: its buyer and the shop's staff always; an agent once a case of
 * the order is disputed; operators (the marketplace's back end) may read it. Others get 404.
 */
export async function threadOrder(
  db: Db,
  principal: Principal,
  orderId: string,
  intent: 'read' | 'post',
): Promise<StoredOrder> {
  const order = await findOrder(db, orderId, scopeOf(principal));
  const visible =
    order &&
    (principal.role === 'buyer' ||
      principal.role === 'seller' ||
      (principal.role === 'operator' && intent === 'read') ||
      (principal.role === 'agent' && (await orderWasDisputed(db, orderId))));
  if (!visible) {
    if (order && principal.role === 'operator') {
      throw new AppError('forbidden', 'Operators read threads; people write in them.');
    }
    throw new AppError('not_found', 'Order not found.');
  }
  return order;
}
