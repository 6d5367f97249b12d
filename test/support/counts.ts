import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/database.ts';

const TABLES = [
  'users',
  'api_keys',
  'sellers',
  'orders',
  'order_lines',
  'return_cases',
  'return_lines',
  'case_events',
  'idempotency_keys',
] as const;

/** Row counts of every table a request could write, to prove a refused request wrote nothing. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    out[table] = row?.n ?? 0;
  }
  return out;
}
