import { createMailer } from '../adapters/mailer.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { deleteExpiredIdempotencyKeys } from '../db/idempotency.ts';
import { deleteEndedRateLimits } from '../db/rate-limits.ts';
import type { Logger } from '../logger.ts';
import { advanceOverdueCases } from './advance-overdue-cases.ts';
import { buyDueLabels, DEFAULT_PARCEL, type LabelWorkerOptions } from './buy-labels.ts';
import type { Clock } from './clock.ts';
import { emailNotifications } from './email-notifications.ts';
import { executeDueRefunds, type RefundWorkerOptions } from './execute-refunds.ts';
import { paymentGateways } from './payment-gateways.ts';
import { type OutsideParties, outsideParties } from './providers.ts';
import { registerParcels } from './register-tracking.ts';
import { sendDueReminders } from './send-reminders.ts';
import { simulateCarrier } from './simulate-carrier.ts';
import { deliverDueWebhooks } from './webhooks/deliver.ts';

export interface WorkerDeps {
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
}

export function refundWorkerOptions(
  deps: WorkerDeps,
  parties: OutsideParties = outsideParties(deps.config.providers),
): RefundWorkerOptions {
  return {
    gateways: paymentGateways(
      deps.db,
      {
        settle_seconds: deps.config.simulatedSettleSeconds,
        fail_rate: deps.config.simulatedFailRate,
      },
      parties.cardRefunds,
    ),
    max_attempts: deps.config.refundMaxAttempts,
    backoff_base_seconds: deps.config.refundBackoffSeconds,
    log: deps.logger,
  };
}

interface Job {
  name: string;
  every_ms: number;
  /** Answers true when it stopped at its batch size: there is more, so it runs again at once. */
  run: (now: Date) => Promise<boolean>;
}

/** The jobs every node runs; rows are claimed with SKIP LOCKED, so nodes never collide. */
export function jobs(deps: WorkerDeps): Job[] {
  const { db, config, logger } = deps;
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: logger });
  const parties = outsideParties(config.providers);
  const refunds = refundWorkerOptions(deps, parties);
  const labels: LabelWorkerOptions = {
    provider: parties.labels,
    max_attempts: config.providers.labelMaxAttempts,
    backoff_base_seconds: config.providers.labelBackoffSeconds,
    parcel: DEFAULT_PARCEL,
    log: logger,
  };
  const list: Job[] = [
    {
      name: 'sweeper',
      every_ms: 5_000,
      run: async (now) => {
        // The sweeper drains every overdue case itself (batch after batch).
        await advanceOverdueCases(db, now, {
          log: (err, id) => logger.error({ err, case_id: id }, 'expiry failed'),
        });
        return false;
      },
    },
    {
      name: 'reminders',
      every_ms: 15_000,
      run: async (now) => (await sendDueReminders(db, now, { batch_size: 500 })).reminded === 500,
    },
    {
      name: 'refunds',
      every_ms: 2_000,
      run: async (now) =>
        (await executeDueRefunds(db, now, { ...refunds, batch_size: 50 })).claimed === 50,
    },
    {
      name: 'labels',
      every_ms: 3_000,
      run: async (now) =>
        (await buyDueLabels(db, now, { ...labels, batch_size: 10 })).claimed === 10,
    },
    {
      name: 'webhooks',
      every_ms: 2_000,
      run: async (now) =>
        (
          await deliverDueWebhooks(db, now, {
            log: logger,
            limit: 100,
            concurrency: 16,
            allowPrivateTargets: config.webhooksAllowPrivateTargets,
          })
        ).attempted === 100,
    },
    {
      name: 'mailer',
      every_ms: 10_000,
      run: async (now) =>
        (await emailNotifications(db, mailer, now, { batch_size: 50 })).sent === 50,
    },
    {
      // Answers kept for Idempotency-Key retries, once older than a week.
      name: 'idempotency_keys',
      every_ms: 600_000,
      run: async (now) => (await deleteExpiredIdempotencyKeys(db, now)) === 1000,
    },
    {
      // Login counters whose window has passed (a hit would start them over anyway).
      name: 'rate_limits',
      every_ms: 60_000,
      run: async (now) => {
        await deleteEndedRateLimits(db, now);
        return false;
      },
    },
  ];
  const tracking = parties.tracking;
  if (tracking) {
    list.push({
      name: 'tracking_registrations',
      every_ms: 10_000,
      run: async (now) =>
        (await registerParcels(db, tracking, now, { batch_size: 50, log: logger })).seen === 50,
    });
  }
  if (config.simulatedCarrier) {
    list.push({
      name: 'simulated_carrier',
      every_ms: 5_000,
      run: async (now) =>
        (
          await simulateCarrier(db, now, {
            deliver_seconds: config.simulatedCarrierDeliverSeconds,
            batch_size: 100,
          })
        ).delivered === 100,
    });
  }
  return list;
}

/**
 * Runs each job on its own timer, one run at a time per job (the next is scheduled after the
 * previous finishes). `stop` waits for runs in flight, so shutdown never cuts a transaction.
 */
export function startWorkers(deps: WorkerDeps): { stop: () => Promise<void> } {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  for (const job of jobs(deps)) {
    const tick = () => {
      if (stopped) return;
      let more = false;
      // The clock is refreshed per run: a test clock moved on another node counts here too.
      const run = deps.clock
        .refresh()
        .then((now) => job.run(now))
        .then((full) => {
          more = full;
        })
        .catch((err) => deps.logger.error({ err, job: job.name }, 'worker run failed'))
        .finally(() => {
          running.delete(run);
          if (!stopped) schedule(more ? 0 : job.every_ms);
        });
      running.add(run);
    };
    const schedule = (delay: number = job.every_ms) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, delay);
      timer.unref();
      timers.add(timer);
    };
    schedule();
  }
  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
