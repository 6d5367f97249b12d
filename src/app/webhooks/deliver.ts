import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type Db, inTransaction } from '../../db/database.ts';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  countEndpointFailure,
  disableEndpoint,
  endpointReachedSince,
  recordDeliveryAttempt,
  resetEndpointFailures,
} from '../../db/webhooks.ts';
import { realClock } from '../clock.ts';
import { signPayload } from './signature.ts';
import {
  guardedLookup,
  RefusedTargetError,
  type Resolve,
  refusedUrl,
  systemResolve,
} from './targets.ts';

/**
 * The webhook outbox worker. Any number of nodes may run it at once: due rows are claimed with
 * `FOR UPDATE SKIP LOCKED` in a short transaction that stamps `locked_until` (a lease) and counts
 * the attempt; the POSTs happen after that commit, outside any transaction; each outcome is recorded
 * in its own transaction, fenced on the claim (a row redelivered or re-claimed meanwhile is left
 * alone).
 *
 * Retries: after a failed attempt number n the next one is due `1 min × 2^(n-1)` later, plus up to
 * 25 % jitter, at most 6 h per step, and never later than 3 days after the delivery was created; an
 * attempt that fails 3 days or more after creation marks the delivery `failed`.
 *
 * Disabling: every failed attempt adds one to the endpoint's `consecutive_failures` and every
 * success resets it to 0. When a delivery gives up (3 days of failures) while the endpoint has at
 * least `DISABLE_AFTER_CONSECUTIVE_FAILURES` failures in a row and nothing reached it in the last
 * 3 days, the endpoint is disabled (`status = 'disabled'`, `disabled_at`): it gets no new events
 * and its pending deliveries wait until it is enabled again.
 *
 * Targets: unless `allowPrivateTargets`, each attempt refuses a URL or a resolved address that is
 * not public (./targets.ts), checked inside the connection's lookup so the address checked is the
 * one connected to. Outcomes keep the status code and one of `DELIVERY_ERROR_KINDS`, never the
 * receiver's answer: an echoed body or error text would let a seller read what a URL answers.
 */

export const RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
export const FIRST_RETRY_MS = 60 * 1000;
export const MAX_RETRY_STEP_MS = 6 * 60 * 60 * 1000;
export const RETRY_JITTER = 0.25;
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 10;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** How long past the request timeout a claim stays leased (to record the outcome). */
const LEASE_MARGIN_MS = 60_000;
const USER_AGENT = 'Sendback-Webhooks/1';

/** What `last_error` says about a failed attempt (the status code is in `last_status_code`). */
export const DELIVERY_ERROR_KINDS = [
  'unexpected_status',
  'refused_target',
  'timeout',
  'dns_failed',
  'tls_failed',
  'connection_failed',
] as const;
export type DeliveryErrorKind = (typeof DELIVERY_ERROR_KINDS)[number];

/** The part of a pino logger this worker uses. */
export interface WebhookLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface DeliverOptions {
  /** Send to loopback, private, link-local... addresses too (local development and tests only). */
  allowPrivateTargets: boolean;
  /** Resolves endpoint host names (default: the system resolver, as `dns.lookup`). */
  resolve?: Resolve;
  /** Rows claimed per call (default 50). */
  limit?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  log?: WebhookLog;
  /** A number in [0, 1) for the backoff jitter (default Math.random). */
  random?: () => number;
}

export interface DeliverResult {
  attempted: number;
  succeeded: number;
  failed: number;
}

type Claimed = ClaimedDelivery;

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: DeliveryErrorKind | null;
  /** For our logs only: the system's error code behind a failure (ECONNREFUSED, ...). */
  cause?: string;
}

/** The wait after failed attempt number `attempts` (1-based), before the 3-day clamp. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const base = FIRST_RETRY_MS * 2 ** exponent;
  return Math.min(MAX_RETRY_STEP_MS, Math.round(base * (1 + RETRY_JITTER * random())));
}

/** Sends what is due at `now`; returns how many attempts were made and how they went. */
export async function deliverDueWebhooks(
  db: Db,
  now: Date,
  options: DeliverOptions,
): Promise<DeliverResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const claimed = await claimDue(db, now, options.limit ?? 50, timeoutMs);
  const result: DeliverResult = { attempted: claimed.length, succeeded: 0, failed: 0 };
  const queue = [...claimed];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const outcome = await send(row, timeoutMs, options);
      if (outcome.ok) result.succeeded += 1;
      else result.failed += 1;
      await recordOutcome(db, row, outcome, now, options);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, claimed.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}

