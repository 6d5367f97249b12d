import type { Db } from '../db/database.ts';
import {
  insertMessagesSql,
  lockThreads,
  type MessageRow,
  updateThreadsSql,
} from '../db/messages.ts';
import { Writes } from '../db/write-together.ts';
import type { DomainEvent } from '../domain/index.ts';
import { newId } from './ids.ts';
import { chainHash, GENESIS_HASH } from './record-hash.ts';

export interface ThreadOrder {
  id: string;
  seller_id: string;
  buyer_id: string;
}

export interface NewMessage {
  kind: 'message' | 'system';
  author_id: string;
  author_role: string;
  body: string;
  attachment_ids: string[];
  case_id: string | null;
  event_id: string | null;
}

/** What a message's hash covers; `sendback verify` recomputes it from the stored row. */
export function messageRecord(row: MessageRow) {
  return {
    id: row.id,
    order_id: row.orderId,
    seq: row.seq,
    kind: row.kind,
    author: { id: row.authorId, role: row.authorRole },
    body: row.body,
    attachment_ids: row.attachmentIds,
    case_id: row.caseId,
    event_id: row.eventId,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Appends messages to their orders' threads: each thread row is locked, each message takes the
 * next sequence number and the hash of the one before it. Works for one message or a sweeper's
 * batch of system lines. Given `writes`, the messages and the threads' new heads join the
 * caller's other writes (one statement, sent by the caller before it commits); else they are
 * written here.
 */
export async function appendToThreads(
  db: Db,
  entries: { order: ThreadOrder; message: NewMessage }[],
  now: Date,
  writes?: Writes,
): Promise<MessageRow[]> {
  if (!entries.length) return [];
  const orders = [...new Map(entries.map((e) => [e.order.id, e.order])).values()];
  const heads = await lockThreads(db, orders, GENESIS_HASH, now);
  const readAt = new Map([...heads.values()].map((h) => [h.orderId, h.lastSeq]));
  const rows: MessageRow[] = [];
  for (const { order, message } of entries) {
    const head = heads.get(order.id)!;
    const row: MessageRow = {
      id: newId('msg', now),
      orderId: order.id,
      seq: head.lastSeq + 1,
      kind: message.kind,
      authorId: message.author_id,
      authorRole: message.author_role,
      body: message.body,
      attachmentIds: message.attachment_ids,
      caseId: message.case_id,
      eventId: message.event_id,
      createdAt: now,
      prevHash: head.lastHash,
      hash: '',
    };
    row.hash = chainHash(row.prevHash, messageRecord(row));
    head.lastSeq = row.seq;
    head.lastHash = row.hash;
    rows.push(row);
  }
  const own = writes ?? new Writes();
  // One statement holds at most 1,000 messages (a sweeper's batch has at most a few hundred).
  for (let i = 0; i < rows.length; i += 1000) own.add(insertMessagesSql(rows.slice(i, i + 1000)));
  // Each head moves on from the sequence it was read at, or the statement fails.
  const moved = [...heads.values()].filter((h) => h.lastSeq !== readAt.get(h.orderId));
  own.expect(
    updateThreadsSql(
      moved.map((h) => ({
        orderId: h.orderId,
        fromSeq: readAt.get(h.orderId)!,
        lastSeq: h.lastSeq,
        lastHash: h.lastHash,
        at: now,
      })),
    ),
    moved.length,
    'threads moved on under their row locks',
  );
  if (!writes) await own.flush(db);
  return rows;
}

/** The line a case event leaves in its order's thread (clients translate by `event_id` type). */
export function systemLine(caseId: string, event: DomainEvent): string {
  const what = event.type.replace(/^return\./, '').replaceAll('_', ' ');
  const by = event.actor.role === 'system' ? 'automatically' : `by the ${event.actor.role}`;
  return `Return ${caseId}: ${what} ${by}.`;
}
