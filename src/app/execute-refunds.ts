import type { GatewayResult, PaymentGateway } from '../adapters/payments.ts';
import { type Db, inTransaction, readTogether } from '../db/database.ts';
import { lockOrdersWithThreads } from '../db/messages.ts';
import { findOrder } from '../db/orders.ts';
import {
  claimDueRefunds,
  isFinished,
  lockRefund,
  type RefundRow,
  settleRefund,
  updateRefund,
} from '../db/refunds.ts';
import { SYSTEM_ACTOR } from '../domain/index.ts';
import { applyCaseCommand, commandReads } from './apply-case-command.ts';
import { summarizeCase } from './case-view.ts';
import { newId } from './ids.ts';
import { presentRefundRow } from './record-case-change.ts';
import { enqueueWebhookEvent } from './webhooks/enqueue.ts';

export interface RefundWorkerOptions {
  gateways: Record<'original_payment' | 'platform_balance', PaymentGateway>;
  /** Failed attempts before the case goes to refund_failed for an agent. */
  max_attempts: number;
  /** First retry waits this long; each further retry twice as long. */
  backoff_base_seconds: number;
  batch_size?: number;
  log?: {
    warn: (obj: object, msg: string) => void;
    error: (obj: object, msg: string) => void;
  };
}

export function retryDelaySeconds(failedAttempts: number, baseSeconds: number): number {
  return baseSeconds * 2 ** Math.max(0, failedAttempts - 1);
}

/**
 * Pays due refunds. A refund is claimed (row lock, then a lease), sent to its gateway outside any
 * transaction with its idempotency key, and the answer recorded in a new transaction together with
 * the case's move to refunded or refund_failed. A crash between the gateway call and the record
 * leaves the lease to expire; the next attempt asks the gateway again with the same key, which
 * answers with the first outcome instead of paying twice.
 */
export async function executeDueRefunds(
  db: Db,
  now: Date,
  options: RefundWorkerOptions,
): Promise<{ claimed: number; succeeded: number; failed: number; pending: number }> {
  const leaseUntil = new Date(now.getTime() + 60_000);
  const claimed = await claimDueRefunds(db, now, options.batch_size ?? 50, leaseUntil);
  const tally = { claimed: claimed.length, succeeded: 0, failed: 0, pending: 0 };
  for (const refund of claimed) {
    try {
      tally[await executeRefund(db, refund, now, options)]++;
    } catch (err) {
      // One refund that cannot be recorded does not hold up the others; its lease runs out and a
      // later run tries it again with the same key (the gateway does not pay twice).
      options.log?.error({ err, refund_id: refund.id }, 'refund not recorded');
      tally.pending++;
    }
  }
  return tally;
}

/**
 * Pays one claimed refund through its gateway (outside any transaction, with its idempotency
 * key) and records the answer with the case's move, as the worker does for each refund it claims.
 */
export async function executeRefund(
  db: Db,
  refund: RefundRow & { paymentReference?: string | null },
  now: Date,
  options: RefundWorkerOptions,
): Promise<'succeeded' | 'failed' | 'pending'> {
  // The worker's claim brings the order's payment reference; a refund handed in otherwise has its
  // order read.
  const paymentReference =
    refund.paymentReference !== undefined
      ? refund.paymentReference
      : ((await findOrder(db, refund.orderId))?.payment_reference ?? null);
  let result: GatewayResult;
  try {
    result = await options.gateways[refund.destination].execute(
      {
        refund_id: refund.id,
        idempotency_key: refund.idempotencyKey,
        amount: refund.amount,
        currency: refund.currency,
        buyer_id: refund.buyerId,
        seller_id: refund.sellerId,
        payment_reference: paymentReference ?? '',
        provider_reference: refund.providerReference,
      },
      now,
    );
  } catch (err) {
    result = {
      status: 'failed',
      retryable: true,
      error: (err as Error).message || 'gateway error',
    };
  }
  return recordOutcome(db, refund, result, now, options);
}

