import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';
import {
  type caseEvents,
  type orderLines,
  type orders,
  policyVersions,
  type returnLines,
  sellers,
  users,
} from './schema.ts';

// Writes for loading many rows at once (the benchmarks' historical cases). A table's rows go as
// one JSON array, the rows as they are (JSON.stringify), read by json_to_recordset: V8 writes that
// text and PostgreSQL reads it about three times faster than the same rows as one array per column
// (`unnest`, src/db/unnest.ts), whose text the driver escapes value by value.

type NewOrder = typeof orders.$inferInsert;
type NewOrderLine = typeof orderLines.$inferInsert;
type NewReturnLine = typeof returnLines.$inferInsert;
type NewCaseEvent = typeof caseEvents.$inferInsert;

/** A return case row whose `data` is already the case's JSON text. */
export interface BulkCaseRow {
  id: string;
  orderId: string;
  sellerId: string;
  buyerId: string;
  type: string;
  state: string;
  version: number;
  reason: string;
  fault: string;
  currency: string;
  refundAmount: number | null;
  dueAt: Date | null;
  outcome: string | null;
  data: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One batch: orders with their lines, their cases with return lines, and the cases' events. */
export interface BulkRows {
  orders: NewOrder[];
  orderLines: NewOrderLine[];
  cases: BulkCaseRow[];
  returnLines: NewReturnLine[];
  events: NewCaseEvent[];
}

/** Whether this connection's role is a superuser (and so may skip triggers). */
export async function isSuperuser(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ su: string }>(
    db,
    sql`select current_setting('is_superuser') as su`,
  );
  return row?.su === 'on';
}

/**
 * Settings for a bulk-load transaction (`set local`, so they end with it): no statement timeout,
 * no wait for the commit to reach the disk, and with `skipTriggers` (a superuser only) no
 * per-row foreign-key triggers, as pg_restore --disable-triggers does for rows that are
 * consistent by construction.
 */
export async function startBulkLoad(tx: Db, options: { skipTriggers: boolean }): Promise<void> {
  await tx.execute(sql`set local statement_timeout = 0`);
  await tx.execute(sql`set local synchronous_commit = off`);
  if (options.skipTriggers) await tx.execute(sql`set local session_replication_role = replica`);
}

/** Shops and users, in batches of a few thousand rows. */
export async function insertPeople(
  tx: Db,
  rows: { sellers: (typeof sellers.$inferInsert)[]; users: (typeof users.$inferInsert)[] },
): Promise<void> {
  for (let i = 0; i < rows.sellers.length; i += 2000) {
    const batch = rows.sellers.slice(i, i + 2000);
    await tx.insert(sellers).values(batch);
    await tx.insert(policyVersions).values(
      batch.map((s) => ({
        sellerId: s.id,
        version: 1,
        policy: s.policy,
        createdAt: s.createdAt,
      })),
    );
  }
  for (let i = 0; i < rows.users.length; i += 5000) {
    await tx.insert(users).values(rows.users.slice(i, i + 5000));
  }
}

/** A table's columns: the rows' keys (camelCase, as Drizzle names them) and their types. */
type Columns<T> = readonly (readonly [key: keyof T & string, type: string])[];

const ORDER_COLUMNS: Columns<NewOrder> = [
  ['id', 'text'],
  ['externalId', 'text'],
  ['sellerId', 'text'],
  ['buyerId', 'text'],
  ['currency', 'text'],
  ['placedAt', 'timestamptz'],
  ['deliveredAt', 'timestamptz'],
  ['shippingAmount', 'bigint'],
  ['orderDiscountAmount', 'bigint'],
  ['totalPaid', 'bigint'],
  ['paymentReference', 'text'],
  ['createdAt', 'timestamptz'],
];

const ORDER_LINE_COLUMNS: Columns<NewOrderLine> = [
  ['id', 'text'],
  ['orderId', 'text'],
  ['position', 'int'],
  ['sku', 'text'],
  ['title', 'text'],
  ['category', 'text'],
  ['quantity', 'int'],
  ['unitPrice', 'bigint'],
  ['lineDiscountAmount', 'bigint'],
  ['taxAmount', 'bigint'],
];

const CASE_COLUMNS: Columns<BulkCaseRow> = [
  ['id', 'text'],
  ['orderId', 'text'],
  ['sellerId', 'text'],
  ['buyerId', 'text'],
  ['type', 'text'],
  ['state', 'text'],
  ['version', 'int'],
  ['reason', 'text'],
  ['fault', 'text'],
  ['currency', 'text'],
  ['refundAmount', 'bigint'],
  ['dueAt', 'timestamptz'],
  ['outcome', 'text'],
  ['data', 'jsonb'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
];

const RETURN_LINE_COLUMNS: Columns<NewReturnLine> = [
  ['caseId', 'text'],
  ['orderLineId', 'text'],
  ['quantity', 'int'],
];

const EVENT_COLUMNS: Columns<NewCaseEvent> = [
  ['id', 'text'],
  ['caseId', 'text'],
  ['seq', 'int'],
  ['type', 'text'],
  ['actorRole', 'text'],
  ['actorId', 'text'],
  ['at', 'timestamptz'],
  ['payload', 'jsonb'],
  ['prevHash', 'text'],
  ['hash', 'text'],
];

/** `insert into table (…) select … from json_to_recordset(json)`: `json` is the rows' array. */
async function insertJsonRows<T>(
  tx: Db,
  table: string,
  columns: Columns<T>,
  json: string,
): Promise<void> {
  const names = columns.map(([key]) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const keys = columns.map(([key]) => `"${key}"`);
  const types = columns.map(([key, type]) => `"${key}" ${type}`);
  await tx.execute(sql`
    insert into ${sql.raw(table)} (${sql.raw(names.join(', '))})
    select ${sql.raw(keys.join(', '))}
    from json_to_recordset(${json}::json) as x(${sql.raw(types.join(', '))})`);
}

/**
 * Writes one batch, parents before children (so it also holds with the foreign-key triggers on),
 * one statement per table. The analytics triggers (which fire even for a superuser's replica
 * role) take their rollup rows in key order within a statement, so two batches at once queue on
 * each other; a second statement on the same table in one transaction could deadlock instead.
 */
export async function insertBulkRows(tx: Db, rows: BulkRows): Promise<void> {
  if (!rows.cases.length) return;
  await insertJsonRows(tx, 'orders', ORDER_COLUMNS, JSON.stringify(rows.orders));
  await insertJsonRows(tx, 'order_lines', ORDER_LINE_COLUMNS, JSON.stringify(rows.orderLines));
  // A case's data is JSON text already: it goes in as it is.
  const cases = rows.cases.map(
    ({ data, ...columns }) => `${JSON.stringify(columns).slice(0, -1)},"data":${data}}`,
  );
  await insertJsonRows(tx, 'return_cases', CASE_COLUMNS, `[${cases.join(',')}]`);
  await insertJsonRows(tx, 'return_lines', RETURN_LINE_COLUMNS, JSON.stringify(rows.returnLines));
  await insertJsonRows(tx, 'case_events', EVENT_COLUMNS, JSON.stringify(rows.events));
}
