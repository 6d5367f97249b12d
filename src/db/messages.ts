import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';
import { heldThreads, holdThreads, THREAD_HEAD_JSON, threadHeadOf } from './held.ts';
import { anyOfPlaceholder, preparedQuery, preparedSqlByIds } from './prepared.ts';
import { caseEvents, messages, threadReads, threads, users } from './schema.ts';
import { type SqlText, text } from './sql-text.ts';
import { instant, json, orNull, rowsOf, rowsText, type UnnestColumn } from './unnest.ts';
import { credentialCheckParams, liveCredentialText, takeCredentialCheck } from './users.ts';

export type MessageRow = typeof messages.$inferSelect;
export type ThreadRow = typeof threads.$inferSelect;

/** Every command and message locks its threads: built once (src/db/prepared.ts). */
const lockThreadRows = preparedQuery('lock_threads', (db) =>
  db
    .select()
    .from(threads)
    .where(anyOfPlaceholder(threads.orderId))
    .orderBy(asc(threads.orderId))
    .for('update'),
);

/**
 * The threads of these orders, created when missing and locked: appending to a thread's chain is
 * serialized per order, so two messages can never take the same sequence number.
 *
 * One order (a person's command or message): its thread usually exists (it starts with the first
 * message or case event), so the lock comes first and the insert only when it is missing. Several
 * orders (the sweeper's batches): every missing thread is inserted first, then all are locked in
 * order. Locking some rows and then waiting on another transaction's insert could close a cycle
 * with a batch that did the same the other way round.
 */
export async function lockThreads(
  db: Db,
  wanted: { id: string; seller_id: string; buyer_id: string }[],
  genesisHash: string,
  now: Date,
): Promise<Map<string, ThreadRow>> {
  if (!wanted.length) return new Map();
  // Taken already by this transaction's lock statement (lockOrdersWithThreads, lockOrdersThenCases).
  const holding = heldThreads(
    db,
    wanted.map((o) => o.id),
  );
  const orders = wanted.filter((o) => !holding.has(o.id));
  if (!orders.length) return holding;
  const ids = orders.map((o) => o.id);
  if (orders.length === 1) {
    const [found] = await lockThreadRows(db, { ids });
    if (found) return withHeld(db, holding, [found]);
    // Missing: inserted, or (another transaction inserted it meanwhile) locked, as it stands.
    const [made] = await queryRows<{
      order_id: string;
      seller_id: string;
      buyer_id: string;
      last_seq: number;
      last_hash: string;
      last_message_at: Date | string;
    }>(
      db,
      sql`
      insert into threads (order_id, seller_id, buyer_id, last_seq, last_hash, last_message_at)
      values (${orders[0]!.id}, ${orders[0]!.seller_id}, ${orders[0]!.buyer_id}, 0, ${genesisHash},
        ${instant(now)}::timestamptz)
      on conflict (order_id) do update set order_id = excluded.order_id
      returning order_id, seller_id, buyer_id, last_seq, last_hash, last_message_at`,
    );
    if (made) {
      return withHeld(db, holding, [
        threadHeadOf({
          orderId: made.order_id,
          sellerId: made.seller_id,
          buyerId: made.buyer_id,
          lastSeq: made.last_seq,
          lastHash: made.last_hash,
          lastMessageAt: made.last_message_at,
        }),
      ]);
    }
  }
  // Another transaction may be creating the same thread: its insert wins, ours waits for it to
  // commit and does nothing, and the lock below then takes its row.
  await db.execute(sql`
    insert into threads (order_id, seller_id, buyer_id, last_seq, last_hash, last_message_at)
    ${rowsOf(orders, [
      { name: 'order_id', type: 'text', value: (o) => o.id },
      { name: 'seller_id', type: 'text', value: (o) => o.seller_id },
      { name: 'buyer_id', type: 'text', value: (o) => o.buyer_id },
      { name: 'last_seq', type: 'int', value: () => 0 },
      { name: 'last_hash', type: 'text', value: () => genesisHash },
      { name: 'last_message_at', type: 'timestamptz', value: () => instant(now) },
    ])}
    on conflict do nothing`);
  return withHeld(db, holding, await lockThreadRows(db, { ids }));
}

/** Threads just locked, joined to those held before, and held from now on. */
function withHeld(db: Db, holding: Map<string, ThreadRow>, locked: ThreadRow[]) {
  holdThreads(db, locked);
  for (const row of locked) holding.set(row.orderId, row);
  return holding;
}

