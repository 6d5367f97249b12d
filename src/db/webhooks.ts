import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from './database.ts';
import { anyOfPlaceholder, preparedQuery } from './prepared.ts';
import { webhookDeliveries, webhookEndpoints } from './schema.ts';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDelivery = typeof webhookDeliveries.$inferInsert;

/** Which endpoints a caller reaches: one shop's, or (no `sellerId`) every endpoint. */
export interface EndpointScope {
  sellerId?: string;
}

/** Page through newest first, before an id. */
export interface IdPage {
  limit: number;
  before?: string | undefined;
}

const e = webhookEndpoints;
const d = webhookDeliveries;

function inScope(scope: EndpointScope): SQL[] {
  const conditions: SQL[] = [isNull(e.deletedAt)];
  if (scope.sellerId !== undefined) conditions.push(eq(e.sellerId, scope.sellerId));
  return conditions;
}

// Endpoints

/** Every command asks which endpoints want its events: built once (./prepared.ts). */
const enabledEndpoints = preparedQuery('webhook_endpoints_for', (db) =>
  db
    .select({ id: e.id, sellerId: e.sellerId, events: e.events })
    .from(e)
    .where(
      and(
        eq(e.status, 'enabled'),
        isNull(e.deletedAt),
        or(isNull(e.sellerId), anyOfPlaceholder(e.sellerId, 'sellers')),
      ),
    ),
);

/** The enabled endpoints of these shops and the operators' every-shop ones. */
export function enabledEndpointsFor(
  db: Db,
  sellerIds: string[],
): Promise<{ id: string; sellerId: string | null; events: string[] }[]> {
  return enabledEndpoints(db, { sellers: sellerIds });
}

/** First key of the advisory lock that serializes endpoint creation per shop (cap check). */
const ENDPOINT_CAP_LOCK = 0x77686500; // "whe\0"

/**
 * Live endpoints of one shop (null: the operators' every-shop ones). Creations for one shop take
 * turns on a transaction-scoped advisory lock taken here, so two at once cannot both pass a count.
 */
export async function countLiveEndpointsLocked(db: Db, sellerId: string | null): Promise<number> {
  await db.execute(
    sql`select pg_advisory_xact_lock(${ENDPOINT_CAP_LOCK}, hashtext(${sellerId ?? ''}))`,
  );
  const [live] = await db
    .select({ n: count() })
    .from(e)
    .where(
      and(isNull(e.deletedAt), sellerId === null ? isNull(e.sellerId) : eq(e.sellerId, sellerId)),
    );
  return live?.n ?? 0;
}

export async function insertEndpoint(
  db: Db,
  row: typeof webhookEndpoints.$inferInsert,
): Promise<WebhookEndpointRow> {
  const [inserted] = await db.insert(e).values(row).returning();
  return inserted!;
}

export function listEndpoints(
  db: Db,
  scope: EndpointScope,
  page: IdPage,
): Promise<WebhookEndpointRow[]> {
  const conditions = inScope(scope);
  if (page.before) conditions.push(lt(e.id, page.before));
  return db
    .select()
    .from(e)
    .where(and(...conditions))
    .orderBy(desc(e.id))
    .limit(page.limit);
}

export async function findEndpoint(
  db: Db,
  id: string,
  scope: EndpointScope,
  options: { lock?: boolean } = {},
): Promise<WebhookEndpointRow | undefined> {
  const query = db
    .select()
    .from(e)
    .where(and(eq(e.id, id), ...inScope(scope)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Soft delete: the endpoint gets nothing more, and its pending deliveries are given up. */
export async function deleteEndpoint(db: Db, id: string, now: Date): Promise<void> {
  await db.update(e).set({ deletedAt: now }).where(eq(e.id, id));
  await db
    .update(d)
    .set({ status: 'failed', lockedUntil: null, lastError: 'endpoint deleted' })
    .where(and(eq(d.endpointId, id), eq(d.status, 'pending')));
}

/** On again, its failure count from zero. */
export async function enableEndpoint(db: Db, id: string): Promise<WebhookEndpointRow> {
  const [row] = await db
    .update(e)
    .set({ status: 'enabled', disabledAt: null, consecutiveFailures: 0 })
    .where(eq(e.id, id))
    .returning();
  return row!;
}

export async function resetEndpointFailures(db: Db, id: string): Promise<void> {
  await db.update(e).set({ consecutiveFailures: 0 }).where(eq(e.id, id));
}

/** One more failure in a row; answers the new count and the endpoint's status. */
export async function countEndpointFailure(
  db: Db,
  id: string,
): Promise<{ failures: number; status: string } | undefined> {
  const [endpoint] = await db
    .update(e)
    .set({ consecutiveFailures: sql`${e.consecutiveFailures} + 1` })
    .where(eq(e.id, id))
    .returning({ failures: e.consecutiveFailures, status: e.status });
  return endpoint;
}

/** Disables an enabled endpoint: it gets no new events, its pending deliveries wait. */
export async function disableEndpoint(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(e)
    .set({ status: 'disabled', disabledAt: now })
    .where(and(eq(e.id, id), eq(e.status, 'enabled')));
}

// Deliveries

/** The outbox write, in the caller's transaction; a delivery already there is left alone. */
export async function insertDeliveries(db: Db, rows: NewWebhookDelivery[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(d)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  }
}

export function listDeliveries(
  db: Db,
  endpointId: string,
  page: IdPage,
): Promise<WebhookDeliveryRow[]> {
  const conditions = [eq(d.endpointId, endpointId)];
  if (page.before) conditions.push(lt(d.id, page.before));
  return db
    .select()
    .from(d)
    .where(and(...conditions))
    .orderBy(desc(d.id))
    .limit(page.limit);
}

/** Locks one delivery of the endpoint; false if the endpoint has no such delivery. */
export async function lockDelivery(
  db: Db,
  endpointId: string,
  deliveryId: string,
): Promise<boolean> {
  const [found] = await db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.id, deliveryId), eq(d.endpointId, endpointId)))
    .for('update');
  return found !== undefined;
}