/**
 * Records a provider's answer about a refund (the worker's call, or the provider's webhook): the
 * refund row and the case move together, once; a refund already settled keeps its record.
 */
export async function recordOutcome(
  db: Db,
  claimed: RefundRow,
  result: GatewayResult,
  now: Date,
  options: Pick<RefundWorkerOptions, 'max_attempts' | 'backoff_base_seconds' | 'log'>,
): Promise<'succeeded' | 'failed' | 'pending'> {
  return inTransaction(db, async (tx) => {
    if (result.status === 'succeeded') {
      // The order, its thread and the case locked in one statement, as every command locks them
      // (orders first: no lock cycle); then the refund row, locked and recorded in one statement,
      // which does nothing when another worker finished it after our lease ran out: its record
      // stands. The case's context goes in the same write, behind them: a refund's case never
      // changes, and a case locked for nothing (the refund was settled already) is let go at once.
      const reference = result.reference;
      const [lockCase, readContext] = commandReads(tx, [claimed.caseId]);
      const [locked, settled, contexts] = await readTogether(tx, [
        lockCase,
        () => settleRefund(tx, claimed.id, reference, now),
        readContext,
      ]);
      if (!settled) return 'pending';
      const { after } = await applyCaseCommand(
        tx,
        settled.caseId,
        { name: 'refund_succeeded', refund_id: settled.id },
        SYSTEM_ACTOR,
        now,
        { ordersLocked: true, read: [locked, contexts] },
      );
      await announce(tx, 'refund.succeeded', settled, after, now);
      return 'succeeded';
    }
    // The order before the refund row, as every command locks it first (no lock cycle): the two
    // statements go in one write, and PostgreSQL runs them in that order.
    const lockOrder = () => lockOrdersWithThreads(tx, [claimed.orderId]);
    const [, refund] = await readTogether(tx, [lockOrder, () => lockRefund(tx, claimed.id)]);
    // Another worker finished it after our lease ran out: its record stands.
    if (!refund || isFinished(refund)) return 'pending';
    if (result.status === 'pending') {
      await updateRefund(tx, refund.id, {
        status: 'pending',
        providerReference: result.reference,
        nextAttemptAt: new Date(now.getTime() + result.check_after_seconds * 1000),
        lockedUntil: null,
        updatedAt: now,
      });
      return 'pending';
    }
    const attempts = refund.attempts + 1;
    if (result.retryable && attempts < options.max_attempts) {
      const delay = retryDelaySeconds(attempts, options.backoff_base_seconds);
      await updateRefund(tx, refund.id, {
        status: 'pending',
        attempts,
        lastError: result.error,
        nextAttemptAt: new Date(now.getTime() + delay * 1000),
        lockedUntil: null,
        updatedAt: now,
      });
      options.log?.warn({ refund_id: refund.id, attempts, error: result.error }, 'refund retry');
      return 'pending';
    }
    await updateRefund(tx, refund.id, {
      status: 'failed',
      attempts,
      lastError: result.error,
      lockedUntil: null,
      updatedAt: now,
    });
    const { after } = await applyCaseCommand(
      tx,
      refund.caseId,
      { name: 'refund_failed', error: result.error },
      SYSTEM_ACTOR,
      now,
    );
    await announce(
      tx,
      'refund.failed',
      { ...refund, status: 'failed', attempts, lastError: result.error },
      after,
      now,
    );
    return 'failed';
  });
}

async function announce(
  db: Db,
  type: 'refund.succeeded' | 'refund.failed',
  refund: RefundRow,
  after: Parameters<typeof summarizeCase>[0],
  now: Date,
) {
  await enqueueWebhookEvent(
    db,
    {
      // Written once, in the transaction that records the outcome; retries resend this id.
      id: newId('evt', now),
      type,
      seller_id: refund.sellerId,
      created_at: now,
      data: { refund: presentRefundRow(refund), case: summarizeCase(after) },
    },
    now,
  );
}