// A new request's order and its thread, locked in one statement; the thread is made if it is
// missing (the first case or message of an order starts it). ON CONFLICT DO UPDATE takes the row
// lock of a thread that exists, or that a concurrent message made meanwhile, and returns it as
// that lock found it. Its `checked` form checks the caller's credential first (takeCredentialCheck).
const lockOrdersMakingThreadsQuery = (checked: boolean) =>
  preparedSqlByIds<{
    id: string;
    head: Parameters<typeof threadHeadOf>[0];
  }>(
    `lock_orders_making_threads${checked ? '_checked' : ''}`,
    `with o as (
     select id, seller_id, buyer_id from orders
     where id = any({ids})${checked ? ` and ${liveCredentialText(4)}` : ''}
     order by id for no key update),
   t as (
     insert into threads as t (order_id, seller_id, buyer_id, last_seq, last_hash, last_message_at)
     select id, seller_id, buyer_id, 0, $2::text, $3::timestamptz from o order by id
     on conflict (order_id) do update set order_id = excluded.order_id
     returning t.*)
   select o.id, (select ${THREAD_HEAD_JSON} from t where t.order_id = o.id) as head
   from o order by o.id`,
  );
const lockOrdersMakingThreads = {
  unchecked: lockOrdersMakingThreadsQuery(false),
  checked: lockOrdersMakingThreadsQuery(true),
};

// Orders and the threads they have, locked in one statement (the orders first, in id order, as
// every command takes them; then their threads).
const lockOrdersAndThreads = preparedSqlByIds<{
  id: string;
  heads: Parameters<typeof threadHeadOf>[0][] | null;
}>(
  'lock_orders_and_threads',
  `with o as (select id from orders where id = any({ids}) order by id for no key update)
   select o.id, (select json_agg(${THREAD_HEAD_JSON}) from (select * from threads
       where order_id in (select id from o) order by order_id for update) t) as heads
   from o order by o.id`,
);

/**
 * Locks these orders (in id order) and their threads until the transaction ends, and holds the
 * threads' heads for this transaction's appends (held.ts): `makeThreads` makes missing threads
 * (a new request's), else an order without a thread has none locked. Answers the ids locked.
 * A credential check held for the transaction's first statement is made in a new request's lock,
 * before anything is locked or made.
 */
export async function lockOrdersWithThreads(
  db: Db,
  orderIds: string[],
  options: { makeThreads?: { genesisHash: string; now: Date } } = {},
): Promise<string[]> {
  const ids = [...new Set(orderIds)];
  if (!ids.length) return [];
  const make = options.makeThreads;
  if (make) {
    const made = [make.genesisHash, instant(make.now)];
    const check = takeCredentialCheck(db);
    const rows = check
      ? await lockOrdersMakingThreads.checked(db, ids, [...made, ...credentialCheckParams(check)])
      : await lockOrdersMakingThreads.unchecked(db, ids, made);
    holdThreads(
      db,
      rows.flatMap((r) => (r.head ? [threadHeadOf(r.head)] : [])),
    );
    return rows.map((r) => r.id);
  }
  const rows = await lockOrdersAndThreads(db, ids);
  holdThreads(db, (rows[0]?.heads ?? []).map(threadHeadOf));
  return rows.map((r) => r.id);
}

/** The insert of `rows` (none: undefined), sent with the other writes of a command (write-together.ts). */
export function insertMessagesSql(rows: (typeof messages.$inferInsert)[]): SqlText | undefined {
  if (!rows.length) return undefined;
  return text`
      insert into messages (id, order_id, seq, kind, author_id, author_role, body, attachment_ids,
        case_id, event_id, created_at, prev_hash, hash)
      ${rowsText(rows, MESSAGE_COLUMNS)}`;
}

// Constant column lists: what they put in a statement's text is worked out once (rowsText).
const MESSAGE_COLUMNS: UnnestColumn<typeof messages.$inferInsert>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'order_id', type: 'text', value: (r) => r.orderId },
  { name: 'seq', type: 'int', value: (r) => r.seq },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'author_id', type: 'text', value: (r) => r.authorId },
  { name: 'author_role', type: 'text', value: (r) => r.authorRole },
  { name: 'body', type: 'text', value: (r) => r.body },
  { name: 'attachment_ids', type: 'jsonb', value: (r) => json(r.attachmentIds) },
  { name: 'case_id', type: 'text', value: (r) => orNull(r.caseId) },
  { name: 'event_id', type: 'text', value: (r) => orNull(r.eventId) },
  { name: 'created_at', type: 'timestamptz', value: (r) => instant(r.createdAt) },
  { name: 'prev_hash', type: 'text', value: (r) => r.prevHash },
  { name: 'hash', type: 'text', value: (r) => r.hash },
];

interface ThreadHeadWrite {
  orderId: string;
  fromSeq: number;
  lastSeq: number;
  lastHash: string;
  at: Date;
}

const THREAD_HEAD_COLUMNS: UnnestColumn<ThreadHeadWrite>[] = [
  { name: 'order_id', type: 'text', value: (h) => h.orderId },
  { name: 'from_seq', type: 'int', value: (h) => h.fromSeq },
  { name: 'last_seq', type: 'int', value: (h) => h.lastSeq },
  { name: 'last_hash', type: 'text', value: (h) => h.lastHash },
  { name: 'at', type: 'timestamptz', value: (h) => instant(h.at) },
];

