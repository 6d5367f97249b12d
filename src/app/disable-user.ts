import type { Db } from '../db/database.ts';
import { deleteSessionsOfUser, setUserDisabled, type UserRow } from '../db/users.ts';
import { AppError, notFound } from './errors.ts';
import type { Principal } from './principal.ts';

/**
 * An operator shuts a user out: they can no longer log in, and their sessions and API keys stop
 * authenticating on the next request (open streams within seconds). Sessions are ended for good;
 * keys are kept, so enabling the user again gives their integrations back.
 */
export async function disableUser(
  db: Db,
  principal: Principal,
  id: string,
  now: Date,
): Promise<UserRow> {
  assertOperator(principal);
  const user = await setUserDisabled(db, id, now);
  if (!user) throw notFound('User');
  await deleteSessionsOfUser(db, id);
  return user;
}

export async function enableUser(db: Db, principal: Principal, id: string): Promise<UserRow> {
  assertOperator(principal);
  const user = await setUserDisabled(db, id, null);
  if (!user) throw notFound('User');
  return user;
}

function assertOperator(principal: Principal): void {
  if (principal.role !== 'operator') {
    throw new AppError('forbidden', 'Only operators disable and enable users.');
  }
}
