import { eq } from 'drizzle-orm';
import type { Db } from './database.ts';
import { preparedQuery, rowPlaceholders, rowValues } from './prepared.ts';
import { simulatedPayments } from './schema.ts';

export type SimulatedPaymentRow = typeof simulatedPayments.$inferSelect;

const COLUMNS = [
  'idempotencyKey',
  'amount',
  'currency',
  'reference',
  'outcome',
  'createdAt',
  'settlesAt',
] as const satisfies readonly (keyof SimulatedPaymentRow)[];

// Every simulated refund books one: built once (prepared.ts).
const book = preparedQuery('book_simulated_payment', (db) =>
  db
    .insert(simulatedPayments)
    .values(rowPlaceholders<typeof simulatedPayments>(COLUMNS))
    .onConflictDoNothing()
    .returning(),
);

/** Books a refund under its idempotency key unless the key is booked; answers what is booked. */
export async function bookSimulatedPayment(
  db: Db,
  row: SimulatedPaymentRow,
): Promise<SimulatedPaymentRow | undefined> {
  // A new key is booked and answered in one statement; a known one is read back.
  const [inserted] = await book(db, rowValues(COLUMNS, row));
  if (inserted) return inserted;
  const [booked] = await db
    .select()
    .from(simulatedPayments)
    .where(eq(simulatedPayments.idempotencyKey, row.idempotencyKey));
  return booked;
}
