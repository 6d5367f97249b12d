import type { ReturnCase, ReturnPolicy } from '../domain/index.ts';
import { reminderInstants } from '../domain/index.ts';

/** The next reminder after `now` for the deadline the case waits on; missed ones are skipped. */
export function nextReminderAt(c: ReturnCase, policy: ReturnPolicy, now: Date): Date | null {
  const due = c.evidence_request?.due_at ?? c.due_at;
  if (!due) return null;
  const next = reminderInstants(due, policy.reminder_hours_before).find(
    (at) => at.getTime() > now.getTime(),
  );
  return next ?? null;
}
