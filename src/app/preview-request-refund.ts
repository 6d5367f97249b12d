import { casesOfOrder } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { findOrder } from '../db/orders.ts';
import { findSeller } from '../db/users.ts';
import {
  type CaseLine,
  type CaseType,
  computeRefund,
  DomainError,
  faultOf,
  type ReasonCode,
  type RefundBreakdown,
} from '../domain/index.ts';
import { fromDomain } from './domain-errors.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { policyOf } from './seller-rules.ts';

/** What a return request would refund, before it is filed (the request form shows it live). */
export async function previewRequestRefund(
  db: Db,
  principal: Principal,
  orderId: string,
  input: { type: CaseType; reason: ReasonCode; lines: CaseLine[] },
): Promise<RefundBreakdown> {
  const order = await findOrder(db, orderId, scopeOf(principal));
  if (!order) throw new AppError('not_found', 'Order not found.');
  const seller = (await findSeller(db, order.seller_id))!;
  try {
    return computeRefund({
      order,
      policy: policyOf(seller),
      type: input.type,
      fault: faultOf(input.reason),
      lines: input.lines,
      other_cases: await casesOfOrder(db, order.id),
    });
  } catch (err) {
    if (err instanceof DomainError) throw fromDomain(err);
    throw err;
  }
}
