import type { Db } from '../db/database.ts';
import { listMessages, markThreadRead, readMarker } from '../db/messages.ts';
import type { Principal } from './principal.ts';
import { threadOrder } from './thread-access.ts';

/** GET /v1/orders/{id}/messages: a page of the order's thread and the caller's read marker. */
export async function readThread(
  db: Db,
  principal: Principal,
  orderId: string,
  page: { limit: number; after_seq?: number | undefined },
): Promise<{
  messages: Awaited<ReturnType<typeof listMessages>>;
  next: number | null;
  last_read_seq: number;
}> {
  await threadOrder(db, principal, orderId, 'read');
  const rows = await listMessages(db, orderId, {
    limit: page.limit + 1,
    after_seq: page.after_seq,
  });
  const shown = rows.slice(0, page.limit);
  return {
    messages: shown,
    next: rows.length > page.limit ? shown.at(-1)!.seq : null,
    last_read_seq: await readMarker(db, orderId, principal.user_id),
  };
}

/** Moves the caller's read marker forward to `seq` (never back); answers where it now is. */
export async function markThreadReadUpTo(
  db: Db,
  principal: Principal,
  orderId: string,
  seq: number,
  now: Date,
): Promise<number> {
  await threadOrder(db, principal, orderId, 'read');
  return markThreadRead(db, orderId, principal.user_id, seq, now);
}
