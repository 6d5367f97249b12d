import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { idempotencyKeys } from './schema.ts';

export interface IdempotencyKey {
  principal_id: string;
  key: string;
  fingerprint: string;
}

export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

/**
 * Claims (caller, key) for this transaction. False when another request holds it: a concurrent one
 * blocks on the insert until the holder commits, so the stored answer is then readable.
 */
export async function claimIdempotencyKey(
  db: Db,
  key: IdempotencyKey,
  now: Date,
): Promise<boolean> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values({
      principalId: key.principal_id,
      key: key.key,
      requestHash: key.fingerprint,
      statusCode: 0,
      response: {},
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

export async function findIdempotentAnswer(
  db: Db,
  key: IdempotencyKey,
): Promise<StoredAnswer | undefined> {
  const [stored] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      statusCode: idempotencyKeys.statusCode,
      response: idempotencyKeys.response,
    })
    .from(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.principalId, key.principal_id), eq(idempotencyKeys.key, key.key)),
    );
  return stored;
}

export async function storeIdempotentAnswer(
  db: Db,
  key: IdempotencyKey,
  answer: { status: number; body: unknown },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ statusCode: answer.status, response: answer.body as object })
    .where(
      and(eq(idempotencyKeys.principalId, key.principal_id), eq(idempotencyKeys.key, key.key)),
    );
}

/**
 * How long a POST's answer is kept for retries with its Idempotency-Key: a week (Stripe keeps
 * keys for a day). After that the key is forgotten, and a request with it runs as a new one.
 */
export const IDEMPOTENCY_KEEP_MS = 7 * 86_400_000;

/**
 * Deletes up to `batch` keys older than IDEMPOTENCY_KEEP_MS, oldest first; answers how many.
 * Keys still being claimed are newer than that, so no request in flight loses its key.
 */
export async function deleteExpiredIdempotencyKeys(
  db: Db,
  now: Date,
  batch = 1000,
): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_KEEP_MS);
  const expired = db
    .select({ principalId: idempotencyKeys.principalId, key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before))
    .orderBy(idempotencyKeys.createdAt)
    .limit(batch);
  const deleted = await db
    .delete(idempotencyKeys)
    .where(inArray(sql`(${idempotencyKeys.principalId}, ${idempotencyKeys.key})`, expired))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