/** Pending, due now, its attempts counted from zero (its backoff starts over). */
export async function resetDelivery(
  db: Db,
  deliveryId: string,
  now: Date,
): Promise<WebhookDeliveryRow> {
  const [row] = await db
    .update(d)
    .set({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lockedUntil: null,
      deliveredAt: null,
    })
    .where(eq(d.id, deliveryId))
    .returning();
  return row!;
}

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  attempts: number;
  lockedUntil: Date;
  createdAt: Date;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints (`FOR UPDATE SKIP LOCKED`, so nodes
 * claim different rows), leases them until `lockedUntil` and counts the attempt. In the caller's
 * transaction.
 */
export async function claimDueDeliveries(
  db: Db,
  now: Date,
  limit: number,
  lockedUntil: Date,
): Promise<ClaimedDelivery[]> {
  const due = await db
    .select({ id: d.id, url: e.url, secret: e.secret })
    .from(d)
    .innerJoin(e, eq(e.id, d.endpointId))
    .where(
      and(
        eq(d.status, 'pending'),
        lte(d.nextAttemptAt, now),
        or(isNull(d.lockedUntil), lt(d.lockedUntil, now)),
        eq(e.status, 'enabled'),
        isNull(e.deletedAt),
      ),
    )
    .orderBy(asc(d.nextAttemptAt))
    .limit(limit)
    .for('update', { of: d, skipLocked: true });
  if (!due.length) return [];
  const updated = await db
    .update(d)
    .set({ lockedUntil, attempts: sql`${d.attempts} + 1` })
    .where(
      inArray(
        d.id,
        due.map((r) => r.id),
      ),
    )
    .returning();
  const endpointOf = new Map(due.map((r) => [r.id, r]));
  return updated.map((r) => {
    const endpoint = endpointOf.get(r.id)!;
    return {
      id: r.id,
      endpointId: r.endpointId,
      eventId: r.eventId,
      eventType: r.eventType,
      payload: r.payload,
      attempts: r.attempts,
      lockedUntil,
      createdAt: r.createdAt,
      url: endpoint.url,
      secret: endpoint.secret,
    };
  });
}

/**
 * Records an attempt's outcome if the claim still holds (not redelivered or re-claimed
 * meanwhile). True when it was recorded.
 */
export async function recordDeliveryAttempt(
  db: Db,
  claim: ClaimedDelivery,
  outcome:
    | { status: 'succeeded'; deliveredAt: Date; statusCode: number | null }
    | {
        status: 'pending' | 'failed';
        statusCode: number | null;
        error: string | null;
        nextAttemptAt?: Date;
      },
): Promise<boolean> {
  const held = and(
    eq(d.id, claim.id),
    eq(d.status, 'pending'),
    eq(d.attempts, claim.attempts),
    eq(d.lockedUntil, claim.lockedUntil),
  );
  const set =
    outcome.status === 'succeeded'
      ? {
          status: 'succeeded' as const,
          deliveredAt: outcome.deliveredAt,
          lockedUntil: null,
          lastStatusCode: outcome.statusCode,
          lastError: null,
        }
      : {
          status: outcome.status,
          lockedUntil: null,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        };
  const done = await db.update(d).set(set).where(held).returning({ id: d.id });
  return done.length > 0;
}

/** Whether any delivery to the endpoint succeeded after `since`. */
export async function endpointReachedSince(
  db: Db,
  endpointId: string,
  since: Date,
): Promise<boolean> {
  const [hit] = await db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.endpointId, endpointId), eq(d.status, 'succeeded'), gt(d.deliveredAt, since)))
    .limit(1);
  return hit !== undefined;
}
