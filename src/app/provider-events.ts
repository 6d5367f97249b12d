import type { PaymentWebhooks } from '../adapters/payments.ts';
import { type TrackingProvider, WebhookRefused } from '../adapters/tracking.ts';
import type { Db } from '../db/database.ts';
import { findRefundByProviderReference } from '../db/refunds.ts';
import { AppError } from './errors.ts';
import { type RefundWorkerOptions, recordOutcome } from './execute-refunds.ts';
import { type CarrierEventResult, ingestCarrierEvent } from './ingest-carrier-events.ts';

type Headers = Record<string, string | string[] | undefined>;

async function verified<T>(parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (err) {
    if (err instanceof WebhookRefused) {
      throw new AppError('unauthenticated', `The webhook was refused: ${err.message}`);
    }
    throw err;
  }
}

/**
 * A tracking provider's webhook: verified with the provider's own signature on the exact bytes,
 * then each update is ingested like any carrier event (exactly once per update id).
 */
export async function receiveTrackingWebhook(
  db: Db,
  provider: TrackingProvider,
  request: { headers: Headers; body: Buffer; received_at: Date },
  now: Date,
): Promise<CarrierEventResult[]> {
  const updates = await verified(() =>
    provider.parseWebhook(request.headers, request.body, request.received_at),
  );
  const results: CarrierEventResult[] = [];
  for (const update of updates) {
    results.push(
      await ingestCarrierEvent(
        db,
        {
          // Namespaced: two providers' ids never collide, and a repeat is applied once.
          event_id: `${provider.name}:${update.event_id}`,
          carrier: update.carrier,
          tracking_number: update.tracking_number,
          status: update.status,
          occurred_at: update.occurred_at,
        },
        now,
      ),
    );
  }
  return results;
}

/**
 * A payment provider's refund webhook: each refund it names is recorded as the worker would record
 * its own call's answer. Refunds Sendback did not make (or has not recorded yet) are left alone:
 * the worker asks the provider about its own.
 */
export async function receiveRefundWebhook(
  db: Db,
  webhooks: PaymentWebhooks,
  request: { headers: Headers; body: Buffer; received_at: Date },
  now: Date,
  options: Pick<RefundWorkerOptions, 'max_attempts' | 'backoff_base_seconds' | 'log'>,
): Promise<{ refund_id: string | null; provider_reference: string; recorded: string }[]> {
  const updates = await verified(() =>
    webhooks.parseWebhook(request.headers, request.body, request.received_at),
  );
  const answers = [];
  for (const update of updates) {
    const refund = await findRefundByProviderReference(db, update.provider_reference);
    if (!refund) {
      answers.push({
        refund_id: null,
        provider_reference: update.provider_reference,
        recorded: 'unknown_refund',
      });
      continue;
    }
    const recorded = await recordOutcome(db, refund, update.result, now, options);
    answers.push({ refund_id: refund.id, provider_reference: update.provider_reference, recorded });
  }
  return answers;
}
