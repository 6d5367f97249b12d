import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';

/** NOTIFY channel for "something changed" pings to the screens (delivered when the writer commits). */
export const CHANGES_CHANNEL = 'sendback_changes';

export interface Change {
  kind: 'case' | 'message';
  case_id?: string;
  order_id: string;
  seller_id: string;
  buyer_id: string;
}

/** Queued in the caller's transaction: a rolled-back change is never announced. */
export async function announceChanges(db: Db, changes: Change[]): Promise<void> {
  if (!changes.length) return;
  const payloads = JSON.stringify(changes.map((c) => JSON.stringify(c)));
  await db.execute(
    sql`select pg_notify(${CHANGES_CHANNEL}, value) from json_array_elements_text(${payloads}::json)`,
  );
}
