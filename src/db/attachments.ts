import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from './database.ts';
import type { OrderScope } from './orders.ts';
import { attachmentRefs, attachments, orders } from './schema.ts';

export type AttachmentRow = typeof attachments.$inferSelect;
export type NewAttachment = typeof attachments.$inferInsert;

export async function insertAttachment(db: Db, row: NewAttachment): Promise<AttachmentRow> {
  const [inserted] = await db.insert(attachments).values(row).returning();
  return inserted!;
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

export async function findAttachments(db: Db, ids: string[]): Promise<AttachmentRow[]> {
  if (!ids.length) return [];
  return db.select().from(attachments).where(inArray(attachments.id, ids));
}

/** Whether the attachment is referenced from an order inside `scope` (its thread or a case). */
export async function isReferencedInScope(
  db: Db,
  attachmentId: string,
  scope: OrderScope,
): Promise<boolean> {
  const conditions: SQL[] = [eq(attachmentRefs.attachmentId, attachmentId)];
  if (scope.buyer_id) conditions.push(eq(orders.buyerId, scope.buyer_id));
  if (scope.seller_id) conditions.push(eq(orders.sellerId, scope.seller_id));
  const rows = await db
    .select({ orderId: attachmentRefs.orderId })
    .from(attachmentRefs)
    .innerJoin(orders, eq(orders.id, attachmentRefs.orderId))
    .where(and(...conditions))
    .limit(1);
  return rows.length > 0;
}

/** Records that the attachments are evidence in the order's thread or case; repeats are ignored. */
export async function insertAttachmentRefs(
  db: Db,
  attachmentIds: string[],
  orderId: string,
  now: Date,
): Promise<void> {
  const unique = [...new Set(attachmentIds)];
  if (!unique.length) return;
  await db
    .insert(attachmentRefs)
    .values(unique.map((attachmentId) => ({ attachmentId, orderId, createdAt: now })))
    .onConflictDoNothing();
}
