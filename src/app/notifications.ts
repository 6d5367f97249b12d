import type { Db } from '../db/database.ts';
import {
  listNotifications,
  markRead,
  type NotificationRow,
  unreadCount,
} from '../db/notifications.ts';
import type { Principal } from './principal.ts';

export type { NotificationRow };

/** GET /v1/notifications: the caller's notifications, newest first, and how many are unread. */
export async function listMyNotifications(
  db: Db,
  principal: Principal,
  page: { limit: number; before?: string | undefined; unread_only: boolean },
): Promise<{ notifications: NotificationRow[]; next: string | null; unread_count: number }> {
  const rows = await listNotifications(db, principal.user_id, {
    limit: page.limit + 1,
    before: page.before,
    unread_only: page.unread_only,
  });
  const shown = rows.slice(0, page.limit);
  return {
    notifications: shown,
    next: rows.length > page.limit ? shown.at(-1)!.id : null,
    unread_count: await unreadCount(db, principal.user_id),
  };
}

/** Marks the caller's notifications read: these ids, or all; answers how many changed. */
export function markMyNotificationsRead(
  db: Db,
  principal: Principal,
  ids: string[] | 'all',
  now: Date,
): Promise<number> {
  return markRead(db, principal.user_id, ids, now);
}
