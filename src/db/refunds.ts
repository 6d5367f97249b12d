import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { refunds } from './schema.ts';

export type RefundRow = typeof refunds.$inferSelect;

export async function insertRefund(db: Db, row: typeof refunds.$inferInsert): Promise<RefundRow> {
  const [inserted] = await db
    .insert(refunds)
    .values(row)
    .onConflictDoNothing({ target: refunds.idempotencyKey })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(refunds)
    .where(eq(refunds.idempotencyKey, row.idempotencyKey));
  return existing!;
}

/**
 * Claims refunds that are due, so that only this worker runs them until `lockedUntil`: concurrent
 * workers skip locked rows, and a crashed worker's claim simply expires.
 */
export async function claimDueRefunds(
  db: Db,
  now: Date,
  limit: number,
  lockedUntil: Date,
): Promise<RefundRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: refunds.id })
      .from(refunds)
      .where(
        and(
          inArray(refunds.status, ['pending', 'processing']),
          lte(refunds.nextAttemptAt, now),
          or(isNull(refunds.lockedUntil), lt(refunds.lockedUntil, now)),
        ),
      )
      .orderBy(asc(refunds.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(refunds)
      .set({ status: 'processing', lockedUntil, updatedAt: now })
      .where(
        inArray(
          refunds.id,
          due.map((r) => r.id),
        ),
      )
      .returning();
  });
}

export async function lockRefund(db: Db, id: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, id)).for('update');
  return row;
}

export async function updateRefund(
  db: Db,
  id: string,
  set: Partial<typeof refunds.$inferInsert>,
): Promise<void> {
  await db.update(refunds).set(set).where(eq(refunds.id, id));
}

export async function refundsOfCase(db: Db, caseId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.caseId, caseId)).orderBy(asc(refunds.id));
}

/**
 * Orders whose succeeded refunds exceed what was paid (must be none). Return-postage
 * reimbursement repays the carrier, not the order, and is bounded by the policy cap instead.
 */
export async function overRefundedOrders(
  db: Db,
): Promise<{ order_id: string; paid: number; refunded: number }[]> {
  const result = (await db.execute(sql`
    select o.id as order_id, o.total_paid::bigint as paid,
      sum(r.amount - r.shipping_reimbursement)::bigint as refunded
    from refunds r join orders o on o.id = r.order_id
    where r.status = 'succeeded'
    group by o.id, o.total_paid
    having sum(r.amount - r.shipping_reimbursement) > o.total_paid`)) as unknown as {
    rows: { order_id: string; paid: number | string; refunded: number | string }[];
  };
  return result.rows.map((r) => ({
    order_id: r.order_id,
    paid: Number(r.paid),
    refunded: Number(r.refunded),
  }));
}
