import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { type Db, readTogether, takeFirstStatement } from './database.ts';
import { anyOfPlaceholder, preparedQuery, runText } from './prepared.ts';
import { apiKeys, policyVersions, sellers, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SellerRow = typeof sellers.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<UserRow> {
  const [inserted] = await db.insert(users).values(row).returning();
  return inserted!;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertApiKey(db: Db, row: typeof apiKeys.$inferInsert): Promise<void> {
  await db.insert(apiKeys).values(row);
}

/** Every API request asks it: built once (src/db/prepared.ts). A disabled user's keys do not match. */
const userByApiKeyHash = preparedQuery('user_by_api_key_hash', (db) =>
  db
    .select({ user: users, keyId: apiKeys.id })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, sql.placeholder('hash')),
        isNull(apiKeys.revokedAt),
        isNull(users.disabledAt),
      ),
    ),
);

export async function findUserByApiKeyHash(
  db: Db,
  keyHash: string,
): Promise<{ user: UserRow; keyId: string } | undefined> {
  const [row] = await userByApiKeyHash(db, { hash: keyHash });
  return row;
}

/** A user's keys, newest first; `before` is the last id of the previous page. */
export async function listApiKeys(
  db: Db,
  userId: string,
  page: { limit: number; before?: string | undefined },
): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), page.before ? lt(apiKeys.id, page.before) : undefined))
    .orderBy(desc(apiKeys.id))
    .limit(page.limit);
}

/** Revokes one of the user's keys (kept revoked at its first time); undefined when not theirs. */
export async function revokeApiKey(
  db: Db,
  userId: string,
  id: string,
  now: Date,
): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning();
  return row;
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** The user of an unexpired session; a disabled user's sessions do not match. */
export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ user: UserRow; sessionId: string; csrfToken: string } | undefined> {
  const [row] = await db
    .select({ user: users, sessionId: sessions.id, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)),
    );
  return row;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** A user's unexpired sessions, newest first; `before` is the last id of the previous page. */
export async function listSessions(
  db: Db,
  userId: string,
  now: Date,
  page: { limit: number; before?: string | undefined },
): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, now),
        page.before ? lt(sessions.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(sessions.id))
    .limit(page.limit);
}

