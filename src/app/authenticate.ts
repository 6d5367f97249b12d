import type { Db } from '../db/database.ts';
import { findSessionUser, findUserByApiKeyHash, type UserRow } from '../db/users.ts';
import { ADMIN_PRINCIPAL_ID, type Principal } from './principal.ts';
import { safeEqual, sha256 } from './secrets.ts';

function principalOf(user: UserRow, via: Principal['via']): Principal {
  return { user_id: user.id, role: user.role, seller_id: user.sellerId ?? null, via };
}

/** `Authorization: Bearer <token>`: the admin token or an API key. Undefined when neither. */
export async function authenticateBearer(
  db: Db,
  token: string,
  adminToken: string | undefined,
): Promise<Principal | undefined> {
  if (adminToken && safeEqual(token, adminToken)) {
    return { user_id: ADMIN_PRINCIPAL_ID, role: 'operator', seller_id: null, via: 'admin_token' };
  }
  const user = await findUserByApiKeyHash(db, sha256(token));
  return user ? principalOf(user, 'api_key') : undefined;
}

/** The session cookie's token. Undefined when unknown or expired. */
export async function authenticateSession(
  db: Db,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const found = await findSessionUser(db, sha256(token), now);
  if (!found) return undefined;
  return { ...principalOf(found.user, 'session'), csrf_token: found.csrfToken };
}
