import type { Db } from '../db/database.ts';
import { insertRefund } from '../db/refunds.ts';
import type { ReturnCase } from '../domain/index.ts';
import type { StoredEvent } from './case-context.ts';
import { summarizeCase } from './case-view.ts';
import { announceChanges } from './change-feed.ts';
import { newId } from './ids.ts';
import { appendToThreads, systemLine } from './threads.ts';
import { enqueueWebhookEvents, type WebhookEvent } from './webhooks/enqueue.ts';

/**
 * What follows from cases' new events, in the same transaction as the events themselves:
 * entering refund_pending books a refund (its idempotency key derived from that event's id), and
 * every event goes to the webhook outbox. Nothing leaves the process here; workers send after commit.
 */
export async function recordCaseChanges(
  db: Db,
  changes: { after: ReturnCase; events: StoredEvent[] }[],
  now: Date,
): Promise<void> {
  const outbox: WebhookEvent[] = [];
  for (const { after, events } of changes) {
    const summary = summarizeCase(after);
    for (const stored of events) {
      const { event } = stored;
      outbox.push({
        id: stored.id,
        type: event.type,
        seller_id: after.seller_id,
        created_at: event.at,
        data: { case: summary, actor: event.actor, payload: event.payload },
      });
      if (event.type !== 'return.refund_pending') continue;
      const refund = await insertRefund(db, {
        id: newId('rfd', now),
        caseId: after.id,
        orderId: after.order_id,
        buyerId: after.buyer_id,
        sellerId: after.seller_id,
        amount: after.refund_amount ?? 0,
        shippingReimbursement: after.refund_shipping_reimbursement ?? 0,
        currency: after.currency,
        destination: after.refund_destination,
        idempotencyKey: `refund-${stored.id}`,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
      outbox.push({
        id: newId('evt', now),
        type: 'refund.created',
        seller_id: after.seller_id,
        created_at: now,
        data: { refund: presentRefundRow(refund), case: summary },
      });
    }
  }
  await enqueueWebhookEvents(db, outbox, now);
  await announceChanges(
    db,
    changes.map(({ after }) => ({
      kind: 'case' as const,
      case_id: after.id,
      order_id: after.order_id,
      seller_id: after.seller_id,
      buyer_id: after.buyer_id,
    })),
  );
  // Case events also appear in the order's message thread, as system lines.
  await appendToThreads(
    db,
    changes.flatMap(({ after, events }) =>
      events
        .filter((s) => s.event.type !== 'return.refund_pending')
        .map((s) => ({
          order: { id: after.order_id, seller_id: after.seller_id, buyer_id: after.buyer_id },
          message: {
            kind: 'system' as const,
            author_id: s.event.actor.id,
            author_role: s.event.actor.role,
            body: systemLine(after.id, s.event),
            attachment_ids: [],
            case_id: after.id,
            event_id: s.id,
          },
        })),
    ),
    now,
  );
}

export async function recordCaseChange(
  db: Db,
  after: ReturnCase,
  events: StoredEvent[],
  now: Date,
): Promise<void> {
  await recordCaseChanges(db, [{ after, events }], now);
}

export function presentRefundRow(r: {
  id: string;
  caseId: string;
  orderId: string;
  amount: number;
  currency: string;
  destination: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  settledAt: Date | null;
}) {
  return {
    id: r.id,
    case_id: r.caseId,
    order_id: r.orderId,
    amount: r.amount,
    currency: r.currency,
    destination: r.destination,
    status: r.status,
    attempts: r.attempts,
    last_error: r.lastError,
    created_at: r.createdAt.toISOString(),
    settled_at: r.settledAt?.toISOString() ?? null,
  };
}
