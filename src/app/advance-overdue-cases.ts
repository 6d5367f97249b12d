import { lockOverdueCaseIds } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { SYSTEM_ACTOR } from '../domain/index.ts';
import { applyCaseCommand } from './apply-case-command.ts';

export interface SweepResult {
  expired: number;
  errors: number;
  batches: number;
}

/**
 * The deadline sweeper: claims overdue cases in batches (`FOR UPDATE SKIP LOCKED`, so sweepers on
 * several nodes never take the same case) and applies each state's expiry as the `system` actor
 * through the same use case as any command. A case whose expiry fails is rolled back to its
 * savepoint and logged; the rest of the batch goes on.
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
  const batchSize = options.batch_size ?? 200;
  const maxBatches = options.max_batches ?? 1000;
  const result: SweepResult = { expired: 0, errors: 0, batches: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const done = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const ids = await lockOverdueCaseIds(tx, now, batchSize);
      let failedInBatch = 0;
      for (const id of ids) {
        try {
          await tx.transaction(async (savepoint) => {
            await applyCaseCommand(
              savepoint as unknown as Db,
              id,
              { name: 'expire' },
              SYSTEM_ACTOR,
              now,
            );
          });
          result.expired++;
        } catch (err) {
          failedInBatch++;
          result.errors++;
          options.log?.(err, id);
        }
      }
      result.batches++;
      // Stop when the batch was not full, or when nothing in it could move (avoid spinning).
      return ids.length < batchSize || failedInBatch === ids.length;
    });
    if (done) break;
  }
  return result;
}
