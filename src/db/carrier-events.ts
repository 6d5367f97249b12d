import type { ReturnCase } from '../domain/index.ts';
import { caseFromData, FINISHED_STATES } from './cases.ts';
import type { Db } from './database.ts';
import { runText } from './prepared.ts';
import type { carrierEvents } from './schema.ts';
import { render, text, verbatim } from './sql-text.ts';
import { instant } from './unnest.ts';

export type NewCarrierEvent = typeof carrierEvents.$inferInsert;

/**
 * A carrier's update, stored once by its event id with the open cases shipped with its tracking
 * number, and those cases: one statement, so the ids stored are the cases answered (one
 * snapshot). `stored` is false when the event id is already stored (the update is a repeat); a
 * concurrent repeat waits on the unique index until the first commits. The cases are as read,
 * not locked: commands on them lock and read them again.
 */
export async function recordCarrierEvent(
  db: Db,
  row: Omit<NewCarrierEvent, 'caseIds'>,
): Promise<{ stored: boolean; cases: ReturnCase[] }> {
  const [answer] = await runText<{ stored: boolean; cases: unknown[] | null }>(
    db,
    render(text`
      with m as (
        select id, data from return_cases
        where tracking_number = ${row.trackingNumber}::text
          and state not in (${verbatim(FINISHED_STATES)})),
      e as (
        insert into carrier_events
          (id, event_id, carrier, tracking_number, status, occurred_at, received_at, case_ids)
        select ${row.id}::text, ${row.eventId}::text, ${row.carrier}::text,
          ${row.trackingNumber}::text, ${row.status}::text, ${instant(row.occurredAt)}::timestamptz,
          ${instant(row.receivedAt)}::timestamptz, coalesce((select jsonb_agg(id order by id) from m), '[]')
        on conflict (event_id) do nothing
        returning id)
      select exists (select 1 from e) as stored,
        (select json_agg(data order by id) from m) as cases`),
  );
  return {
    stored: answer?.stored === true,
    cases: (answer?.cases ?? []).map(caseFromData),
  };
}
