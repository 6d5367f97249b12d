import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { simulatedPayments } from './schema.ts';

export type SimulatedPaymentRow = typeof simulatedPayments.$inferSelect;

/** Books a refund under its idempotency key unless the key is booked; answers what is booked. */
export async function bookSimulatedPayment(
  db: Db,
  row: SimulatedPaymentRow,
): Promise<SimulatedPaymentRow | undefined> {
  await db.insert(simulatedPayments).values(row).onConflictDoNothing();
  const [booked] = await db
    .select()
    .from(simulatedPayments)
    .where(eq(simulatedPayments.idempotencyKey, row.idempotencyKey));
  return booked;
}
