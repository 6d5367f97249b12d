import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { anyOfPlaceholder, preparedQuery } from './prepared.ts';
import { apiKeys, sellers, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SellerRow = typeof sellers.$inferSelect;

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

/** Every API request asks it: built once (src/db/prepared.ts). */
const userByApiKeyHash = preparedQuery('user_by_api_key_hash', (db) =>
  db
    .select({ user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt))),
);

export async function findUserByApiKeyHash(db: Db, keyHash: string): Promise<UserRow | undefined> {
  const [row] = await userByApiKeyHash(db, { hash: keyHash });
  return row?.user;
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSessionUser(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ user: UserRow; csrfToken: string } | undefined> {
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function insertSeller(db: Db, row: typeof sellers.$inferInsert): Promise<SellerRow> {
  const [inserted] = await db.insert(sellers).values(row).returning();
  return inserted!;
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
  const [row] = await db
    .update(sellers)
    .set({ policy, updatedAt: now })
    .where(eq(sellers.id, id))
    .returning();
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
