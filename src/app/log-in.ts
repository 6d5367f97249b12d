import type { Db } from '../db/database.ts';
import { deleteSession, findUserByEmail, insertSession, type UserRow } from '../db/users.ts';
import { normalizeEmail } from './email-address.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';
import { type LoginLimits, limitLoginAttempts } from './limit-login-attempts.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// Verifying against a throwaway hash when the e-mail is unknown keeps both answers equally slow,
// so response time does not reveal which e-mails have accounts.
const decoyHash = hashPassword('decoy-password-for-timing');

export interface LoggedIn {
  user: UserRow;
  token: string;
  csrf_token: string;
  expires_at: Date;
}

export interface LogInInput {
  email: string;
  password: string;
  /** The client's address, for the per-address attempt limit. */
  address: string;
}

export async function logIn(
  db: Db,
  input: LogInInput,
  limits: LoginLimits,
  now: Date,
): Promise<LoggedIn> {
  await limitLoginAttempts(db, input, limits, now);
  const email = normalizeEmail(input.email);
  // PostgreSQL text cannot hold a NUL, so no account has one: such an e-mail matches none.
  const user = email.includes('\u0000') ? undefined : await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  // A disabled account gets the wrong-password answer: it does not tell which accounts exist.
  if (!user?.passwordHash || !ok || user.disabledAt) {
    throw new AppError('unauthenticated', 'E-mail or password is wrong.');
  }
  const token = newSecret('sbs_');
  const csrf_token = newSecret('');
  const expires_at = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(db, {
    id: newId('ses', now),
    tokenHash: sha256(token),
    userId: user.id,
    csrfToken: csrf_token,
    createdAt: now,
    expiresAt: expires_at,
  });
  return { user, token, csrf_token, expires_at };
}

/** Logs out: the session behind the cookie's token ends (nothing happens for an unknown one). */
export async function logOut(db: Db, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}
