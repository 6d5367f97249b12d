import type { Db } from '../db/database.ts';
import { insertRefunds } from '../db/refunds.ts';
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
  // The outbox in event order; each refund.created follows the event that booked its refund. The
  // refunds of a batch are written in one statement, then their events take their places.
  // An event's data is built only when an endpoint wants it (most shops have none): `data` is a
  // getter, read by enqueueWebhookEvents for the events it delivers, and a case's summary is
  // made once for all its events.
  const outbox: (WebhookEvent | { refund: number; seller_id: string; summary: () => object })[] =
    [];
  const bookings: Parameters<typeof insertRefunds>[1] = [];
  for (const { after, events } of changes) {
    let made: object | undefined;
    const summary = (): object => {
      made ??= summarizeCase(after) as object;
      return made;
    };
    for (const stored of events) {
      const { event } = stored;
      outbox.push({
        id: stored.id,
        type: event.type,
        seller_id: after.seller_id,
        created_at: event.at,
        get data() {
          return { case: summary(), actor: event.actor, payload: event.payload };
        },
      });
      if (event.type !== 'return.refund_pending') continue;
      outbox.push({ refund: bookings.length, seller_id: after.seller_id, summary });
      bookings.push({
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
    }
  }
  const booked = await insertRefunds(db, bookings);
  const events: WebhookEvent[] = outbox.map((entry) =>
    'refund' in entry
      ? {
          id: newId('evt', now),
          type: 'refund.created',
          seller_id: entry.seller_id,
          created_at: now,
          get data() {
            return { refund: presentRefundRow(booked[entry.refund]!), case: entry.summary() };
          },
        }
      : entry,
  );
  await enqueueWebhookEvents(db, events, now);
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
