import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type Db, inTransaction } from '../db/database.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { AppError } from './errors.ts';

export interface Answer {
  status: number;
  body: unknown;
}

export function requestFingerprint(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${route}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/**
 * Runs `work` in one transaction, keyed by (caller, Idempotency-Key) when a key is given.
 *
 * The key row is inserted first, inside the same transaction. A concurrent request with the same
 * key blocks on that insert until the first one commits, then finds the stored answer and replays
 * it: so 100 identical requests run the work exactly once. If the work fails, the transaction and
 * the key roll back together, and a retry runs the work again (nothing was written the first time).
 */
export async function runOnce(
  db: Db,
  key: { principal_id: string; key: string; fingerprint: string } | undefined,
  now: Date,
  work: (tx: Db) => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  return inTransaction(db, async (tx) => {
    if (key) {
      const claimed = await tx
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
      if (claimed.length === 0) {
        const [stored] = await tx
          .select()
          .from(idempotencyKeys)
          .where(
            and(
              eq(idempotencyKeys.principalId, key.principal_id),
              eq(idempotencyKeys.key, key.key),
            ),
          );
        if (!stored) throw new AppError('idempotency_in_progress', 'Retry this request shortly.');
        if (stored.requestHash !== key.fingerprint) {
          throw new AppError(
            'idempotency_key_reused',
            'This Idempotency-Key was used for a different request.',
          );
        }
        return { status: stored.statusCode, body: stored.response, replayed: true };
      }
    }
    const answer = await work(tx);
    if (key) {
      await tx
        .update(idempotencyKeys)
        .set({ statusCode: answer.status, response: answer.body as object })
        .where(
          and(eq(idempotencyKeys.principalId, key.principal_id), eq(idempotencyKeys.key, key.key)),
        );
    }
    return { ...answer, replayed: false };
  });
}
