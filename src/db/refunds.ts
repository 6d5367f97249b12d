import {
  and,
  asc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';
import { placed, preparedQuery } from './prepared.ts';
import { refunds } from './schema.ts';
import { type SqlText, text } from './sql-text.ts';
import { columnNames, instant, orNull, rowsText, type UnnestColumn } from './unnest.ts';

export type RefundRow = typeof refunds.$inferSelect;
export type NewRefund = typeof refunds.$inferInsert & {
  shippingReimbursement: number;
  attempts: number;
};

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

const REFUND_COLUMNS: UnnestColumn<NewRefund>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'case_id', type: 'text', value: (r) => r.caseId },
  { name: 'order_id', type: 'text', value: (r) => r.orderId },
  { name: 'buyer_id', type: 'text', value: (r) => r.buyerId },
  { name: 'seller_id', type: 'text', value: (r) => r.sellerId },
  { name: 'amount', type: 'bigint', value: (r) => r.amount },
  { name: 'shipping_reimbursement', type: 'bigint', value: (r) => r.shippingReimbursement },
  { name: 'currency', type: 'text', value: (r) => r.currency },
  { name: 'destination', type: 'text', value: (r) => r.destination },
  { name: 'idempotency_key', type: 'text', value: (r) => r.idempotencyKey },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'attempts', type: 'int', value: (r) => r.attempts },
  { name: 'next_attempt_at', type: 'timestamptz', value: (r) => instant(r.nextAttemptAt) },
  { name: 'locked_until', type: 'timestamptz', value: (r) => instant(r.lockedUntil) },
  { name: 'last_error', type: 'text', value: (r) => orNull(r.lastError) },
  { name: 'provider_reference', type: 'text', value: (r) => orNull(r.providerReference) },
  { name: 'created_at', type: 'timestamptz', value: (r) => instant(r.createdAt) },
  { name: 'updated_at', type: 'timestamptz', value: (r) => instant(r.updatedAt) },
  { name: 'settled_at', type: 'timestamptz', value: (r) => instant(r.settledAt) },
];

const REFUND_COLUMN_NAMES = columnNames(REFUND_COLUMNS);

/**
 * Refunds booked as a part of a command's combined write (write-together.ts): the sweeper books
 * one for each case it moves to refund_pending, a seller's acceptance one.
 * Each key is derived from the id of the event that booked it, new in the same write, so none
 * can be taken: the caller expects every row back (`returning id`). Answers the rows as stored.
 */
export function insertRefundsSql(rows: NewRefund[]): SqlText | undefined {
  if (!rows.length) return undefined;
  return text`
    insert into refunds (${REFUND_COLUMN_NAMES})
    ${rowsText(rows, REFUND_COLUMNS)}
    on conflict (idempotency_key) do nothing
    returning id`;
}

/** A refund row as `insertRefundsSql` stores it. */
export function bookedRefund(row: NewRefund): RefundRow {
  return {
    ...row,
    lockedUntil: row.lockedUntil ?? null,
    lastError: row.lastError ?? null,
    providerReference: row.providerReference ?? null,
    settledAt: row.settledAt ?? null,
  };
}

// The due rows locked (others skip them) and leased, in one statement: built once (prepared.ts).
const claimDue = preparedQuery('claim_due_refunds', (db) =>
  db
    .update(refunds)
    .set({
      status: 'processing',
      lockedUntil: placed<Date>('locked_until'),
      updatedAt: placed<Date>('now'),
    })
    .where(
      inArray(
        refunds.id,
        db
          .select({ id: refunds.id })
          .from(refunds)
          .where(
            and(
              inArray(refunds.status, ['pending', 'processing']),
              lte(refunds.nextAttemptAt, sql.placeholder('now')),
              or(isNull(refunds.lockedUntil), lt(refunds.lockedUntil, sql.placeholder('now'))),
            ),
          )
          .orderBy(asc(refunds.nextAttemptAt))
          .limit(sql.placeholder('limit'))
          .for('update', { skipLocked: true }),
      ),
    )
    .returning({
      ...getTableColumns(refunds),
      // What the gateway refunds against, read here so the worker needs no statement for it.
      // Written out: Drizzle renders an update's returned columns unqualified, which inside a
      // sub-select would resolve against the sub-select's own table first.
      paymentReference: sql<string | null>`(select o.payment_reference from orders o
        where o.id = "refunds"."order_id")`,
    }),
);

/** A claimed refund, with its order's payment reference (what the gateway refunds against). */
export type ClaimedRefund = RefundRow & { paymentReference: string | null };

/**
 * Claims refunds that are due, so that only this worker runs them until `lockedUntil`: concurrent
 * workers skip locked rows, and a crashed worker's claim simply expires.
 */
export async function claimDueRefunds(
  db: Db,
  now: Date,
  limit: number,
  lockedUntil: Date,
): Promise<ClaimedRefund[]> {
  return claimDue(db, { now, limit, locked_until: lockedUntil });
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

/** A refund that succeeded or failed is finished: its record stands, whoever comes later. */
const FINISHED: RefundRow['status'][] = ['succeeded', 'failed'];
export const isFinished = (refund: Pick<RefundRow, 'status'>): boolean =>
  FINISHED.includes(refund.status);

// The row lock and the record of a payment in one statement (the worker's common case).
const settle = preparedQuery('settle_refund', (db) =>
  db
    .update(refunds)
    .set({
      status: 'succeeded',
      providerReference: placed<string>('reference'),
      settledAt: placed<Date>('now'),
      lockedUntil: null,
      lastError: null,
      updatedAt: placed<Date>('now'),
    })
    .where(and(eq(refunds.id, sql.placeholder('id')), notInArray(refunds.status, FINISHED)))
    .returning(),
);

/**
 * Records a payment made: the refund succeeded with the provider's reference. Undefined (and
 * nothing written) when the refund is gone or already finished, succeeded or failed, by another
 * worker: its record stands. The update takes the row's lock (FOR NO KEY UPDATE: it excludes
 * lockRefund and the claim, not a foreign key's check), after the order's, as lockRefund does.
 */
export async function settleRefund(
  db: Db,
  id: string,
  reference: string,
  now: Date,
): Promise<RefundRow | undefined> {
  const [row] = await settle(db, { id, reference, now });
  return row;
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
  const rows = await queryRows<{
    order_id: string;
    paid: number | string;
    refunded: number | string;
  }>(
    db,
    sql`
    select o.id as order_id, o.total_paid::bigint as paid,
      sum(r.amount - r.shipping_reimbursement)::bigint as refunded
    from refunds r join orders o on o.id = r.order_id
    where r.status = 'succeeded'
    group by o.id, o.total_paid
    having sum(r.amount - r.shipping_reimbursement) > o.total_paid`,
  );
  return rows.map((r) => ({
    order_id: r.order_id,
    paid: Number(r.paid),
    refunded: Number(r.refunded),
  }));
}

/** The refund a provider knows by its own id (what its webhooks name). */
export async function findRefundByProviderReference(
  db: Db,
  reference: string,
): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.providerReference, reference));
  return row;
}
