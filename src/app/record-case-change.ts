import {
  type CaseWrite,
  casesChanged,
  insertCasesSql,
  insertEventsSql,
  replaceChangedLines,
  updateCasesSql,
} from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { insertNotificationsSql, type NewNotification } from '../db/notifications.ts';
import { bookedRefund, insertRefundsSql, type NewRefund, type RefundRow } from '../db/refunds.ts';
import { insertLabels, type NewLabel } from '../db/return-labels.ts';
import { Writes } from '../db/write-together.ts';
import type { ReturnAddress, ReturnCase } from '../domain/index.ts';
import type { chainEvents, StoredEvent } from './case-context.ts';
import { summarizeCase } from './case-view.ts';
import { announceChanges, type Change } from './change-feed.ts';
import { newId } from './ids.ts';
import { transfer } from './ledger-postings.ts';
import { appendToThreads, type NewMessage, systemLine, type ThreadOrder } from './threads.ts';
import { enqueueDeliveries, subscribersOf, type WebhookEvent } from './webhooks/enqueue.ts';

/** A case after a command (or its creation), and the events that took it there. */
export interface CaseChange {
  after: ReturnCase;
  events: StoredEvent[];
}

/**
 * Everything a batch of commands (or a new case) writes, in the caller's transaction: the one
 * write path for cases. New case rows first, then the events of every case, then the evolved rows
 * (each guarded by the version it was read at), then what follows from the events.
 */
export interface CaseBatch {
  created: { case: ReturnCase; nextReminderAt: Date | null }[];
  updated: CaseWrite[];
  events: ReturnType<typeof chainEvents>['rows'];
  changes: CaseChange[];
}

export async function writeCases(db: Db, batch: CaseBatch, now: Date): Promise<void> {
  // The new and evolved case rows, the events, the thread lines and the change ping go out as one
  // statement (write-together.ts), after the effects' reads and the writes whose rows are read back.
  const writes = new Writes();
  for (const insert of insertCasesSql(batch.created)) writes.add(insert);
  const effects = caseEffects(batch.changes, now);
  // The new cases that refunds or labels belong to (an instant returnless refund) go first, in a
  // statement of their own.
  if (batch.created.length && (effects.refunds.length || effects.labels.length)) {
    await writes.flush(db);
  }
  writes.add(insertEventsSql(batch.events));
  writes.expect(updateCasesSql(batch.updated), batch.updated.length, casesChanged);
  await writeCaseEffects(db, batch.changes, effects, now, writes);
  // Sent ahead: what the caller reads next (a command's answer), or its commit, goes in the same
  // round trip, and runs after it.
  await writes.flush(db, { ahead: true });
  await replaceChangedLines(db, batch.updated);
}

/** An outbox entry, in event order; `change` is its case's index in the batch. */
export type OutboxEntry =
  | {
      kind: 'case_event';
      id: string;
      type: string;
      seller_id: string;
      created_at: Date;
      change: number;
      actor: { role: string; id: string };
      payload: Record<string, unknown>;
    }
  | {
      /** Units the seller can sell again: the marketplace puts them back in stock. */
      kind: 'inventory_restock';
      id: string;
      type: 'inventory.restock';
      seller_id: string;
      created_at: Date;
      change: number;
      data: {
        case_id: string;
        order_id: string;
        seller_id: string;
        lines: { order_line_id: string; sku: string; quantity: number }[];
      };
    }
  | {
      kind: 'refund_created';
      id: string;
      type: 'refund.created';
      seller_id: string;
      created_at: Date;
      change: number;
      /** Its refund's index in `refunds`. */
      refund: number;
    };

/** What follows from cases' new events, as data. */
export interface CaseEffects {
  /** Entering refund_pending books a refund, its idempotency key derived from that event's id. */
  refunds: NewRefund[];
  /** Every event goes to the webhook outbox; each refund.created follows its booking event. */
  outbox: OutboxEntry[];
  /** Case events appear in the order's message thread as system lines. */
  threadLines: { order: ThreadOrder; message: NewMessage }[];
  /** Screens watching these cases are pinged when the transaction commits. */
  announcements: Change[];
  /** A label asked for (at approval, or again after a failure): the label worker buys it. */
  labels: NewLabel[];
  /** The buyer is told where to send the parcel (in the app, then by e-mail). */
  notifications: NewNotification[];
  /** An overturned refund: the platform pays the seller (the buyer keeps the refund). */
  compensations: { case_id: string; seller_id: string; amount: number; currency: string }[];
}

