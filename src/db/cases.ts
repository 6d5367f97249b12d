import { and, asc, desc, eq, gt, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { type DomainEvent, type ReturnCase, TERMINAL_STATES } from '../domain/index.ts';
import { type Db, queryRows } from './database.ts';
import { holdThreads, THREAD_HEAD_JSON, threadHeadOf } from './held.ts';
import { anyOfPlaceholder, ID_LIST, idsValue, preparedQuery } from './prepared.ts';
import { caseEvents, orders, returnCases, returnLines, sellers, users } from './schema.ts';
import { type SqlText, text } from './sql-text.ts';
import { instant, json, rowsText, type UnnestColumn } from './unnest.ts';
import { LIVE_CREDENTIAL_CONDITION, takeCredentialCheck } from './users.ts';

export type CaseEventRow = typeof caseEvents.$inferSelect;

/** A stored event as the domain folds it (`evolve`) or replays it. */
export function toDomainEvent(row: CaseEventRow): DomainEvent {
  return {
    type: row.type,
    actor: { role: row.actorRole as DomainEvent['actor']['role'], id: row.actorId },
    at: row.at,
    payload: row.payload as Record<string, unknown>,
  };
}

export interface CaseScope {
  buyer_id?: string;
  seller_id?: string;
}

// Instants in the stored JSON are ISO strings; by convention every instant's key is `at` or ends in `_at`.
/** reviveInstants over a parsed JSON value's members, changing the value itself. */
function reviveInPlace(value: unknown, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  if (Array.isArray(value)) {
    for (const item of value) reviveInPlace(item, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (typeof member === 'object') reviveInPlace(member, depth + 1);
    else record[key] = reviveInstants(key, member);
  }
}

function reviveInstants(key: string, value: unknown): unknown {
  if (typeof value === 'string' && (key === 'at' || key.endsWith('_at'))) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return value;
}

/**
 * A case as stored: its JSON document, instants as RFC 3339 strings, already the API's JSON form
 * of the case (less the fields the API does not show).
 */
export type CaseDocument = Jsonified<ReturnCase>;

/** A value as JSON carries it: instants become RFC 3339 strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/**
 * A case from its stored document as the driver parsed it: a fresh object that belongs to nobody
 * else, so its instants become Dates in place (copying the whole document cost a few percent of
 * the server's CPU per command).
 */
export function caseFromData(data: unknown): ReturnCase {
  reviveInPlace(data, 0);
  const c = data as ReturnCase;
  // Cases approved before return addresses and labels existed have neither field.
  c.return_address ??= null;
  c.label ??= null;
  c.policy_version ??= null;
  c.keeps_item ??= false;
  c.dispositions ??= [];
  c.decided ??= null;
  c.appeal ??= null;
  c.exchange ??= null;
  c.replacement ??= null;
  return c;
}

/** The number carrier updates find the case by: the parcel's, or its prepaid label's before the first scan. */
function trackingNumberOf(c: ReturnCase): string | null {
  // A replacement on its way to the buyer: its scans (delivered) close the case.
  if (c.state === 'replacement_shipped' && c.replacement) return c.replacement.tracking_number;
  return c.shipment?.tracking_number ?? c.label?.tracking_number ?? null;
}

/**
 * The inserts of new cases (a return request) and their lines, sent with the other writes of the
 * request (write-together.ts): the foreign keys of the lines and events are checked when the whole
 * statement is done, so they find the case rows it inserts.
 */
export function insertCasesSql(
  created: { case: ReturnCase; nextReminderAt: Date | null }[],
): SqlText[] {
  if (!created.length) return [];
  const cases = text`
    insert into return_cases (id, order_id, seller_id, buyer_id, type, currency, created_at, state,
      version, reason, fault, refund_amount, due_at, outcome, tracking_number, next_reminder_at,
      data, updated_at)
    ${rowsText(created, NEW_CASE_COLUMNS)}`;
  const lines = created.flatMap(({ case: c }) =>
    c.lines.map((l) => ({ caseId: c.id, orderLineId: l.order_line_id, quantity: l.quantity })),
  );
  if (!lines.length) return [cases];
  return [
    cases,
    text`insert into return_lines (case_id, order_line_id, quantity) ${rowsText(lines, CASE_LINE_COLUMNS)}`,
  ];
}

/** The JSON text each case was last written with, by the case: writtenDocument reads it. */
const written = new WeakMap<ReturnCase, string>();

/**
 * A case's document as its row stores it. The case is frozen as it is written (a change to it
 * after this would throw instead of leaving the text behind): what evolve makes is a new case.
 */
function documentText(c: ReturnCase): string {
  const text = JSON.stringify(c);
  written.set(Object.freeze(c), text);
  return text;
}

/**
 * The JSON form (JSON.parse of JSON.stringify) of a case this process has written, from the text
 * it was written with: a command's answer shows the case it just wrote, and parsing that text
 * takes half the time of copying the case (jsonCopy). Undefined for a case not written here.
 */
export function writtenDocument(c: ReturnCase): CaseDocument | undefined {
  const text = written.get(c);
  return text === undefined ? undefined : (JSON.parse(text) as CaseDocument);
}

/** The columns a case's row mirrors from its document (new or evolved), in this order. */
const CASE_COLUMNS: UnnestColumn<{ case: ReturnCase; nextReminderAt: Date | null }>[] = [
  { name: 'state', type: 'text', value: (w) => w.case.state },
  { name: 'version', type: 'int', value: (w) => w.case.version },
  { name: 'reason', type: 'text', value: (w) => w.case.reason },
  { name: 'fault', type: 'text', value: (w) => w.case.fault },
  { name: 'refund_amount', type: 'bigint', value: (w) => w.case.refund_amount },
  { name: 'due_at', type: 'timestamptz', value: (w) => instant(w.case.due_at) },
  { name: 'outcome', type: 'text', value: (w) => w.case.outcome },
  { name: 'tracking_number', type: 'text', value: (w) => trackingNumberOf(w.case) },
  { name: 'next_reminder_at', type: 'timestamptz', value: (w) => instant(w.nextReminderAt) },
  { name: 'data', type: 'jsonb', value: (w) => documentText(w.case) },
  { name: 'updated_at', type: 'timestamptz', value: (w) => instant(w.case.updated_at) },
];

// The column lists of the writes below are constants, so what they put in a statement's text is
// worked out once (rowsText).
const NEW_CASE_COLUMNS: UnnestColumn<{ case: ReturnCase; nextReminderAt: Date | null }>[] = [
  { name: 'id', type: 'text', value: (r) => r.case.id },
  { name: 'order_id', type: 'text', value: (r) => r.case.order_id },
  { name: 'seller_id', type: 'text', value: (r) => r.case.seller_id },
  { name: 'buyer_id', type: 'text', value: (r) => r.case.buyer_id },
  { name: 'type', type: 'text', value: (r) => r.case.type },
  { name: 'currency', type: 'text', value: (r) => r.case.currency },
  { name: 'created_at', type: 'timestamptz', value: (r) => instant(r.case.created_at) },
  ...CASE_COLUMNS,
];

const CASE_LINE_COLUMNS: UnnestColumn<{ caseId: string; orderLineId: string; quantity: number }>[] =
  [
    { name: 'case_id', type: 'text', value: (l) => l.caseId },
    { name: 'order_line_id', type: 'text', value: (l) => l.orderLineId },
    { name: 'quantity', type: 'int', value: (l) => l.quantity },
  ];

const EVENT_COLUMNS: UnnestColumn<typeof caseEvents.$inferInsert>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'case_id', type: 'text', value: (r) => r.caseId },
  { name: 'seq', type: 'int', value: (r) => r.seq },
  { name: 'type', type: 'text', value: (r) => r.type },
  { name: 'actor_role', type: 'text', value: (r) => r.actorRole },
  { name: 'actor_id', type: 'text', value: (r) => r.actorId },
  { name: 'at', type: 'timestamptz', value: (r) => instant(r.at) },
  { name: 'payload', type: 'jsonb', value: (r) => json(r.payload) },
  { name: 'prev_hash', type: 'text', value: (r) => r.prevHash },
  { name: 'hash', type: 'text', value: (r) => r.hash },
];

