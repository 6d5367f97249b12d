import type { Db } from './database.ts';
import { preparedQuery, rowPlaceholders, rowValues } from './prepared.ts';
import { carrierEvents } from './schema.ts';

export type NewCarrierEvent = typeof carrierEvents.$inferInsert;

const COLUMNS = [
  'id',
  'eventId',
  'carrier',
  'trackingNumber',
  'status',
  'occurredAt',
  'receivedAt',
  'caseIds',
] as const satisfies readonly (keyof NewCarrierEvent)[];

// Every carrier update stores one: built once (prepared.ts).
const storeCarrierEvent = preparedQuery('store_carrier_event', (db) =>
  db
    .insert(carrierEvents)
    .values(rowPlaceholders<typeof carrierEvents>(COLUMNS))
    .onConflictDoNothing({ target: carrierEvents.eventId })
    .returning({ id: carrierEvents.id }),
);

/**
 * Stores a carrier update once by the carrier's event id. False when that id is already stored
 * (the update is a repeat); a concurrent repeat waits on the unique index until the first commits.
 */
export async function insertCarrierEvent(db: Db, row: NewCarrierEvent): Promise<boolean> {
  const stored = await storeCarrierEvent(db, rowValues(COLUMNS, row));
  return stored.length > 0;
}
