import type { FactsAsked } from '../db/cases.ts';
import { type Db, readTogether } from '../db/database.ts';
import { lockOrdersWithThreads } from '../db/messages.ts';
import { decideRequest, type RequestInput, type ReturnCase, shipsBack } from '../domain/index.ts';
import { buyerStanding } from './buyer-standing.ts';
import { type CaseContext, chainEvents, loadContexts } from './case-context.ts';
import { fromDomain } from './domain-errors.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { writeCases } from './record-case-change.ts';
import { GENESIS_HASH } from './record-hash.ts';
import { nextReminderAt } from './reminders.ts';
import { returnAddressesFor } from './return-addresses.ts';
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
  options: { facts?: FactsAsked } = {},
): Promise<{ case: ReturnCase; context: CaseContext }> {
  // The order row locked, then read with its lines, shop and cases in one statement; an order
  // the caller may not see is not found, like a missing one.
  // Its thread too (made if this is its first case or message): the request writes a line in it.
  // Both in one write: PostgreSQL reads the context after the lock was granted. The context
  // brings the `facts` the caller's answer shows, if asked for.
  const [locked, contexts] = await readTogether(db, [
    () =>
      lockOrdersWithThreads(db, [input.order_id], {
        makeThreads: { genesisHash: GENESIS_HASH, now },
      }),
    () => loadContexts(db, [input.order_id], options.facts),
  ]);
  const ctx = locked.length ? contexts.get(input.order_id) : undefined;
  const scope = scopeOf(principal);
  if (
    !ctx ||
    (scope.buyer_id !== undefined && ctx.order.buyer_id !== scope.buyer_id) ||
    (scope.seller_id !== undefined && ctx.order.seller_id !== scope.seller_id)
  ) {
    throw new AppError('not_found', 'Order not found.', {
      fields: [{ path: 'body.order_id', message: 'no such order' }],
    });
  }
  await assertAttachmentsUsable(db, principal, input.attachment_ids ?? [], 'body.attachment_ids');
  // Automatic decisions read the buyer's record (the returnless limit, the platform's threshold).
  if (ctx.policy.auto_approval.length || ctx.policy.returnless_refunds.length) {
    ctx.buyer = await buyerStanding(db, ctx.order.buyer_id, ctx.order.seller_id, ctx.policy, now);
  }
  // An auto-approval rule may send the buyer off to ship at once: the address goes with it.
  if (shipsBack(input.type) && ctx.policy.auto_approval.length) {
    ctx.return_address =
      (await returnAddressesFor(db, [input.order_id])).get(input.order_id) ?? null;
  }
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
  const created = decided.value.case;
  await linkAttachments(db, input.attachment_ids ?? [], input.order_id, now);
  const chained = chainEvents(created.id, undefined, decided.value.events);
  await writeCases(
    db,
    {
      created: [{ case: created, nextReminderAt: nextReminderAt(created, ctx.policy, now) }],
      updated: [],
      events: chained.rows,
      changes: [{ after: created, events: chained.stored }],
    },
    now,
  );
  return { case: created, context: { ...ctx, other_cases: [...ctx.other_cases, created] } };
}
