import { createHash } from 'node:crypto';
import { type Db, inTransaction, withFirstStatement } from '../db/database.ts';
import {
  claimIdempotencyKey,
  findIdempotentAnswer,
  type IdempotencyKey,
  storeIdempotentAnswer,
} from '../db/idempotency.ts';
import { requireLiveCredential } from '../db/users.ts';
import { type CredentialCheck, credentialEndedOr } from './authenticate.ts';
import { AppError } from './errors.ts';

export interface Answer {
  status: number;
  body: unknown;
  /**
   * Fields of the body (at its top level) holding a secret that is shown once and stored only as
   * a hash, such as a new API key: the answer kept for a retry has them null, so the secret is
   * never written to the database, and a retry with the same Idempotency-Key gets null there.
   */
  shownOnce?: readonly string[];
}

/** The answer as kept for a retry: without the secrets it showed once. */
export function keptAnswer(answer: Answer): Answer {
  if (!answer.shownOnce?.length) return answer;
  const body = { ...(answer.body as Record<string, unknown>) };
  for (const field of answer.shownOnce) if (body[field] !== undefined) body[field] = null;
  return { status: answer.status, body };
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
 * A `credential` the caller was known by is checked first, in the round trip of the transaction's
 * first statement: if it no longer works, nothing runs and the caller is unauthenticated. A secret
 * the answer shows once is not kept with it (Answer.shownOnce).
 */
export async function runOnce(
  db: Db,
  key: IdempotencyKey | undefined,
  now: Date,
  work: (tx: Db) => Promise<Answer>,
  credential?: CredentialCheck,
): Promise<Answer & { replayed: boolean }> {
  const run = runOnceChecked(db, key, now, work, credential);
  if (!credential) return run;
  return run.catch((err: unknown) => {
    throw credentialEndedOr(err, credential);
  });
}

function runOnceChecked(
  db: Db,
  key: IdempotencyKey | undefined,
  now: Date,
  work: (tx: Db) => Promise<Answer>,
  credential?: CredentialCheck,
): Promise<Answer & { replayed: boolean }> {
  return inTransaction(db, async (tx) => {
    if (credential) await withFirstStatement(tx, requireLiveCredential(credential, now));
    if (key && !(await claimIdempotencyKey(tx, key, now))) {
      const stored = await findIdempotentAnswer(tx, key);
      if (!stored) throw new AppError('idempotency_in_progress', 'Retry this request shortly.');
      if (stored.requestHash !== key.fingerprint) {
        throw new AppError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request.',
        );
      }
      return { status: stored.statusCode, body: stored.response, replayed: true };
    }
    const answer = await work(tx);
    if (key) await storeIdempotentAnswer(tx, key, keptAnswer(answer));
    return { ...answer, replayed: false };
  });
}
