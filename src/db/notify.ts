import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

/**
 * NOTIFY `channel` once per payload, in one statement. In a transaction, PostgreSQL delivers them
 * when it commits, and never if it rolls back. Listening is Database.listen.
 */
export async function notifyAll(db: Db, channel: string, payloads: string[]): Promise<void> {
  if (!payloads.length) return;
  await db.execute(
    sql`select pg_notify(${channel}, value) from json_array_elements_text(${JSON.stringify(payloads)}::json)`,
  );
}
