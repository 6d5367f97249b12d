import { and, asc, desc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { type Db, inTransaction } from './database.ts';
import { returnLabels } from './schema.ts';

export type LabelRow = typeof returnLabels.$inferSelect;
export type NewLabel = typeof returnLabels.$inferInsert;

/** Books label purchases; a key already booked (the same event, replayed) books nothing. */
export async function insertLabels(db: Db, rows: NewLabel[]): Promise<void> {
  if (!rows.length) return;
  await db.insert(returnLabels).values(rows).onConflictDoNothing({
    target: returnLabels.idempotencyKey,
  });
}

/** Due purchases, leased to this worker until `lockedUntil` (other workers skip them). */
export async function claimDueLabels(
  db: Db,
  now: Date,
  limit: number,
  lockedUntil: Date,
): Promise<LabelRow[]> {
  return inTransaction(db, async (tx) => {
    const due = await tx
      .select({ id: returnLabels.id })
      .from(returnLabels)
      .where(
        and(
          eq(returnLabels.status, 'pending'),
          lte(returnLabels.nextAttemptAt, now),
          or(isNull(returnLabels.lockedUntil), lt(returnLabels.lockedUntil, now)),
        ),
      )
      .orderBy(asc(returnLabels.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(returnLabels)
      .set({ lockedUntil, updatedAt: now })
      .where(
        inArray(
          returnLabels.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

export async function lockLabel(db: Db, id: string): Promise<LabelRow | undefined> {
  const [row] = await db.select().from(returnLabels).where(eq(returnLabels.id, id)).for('update');
  return row;
}

export async function updateLabel(db: Db, id: string, set: Partial<NewLabel>): Promise<void> {
  await db.update(returnLabels).set(set).where(eq(returnLabels.id, id));
}

/** The case's newest label purchase (a failed one may be followed by another). */
export async function latestLabelOf(db: Db, caseId: string): Promise<LabelRow | undefined> {
  const [row] = await db
    .select()
    .from(returnLabels)
    .where(eq(returnLabels.caseId, caseId))
    .orderBy(desc(returnLabels.id))
    .limit(1);
  return row;
}
