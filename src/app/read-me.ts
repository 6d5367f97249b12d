import type { Db } from '../db/database.ts';
import { unreadMessageCount } from '../db/messages.ts';
import { unreadCount } from '../db/notifications.ts';
import { findUserById, type UserRow } from '../db/users.ts';
import type { Principal } from './principal.ts';

export type { UserRow };

export interface Me {
  /** The caller's user; none for the operator's admin token. */
  user: UserRow | undefined;
  unread_messages: number;
  unread_notifications: number;
}

/** GET /v1/me: who the caller is, and what waits for them unread. */
export async function readMe(db: Db, principal: Principal): Promise<Me> {
  const user = await findUserById(db, principal.user_id);
  return {
    user,
    unread_messages: await unreadMessageCount(db, {
      id: principal.user_id,
      role: principal.role,
      seller_id: principal.seller_id,
    }),
    unread_notifications: await unreadCount(db, principal.user_id),
  };
}
