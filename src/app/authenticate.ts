import type { Db } from '../db/database.ts';
import {
  findLiveCredentials,
  findSessionUser,
  findUserByApiKeyHash,
  type UserRow,
} from '../db/users.ts';
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
  const found = await findUserByApiKeyHash(db, sha256(token));
  return found ? { ...principalOf(found.user, 'api_key'), api_key_id: found.keyId } : undefined;
}

/** The session cookie's token. Undefined when unknown or expired. */
export async function authenticateSession(
  db: Db,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const found = await findSessionUser(db, sha256(token), now);
  if (!found) return undefined;
  return {
    ...principalOf(found.user, 'session'),
    session_id: found.sessionId,
    csrf_token: found.csrfToken,
  };
}

/**
 * Which of these principals' credentials have ended since they authenticated: the session
 * logged out or expired, the key revoked, or the user disabled. The admin token ends only with
 * the configuration, so it never appears here.
 */
export async function endedCredentials<P extends Principal>(
  db: Db,
  principals: Iterable<P>,
  now: Date,
): Promise<Set<P>> {
  const sessionIds: string[] = [];
  const keyIds: string[] = [];
  const checked: P[] = [];
  for (const principal of principals) {
    if (principal.session_id) sessionIds.push(principal.session_id);
    else if (principal.api_key_id) keyIds.push(principal.api_key_id);
    else continue;
    checked.push(principal);
  }
  if (!checked.length) return new Set();
  const live = await findLiveCredentials(db, { sessionIds, keyIds }, now);
  return new Set(checked.filter((p) => !live.has((p.session_id ?? p.api_key_id) as string)));
}
