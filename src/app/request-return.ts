import { eq } from 'drizzle-orm';
import { insertCase } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { findOrder } from '../db/orders.ts';
import { orders } from '../db/schema.ts';
import { decideRequest, type RequestInput, type ReturnCase } from '../domain/index.ts';
import { appendCaseEvents, type CaseContext, loadContext } from './case-context.ts';
import { fromDomain } from './domain-errors.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { recordCaseChange } from './record-case-change.ts';
import { nextReminderAt } from './reminders.ts';
import { assertAttachmentsUsable, linkAttachments } from './upload-attachment.ts';

export type RequestReturnInput = Omit<RequestInput, 'id'>;

/**
 * The buyer files a return. The order row is locked first, so two requests for the same order are
 * decided one after the other against each other's claimed quantities and refunds.
 */
export async function requestReturn(
  db: Db,
  principal: Principal,
  input: RequestReturnInput,
  now: Date,
): Promise<{ case: ReturnCase; context: CaseContext }> {
  const visible = await findOrder(db, input.order_id, scopeOf(principal));
  if (!visible) {
    throw new AppError('not_found', 'Order not found.', {
      fields: [{ path: 'body.order_id', message: 'no such order' }],
    });
  }
  await assertAttachmentsUsable(db, principal, input.attachment_ids ?? [], 'body.attachment_ids');
  await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.id, input.order_id))
    .for('update');
  const ctx = await loadContext(db, input.order_id);
  const decided = decideRequest(
    { ...input, id: newId('ret', now) },
    { role: principal.role, id: principal.user_id },
    now,
    ctx,
  );
  if (!decided.ok) {
    const error = fromDomain(decided.error);
    // Name each refused line by its place in the request, so a form can mark the right row.
    const refused = decided.error.details['lines'] as
      | { order_line_id: string; blockers: { code: string; message: string }[] }[]
      | undefined;
    if (refused) {
      error.details.fields = refused.flatMap((line) => {
        const index = input.lines.findIndex((l) => l.order_line_id === line.order_line_id);
        return line.blockers.map((b) => ({
          path: `body.lines.${index}`,
          message: `${b.code}: ${b.message}`,
        }));
      });
    }
    throw error;
  }
  await insertCase(db, decided.value.case, nextReminderAt(decided.value.case, ctx.policy, now));
  await linkAttachments(db, input.attachment_ids ?? [], input.order_id, now);
  const events = await appendCaseEvents(db, decided.value.case, decided.value.events);
  await recordCaseChange(db, decided.value.case, events, now);
  const created = decided.value.case;
  return { case: created, context: { ...ctx, other_cases: [...ctx.other_cases, created] } };
}