async function replaceCaseLines(db: Db, c: ReturnCase): Promise<void> {
  await db.delete(returnLines).where(eq(returnLines.caseId, c.id));
  if (c.lines.length) {
    await db
      .insert(returnLines)
      .values(
        c.lines.map((l) => ({ caseId: c.id, orderLineId: l.order_line_id, quantity: l.quantity })),
      );
  }
}

export async function findCase(
  db: Db,
  id: string,
  scope: CaseScope = {},
): Promise<ReturnCase | undefined> {
  const [row] = await caseById(db, scope, { id });
  return row ? caseFromData(row.data) : undefined;
}

export async function casesOfOrder(db: Db, orderId: string): Promise<ReturnCase[]> {
  const rows = await casesOfOrderIds(db, { ids: [orderId] });
  return rows.map((r) => caseFromData(r.data));
}

/** The insert of `rows` (none: undefined), sent with the other writes of a command (write-together.ts). */
export function insertEventsSql(rows: (typeof caseEvents.$inferInsert)[]): SqlText | undefined {
  if (!rows.length) return undefined;
  return text`
    insert into case_events (id, case_id, seq, type, actor_role, actor_id, at, payload, prev_hash,
      hash)
    ${rowsText(rows, EVENT_COLUMNS)}`;
}

export async function listEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));
}

export interface CaseFilters {
  status?: string[] | undefined;
  type?: string | undefined;
  reason?: string | undefined;
  seller_id?: string | undefined;
  buyer_id?: string | undefined;
  order_id?: string | undefined;
  due_before?: Date | undefined;
  created_from?: Date | undefined;
  created_to?: Date | undefined;
  /**
   * Search text: the marketplace's order number (exactly or its beginning) or the buyer's name
   * (its beginning, in any case, as PostgreSQL's lower() folds it). Both are prefix matches on
   * btree indexes (text_pattern_ops).
   */
  q?: string | undefined;
}

