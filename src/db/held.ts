import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

/**
 * What a transaction already holds, so later steps of the same command need not ask again: the
 * thread rows its lock statement locked (with their heads, read under the lock) and the webhook
 * endpoints its context statement read. Kept per database object: a transaction's own (and each
 * savepoint's own), never the pool's, and gone with it.
 *
 * A thread head taken from here is as fresh as one read now: its row is locked by this
 * transaction, so no one else can move it, and this transaction's own appends move the very
 * object kept here. The write that moves it on is still guarded by the sequence it was read at
 * (appendToThreads), so a stale head could only fail a command, never fork a chain.
 */
export interface ThreadHead {
  orderId: string;
  sellerId: string;
  buyerId: string;
  lastSeq: number;
  lastHash: string;
  lastMessageAt: Date;
}

export interface EndpointRow {
  id: string;
  sellerId: string | null;
  events: string[];
}

interface Held {
  threads: Map<string, ThreadHead>;
  /** By shop: its enabled endpoints and the operators' every-shop ones. */
  endpoints: Map<string, EndpointRow[]>;
}

const held = new WeakMap<object, Held>();

/** Only a transaction holds anything: a statement on the pool keeps no lock past itself. */
function heldBy(db: Db): Held {
  if (!(db instanceof PgTransaction)) return { threads: new Map(), endpoints: new Map() };
  let h = held.get(db);
  if (!h) {
    h = { threads: new Map(), endpoints: new Map() };
    held.set(db, h);
  }
  return h;
}

/** Records threads this transaction has just locked, as their lock returned them. */
export function holdThreads(db: Db, heads: Iterable<ThreadHead>): void {
  const threads = heldBy(db).threads;
  for (const head of heads) threads.set(head.orderId, head);
}

/** The heads of these orders' threads this transaction holds (the others are missing). */
export function heldThreads(db: Db, orderIds: string[]): Map<string, ThreadHead> {
  const out = new Map<string, ThreadHead>();
  const threads = held.get(db)?.threads;
  if (!threads) return out;
  for (const id of orderIds) {
    const head = threads.get(id);
    if (head) out.set(id, head);
  }
  return out;
}

/** Records the endpoints a shop's events go to, as this transaction read them. */
export function holdEndpoints(db: Db, sellerId: string, endpoints: EndpointRow[]): void {
  heldBy(db).endpoints.set(sellerId, endpoints);
}

export function heldEndpoints(db: Db, sellerId: string): EndpointRow[] | undefined {
  return held.get(db)?.endpoints.get(sellerId);
}

/** A thread's head (a row aliased `t`) as a JSON object with ThreadHead's keys. */
export const THREAD_HEAD_JSON = `json_build_object('orderId', t.order_id, 'sellerId', t.seller_id,
  'buyerId', t.buyer_id, 'lastSeq', t.last_seq, 'lastHash', t.last_hash,
  'lastMessageAt', t.last_message_at)`;

/** A thread head as THREAD_HEAD_JSON gives it (instants as text, the sequence maybe as text). */
export function threadHeadOf(row: {
  orderId: string;
  sellerId: string;
  buyerId: string;
  lastSeq: number | string;
  lastHash: string;
  lastMessageAt: Date | string;
}): ThreadHead {
  return {
    orderId: row.orderId,
    sellerId: row.sellerId,
    buyerId: row.buyerId,
    lastSeq: Number(row.lastSeq),
    lastHash: row.lastHash,
    lastMessageAt: new Date(row.lastMessageAt),
  };
}
