import { casesOfOrder } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { findOrder } from '../db/orders.ts';
import { findSeller } from '../db/users.ts';
import { eligibility, type OrderEligibility } from '../domain/index.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { policyOf } from './seller-rules.ts';

export async function readOrderEligibility(
  db: Db,
  principal: Principal,
  orderId: string,
  now: Date,
): Promise<OrderEligibility> {
  const order = await findOrder(db, orderId, scopeOf(principal));
  if (!order) throw new AppError('not_found', 'Order not found.');
  const seller = (await findSeller(db, order.seller_id))!;
  return eligibility(order, policyOf(seller), await casesOfOrder(db, order.id), now);
}