export type CaseSort = 'due_at' | '-created_at' | 'created_at';

/** Keyset cursor: the sort key and id of the last row of the previous page. */
export interface CaseCursor {
  key: string | null;
  id: string;
}

/**
 * One row of a case list. `fields` is the stored document (already the API's JSON form) less the
 * omitted fields, as JSON text written by PostgreSQL, so a page costs the server neither parsing
 * 51 documents nor encoding them again. The rest is what the next action and the cursor read.
 */
export interface CaseListRow {
  id: string;
  fields: string;
  state: string;
  type: string;
  due_at: string | null;
  created_at: string;
  evidence_from: string | null;
  evidence_due_at: string | null;
  /** The marketplace's order number (orders.external_id). */
  order_number: string;
  buyer_name: string;
  shop_name: string;
}

/** `'{state,…}'::text[]` (made when a list shape's statement is first built). */
function omitted(fields: readonly string[]): SQL {
  const key = fields.join(',');
  if (!fields.every((f) => /^[a-z_]+$/.test(f))) throw new Error(`not case fields: ${key}`);
  return sql.raw(`'{${key}}'::text[]`);
}

/**
 * One page of cases, filtered within the caller's scope. Sorting by `due_at` puts cases without a
 * deadline last; the cursor compares (sort key, id) so pages never skip or repeat rows.
 */
