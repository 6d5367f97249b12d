import { type Db, sqlStateOf } from '../db/database.ts';
import {
  CREDENTIAL_ENDED,
  checkLiveCredential,
  findLiveCredentials,
  findSessionUser,
  findUserByApiKeyHash,
  type UserRow,
} from '../db/users.ts';
import { AppError } from './errors.ts';
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
  known?: KnownCredentials,
): Promise<Principal | undefined> {
  if (adminToken && safeEqual(token, adminToken)) {
    return { user_id: ADMIN_PRINCIPAL_ID, role: 'operator', seller_id: null, via: 'admin_token' };
  }
  const hash = sha256(token);
  const found = await findUserByApiKeyHash(db, hash);
  if (!found) return undefined;
  const principal = { ...principalOf(found.user, 'api_key'), api_key_id: found.keyId };
  known?.remember('api_key', hash, principal);
  return principal;
}

/** The session cookie's token. Undefined when unknown or expired. */
export async function authenticateSession(
  db: Db,
  token: string,
  now: Date,
  known?: KnownCredentials,
): Promise<Principal | undefined> {
  const hash = sha256(token);
  const found = await findSessionUser(db, hash, now);
  if (!found) return undefined;
  const principal = {
    ...principalOf(found.user, 'session'),
    session_id: found.sessionId,
    csrf_token: found.csrfToken,
  };
  known?.remember('session', hash, principal);
  return principal;
}

/**
 * A credential to check in a write's own transaction (runOnce), and how to drop it from what the
 * server knows when it no longer works.
 */
export interface CredentialCheck {
  apiKeyId?: string | undefined;
  sessionId?: string | undefined;
  forget(): void;
  /** Set by readChecked: a read's answer must not be sent unless the check ran. */
  checked?: boolean;
}

/**
 * `err` as the caller sees it: when it is the check's refusal (the credential no longer works),
 * this node forgets the credential and the caller is unauthenticated; any other error as it is.
 */
export function credentialEndedOr(err: unknown, credential: CredentialCheck): unknown {
  if (sqlStateOf(err) !== CREDENTIAL_ENDED) return err;
  credential.forget();
  return credential.apiKeyId
    ? new AppError('unauthenticated', 'The API key is not valid.')
    : new AppError('unauthenticated', 'Log in, or send an API key as a Bearer token.');
}

/**
 * A read for a caller known by `credential` (null: the credential was read, nothing to check).
 * The read and the check that the credential still works run side by side on the pool, their
 * round trips overlapping, and the read's result is handed over only once the check passed: a
 * revoked key or ended session gets 401 and sees nothing, as if it had been read first. The
 * check's refusal wins over the read's own error (a revoked key learns not even a 404).
 */
export async function readChecked<T>(
  db: Db,
  credential: CredentialCheck | null,
  now: Date,
  read: () => Promise<T>,
): Promise<T> {
  if (!credential) return read();
  credential.checked = true;
  const [check, answer] = await Promise.allSettled([
    checkLiveCredential(db, credential, now),
    read(),
  ]);
  if (check.status === 'rejected') throw credentialEndedOr(check.reason, credential);
  if (answer.status === 'rejected') throw answer.reason;
  return answer.value;
}

/**
 * API keys and sessions this server has seen work lately, by the SHA-256 of their token, with the
 * principal each stands for. Who a credential stands for never changes (a key's or session's user,
 * that user's role and shop are never rewritten); whether it still works does (revoked, logged out,
 * expired, the user disabled), on any node, at any time. So a known credential spares a write the
 * read of who is calling, and the write checks in its own transaction, in its first round trip,
 * that the credential still works (requireLiveCredential): a revoked key stops at once, on every
 * node, as when it was read first. A key is known only as a key (a Bearer token), a session only
 * as a session (the cookie). Holds at most `limit` credentials, the least recently seen dropped
 * first.
 */
export class KnownCredentials {
  readonly #principals = new Map<string, Principal>();

  constructor(readonly limit = 10_000) {}

  /** The principal of a credential by its token, or undefined when not known here. */
  principalOf(
    kind: 'api_key' | 'session',
    token: string,
  ): { entry: string; principal: Principal | undefined } {
    const entry = `${kind}:${sha256(token)}`;
    const principal = this.#principals.get(entry);
    if (principal) {
      this.#principals.delete(entry);
      this.#principals.set(entry, principal);
    }
    return { entry, principal };
  }

  /** `hash`: the token's SHA-256, as the credential was read by. */
  remember(kind: 'api_key' | 'session', hash: string, principal: Principal): void {
    const entry = `${kind}:${hash}`;
    this.#principals.delete(entry);
    this.#principals.set(entry, Object.freeze(principal));
    if (this.#principals.size > this.limit) {
      const oldest = this.#principals.keys().next().value;
      if (oldest !== undefined) this.#principals.delete(oldest);
    }
  }

  forget(entry: string): void {
    this.#principals.delete(entry);
  }
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
