import type { Db } from '../../db/database.ts';
import { heldEndpoints } from '../../db/held.ts';
import { enabledEndpointsFor, insertDeliveries } from '../../db/webhooks.ts';
import { newId } from '../ids.ts';

/** What every webhook carries; `id` is stable across retries, so receivers can deduplicate. */
export interface WebhookEvent {
  id: string;
  type: string;
  /** The shop the event belongs to: its endpoints and the operators' receive it. */
  seller_id: string;
  created_at: Date;
  data: Record<string, unknown>;
}

/** `return.*` matches `return.approved`; an empty list matches everything. */
export function matchesPattern(patterns: string[], type: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) =>
    p === '*' ? true : p.endsWith('.*') ? type.startsWith(p.slice(0, -1)) : p === type,
  );
}

/** What decides who receives an event: its type and its shop. */
export type WebhookEventHead = Pick<WebhookEvent, 'type' | 'seller_id'>;

/**
 * For each event, the endpoints that want it (one query for the batch): the shop's own and the
 * operators' every-shop endpoints whose patterns match its type. Most shops have none, so a
 * caller builds an event's data only for the events someone receives.
 */
export async function subscribersOf(db: Db, events: WebhookEventHead[]): Promise<string[][]> {
  if (!events.length) return [];
  const sellerIds = [...new Set(events.map((e) => e.seller_id))];
  // Read already with the orders' context in this transaction (a command's), else now.
  const known = new Map(sellerIds.map((id) => [id, heldEndpoints(db, id)]));
  const missing = sellerIds.filter((id) => !known.get(id));
  const read = missing.length ? await enabledEndpointsFor(db, missing) : [];
  return events.map((event) =>
    (known.get(event.seller_id) ?? read)
      .filter(
        (e) =>
          (e.sellerId === null || e.sellerId === event.seller_id) &&
          matchesPattern(e.events, event.type),
      )
      .map((e) => e.id),
  );
}

/**
 * The outbox write: one delivery row per subscribed endpoint (`subscribers[i]` for `events[i]`,
 * from subscribersOf), in the caller's transaction, so an event is sent if and only if the change
 * that caused it committed.
 */
export async function enqueueDeliveries(
  db: Db,
  events: WebhookEvent[],
  subscribers: string[][],
  now: Date,
): Promise<number> {
  const rows = events.flatMap((event, i) => {
    const endpointIds = subscribers[i] ?? [];
    if (!endpointIds.length) return [];
    const payload = {
      id: event.id,
      type: event.type,
      created_at: event.created_at.toISOString(),
      data: JSON.parse(JSON.stringify(event.data)),
    };
    return endpointIds.map((endpointId) => ({
      id: newId('whd', now),
      endpointId,
      eventId: event.id,
      eventType: event.type,
      payload,
      status: 'pending' as const,
      nextAttemptAt: now,
      createdAt: now,
    }));
  });
  await insertDeliveries(db, rows);
  return rows.length;
}

/** Events whose data is already built: their subscribers, then their deliveries. */
export async function enqueueWebhookEvents(
  db: Db,
  events: WebhookEvent[],
  now: Date,
): Promise<number> {
  return enqueueDeliveries(db, events, await subscribersOf(db, events), now);
}

export async function enqueueWebhookEvent(db: Db, event: WebhookEvent, now: Date): Promise<number> {
  return enqueueWebhookEvents(db, [event], now);
}
