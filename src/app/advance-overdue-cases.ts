import { lockOverdueCaseIds } from '../db/cases.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { lockFreeOrders } from '../db/orders.ts';
import { SYSTEM_ACTOR } from '../domain/index.ts';
import { applyCaseCommands } from './apply-case-command.ts';

export interface SweepResult {
  expired: number;
  errors: number;
  batches: number;
}

/**
 * The deadline sweeper: claims overdue cases in batches (`FOR UPDATE SKIP LOCKED`, so sweepers on
 * several nodes never take the same case), then their orders, also skipping those held by someone
 * else (an expiry may refund, and money is decided per order; a case whose order is busy waits
 * for the next batch, and nothing here ever waits on a lock, so no deadlock), and applies each state's expiry as the `system` actor
 * through the same use case as any command, a batch at a time. A case the domain refuses to
 * expire is logged and left alone; the rest of the batch goes on.
 */
export async function advanceOverdueCases(
  db: Db,
  now: Date,
  options: {
    batch_size?: number;
    max_batches?: number;
    log?: (err: unknown, id: string) => void;
  } = {},
): Promise<SweepResult> {
  // 500 per batch: per-batch costs (a dozen statements and a commit) are then a small share of
  // each expiry (bench/sweeper.ts: about 10 % more expiries per second than 200 with 3 sweepers).
  const batchSize = options.batch_size ?? 500;
  const maxBatches = options.max_batches ?? 1000;
  const result: SweepResult = { expired: 0, errors: 0, batches: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const done = await inTransaction(db, async (tx) => {
      const claimed = await lockOverdueCaseIds(tx, now, batchSize);
      const ordersHeld = await lockFreeOrders(
        tx,
        claimed.map((c) => c.order_id),
      );
      const ids = claimed.filter((c) => ordersHeld.has(c.order_id)).map((c) => c.id);
      const outcomes = await applyCaseCommands(
        tx,
        ids.map((id) => ({ case_id: id, command: { name: 'expire' as const } })),
        SYSTEM_ACTOR,
        now,
        { ordersLocked: true },
      );
      let failedInBatch = 0;
      for (const outcome of outcomes) {
        if (outcome.ok) {
          result.expired++;
        } else {
          failedInBatch++;
          result.errors++;
          options.log?.(outcome.error, outcome.case_id);
        }
      }
      result.batches++;
      // Stop when the batch was not full, or when nothing in it could move (avoid spinning).
      return claimed.length < batchSize || failedInBatch === claimed.length;
    });
    if (done) break;
  }
  return result;
}
