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
