import { eq, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { appMeta } from './schema.ts';

/**
 * The manual test clock's state, one row of `app_meta`, so every node and the CLI read the same
 * time and a restart keeps it. The clock reads `(frozen_at ?? real now) + offset_ms`.
 */
export const TEST_CLOCK_KEY = 'test_clock';

export interface TestClockState {
  /** Added to the base instant; advancing adds to it. */
  offset_ms: number;
  /** RFC 3339; while set, the clock stands still at it (plus the offset). */
  frozen_at: string | null;
}

function stateOf(value: unknown): TestClockState {
  const v = (value ?? {}) as { offset_ms?: unknown; frozen_at?: unknown };
  return {
    offset_ms: Number(v.offset_ms ?? 0) || 0,
    frozen_at: typeof v.frozen_at === 'string' ? v.frozen_at : null,
  };
}

/** Stores `state` unless a state is stored already (the first node to start decides). */
export async function insertTestClockIfAbsent(db: Db, state: TestClockState): Promise<void> {
  await db
    .insert(appMeta)
    .values({ key: TEST_CLOCK_KEY, value: state })
    .onConflictDoNothing({ target: appMeta.key });
}

export async function readTestClock(db: Db): Promise<TestClockState | null> {
  const [row] = await db
    .select({ value: appMeta.value })
    .from(appMeta)
    .where(eq(appMeta.key, TEST_CLOCK_KEY));
  return row ? stateOf(row.value) : null;
}

/** Adds `ms` to the stored offset in one statement, so advances from two nodes both count. */
export async function advanceTestClock(db: Db, ms: number): Promise<TestClockState | null> {
  const [row] = await db
    .update(appMeta)
    .set({
      value: sql`jsonb_set(${appMeta.value}, '{offset_ms}',
        to_jsonb(coalesce((${appMeta.value}->>'offset_ms')::bigint, 0) + ${ms}::bigint))`,
      updatedAt: sql`now()`,
    })
    .where(eq(appMeta.key, TEST_CLOCK_KEY))
    .returning({ value: appMeta.value });
  return row ? stateOf(row.value) : null;
}

export async function writeTestClock(db: Db, state: TestClockState): Promise<TestClockState> {
  const [row] = await db
    .insert(appMeta)
    .values({ key: TEST_CLOCK_KEY, value: state })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: state, updatedAt: sql`now()` } })
    .returning({ value: appMeta.value });
  return stateOf(row?.value);
}
