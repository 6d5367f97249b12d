import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
import { returnCases, trackingRegistrations } from './schema.ts';

export type RegistrationRow = typeof trackingRegistrations.$inferSelect;

/**
 * Parcels on their way whose number `provider` does not follow yet (or whose registration failed
 * and is due again): the tracking worker registers them.
 */
export async function parcelsToRegister(
  db: Db,
  provider: string,
  now: Date,
  limit: number,
): Promise<{ tracking_number: string; carrier: string }[]> {
  const rows = await db
    .selectDistinctOn([returnCases.trackingNumber], {
      tracking_number: returnCases.trackingNumber,
      carrier: sql<string>`${returnCases.data}->'shipment'->>'carrier'`,
    })
    .from(returnCases)
    .leftJoin(
      trackingRegistrations,
      and(
        eq(trackingRegistrations.provider, provider),
        eq(trackingRegistrations.trackingNumber, returnCases.trackingNumber),
      ),
    )
    .where(
      and(
        eq(returnCases.state, 'in_transit'),
        sql`${returnCases.trackingNumber} is not null`,
        or(
          isNull(trackingRegistrations.provider),
          and(
            eq(trackingRegistrations.status, 'failed'),
            lte(trackingRegistrations.nextAttemptAt, now),
          ),
        ),
      ),
    )
    .orderBy(asc(returnCases.trackingNumber))
    .limit(limit);
  return rows.map((r) => ({ tracking_number: r.tracking_number!, carrier: r.carrier }));
}

export async function recordRegistration(
  db: Db,
  row: typeof trackingRegistrations.$inferInsert,
): Promise<void> {
  await db
    .insert(trackingRegistrations)
    .values(row)
    .onConflictDoUpdate({
      target: [trackingRegistrations.provider, trackingRegistrations.trackingNumber],
      set: {
        status: row.status,
        reference: row.reference,
        attempts: sql`${trackingRegistrations.attempts} + 1`,
        nextAttemptAt: row.nextAttemptAt,
        lastError: row.lastError,
        updatedAt: row.updatedAt,
      },
    });
}

export async function registrationOf(
  db: Db,
  provider: string,
  trackingNumber: string,
): Promise<RegistrationRow | undefined> {
  const [row] = await db
    .select()
    .from(trackingRegistrations)
    .where(
      and(
        eq(trackingRegistrations.provider, provider),
        eq(trackingRegistrations.trackingNumber, trackingNumber),
      ),
    );
  return row;
}