export async function listCases(
  db: Db,
  scope: CaseScope,
  filters: CaseFilters,
  sort: CaseSort,
  page: { limit: number; after?: CaseCursor | undefined; omit: readonly string[] },
): Promise<CaseListRow[]> {
  // Each filter given adds a condition on a placeholder: which filters are given (the shape)
  // decides the statement's text, and each shape is built once (src/db/prepared.ts).
  const values: Record<string, unknown> = { limit: page.limit };
  const shape: string[] = [sort, page.omit.join(',')];
  const conditions: (() => SQL | undefined)[] = [];
  const p = (name: string) => sql.placeholder(name);
  const filter = (name: string, value: unknown, condition: () => SQL | undefined) => {
    if (value === undefined || value === null) return;
    values[name] = value;
    shape.push(name);
    conditions.push(condition);
  };
  const iso = (d: Date | undefined) => d?.toISOString();
  filter('scope_buyer', scope.buyer_id, () => eq(returnCases.buyerId, p('scope_buyer')));
  filter('scope_seller', scope.seller_id, () => eq(returnCases.sellerId, p('scope_seller')));
  // One shop's states by deadline (the seller queue): one ordered run of the queue index per state,
  // merged when there are several (pageRows below), so a page reads its rows in order and stops at
  // its limit. PostgreSQL 15 cannot read `state = any(…)` from that index in the key's order, even
  // for one state: it would fetch and sort every case of the shop in those states. Each state is a
  // placeholder of its own; how many there are is part of the shape.
  const states = filters.status?.length ? [...new Set(filters.status)] : undefined;
  // A buyer asking for one shop's cases stays on the buyer's own index.
  const shop = scope.seller_id ?? (scope.buyer_id === undefined ? filters.seller_id : undefined);
  const byState = sort === 'due_at' && states !== undefined && shop !== undefined;
  if (byState) {
    states.forEach((state, i) => {
      values[`state_${i}`] = state;
    });
    shape.push(`states*${states.length}`);
  } else {
    filter('status', states, () => anyOfPlaceholder(returnCases.state, 'status'));
  }
  filter('type', filters.type, () => eq(returnCases.type, p('type')));
  filter('reason', filters.reason, () => eq(returnCases.reason, p('reason')));
  filter('seller_id', filters.seller_id, () => eq(returnCases.sellerId, p('seller_id')));
  filter('buyer_id', filters.buyer_id, () => eq(returnCases.buyerId, p('buyer_id')));
  filter('order_id', filters.order_id, () => eq(returnCases.orderId, p('order_id')));
  filter(
    'due_before',
    iso(filters.due_before),
    () => sql`${returnCases.dueAt} < ${p('due_before')}::timestamptz`,
  );
  filter(
    'created_from',
    iso(filters.created_from),
    () => sql`${returnCases.createdAt} >= ${p('created_from')}::timestamptz`,
  );
  filter(
    'created_to',
    iso(filters.created_to),
    () => sql`${returnCases.createdAt} <= ${p('created_to')}::timestamptz`,
  );
  const q = filters.q?.trim();
  if (q) {
    values['q'] = q;
    shape.push('q');
    // A prefix as a range in byte order (`~>=~`, `~<~`: what text_pattern_ops indexes answer),
    // so even a generic plan of this prepared statement searches the indexes; chr(1114111) is the
    // last code point. Two index lookups (orders by number, buyers by name), then the cases of
    // those; the scope condition above keeps another shop's cases out whatever matches.
    conditions.push(
      () => sql`(${returnCases.orderId} in (
          select ${orders.id} from ${orders}
          where ${orders.externalId} ~>=~ ${p('q')}::text
            and ${orders.externalId} ~<~ (${p('q')}::text || chr(1114111)))
        or ${returnCases.buyerId} in (
          select ${users.id} from ${users}
          where lower(${users.name}) ~>=~ lower(${p('q')}::text)
            and lower(${users.name}) ~<~ (lower(${p('q')}::text) || chr(1114111))
            and ${users.role} = 'buyer'))`,
    );
  }

  const after = page.after;
  // Deadline-less cases sort after all others: coalesce them to 'infinity'.
  const key =
    sort === 'due_at'
      ? sql`coalesce(${returnCases.dueAt}, 'infinity'::timestamptz)`
      : returnCases.createdAt;
  const ascending = sort !== '-created_at';
  const direction = ascending ? asc : desc;
  if (after && (sort === 'due_at' || after.key)) {
    values['after_key'] = after.key ?? 'infinity';
    values['after_id'] = after.id;
    shape.push('after');
    conditions.push(() =>
      ascending
        ? sql`(${key}, ${returnCases.id}) > (${p('after_key')}::timestamptz, ${p('after_id')})`
        : sql`(${key}, ${returnCases.id}) < (${p('after_key')}::timestamptz, ${p('after_id')})`,
    );
  }

  const shapeKey = shape.join('|');
  let query = listShapes.get(shapeKey);
  if (!query) {
    const omit = page.omit;
    query = preparedQuery(`list_cases_${listShapes.size + 1}`, (db) => {
      // The page first, then its entries' text: written in one query, PostgreSQL would make the
      // text of every matching row before sorting them (all 135 of a shop's open cases, not 51).
      // The rows in the page's order, limited (with `state`: one state's run).
      const run = (state?: SQL) =>
        db
          .select({
            id: returnCases.id,
            data: returnCases.data,
            state: returnCases.state,
            type: returnCases.type,
            orderNumber: returnCases.orderNumber,
            buyerId: returnCases.buyerId,
            sellerId: returnCases.sellerId,
            key: sql`${key}`.as('key'),
          })
          .from(returnCases)
          .where(and(...conditions.map((c) => c()), state))
          .orderBy(direction(key), direction(returnCases.id))
          .limit(p('limit'));
      const runs = byState ? states.map((_, i) => run(eq(returnCases.state, p(`state_${i}`)))) : [];
      const [first, second, ...more] = runs;
      const pageRows = (
        first && second
          ? // Each run ordered and limited in its own parentheses: PostgreSQL merges runs so
            // made (Merge Append), where it would sort the union of plain selects. The union's
            // order is over its output columns, by name.
            unionAll(first, second, ...more)
              .orderBy(direction(sql.identifier('key')), direction(sql.identifier('id')))
              .limit(p('limit'))
          : (first ?? run())
      ).as('page');
      return (
        db
          .select({
            id: pageRows.id,
            fields: sql<string>`(${pageRows.data} - ${omitted(omit)})::text`,
            state: pageRows.state,
            type: pageRows.type,
            due_at: sql<string | null>`${pageRows.data}->>'due_at'`,
            created_at: sql<string>`${pageRows.data}->>'created_at'`,
            evidence_from: sql<string | null>`${pageRows.data}#>>'{evidence_request,from}'`,
            evidence_due_at: sql<string | null>`${pageRows.data}#>>'{evidence_request,due_at}'`,
            order_number: pageRows.orderNumber,
            buyer_name: users.name,
            shop_name: sellers.name,
          })
          .from(pageRows)
          // The names for the page's rows only: two primary-key lookups per row (users are far
          // fewer than orders, and the shops fewer still: their pages stay cached).
          .innerJoin(users, eq(users.id, pageRows.buyerId))
          .innerJoin(sellers, eq(sellers.id, pageRows.sellerId))
          .orderBy(direction(pageRows.key), direction(pageRows.id))
      );
    });
    listShapes.set(shapeKey, query);
  }
  return query(db, values);
}

/** One prepared list query per shape (which filters are given), made as shapes are first asked. */
const listShapes = new Map<
  string,
  (db: Db, values: Record<string, unknown>) => Promise<CaseListRow[]>
>();

