import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { appMeta } from './schema.ts';

/** The `app_meta` key that records the demo was seeded (and its logins), once per database. */
export const DEMO_SEEDED_KEY = 'demo_seeded';

/** The value stored under `key` in `app_meta`, or undefined. */
export async function readMeta(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key));
  return row?.value;
}

/**
 * Stores `value` under `key` unless the key is taken; answers whether this call took it. Of two
 * concurrent claims exactly one wins (the other waits for its commit, then answers false).
 */
export async function claimAppMeta(
  db: Db,
  key: string,
  value: unknown,
  now: Date,
): Promise<boolean> {
  const claimed = await db
    .insert(appMeta)
    .values({ key, value, updatedAt: now })
    .onConflictDoNothing()
    .returning({ key: appMeta.key });
  return claimed.length > 0;
}

/** Replaces the value stored under `key`. */
export async function setAppMeta(db: Db, key: string, value: unknown, now: Date): Promise<void> {
  await db.update(appMeta).set({ value, updatedAt: now }).where(eq(appMeta.key, key));
}

/** Stores `value` under `key`, replacing what was there. */
export async function upsertAppMeta(db: Db, key: string, value: unknown, now: Date): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: now } });
}
