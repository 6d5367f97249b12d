import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { simulatedPayments } from './schema.ts';

export type SimulatedPaymentRow = typeof simulatedPayments.$inferSelect;

/** Books a refund under its idempotency key unless the key is booked; answers what is booked. */
export async function bookSimulatedPayment(
  db: Db,
  row: SimulatedPaymentRow,
): Promise<SimulatedPaymentRow | undefined> {
  // A new key is booked and answered in one statement; a known one is read back.
  const [inserted] = await db
    .insert(simulatedPayments)
    .values(row)
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const [booked] = await db
    .select()
    .from(simulatedPayments)
    .where(eq(simulatedPayments.idempotencyKey, row.idempotencyKey));
  return booked;
}
