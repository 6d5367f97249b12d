import type { Db } from '../db/database.ts';
import {
  type ApiKeyRow,
  deleteSessionById,
  listApiKeys,
  listSessions,
  revokeApiKey,
  type SessionRow,
} from '../db/users.ts';

export type { ApiKeyRow, SessionRow };

import { notFound } from './errors.ts';
import type { Principal } from './principal.ts';

/**
 * A person's own credentials: they list and end their API keys and sessions. Another user's
 * key or session answers 404, the same as one that does not exist.
 */
export async function listOwnApiKeys(
  db: Db,
  principal: Principal,
  page: { limit: number; before?: string | undefined },
): Promise<ApiKeyRow[]> {
  return listApiKeys(db, principal.user_id, page);
}

/** Revoking is at once and for good; revoking a revoked key again changes nothing. */
export async function revokeOwnApiKey(
  db: Db,
  principal: Principal,
  id: string,
  now: Date,
): Promise<ApiKeyRow> {
  const row = await revokeApiKey(db, principal.user_id, id, now);
  if (!row) throw notFound('API key');
  return row;
}

export async function listOwnSessions(
  db: Db,
  principal: Principal,
  now: Date,
  page: { limit: number; before?: string | undefined },
): Promise<SessionRow[]> {
  return listSessions(db, principal.user_id, now, page);
}

/** Logs one of one's sessions out (the current one too). */
export async function endOwnSession(db: Db, principal: Principal, id: string): Promise<void> {
  if (!(await deleteSessionById(db, principal.user_id, id))) throw notFound('Session');
}
