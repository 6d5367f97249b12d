import type { Mailer } from '../adapters/mailer.ts';
import { type Db, inTransaction } from '../db/database.ts';
import { lockUnsentNotifications, markEmailed } from '../db/notifications.ts';
import { withCaseReferences } from '../domain/index.ts';

/**
 * Sends each new notification by e-mail once, cases named by their references (R-…). A failed send
 * stays unsent and is tried again.
 */
export async function emailNotifications(
  db: Db,
  mailer: Mailer,
  now: Date,
  options: { batch_size?: number } = {},
): Promise<{ sent: number; failed: number }> {
  return inTransaction(db, async (tx) => {
    const rows = await lockUnsentNotifications(tx, options.batch_size ?? 50);
    const sent: string[] = [];
    let failed = 0;
    for (const row of rows) {
      try {
        await mailer.send({
          to: row.email,
          // Cases by the reference the buyer and the shop see everywhere else, not their ids.
          subject: withCaseReferences(row.notification.title),
          text: withCaseReferences(row.notification.body),
        });
        sent.push(row.notification.id);
      } catch {
        failed++;
      }
    }
    await markEmailed(tx, sent, now);
    return { sent: sent.length, failed };
  });
}
