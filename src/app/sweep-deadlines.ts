import type { Db } from '../db/database.ts';
import { advanceOverdueCases, type SweepResult } from './advance-overdue-cases.ts';
import type { Clock } from './clock.ts';
import { sendDueReminders } from './send-reminders.ts';

/**
 * `sendback sweep`: every overdue deadline and every due reminder, once, at the clock's time. The
 * clock is refreshed first, so with SENDBACK_CLOCK=manual the CLI sweeps at the test clock that
 * the serving nodes show, not at a clock of its own.
 */
export async function sweepDeadlines(
  db: Db,
  clock: Clock,
  options: { log?: (err: unknown, id: string) => void } = {},
): Promise<SweepResult & { now: Date; reminded: number; notifications: number }> {
  const now = await clock.refresh();
  const swept = await advanceOverdueCases(db, now, options.log ? { log: options.log } : {});
  const reminded = await sendDueReminders(db, now);
  return { now, ...swept, ...reminded };
}
