import { lte, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { rateLimits } from './schema.ts';

export interface RateLimitCount {
  key: string;
  /** Hits in the current window, this one included. */
  hits: number;
  resetAt: Date;
}

/**
 * Counts one hit on each key in its fixed window, in one statement that every node runs against
 * the same rows: a window that has ended starts over at this hit. Answers each key's count.
 */
export async function hitRateLimits(
  db: Db,
  keys: string[],
  windowMs: number,
  now: Date,
): Promise<RateLimitCount[]> {
  if (!keys.length) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const ended = sql`${rateLimits.resetAt} <= ${at}`;
  return db
    .insert(rateLimits)
    .values(keys.map((key) => ({ key, hits: 1, resetAt: new Date(now.getTime() + windowMs) })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${ended} then 1 else ${rateLimits.hits} + 1 end`,
        resetAt: sql`case when ${ended} then excluded.reset_at else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ key: rateLimits.key, hits: rateLimits.hits, resetAt: rateLimits.resetAt });
}

/** Drops counters whose window has ended (a hit would start them over anyway). */
export async function deleteEndedRateLimits(db: Db, now: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lte(rateLimits.resetAt, now))
    .returning({ key: rateLimits.key });
  return deleted.length;
}
