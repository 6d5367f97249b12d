import type { Db } from '../../db/database.ts';
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

/**
 * The outbox write: one delivery row per interested endpoint, in the caller's transaction, so an
 * event is sent if and only if the change that caused it committed.
 */
export async function enqueueWebhookEvent(db: Db, event: WebhookEvent, now: Date): Promise<number> {
  return enqueueWebhookEvents(db, [event], now);
}

/** Many events at once: one query for the endpoints, one insert for the deliveries. */
export async function enqueueWebhookEvents(
  db: Db,
  events: WebhookEvent[],
  now: Date,
): Promise<number> {
  if (!events.length) return 0;
  const sellerIds = [...new Set(events.map((e) => e.seller_id))];
  const endpoints = await enabledEndpointsFor(db, sellerIds);
  if (!endpoints.length) return 0;
  const rows = events.flatMap((event) => {
    const targets = endpoints.filter(
      (e) =>
        (e.sellerId === null || e.sellerId === event.seller_id) &&
        matchesPattern(e.events, event.type),
    );
    if (!targets.length) return [];
    const payload = {
      id: event.id,
      type: event.type,
      created_at: event.created_at.toISOString(),
      data: JSON.parse(JSON.stringify(event.data)),
    };
    return targets.map((endpoint) => ({
      id: newId('whd', now),
      endpointId: endpoint.id,
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
