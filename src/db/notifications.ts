import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { notifications, users } from './schema.ts';
import { type SqlText, text } from './sql-text.ts';
import { instant, orNull, rowsText, type UnnestColumn } from './unnest.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** insertNotifications as one write among a command's others (write-together.ts). */
export function insertNotificationsSql(
  rows: (typeof notifications.$inferInsert)[],
): SqlText | undefined {
  if (!rows.length) return undefined;
  return text`
    insert into notifications (id, user_id, case_id, kind, dedupe_key, title, body, due_at,
      created_at)
    ${rowsText(rows, NOTIFICATION_COLUMNS)}
    on conflict (dedupe_key) do nothing`;
}

// A constant column list: what it puts in a statement's text is worked out once (rowsText).
const NOTIFICATION_COLUMNS: UnnestColumn<typeof notifications.$inferInsert>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'user_id', type: 'text', value: (r) => r.userId },
  { name: 'case_id', type: 'text', value: (r) => orNull(r.caseId) },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'dedupe_key', type: 'text', value: (r) => r.dedupeKey },
  { name: 'title', type: 'text', value: (r) => r.title },
  { name: 'body', type: 'text', value: (r) => r.body },
  { name: 'due_at', type: 'timestamptz', value: (r) => instant(r.dueAt) },
  { name: 'created_at', type: 'timestamptz', value: (r) => instant(r.createdAt) },
];

/** Inserts notifications; a repeated dedupe key is ignored (a reminder is sent once). */
export async function insertNotifications(
  db: Db,
  rows: (typeof notifications.$inferInsert)[],
): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return inserted.length;
}

export async function listNotifications(
  db: Db,
  userId: string,
  page: { limit: number; before?: string | undefined; unread_only?: boolean },
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        page.before ? lt(notifications.id, page.before) : undefined,
        page.unread_only ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(page.limit);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(
  db: Db,
  userId: string,
  ids: string[] | 'all',
  now: Date,
): Promise<number> {
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : ['']),
      ),
    )
    .returning({ id: notifications.id });
  return updated.length;
}

/** Notifications not yet e-mailed, with the recipient's address; locked for this mailer. */
export async function lockUnsentNotifications(db: Db, limit: number) {
  return db
    .select({ notification: notifications, email: users.email, name: users.name })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(isNull(notifications.emailedAt))
    .orderBy(asc(notifications.createdAt))
    .limit(limit)
    .for('update', { of: notifications, skipLocked: true });
}

export async function markEmailed(db: Db, ids: string[], now: Date): Promise<void> {
  if (ids.length) {
    await db.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, ids));
  }
}

export async function staffOf(db: Db, sellerId: string): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.sellerId, sellerId));
  return rows.map((r) => r.id);
}