async function claimDue(db: Db, now: Date, limit: number, timeoutMs: number): Promise<Claimed[]> {
  const lockedUntil = new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS);
  return inTransaction(db, (tx) => claimDueDeliveries(tx, now, limit, lockedUntil));
}

/** One POST; the answer's body is neither read nor kept. */
function send(row: Claimed, timeoutMs: number, options: DeliverOptions): Promise<Outcome> {
  const body = JSON.stringify(row.payload);
  const url = URL.parse(row.url);
  if (!url || (!options.allowPrivateTargets && refusedUrl(row.url) !== null)) {
    return Promise.resolve({ ok: false, statusCode: null, error: 'refused_target' });
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const controller = new AbortController();
  return new Promise<Outcome>((settle) => {
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      settle(outcome);
    };
    const failed = (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        statusCode: null,
        error: controller.signal.aborted ? 'timeout' : errorKind(error),
        cause: error.code ?? error.name,
      });
    let req: ReturnType<typeof request>;
    try {
      req = request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': USER_AGENT,
            // Real time, not the test clock: the receiver checks it against its own clock.
            'sendback-signature': signPayload(
              row.secret,
              body,
              Math.floor(realClock.now().getTime() / 1000),
            ),
            'sendback-event-id': row.eventId,
            'sendback-event-type': row.eventType,
            'sendback-delivery-id': row.id,
          },
          // A connection of its own, so every attempt goes through the lookup below.
          agent: false,
          lookup: guardedLookup(options.resolve ?? systemResolve, options.allowPrivateTargets),
          signal: controller.signal,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          response.destroy();
          // A redirect is an answer, not a success (it is not followed): the signature was made for
          // this URL's receiver.
          finish(
            status >= 200 && status < 300
              ? { ok: true, statusCode: status, error: null }
              : { ok: false, statusCode: status, error: 'unexpected_status' },
          );
        },
      );
    } catch (error) {
      failed(error as NodeJS.ErrnoException);
      return;
    }
    req.on('error', failed);
    req.end(body);
  });
}

function errorKind(error: NodeJS.ErrnoException): DeliveryErrorKind {
  if (error instanceof RefusedTargetError) return 'refused_target';
  const code = error.code ?? '';
  if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL'].includes(code)) {
    return 'dns_failed';
  }
  if (/CERT|SSL|TLS/.test(code)) return 'tls_failed';
  return 'connection_failed';
}

async function recordOutcome(
  db: Db,
  row: Claimed,
  outcome: Outcome,
  now: Date,
  options: DeliverOptions,
): Promise<void> {
  const context = {
    delivery_id: row.id,
    endpoint_id: row.endpointId,
    event_id: row.eventId,
    event_type: row.eventType,
    attempt: row.attempts,
    status_code: outcome.statusCode,
  };
  await inTransaction(db, async (tx) => {
    if (outcome.ok) {
      const done = await recordDeliveryAttempt(tx, row, {
        status: 'succeeded',
        deliveredAt: now,
        statusCode: outcome.statusCode,
      });
      if (!done) return;
      await resetEndpointFailures(tx, row.endpointId);
      options.log?.info(context, 'webhook delivered');
      return;
    }
    const giveUp = now.getTime() - row.createdAt.getTime() >= RETRY_WINDOW_MS;
    const nextAttemptAt = new Date(
      Math.min(
        now.getTime() + retryDelayMs(row.attempts, options.random),
        row.createdAt.getTime() + RETRY_WINDOW_MS,
      ),
    );
    const recorded = await recordDeliveryAttempt(tx, row, {
      status: giveUp ? 'failed' : 'pending',
      statusCode: outcome.statusCode,
      error: outcome.error,
      ...(giveUp ? {} : { nextAttemptAt }),
    });
    if (!recorded) return;
    const endpoint = await countEndpointFailure(tx, row.endpointId);
    const failure = { ...context, error: outcome.error, cause: outcome.cause };
    if (!giveUp) {
      options.log?.warn(
        { ...failure, next_attempt_at: nextAttemptAt.toISOString() },
        'webhook attempt failed; will retry',
      );
      return;
    }
    options.log?.warn(failure, 'webhook delivery failed; no more retries');
    if (
      endpoint?.status === 'enabled' &&
      endpoint.failures >= DISABLE_AFTER_CONSECUTIVE_FAILURES &&
      !(await endpointReachedSince(tx, row.endpointId, new Date(now.getTime() - RETRY_WINDOW_MS)))
    ) {
      await disableEndpoint(tx, row.endpointId, now);
      options.log?.warn(
        { endpoint_id: row.endpointId, consecutive_failures: endpoint.failures },
        'webhook endpoint disabled after failing for 3 days',
      );
    }
  });
}