/** Moves the threads' heads on from the sequence each was read at (the rows updated are returned), sent with the other writes of a command (write-together.ts). */
export function updateThreadsSql(heads: ThreadHeadWrite[]): SqlText | undefined {
  if (!heads.length) return undefined;
  const values = rowsText(heads, THREAD_HEAD_COLUMNS);
  return text`
    update threads as t set last_seq = v.last_seq, last_hash = v.last_hash,
      last_message_at = v.at
    from (${values}) as v
    where t.order_id = v.order_id and t.last_seq = v.from_seq
    returning t.order_id`;
}

/** A message with the type of the case event it shows (system lines), for clients to translate. */
export type ThreadMessage = MessageRow & { eventType: string | null };

const withEventType = {
  message: messages,
  eventType: caseEvents.type,
};

function flatten(rows: { message: MessageRow; eventType: string | null }[]): ThreadMessage[] {
  return rows.map((r) => ({ ...r.message, eventType: r.eventType }));
}

/** A page of a thread, oldest first, after `after_seq`, with each author's name. */
export async function listMessages(
  db: Db,
  orderId: string,
  page: { limit: number; after_seq?: number | undefined },
): Promise<(ThreadMessage & { authorName: string | null })[]> {
  const rows = await db
    .select({ ...withEventType, authorName: users.name })
    .from(messages)
    .leftJoin(caseEvents, eq(caseEvents.id, messages.eventId))
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(
      and(
        eq(messages.orderId, orderId),
        page.after_seq !== undefined ? gt(messages.seq, page.after_seq) : undefined,
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(page.limit);
  return rows.map((r) => ({ ...r.message, eventType: r.eventType, authorName: r.authorName }));
}

export async function allMessagesOf(db: Db, orderId: string): Promise<ThreadMessage[]> {
  const rows = await db
    .select(withEventType)
    .from(messages)
    .leftJoin(caseEvents, eq(caseEvents.id, messages.eventId))
    .where(eq(messages.orderId, orderId))
    .orderBy(asc(messages.seq));
  return flatten(rows);
}

export async function markThreadRead(
  db: Db,
  orderId: string,
  userId: string,
  seq: number,
  now: Date,
): Promise<number> {
  const [row] = await db
    .insert(threadReads)
    .values({ orderId, userId, lastReadSeq: seq, updatedAt: now })
    .onConflictDoUpdate({
      target: [threadReads.orderId, threadReads.userId],
      // A read marker only moves forward.
      set: {
        lastReadSeq: sql`greatest(${threadReads.lastReadSeq}, excluded.last_read_seq)`,
        updatedAt: now,
      },
    })
    .returning({ seq: threadReads.lastReadSeq });
  return row?.seq ?? seq;
}

export async function readMarker(db: Db, orderId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ seq: threadReads.lastReadSeq })
    .from(threadReads)
    .where(and(eq(threadReads.orderId, orderId), eq(threadReads.userId, userId)));
  return row?.seq ?? 0;
}

/**
 * People's messages the user has not read, in the threads within reach: a buyer's own orders'
 * threads, a shop's threads for its staff. Own messages (and a shop's own) never count.
 */
export async function unreadMessageCount(
  db: Db,
  user: { id: string; role: string; seller_id: string | null },
): Promise<number> {
  const inReach =
    user.role === 'buyer'
      ? sql`t.buyer_id = ${user.id}`
      : user.role === 'seller'
        ? sql`t.seller_id = ${user.seller_id ?? ''}`
        : sql`false`;
  const notMine =
    user.role === 'seller' ? sql`m.author_role <> 'seller'` : sql`m.author_id <> ${user.id}`;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`
      select count(*)::int as n
      from threads t
      join messages m on m.order_id = t.order_id
      left join thread_reads r on r.order_id = t.order_id and r.user_id = ${user.id}
      where ${inReach} and m.kind = 'message' and ${notMine}
        and m.seq > coalesce(r.last_read_seq, 0)`,
  );
  return Number(row?.n ?? 0);
}

/** Every thread's messages in chain order, a page of threads at a time (for `sendback verify`). */
export async function threadPage(db: Db, afterOrderId: string, limit: number) {
  return db
    .select({ orderId: threads.orderId, lastSeq: threads.lastSeq, lastHash: threads.lastHash })
    .from(threads)
    .where(gt(threads.orderId, afterOrderId))
    .orderBy(asc(threads.orderId))
    .limit(limit);
}

export async function messagesOfOrders(db: Db, orderIds: string[]): Promise<MessageRow[]> {
  if (!orderIds.length) return [];
  return db
    .select()
    .from(messages)
    .where(inArray(messages.orderId, orderIds))
    .orderBy(asc(messages.orderId), asc(messages.seq));
}