/** Ends one of the user's sessions; false when there is no such session of theirs. */
export async function deleteSessionById(db: Db, userId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Sets or clears `disabled_at` (a user disabled twice keeps the first time); undefined when there
 * is no such user.
 */
export async function setUserDisabled(
  db: Db,
  id: string,
  disabledAt: Date | null,
): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({
      disabledAt: disabledAt
        ? sql`coalesce(${users.disabledAt}, ${disabledAt.toISOString()}::timestamptz)`
        : null,
    })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/**
 * The statement that fails (SQLSTATE SB401, CREDENTIAL_ENDED) unless the API key or session still
 * works: the key not revoked, the session neither logged out nor expired at `now`, the user not
 * disabled. Runs in a write's transaction, ahead of its first statement (withFirstStatement).
 */
export function requireLiveCredential(
  credential: { apiKeyId?: string | undefined; sessionId?: string | undefined },
  now: Date,
): { text: string; values: unknown[] } {
  return {
    text: LIVE_CREDENTIAL_TEXT,
    values: [credential.apiKeyId ?? null, credential.sessionId ?? null, now.toISOString()],
  };
}

const LIVE_CREDENTIAL_TEXT =
  'select sendback_require_live_credential($1::text, $2::text, $3::timestamptz)';

/**
 * The values of the credential check held for this transaction's first statement
 * (requireLiveCredential, withFirstStatement), taken back for that statement to check as a
 * condition (LIVE_CREDENTIAL_CONDITION) instead: one statement fewer. Undefined when no check is
 * held (none asked, or it already ran): the statement runs without it.
 */
export function takeCredentialCheck(db: Db): CredentialCheckValues | undefined {
  const held = takeFirstStatement(db, LIVE_CREDENTIAL_TEXT);
  if (!held) return undefined;
  const [key, session, at] = held.values as [string | null, string | null, string];
  return { check_key: key, check_session: session, check_at: at };
}

/** The placeholders' values of LIVE_CREDENTIAL_CONDITION. */
export type CredentialCheckValues = {
  check_key: string | null;
  check_session: string | null;
  check_at: string;
};

/**
 * requireLiveCredential as a statement's condition (true, or SB401), with the placeholders of
 * CredentialCheckValues. A function of the parameters alone that only reads (STABLE, migration
 * 0020), so PostgreSQL evaluates it once, before the statement reads a row: it raises whether or
 * not the statement would have found any.
 */
export const LIVE_CREDENTIAL_CONDITION = sql`sendback_live_credential(${sql.placeholder(
  'check_key',
)}::text, ${sql.placeholder('check_session')}::text, ${sql.placeholder('check_at')}::timestamptz)`;

/** LIVE_CREDENTIAL_CONDITION in SQL text, its values at $n, $n+1, $n+2 (credentialCheckParams). */
export function liveCredentialText(n: number): string {
  return `sendback_live_credential($${n}::text, $${n + 1}::text, $${n + 2}::timestamptz)`;
}

/** liveCredentialText's values, in their order. */
export function credentialCheckParams(check: CredentialCheckValues): unknown[] {
  return [check.check_key, check.check_session, check.check_at];
}

/** requireLiveCredential on its own, outside a transaction (a read's check, readChecked). */
export async function checkLiveCredential(
  db: Db,
  credential: { apiKeyId?: string | undefined; sessionId?: string | undefined },
  now: Date,
): Promise<void> {
  await runText(db, requireLiveCredential(credential, now));
}

/** The SQLSTATE requireLiveCredential fails with. */
export const CREDENTIAL_ENDED = 'SB401';

/**
 * Of the given sessions and keys, those that still authenticate at `now`: unexpired sessions,
 * unrevoked keys, of users who are not disabled.
 */
export async function findLiveCredentials(
  db: Db,
  ids: { sessionIds: string[]; keyIds: string[] },
  now: Date,
): Promise<Set<string>> {
  const [liveSessions, liveKeys] = await readTogether<[{ id: string }[], { id: string }[]]>(db, [
    async () =>
      ids.sessionIds.length
        ? db
            .select({ id: sessions.id })
            .from(sessions)
            .innerJoin(users, eq(users.id, sessions.userId))
            .where(
              and(
                inArray(sessions.id, ids.sessionIds),
                gt(sessions.expiresAt, now),
                isNull(users.disabledAt),
              ),
            )
        : [],
    async () =>
      ids.keyIds.length
        ? db
            .select({ id: apiKeys.id })
            .from(apiKeys)
            .innerJoin(users, eq(users.id, apiKeys.userId))
            .where(
              and(
                inArray(apiKeys.id, ids.keyIds),
                isNull(apiKeys.revokedAt),
                isNull(users.disabledAt),
              ),
            )
        : [],
  ]);
  return new Set([...liveSessions, ...liveKeys].map((row) => row.id));
}

/** A new shop, its policy as version 1. */
export async function insertSeller(db: Db, row: typeof sellers.$inferInsert): Promise<SellerRow> {
  const [inserted] = await db
    .insert(sellers)
    .values({ ...row, policyVersion: 1 })
    .returning();
  await db.insert(policyVersions).values({
    sellerId: inserted!.id,
    version: 1,
    policy: inserted!.policy,
    createdAt: inserted!.createdAt,
  });
  return inserted!;
}

/** A version of the shop's policy as it was set (undefined: no such version). */
export async function findPolicyVersion(
  db: Db,
  sellerId: string,
  version: number,
): Promise<{ policy: unknown; createdAt: Date } | undefined> {
  const [row] = await db
    .select({ policy: policyVersions.policy, createdAt: policyVersions.createdAt })
    .from(policyVersions)
    .where(and(eq(policyVersions.sellerId, sellerId), eq(policyVersions.version, version)));
  return row;
}

/** Every stored version of these shops' policies: shop id -> version -> policy as set. */
export async function policyVersionsOf(
  db: Db,
  sellerIds: string[],
): Promise<Map<string, Map<number, unknown>>> {
  const out = new Map<string, Map<number, unknown>>(sellerIds.map((id) => [id, new Map()]));
  if (!sellerIds.length) return out;
  const rows = await db
    .select({
      sellerId: policyVersions.sellerId,
      version: policyVersions.version,
      policy: policyVersions.policy,
    })
    .from(policyVersions)
    .where(inArray(policyVersions.sellerId, sellerIds));
  for (const row of rows) out.get(row.sellerId)?.set(row.version, row.policy);
  return out;
}

/** These versions of a shop's policy, with when each was set, oldest first. */
export async function policyVersionsNamed(
  db: Db,
  sellerId: string,
  versions: number[],
): Promise<{ version: number; policy: unknown; createdAt: Date }[]> {
  if (!versions.length) return [];
  return db
    .select({
      version: policyVersions.version,
      policy: policyVersions.policy,
      createdAt: policyVersions.createdAt,
    })
    .from(policyVersions)
    .where(and(eq(policyVersions.sellerId, sellerId), inArray(policyVersions.version, versions)))
    .orderBy(asc(policyVersions.version));
}

const sellerById = preparedQuery('seller_by_id', (db) =>
  db
    .select()
    .from(sellers)
    .where(eq(sellers.id, sql.placeholder('id'))),
);

export async function findSeller(db: Db, id: string): Promise<SellerRow | undefined> {
  const [row] = await sellerById(db, { id });
  return row;
}

export async function updateSellerPolicy(
  db: Db,
  id: string,
  policy: unknown,
  now: Date,
): Promise<SellerRow | undefined> {
  // The row's update serializes concurrent edits: each gets its own next version.
  const [row] = await db
    .update(sellers)
    .set({ policy, policyVersion: sql`${sellers.policyVersion} + 1`, updatedAt: now })
    .where(eq(sellers.id, id))
    .returning();
  if (row) {
    await db
      .insert(policyVersions)
      .values({ sellerId: id, version: row.policyVersion, policy, createdAt: now });
  }
  return row;
}

const sellersById = preparedQuery('sellers_by_id', (db) =>
  db.select().from(sellers).where(anyOfPlaceholder(sellers.id)),
);

export async function findSellers(db: Db, ids: string[]): Promise<Map<string, SellerRow>> {
  if (!ids.length) return new Map();
  const rows = await sellersById(db, { ids });
  return new Map(rows.map((r) => [r.id, r]));
}

/** True once any shop exists. */
export async function hasSellers(db: Db): Promise<boolean> {
  const rows = await db.select({ id: sellers.id }).from(sellers).limit(1);
  return rows.length > 0;
}
