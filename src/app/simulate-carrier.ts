import { inTransitShippedBefore } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { ingestCarrierEvent } from './ingest-carrier-events.ts';

/**
 * The demo's carrier: parcels shipped `deliverSeconds` ago are reported delivered, through the same
 * intake as a real carrier's signed updates (with a stable event id, so a repeat is a no-op).
 */
export async function simulateCarrier(
  db: Db,
  now: Date,
  options: { deliver_seconds: number; batch_size?: number },
): Promise<{ delivered: number }> {
  const cutoff = new Date(now.getTime() - options.deliver_seconds * 1000);
  const parcels = await inTransitShippedBefore(db, cutoff, options.batch_size ?? 100);
  let delivered = 0;
  for (const c of parcels) {
    if (!c.shipment) continue;
    const result = await ingestCarrierEvent(
      db,
      {
        event_id: `sim-${c.id}-${c.shipment.tracking_number}-delivered`,
        carrier: c.shipment.carrier,
        tracking_number: c.shipment.tracking_number,
        status: 'delivered',
        occurred_at: now,
      },
      now,
    );
    delivered += result.applied.filter((a) => a.command === 'carrier_delivered').length;
  }
  return { delivered };
}
