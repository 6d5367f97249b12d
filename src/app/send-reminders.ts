import { lockCasesToRemind, setNextReminder } from '../db/cases.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { insertNotifications, staffOf } from '../db/notifications.ts';
import { findSeller } from '../db/users.ts';
import { nextAction, type ReturnPolicy } from '../domain/index.ts';
import { newId } from './ids.ts';
import { nextReminderAt } from './reminders.ts';
import { policyOf } from './seller-rules.ts';

/**
 * Reminds the waiting party before a deadline: an in-app notification per person (the buyer, or
 * every staff member of the shop), e-mailed later by the mailer. Each reminder is keyed by case,
 * deadline and person, so a second sweeper or a retry never sends it twice.
 */
export async function sendDueReminders(
  db: Db,
  now: Date,
  options: { batch_size?: number } = {},
): Promise<{ reminded: number; notifications: number }> {
  return inTransaction(db, async (tx) => {
    const cases = await lockCasesToRemind(tx, now, options.batch_size ?? 500);
    const policies = new Map<string, ReturnPolicy>();
    let created = 0;
    for (const c of cases) {
      let policy = policies.get(c.seller_id);
      if (!policy) {
        policy = policyOf((await findSeller(tx, c.seller_id))!);
        policies.set(c.seller_id, policy);
      }
      const next = nextAction(c);
      if (next?.due_at && (next.actor === 'buyer' || next.actor === 'seller')) {
        const recipients = next.actor === 'buyer' ? [c.buyer_id] : await staffOf(tx, c.seller_id);
        const hoursLeft = Math.max(
          0,
          Math.round((next.due_at.getTime() - now.getTime()) / 3_600_000),
        );
        created += await insertNotifications(
          tx,
          recipients.map((userId) => ({
            id: newId('ntf', now),
            userId,
            caseId: c.id,
            kind: 'deadline_reminder',
            dedupeKey: `reminder:${c.id}:${next.due_at!.toISOString()}:${hoursLeft}:${userId}`,
            title: `Return ${c.id}: ${next.action.replaceAll('_', ' ')} due in ${hoursLeft} h`,
            body: `The deadline is ${next.due_at!.toISOString()}. If nothing happens by then, the case moves on automatically (${next.on_expiry ?? 'no change'}).`,
            dueAt: next.due_at,
            createdAt: now,
          })),
        );
      }
      await setNextReminder(tx, c.id, nextReminderAt(c, policy, now));
    }
    return { reminded: cases.length, notifications: created };
  });
}
