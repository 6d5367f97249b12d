import { and, count, desc, eq, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema.ts';
import { findSeller } from '../../db/users.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Principal } from '../principal.ts';
import { newSecret } from '../secrets.ts';
import { refusedUrl } from './targets.ts';

/**
 * Managing webhook endpoints. A seller's endpoints receive its shop's events; an operator's receive
 * every shop's (`seller_id` null) or one shop's. Sellers see their shop's endpoints, operators all;
 * anything else is not found. Buyers and agents manage none (403).
 */

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Event families a pattern may name; `*` alone means every event. */
export const EVENT_FAMILIES = ['return', 'refund', 'message'] as const;
export const EVENT_PATTERN = /^(\*|[a-z][a-z_]*(\.[a-z][a-z_]*)*(\.\*)?)$/;

export interface CreateEndpointInput {
  url: string;
  events?: string[] | undefined;
  seller_id?: string | undefined;
}

/** The deployment's rules for new endpoints (from the config). */
export interface EndpointRules {
  /** Loopback, private, link-local... URLs are accepted (local development and tests only). */
  allowPrivateTargets: boolean;
  /** Live endpoints per shop; operators' every-shop endpoints count as one more shop. */
  maxEndpointsPerShop: number;
}

/** First key of the advisory lock that serializes endpoint creation per shop (cap check). */
const ENDPOINT_CAP_LOCK = 0x77686500; // "whe\0"

function assertManager(principal: Principal): void {
  if (principal.role !== 'seller' && principal.role !== 'operator') {
    throw new AppError('forbidden', 'Only sellers and operators manage webhook endpoints.');
  }
}

function reach(principal: Principal): SQL[] {
  const conditions: SQL[] = [isNull(webhookEndpoints.deletedAt)];
  if (principal.role === 'seller') {
    conditions.push(eq(webhookEndpoints.sellerId, principal.seller_id ?? '\u0000none'));
  }
  return conditions;
}

export async function createWebhookEndpoint(
  db: Db,
  principal: Principal,
  input: CreateEndpointInput,
  rules: EndpointRules,
  now: Date,
): Promise<WebhookEndpointRow> {
  assertManager(principal);
  const fields: { path: string; message: string }[] = [];
  const refused = rules.allowPrivateTargets ? null : refusedUrl(input.url);
  if (refused) fields.push({ path: 'body.url', message: refused });
  let sellerId: string | null = null;
  if (principal.role === 'seller') {
    sellerId = principal.seller_id;
    if (input.seller_id && input.seller_id !== sellerId) {
      fields.push({
        path: 'body.seller_id',
        message: "a seller's endpoint gets its own shop's events",
      });
    }
  } else if (input.seller_id) {
    sellerId = input.seller_id;
    if (!(await findSeller(db, sellerId))) {
      fields.push({ path: 'body.seller_id', message: 'no such seller' });
    }
  }
  const events = [...new Set(input.events ?? [])];
  events.forEach((pattern, i) => {
    const family = pattern.split('.')[0];
    if (
      !EVENT_PATTERN.test(pattern) ||
      (pattern !== '*' && !EVENT_FAMILIES.includes(family as never))
    ) {
      fields.push({
        path: `body.events.${i}`,
        message: `an event type or pattern such as return.*, refund.*, message.created`,
      });
    }
  });
  if (fields.length)
    throw new AppError('validation_failed', 'Some fields are invalid.', { fields });
  await assertUnderCap(db, sellerId, rules.maxEndpointsPerShop);
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id: newId('whe', now),
      sellerId,
      createdBy: principal.user_id,
      url: input.url,
      secret: newSecret('whsec_'),
      events,
      status: 'enabled',
      consecutiveFailures: 0,
      createdAt: now,
    })
    .returning();
  return row!;
}

/**
 * Every event is one POST per matching endpoint (and redeliverable on demand), so a shop's
 * endpoints are capped. Creations for one shop take turns (a transaction-scoped advisory lock), so
 * two at once cannot both pass the count.
 */
async function assertUnderCap(db: Db, sellerId: string | null, max: number): Promise<void> {
  await db.execute(
    sql`select pg_advisory_xact_lock(${ENDPOINT_CAP_LOCK}, hashtext(${sellerId ?? ''}))`,
  );
  const [live] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(
      and(
        isNull(webhookEndpoints.deletedAt),
        sellerId === null
          ? isNull(webhookEndpoints.sellerId)
          : eq(webhookEndpoints.sellerId, sellerId),
      ),
    );
  if ((live?.n ?? 0) >= max) {
    throw new AppError(
      'limit_reached',
      `A shop has at most ${max} webhook endpoints; delete one before adding another.`,
    );
  }
}

export async function listWebhookEndpoints(
  db: Db,
  principal: Principal,
  page: { limit: number; before?: string | undefined },
): Promise<WebhookEndpointRow[]> {
  assertManager(principal);
  const conditions = reach(principal);
  if (page.before) conditions.push(lt(webhookEndpoints.id, page.before));
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(...conditions))
    .orderBy(desc(webhookEndpoints.id))
    .limit(page.limit);
}

/** The endpoint if the caller reaches it, else a 404 (ids cannot be probed). */
export async function getWebhookEndpoint(
  db: Db,
  principal: Principal,
  id: string,
  options: { lock?: boolean } = {},
): Promise<WebhookEndpointRow> {
  assertManager(principal);
  const query = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), ...reach(principal)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'Webhook endpoint not found.');
  return row;
}

/** Soft delete: the endpoint gets nothing more, and its pending deliveries are given up. */
export async function deleteWebhookEndpoint(
  db: Db,
  principal: Principal,
  id: string,
  now: Date,
): Promise<void> {
  await getWebhookEndpoint(db, principal, id, { lock: true });
  await db.update(webhookEndpoints).set({ deletedAt: now }).where(eq(webhookEndpoints.id, id));
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', lockedUntil: null, lastError: 'endpoint deleted' })
    .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, 'pending')));
}

/** Turns a disabled endpoint back on; its failure count starts over and pending deliveries resume. */
export async function enableWebhookEndpoint(
  db: Db,
  principal: Principal,
  id: string,
): Promise<WebhookEndpointRow> {
  await getWebhookEndpoint(db, principal, id, { lock: true });
  const [row] = await db
    .update(webhookEndpoints)
    .set({ status: 'enabled', disabledAt: null, consecutiveFailures: 0 })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row!;
}

export async function listWebhookDeliveries(
  db: Db,
  principal: Principal,
  endpointId: string,
  page: { limit: number; before?: string | undefined },
): Promise<WebhookDeliveryRow[]> {
  await getWebhookEndpoint(db, principal, endpointId);
  const conditions = [eq(webhookDeliveries.endpointId, endpointId)];
  if (page.before) conditions.push(lt(webhookDeliveries.id, page.before));
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(page.limit);
}

/**
 * Sends a delivery again: pending, due now, its attempts counted from zero (so its backoff starts
 * over). An attempt in flight meanwhile records nothing (the worker's claim no longer matches).
 */
export async function redeliverWebhook(
  db: Db,
  principal: Principal,
  endpointId: string,
  deliveryId: string,
  now: Date,
): Promise<WebhookDeliveryRow> {
  const endpoint = await getWebhookEndpoint(db, principal, endpointId, { lock: true });
  const [found] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)))
    .for('update');
  if (!found) throw new AppError('not_found', 'Webhook delivery not found.');
  if (endpoint.status !== 'enabled') {
    throw new AppError('conflict', 'The endpoint is disabled; enable it first.');
  }
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lockedUntil: null,
      deliveredAt: null,
    })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning();
  return row!;
}