/** An address as lines to print on a parcel (and in an e-mail). */
export function addressLines(a: ReturnAddress): string[] {
  return [
    a.name,
    a.line1,
    a.line2,
    [a.city, a.region, a.postal_code].filter(Boolean).join(', '),
    a.country,
    a.phone ? `Phone: ${a.phone}` : null,
  ].filter((line): line is string => Boolean(line));
}

/** What the buyer is told when the case says where the parcel goes, or null. */
function parcelNotice(
  c: ReturnCase,
  type: string,
): { kind: string; title: string; body: string } | null {
  const approved = type === 'return.approved' || type === 'return.auto_approved';
  if (approved && c.state === 'awaiting_shipment') {
    const address = c.return_address;
    const how =
      c.label?.status === 'requested'
        ? 'The shop pays the postage: your prepaid label is being prepared, and we will tell you when it is ready to print or show at a drop-off point.'
        : 'Pack the item and send it with a carrier of your choice, then enter the carrier and tracking number on the return.';
    return {
      kind: 'return_approved',
      title: `Return ${c.id} approved: where to send it`,
      body: address
        ? `Send the parcel to:\n\n${addressLines(address).join('\n')}\n${address.instructions ? `\n${address.instructions}\n` : ''}\n${how}`
        : `The shop has not given a return address yet; ask them in the return's messages. ${how}`,
    };
  }
  if (type === 'return.label_purchased' && c.label?.status === 'purchased') {
    return {
      kind: 'label_ready',
      title: `Return ${c.id}: your prepaid label is ready`,
      body: `Print the label (or show its QR code at a ${c.label.carrier} drop-off point): /v1/returns/${c.id}/label. Tracking number ${c.label.tracking_number}. The return ships by itself when the carrier scans the parcel.`,
    };
  }
  return null;
}

/** Whether the event asks for a prepaid label to be bought. */
function asksForLabel(type: string, payload: Record<string, unknown>): boolean {
  return (
    type === 'return.label_requested' ||
    ((type === 'return.approved' || type === 'return.auto_approved') &&
      payload.label === 'requested')
  );
}

