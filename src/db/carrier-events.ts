import type { Db } from './database.ts';
import { carrierEvents } from './schema.ts';

export type NewCarrierEvent = typeof carrierEvents.$inferInsert;

/**
 * Stores a carrier update once by the carrier's event id. False when that id is already stored
 * (the update is a repeat); a concurrent repeat waits on the unique index until the first commits.
 */
export async function insertCarrierEvent(db: Db, row: NewCarrierEvent): Promise<boolean> {
  const stored = await db
    .insert(carrierEvents)
    .values(row)
    .onConflictDoNothing({ target: carrierEvents.eventId })
    .returning({ id: carrierEvents.id });
  return stored.length > 0;
}
