import { and, eq } from 'drizzle-orm';
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