/** The effects of a batch of changes: plain data in, plain data out (no I/O). */
export function caseEffects(changes: CaseChange[], now: Date): CaseEffects {
  const effects: CaseEffects = {
    refunds: [],
    outbox: [],
    threadLines: [],
    announcements: [],
    labels: [],
    notifications: [],
    compensations: [],
  };
  changes.forEach(({ after, events }, change) => {
    const order = { id: after.order_id, seller_id: after.seller_id, buyer_id: after.buyer_id };
    effects.announcements.push({
      kind: 'case',
      case_id: after.id,
      order_id: after.order_id,
      seller_id: after.seller_id,
      buyer_id: after.buyer_id,
    });
    for (const stored of events) {
      const { event } = stored;
      effects.outbox.push({
        kind: 'case_event',
        id: stored.id,
        type: event.type,
        seller_id: after.seller_id,
        created_at: event.at,
        change,
        actor: event.actor,
        payload: event.payload,
      });
      const notice = parcelNotice(after, event.type);
      if (notice) {
        effects.notifications.push({
          id: newId('ntf', now),
          userId: after.buyer_id,
          caseId: after.id,
          kind: notice.kind,
          dedupeKey: `${notice.kind}:${stored.id}`,
          title: notice.title,
          body: notice.body,
          createdAt: now,
        });
      }
      const compensation = event.payload.compensation;
      if (event.type === 'return.appeal_overturned' && typeof compensation === 'number') {
        effects.compensations.push({
          case_id: after.id,
          seller_id: after.seller_id,
          amount: compensation,
          currency: after.currency,
        });
      }
      const restock = after.dispositions.filter((d) => d.disposition === 'resellable');
      if (event.type === 'return.package_accepted' && restock.length) {
        effects.outbox.push({
          kind: 'inventory_restock',
          id: newId('evt', now),
          type: 'inventory.restock',
          seller_id: after.seller_id,
          created_at: now,
          change,
          data: {
            case_id: after.id,
            order_id: after.order_id,
            seller_id: after.seller_id,
            lines: restock.map((d) => ({
              order_line_id: d.order_line_id,
              sku: d.sku,
              quantity: d.quantity,
            })),
          },
        });
      }
      if (asksForLabel(event.type, event.payload)) {
        effects.labels.push({
          id: newId('lbl', now),
          caseId: after.id,
          sellerId: after.seller_id,
          // One purchase per asking event, however often the effects are written.
          idempotencyKey: `label-${stored.id}`,
          status: 'pending',
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        });
      }
      if (event.type !== 'return.refund_pending') {
        effects.threadLines.push({
          order,
          message: {
            kind: 'system',
            author_id: event.actor.id,
            author_role: event.actor.role,
            body: systemLine(after.id, event),
            attachment_ids: [],
            case_id: after.id,
            event_id: stored.id,
          },
        });
        continue;
      }
      effects.outbox.push({
        kind: 'refund_created',
        id: newId('evt', now),
        type: 'refund.created',
        seller_id: after.seller_id,
        created_at: now,
        change,
        refund: effects.refunds.length,
      });
      effects.refunds.push({
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
  });
  return effects;
}

/**
 * Writes the effects: the refunds, the webhook deliveries (an event's data is built only when
 * some endpoint receives it: most shops have none), the change pings and the thread lines.
 * Nothing leaves the process here; workers send after commit. The refunds, pings and thread lines
 * join `writes` when given (the caller sends them), else are written here.
 */
export async function writeCaseEffects(
  db: Db,
  changes: CaseChange[],
  effects: CaseEffects,
  now: Date,
  writes?: Writes,
): Promise<void> {
  const own = writes ?? new Writes();
  own.expect(insertRefundsSql(effects.refunds), effects.refunds.length, 'refunds booked');
  const booked = effects.refunds.map(bookedRefund);
  await insertLabels(db, effects.labels);
  own.add(insertNotificationsSql(effects.notifications));
  for (const c of effects.compensations) {
    await transfer(
      db,
      { kind: 'platform', id: 'appeal_compensation' },
      { kind: 'seller', id: c.seller_id },
      c.amount,
      c.currency,
      `Appeal overturned: ${c.case_id}`,
      now,
    );
  }
  const subscribers = await subscribersOf(db, effects.outbox);
  const summaries = new Map<number, object>();
  const summaryOf = (change: number): object => {
    let summary = summaries.get(change);
    if (!summary) {
      summary = summarizeCase(changes[change]!.after) as object;
      summaries.set(change, summary);
    }
    return summary;
  };
  const events: WebhookEvent[] = [];
  const receivers: string[][] = [];
  effects.outbox.forEach((entry, i) => {
    const endpointIds = subscribers[i] ?? [];
    if (!endpointIds.length) return;
    events.push({
      id: entry.id,
      type: entry.type,
      seller_id: entry.seller_id,
      created_at: entry.created_at,
      data:
        entry.kind === 'case_event'
          ? { case: summaryOf(entry.change), actor: entry.actor, payload: entry.payload }
          : entry.kind === 'inventory_restock'
            ? entry.data
            : { refund: presentRefundRow(booked[entry.refund]!), case: summaryOf(entry.change) },
    });
    receivers.push(endpointIds);
  });
  await enqueueDeliveries(db, events, receivers, now);
  await announceChanges(db, effects.announcements, own);
  await appendToThreads(db, effects.threadLines, now, own);
  if (!writes) await own.flush(db);
}

export function presentRefundRow(r: RefundRow) {
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
    provider_reference: r.providerReference,
    created_at: r.createdAt.toISOString(),
    settled_at: r.settledAt?.toISOString() ?? null,
  };
}
