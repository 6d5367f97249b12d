import { asc, isNull, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { signingKeys } from './schema.ts';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/** The current key, or undefined before the first one is made. */
export async function currentSigningKey(db: Db): Promise<SigningKeyRow | undefined> {
  const [row] = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt));
  return row;
}

/**
 * Stores `row` as the current key unless there is one (two nodes starting at once keep one);
 * answers the current key either way.
 */
export async function addFirstSigningKey(db: Db, row: SigningKeyRow): Promise<SigningKeyRow> {
  // The only conflict possible is with the one-current-key index.
  await db.insert(signingKeys).values(row).onConflictDoNothing();
  return (await currentSigningKey(db))!;
}

/**
 * Retires the current key at `row.createdAt` and makes `row` current, in one transaction. The
 * retired key's private half is erased: nothing can sign with it afterwards, even with the database.
 */
export async function rotateSigningKey(db: Db, row: SigningKeyRow): Promise<SigningKeyRow | null> {
  return db.transaction(async (tx) => {
    // The lock orders two rotations: the second retires the first one's new key.
    await tx.execute(sql`lock table ${signingKeys} in share row exclusive mode`);
    const [retired] = await tx
      .update(signingKeys)
      .set({ retiredAt: row.createdAt, privateKey: null })
      .where(isNull(signingKeys.retiredAt))
      .returning();
    await tx.insert(signingKeys).values(row);
    return retired ?? null;
  });
}

/** Every key ever used, oldest first: all of them stay published. */
export async function allSigningKeys(db: Db): Promise<SigningKeyRow[]> {
  return db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid));
}