/** Cases whose next reminder is due, locked for this sweeper (others skip them). */
export async function lockCasesToRemind(db: Db, now: Date, limit: number): Promise<ReturnCase[]> {
  const rows = await db
    .select({ data: returnCases.data })
    .from(returnCases)
    .where(lte(returnCases.nextReminderAt, now))
    .orderBy(asc(returnCases.nextReminderAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((r) => caseFromData(r.data));
}

export async function setNextReminder(db: Db, caseId: string, at: Date | null): Promise<void> {
  await db.update(returnCases).set({ nextReminderAt: at }).where(eq(returnCases.id, caseId));
}

/** Cases whose deadline has passed, locked for this sweeper; others skip them. */
export async function lockOverdueCaseIds(
  db: Db,
  now: Date,
  limit: number,
): Promise<{ id: string; order_id: string }[]> {
  return db
    .select({ id: returnCases.id, order_id: returnCases.orderId })
    .from(returnCases)
    .where(lte(returnCases.dueAt, now))
    .orderBy(asc(returnCases.dueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The finished states as an SQL list, for `state not in (…)`: an open case is in none of them. */
export const FINISHED_STATES = TERMINAL_STATES.map((state) => `'${state}'`).join(', ');

/**
 * Whether a case of another order than the case's was shipped with this tracking number (one
 * parcel, one order). Keyed by the case, so it can be sent with the statement that locks it.
 */
const caseOfOtherOrderWithTracking = preparedQuery('case_of_other_order_with_tracking', (db) =>
  db
    .select({ id: returnCases.id })
    .from(returnCases)
    .where(
      and(
        eq(returnCases.trackingNumber, sql.placeholder('tracking')),
        ne(
          returnCases.orderId,
          sql`(select x.order_id from return_cases x where x.id = ${sql.placeholder('case_id')})`,
        ),
      ),
    )
    .limit(1),
);

export async function trackingNumberOfOtherOrder(
  db: Db,
  trackingNumber: string,
  caseId: string,
): Promise<boolean> {
  const rows = await caseOfOtherOrderWithTracking(db, {
    tracking: trackingNumber,
    case_id: caseId,
  });
  return rows.length > 0;
}

/** Parcels on their way that were shipped before `cutoff` (for the simulated carrier). */
export async function inTransitShippedBefore(
  db: Db,
  cutoff: Date,
  limit: number,
): Promise<ReturnCase[]> {
  const rows = await db
    .select({ data: returnCases.data })
    .from(returnCases)
    .where(
      and(
        eq(returnCases.state, 'in_transit'),
        sql`(${returnCases.data}->'shipment'->>'shipped_at')::timestamptz <= ${cutoff.toISOString()}::timestamptz`,
      ),
    )
    .limit(limit);
  return rows.map((r) => caseFromData(r.data));
}

/**
 * A prepared query over cases in three statements, one per reach: everyone's cases, one shop's,
 * one buyer's (`scope` is the placeholder of the shop's or the buyer's id).
 */
function scopedCaseQuery<R, V extends Record<string, unknown>>(
  name: string,
  build: (
    db: Db,
    scope: SQL | undefined,
  ) => { prepare(name: string): { execute(v?: Record<string, unknown>): Promise<R> } },
): (db: Db, scope: CaseScope, values: V) => Promise<R> {
  const all = preparedQuery<R, V>(name, (db) => build(db, undefined));
  const ofSeller = preparedQuery<R, V & { scope: string }>(`${name}_of_seller`, (db) =>
    build(db, eq(returnCases.sellerId, sql.placeholder('scope'))),
  );
  const ofBuyer = preparedQuery<R, V & { scope: string }>(`${name}_of_buyer`, (db) =>
    build(db, eq(returnCases.buyerId, sql.placeholder('scope'))),
  );
  return (db, scope, values) => {
    if (scope.buyer_id && scope.seller_id) throw new Error('a scope is one buyer or one seller');
    if (scope.seller_id) return ofSeller(db, { ...values, scope: scope.seller_id });
    if (scope.buyer_id) return ofBuyer(db, { ...values, scope: scope.buyer_id });
    return all(db, values);
  };
}

/**
 * scopedCaseQuery over a list of case ids, in the two forms of preparedByIds (a list, or one id
 * whose plan PostgreSQL keeps): `build` gets the list's SQL to use as `= any(${ids})`.
 */
function scopedCaseQueryByIds<R>(
  name: string,
  build: (
    db: Db,
    scope: SQL | undefined,
    ids: SQL,
  ) => { prepare(name: string): { execute(v?: Record<string, unknown>): Promise<R> } },
): (
  db: Db,
  scope: CaseScope,
  ids: readonly string[],
  values?: Record<string, unknown>,
) => Promise<R> {
  type Values = Record<string, unknown>;
  const many = scopedCaseQuery<R, Values>(name, (db, scope) => build(db, scope, ID_LIST.many));
  const one = scopedCaseQuery<R, Values>(`${name}_one`, (db, scope) =>
    build(db, scope, ID_LIST.one),
  );
  return (db, scope, ids, values) =>
    (ids.length === 1 ? one : many)(db, scope, { ...values, ...idsValue(ids) });
}

// Every command locks its cases and reads the order's; every case page finds its case. Built once
// (src/db/prepared.ts).
const lockCasesIn = scopedCaseQueryByIds('lock_cases', (db, scope, ids) =>
  db
    .select({ data: returnCases.data })
    .from(returnCases)
    .where(and(sql`${returnCases.id} = any(${ids})`, scope))
    .orderBy(asc(returnCases.id))
    .for('update'),
);
const caseById = scopedCaseQuery('case_by_id', (db, scope) =>
  db
    .select({ data: returnCases.data })
    .from(returnCases)
    .where(and(eq(returnCases.id, sql.placeholder('id')), scope)),
);
const casesOfOrderIds = preparedQuery('cases_of_orders', (db) =>
  db
    .select({ data: returnCases.data })
    .from(returnCases)
    .where(anyOfPlaceholder(returnCases.orderId))
    .orderBy(asc(returnCases.id)),
);

export async function lockCases(
  db: Db,
  ids: string[],
  scope: CaseScope = {},
): Promise<ReturnCase[]> {
  if (!ids.length) return [];
  const rows = await lockCasesIn(db, scope, ids);
  return rows.map((r) => caseFromData(r.data));
}

// The orders' locks (in id order, as lockOrdersOfCases takes them) taken by the statement that
// locks the cases: an uncorrelated sub-select runs once, when the scan checks its first case row,
// before any case row is locked.
// With them, the orders' threads: the sub-select in the select list runs once, for the first row
// (below the row locks, so after the orders' locks and before any case row's: orders, threads,
// cases; safe because whoever locks a case and then appends to its thread holds its order
// first); its rows come back as their locks found them.
// Its `checked` form checks the caller's credential first (takeCredentialCheck).
const lockOrdersThenCasesQuery = (checked: boolean) =>
  scopedCaseQueryByIds(`lock_orders_then_cases${checked ? '_checked' : ''}`, (db, scope, ids) =>
    db
      .select({
        data: returnCases.data,
        threads: sql<Parameters<typeof threadHeadOf>[0][] | null>`(select json_agg(${sql.raw(
          THREAD_HEAD_JSON,
        )}) from (select * from threads h where h.order_id in (
          select x.order_id from return_cases x where x.id = any(${ids}))
          order by h.order_id for update of h) t)`,
      })
      .from(returnCases)
      .where(
        and(
          checked ? LIVE_CREDENTIAL_CONDITION : undefined,
          sql`${returnCases.id} = any(${ids})`,
          scope,
          sql`(select count(*) from (select o.id from orders o where o.id in (
          select x.order_id from return_cases x where x.id = any(${ids}))
          order by o.id for no key update of o) locked_orders) >= 0`,
        ),
      )
      .orderBy(asc(returnCases.id))
      .for('update', { of: returnCases }),
  );
const lockOrdersThenCasesIn = {
  unchecked: lockOrdersThenCasesQuery(false),
  checked: lockOrdersThenCasesQuery(true),
};

/**
 * lockOrdersOfCases, then lockCases, then the orders' threads (held for this transaction's
 * appends, held.ts), in one statement. The cases are read as their row locks
 * return them (the newest versions); what else the caller reads under these locks it reads in a
 * later statement, whose snapshot starts after the locks were granted. A credential check held
 * for the transaction's first statement is made in it, before anything is locked.
 */
export async function lockOrdersThenCases(
  db: Db,
  ids: string[],
  scope: CaseScope = {},
): Promise<ReturnCase[]> {
  if (!ids.length) return [];
  const check = takeCredentialCheck(db);
  const rows = check
    ? await lockOrdersThenCasesIn.checked(db, scope, ids, check)
    : await lockOrdersThenCasesIn.unchecked(db, scope, ids);
  holdThreads(db, (rows[0]?.threads ?? []).map(threadHeadOf));
  return rows.map((r) => caseFromData(r.data));
}

export async function casesOfOrders(
  db: Db,
  orderIds: string[],
): Promise<Map<string, ReturnCase[]>> {
  const out = new Map<string, ReturnCase[]>(orderIds.map((id) => [id, []]));
  if (!orderIds.length) return out;
  const rows = await casesOfOrderIds(db, { ids: orderIds });
  for (const row of rows) {
    const c = caseFromData(row.data);
    out.get(c.order_id)?.push(c);
  }
  return out;
}

export interface CaseWrite {
  case: ReturnCase;
  previousVersion: number;
  nextReminderAt: Date | null;
  linesChanged: boolean;
}

export const casesChanged = 'cases changed under their row locks';

const CASE_WRITE_COLUMNS: UnnestColumn<CaseWrite>[] = [
  { name: 'id', type: 'text', value: (w) => w.case.id },
  { name: 'previous_version', type: 'int', value: (w) => w.previousVersion },
  ...CASE_COLUMNS,
];

/** Cases whose lines a command changed get them written anew (after their rows). */
export async function replaceChangedLines(db: Db, writes: CaseWrite[]): Promise<void> {
  for (const w of writes) if (w.linesChanged) await replaceCaseLines(db, w.case);
}

/**
 * Writes evolved cases in one statement, returning the ids written. Each row is guarded by the
 * version it was read at, so a lost update is impossible even if a caller forgot the row lock; the
 * caller (write-together.ts) counts the rows.
 */
export function updateCasesSql(writes: CaseWrite[]): SqlText | undefined {
  if (!writes.length) return undefined;
  const values = rowsText(writes, CASE_WRITE_COLUMNS);
  return text`
    update return_cases as c set
      state = v.state, version = v.version, reason = v.reason, fault = v.fault,
      refund_amount = v.refund_amount, due_at = v.due_at, outcome = v.outcome,
      tracking_number = v.tracking_number, next_reminder_at = v.next_reminder_at, data = v.data,
      updated_at = v.updated_at
    from (${values}) as v
    where c.id = v.id and c.version = v.previous_version
    returning c.id`;
}

/** A page of cases in id order after `after`, for whole-table checks (verify). */
export function casePage(
  db: Db,
  after: string,
  limit: number,
): Promise<
  {
    id: string;
    state: string;
    version: number;
    orderId: string;
    sellerId: string;
    buyerId: string;
  }[]
> {
  return db
    .select({
      id: returnCases.id,
      state: returnCases.state,
      version: returnCases.version,
      orderId: returnCases.orderId,
      sellerId: returnCases.sellerId,
      buyerId: returnCases.buyerId,
    })
    .from(returnCases)
    .where(gt(returnCases.id, after))
    .orderBy(asc(returnCases.id))
    .limit(limit);
}

/** The ids of every case of these orders (verify --replay reads each order's cases together). */
export function caseIdsOfOrders(
  db: Db,
  orderIds: string[],
): Promise<{ id: string; orderId: string }[]> {
  if (!orderIds.length) return Promise.resolve([]);
  return db
    .select({ id: returnCases.id, orderId: returnCases.orderId })
    .from(returnCases)
    .where(inArray(returnCases.orderId, orderIds))
    .orderBy(asc(returnCases.id));
}

/** The returnless refunds of these buyers (at every shop), for verify --replay to recount. */
export function returnlessRefundsOf(
  db: Db,
  buyerIds: string[],
): Promise<{ eventId: string; at: Date; buyerId: string; sellerId: string }[]> {
  if (!buyerIds.length) return Promise.resolve([]);
  return db
    .select({
      eventId: caseEvents.id,
      at: caseEvents.at,
      buyerId: returnCases.buyerId,
      sellerId: returnCases.sellerId,
    })
    .from(caseEvents)
    .innerJoin(returnCases, eq(returnCases.id, caseEvents.caseId))
    .where(
      and(
        inArray(returnCases.buyerId, buyerIds),
        eq(caseEvents.type, 'return.returnless_refund_approved'),
      ),
    );
}

/** Every event of these cases, by case and then in chain order. */
export function eventsOfCases(db: Db, caseIds: string[]): Promise<CaseEventRow[]> {
  if (!caseIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(caseEvents)
    .where(inArray(caseEvents.caseId, caseIds))
    .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq));
}

export interface CaseNames {
  order_number: string;
  buyer_name: string;
  shop_name: string;
}

/** A buyer's return record, counted everywhere (`all`) and at one shop (`shop`). */
export interface BuyerRecordCounts {
  orders: number;
  cases: number;
  cases_recent: number;
  refunds: number;
  returnless: number;
  disputes_lost: number;
}

export interface CaseViewFacts extends CaseNames {
  /** Another open case was shipped with `tracking` (false without one). */
  tracking_shared: boolean;
  /** The tracking number `tracking_shared` was read for (the case's own when none was given). */
  tracking_checked: string | null;
  /** With the record: the platform's stored rules (app_meta), null when none are stored. */
  rules?: unknown;
  record?: { all: BuyerRecordCounts; shop: BuyerRecordCounts };
}

const p = (name: string) => sql.placeholder(name);

/** The record's counts over `return_cases` rows of one buyer, `where` narrowing them. */
function recordCounts(order: SQL, where: SQL, ordersWhere: SQL): SQL {
  const only = (condition: SQL) => sql`count(*) filter (where ${where} and ${condition})`;
  return sql`json_build_object(
    'orders', (select count(*) from orders where buyer_id = ${order}.buyer_id and ${ordersWhere}),
    'cases', count(*) filter (where ${where}),
    'cases_recent', ${only(sql`created_at >= ${p('recent_since')}::timestamptz`)},
    'refunds', ${only(sql`outcome in ('refunded', 'partially_refunded')`)},
    'returnless', ${only(sql`keeps_item`)},
    'disputes_lost', ${only(sql`outcome = 'ruled_for_seller'`)})`;
}

/**
 * What a case's page shows beside the case (CaseViewFacts), with or without the buyer's record, as
 * one JSON value: a column of a statement that reads the case's order row as `order`. Its
 * placeholders are those of factsValues. Without a tracking number it takes the case's own, so it
 * can be read before the case is (a command reads it with its order's context).
 */
export function caseFactsJson(withRecord: boolean, order: SQL): SQL {
  return sql`(select json_build_object(
      'order_number', ${order}.external_id, 'buyer_name', u.name, 'shop_name', s.name,
      'tracking_shared', exists (select 1 from return_cases x
        where x.tracking_number = t.number
          and x.state not in (${sql.raw(FINISHED_STATES)}) and x.id <> ${p('case_id')}::text),
      'tracking_checked', t.number${
        withRecord
          ? sql`,
      'rules', (select value from app_meta where key = ${p('rules_key')}::text),
      'record', (select json_build_object(
          'all', ${recordCounts(order, sql`true`, sql`true`)},
          'shop', ${recordCounts(
            order,
            sql`seller_id = ${p('shop_id')}::text`,
            sql`seller_id = ${p('shop_id')}::text`,
          )})
        from return_cases where buyer_id = ${order}.buyer_id)`
          : sql``
      })
    from users u, sellers s, lateral (select coalesce(${p('tracking')}::text,
      (select c.tracking_number from return_cases c where c.id = ${p('case_id')}::text)) as number) t
    where u.id = ${order}.buyer_id and s.id = ${order}.seller_id)`;
}

/**
 * Which facts a case's answer asks for: of the case `caseId` (null: a case not written yet), its
 * parcel's number `tracking` if the write is to set one (else the case's own is read), and with
 * `record` the buyer's record (everywhere and at `record.shopId`, cases since
 * `record.recentSince`) with the platform's rules stored under `record.rulesKey`.
 */
export interface FactsAsked {
  caseId: string | null;
  tracking: string | null;
  record?: { shopId: string | null; recentSince: Date; rulesKey: string } | undefined;
}

/** The values of caseFactsJson's placeholders. */
export function factsValues(asked: FactsAsked): Record<string, unknown> {
  const values: Record<string, unknown> = { case_id: asked.caseId, tracking: asked.tracking };
  if (asked.record) {
    values['shop_id'] = asked.record.shopId;
    values['recent_since'] = asked.record.recentSince.toISOString();
    values['rules_key'] = asked.record.rulesKey;
  }
  return values;
}

/** A case's facts on their own, by its order (given, or the case's). */
const caseViewFactsQuery = (withRecord: boolean) =>
  preparedQuery(withRecord ? 'case_view_facts_record' : 'case_view_facts', (db) =>
    db
      .select({ facts: sql<CaseViewFacts>`${caseFactsJson(withRecord, sql.raw('o'))}` })
      .from(sql`orders o`)
      .where(
        sql`o.id = coalesce(${p('order_id')}::text,
          (select c.order_id from return_cases c where c.id = ${p('case_id')}::text))`,
      ),
  );
const caseViewFactsPlain = caseViewFactsQuery(false);
const caseViewFactsRecord = caseViewFactsQuery(true);

/**
 * The names a case's page shows, whether its parcel's number is another open case's, and with
 * `record` the buyer's record (FactsAsked): one statement. The case's order and tracking number
 * are read from its row when not given; a case not yet written (`id` null) needs its order.
 * Undefined when there is no such case or order.
 */
export async function caseViewFacts(
  db: Db,
  c: { id: string | null; order_id?: string | null; tracking_number?: string | null },
  record?: FactsAsked['record'],
): Promise<CaseViewFacts | undefined> {
  const values = {
    ...factsValues({ caseId: c.id, tracking: c.tracking_number ?? null, record }),
    order_id: c.order_id ?? null,
  };
  const [row] = record
    ? await caseViewFactsRecord(db, values)
    : await caseViewFactsPlain(db, values);
  return row?.facts;
}

/** Whether a case of the order is, or was, disputed. */
export async function orderWasDisputed(db: Db, orderId: string): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`
    select 1 as one from return_cases
    where order_id = ${orderId} and jsonb_typeof(data->'dispute') = 'object'
    limit 1`,
  );
  return rows.length > 0;
}

export interface RequestedCaseKey {
  id: string;
  orderId: string;
  buyerId: string;
  createdAt: Date;
}

/** A page of a shop's cases requested in [since, until), oldest first, after `after` (a page's last). */
export function casesRequestedBetween(
  db: Db,
  sellerId: string,
  range: { since: Date; until: Date },
  after: { createdAt: Date; id: string } | null,
  limit: number,
): Promise<RequestedCaseKey[]> {
  return db
    .select({
      id: returnCases.id,
      orderId: returnCases.orderId,
      buyerId: returnCases.buyerId,
      createdAt: returnCases.createdAt,
    })
    .from(returnCases)
    .where(
      and(
        eq(returnCases.sellerId, sellerId),
        sql`${returnCases.createdAt} >= ${range.since.toISOString()}::timestamptz`,
        sql`${returnCases.createdAt} < ${range.until.toISOString()}::timestamptz`,
        after
          ? sql`(${returnCases.createdAt}, ${returnCases.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(returnCases.createdAt), asc(returnCases.id))
    .limit(limit);
}

/** How many of a shop's cases were requested in [since, until). */
export async function countCasesRequestedBetween(
  db: Db,
  sellerId: string,
  range: { since: Date; until: Date },
): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`select count(*) as n from return_cases where seller_id = ${sellerId}
      and created_at >= ${range.since.toISOString()}::timestamptz
      and created_at < ${range.until.toISOString()}::timestamptz`,
  );
  return Number(row?.n ?? 0);
}

/** When each returnless refund a shop granted in [since, until) was requested, and by whom. */
export function returnlessRequestsBetween(
  db: Db,
  sellerId: string,
  range: { since: Date; until: Date },
): Promise<{ buyerId: string; createdAt: Date }[]> {
  return db
    .select({ buyerId: returnCases.buyerId, createdAt: returnCases.createdAt })
    .from(returnCases)
    .where(
      and(
        eq(returnCases.sellerId, sellerId),
        eq(returnCases.keepsItem, true),
        sql`${returnCases.createdAt} >= ${range.since.toISOString()}::timestamptz`,
        sql`${returnCases.createdAt} < ${range.until.toISOString()}::timestamptz`,
      ),
    );
}
