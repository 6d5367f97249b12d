import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../app/database.ts';
import { AppError } from '../app/errors.ts';
import { type Answer, requestFingerprint, runOnce } from '../app/idempotency.ts';
import type { AppDeps } from './app.ts';
import { principalOf } from './auth.ts';

/**
 * Runs a write in one transaction and answers it. With an `Idempotency-Key` header, a retry gets
 * the first answer back (marked `Idempotent-Replayed: true`) and the write happens once.
 */
export async function answerWrite(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Db, now: Date) => Promise<Answer>,
): Promise<FastifyReply> {
  const principal = principalOf(request);
  const header = request.headers['idempotency-key'];
  if (
    header !== undefined &&
    (typeof header !== 'string' || header.length < 1 || header.length > 255)
  ) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 characters.', {
      fields: [{ path: 'headers.idempotency-key', message: '1 to 255 characters' }],
    });
  }
  const now = deps.clock.now();
  const key = header
    ? {
        principal_id: principal.user_id,
        key: header,
        fingerprint: requestFingerprint(
          request.method,
          request.url.split('?')[0] ?? '',
          request.body,
        ),
      }
    : undefined;
  let text: ReturnType<FastifyReply['serialize']> = '';
  // A credential the server knew is checked in the transaction, ahead of its first statement.
  const credential = request.credentialCheck;
  request.credentialCheck = null;
  const answer = await runOnce(
    deps.database.db,
    key,
    now,
    async (tx) => {
      const done = await work(tx, now);
      // The answer is encoded by the route's response schema before the commit: a body it refuses
      // fails the request with nothing written, never a 500 over a change that stays.
      if (done.status !== 204) text = reply.code(done.status).serialize(done.body);
      return done;
    },
    credential ?? undefined,
  );
  if (answer.replayed) {
    reply.header('idempotent-replayed', 'true');
    return reply.code(answer.status).send(answer.body);
  }
  if (answer.status === 204) return reply.code(204).send();
  return reply.code(answer.status).type('application/json; charset=utf-8').send(text);
}

/**
 * Sends a body that already is JSON text of the route's response schema, in pieces, skipping the
 * schema's encoding; whoever builds the text keeps it to the schema (and tests that it does). The
 * pieces (a queue page: each case's document as PostgreSQL wrote it, and what is added to it) are
 * written once, straight into the bytes sent. Joined into one string first, a page was copied
 * three more times on the JavaScript heap (the join, the header's byte count, the socket's
 * encoding): a young-generation collection every seven pages (bench:queue).
 */
export function sendJsonPieces(reply: FastifyReply, pieces: readonly string[]): FastifyReply {
  let size = 0;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) at += body.write(piece, at);
  return reply.type('application/json; charset=utf-8').send(body.subarray(0, at));
}
