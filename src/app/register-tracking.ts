import type { TrackingProvider } from '../adapters/tracking.ts';
import type { Db } from '../db/database.ts';
import { parcelsToRegister, recordRegistration } from '../db/tracking-registrations.ts';

/** A failed registration is tried again this much later (the provider was down, or busy). */
const RETRY_SECONDS = 15 * 60;

/**
 * Asks the tracking provider to follow the numbers of parcels on their way, so its webhooks bring
 * their scans. Each number is registered once per provider; a refusal (an unknown carrier, say) is
 * recorded and not retried, a transient failure is retried later.
 */
export async function registerParcels(
  db: Db,
  provider: TrackingProvider,
  now: Date,
  options: { batch_size: number; log?: { warn: (obj: object, msg: string) => void } },
): Promise<{ registered: number; failed: number; seen: number }> {
  const parcels = await parcelsToRegister(db, provider.name, now, options.batch_size);
  const tally = { registered: 0, failed: 0, seen: parcels.length };
  for (const parcel of parcels) {
    const outcome = await provider
      .register(parcel.carrier, parcel.tracking_number)
      .catch((err: Error) => ({
        status: 'failed' as const,
        retryable: true,
        error: err.message || 'tracking provider error',
      }));
    const ok = outcome.status === 'registered';
    await recordRegistration(db, {
      provider: provider.name,
      trackingNumber: parcel.tracking_number,
      carrier: parcel.carrier,
      status: ok ? 'registered' : 'failed',
      reference: ok ? outcome.reference : null,
      attempts: 1,
      nextAttemptAt:
        !ok && outcome.retryable ? new Date(now.getTime() + RETRY_SECONDS * 1000) : null,
      lastError: ok ? null : outcome.error,
      createdAt: now,
      updatedAt: now,
    });
    if (ok) tally.registered++;
    else {
      tally.failed++;
      options.log?.warn(
        { tracking_number: parcel.tracking_number, error: outcome.error },
        'tracking registration failed',
      );
    }
  }
  return tally;
}
