import type { Db } from '../../db/database.ts';
import { findSeller } from '../../db/users.ts';
import {
  countLiveEndpointsLocked,
  deleteEndpoint,
  type EndpointScope,
  enableEndpoint,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  lockDelivery,
  resetDelivery,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '../../db/webhooks.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Principal } from '../principal.ts';
import { newSecret } from '../secrets.ts';
import { refusedCredentials, refusedUrl } from './targets.ts';

/**
 * Managing webhook endpoints. A seller's endpoints receive its shop's events; an operator's receive
 * every shop's (`seller_id` null) or one shop's. Sellers see their shop's endpoints, operators all;
 * anything else is not found. Buyers and agents manage none (403).
 */

export type { WebhookDeliveryRow, WebhookEndpointRow };

/** Event families a pattern may name; `*` alone means every event. */
export const EVENT_FAMILIES = ['return', 'refund', 'message', 'inventory'] as const;
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

function assertManager(principal: Principal): void {
  if (principal.role !== 'seller' && principal.role !== 'operator') {
    throw new AppError('forbidden', 'Only sellers and operators manage webhook endpoints.');
  }
}

function reach(principal: Principal): EndpointScope {
  return principal.role === 'seller' ? { sellerId: principal.seller_id ?? '\u0000none' } : {};
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
  const refused =
    refusedCredentials(input.url) ?? (rules.allowPrivateTargets ? null : refusedUrl(input.url));
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
        message: `an event type or pattern such as return.*, refund.*, inventory.*, message.created`,
      });
    }
  });
  if (fields.length)
    throw new AppError('validation_failed', 'Some fields are invalid.', { fields });
  await assertUnderCap(db, sellerId, rules.maxEndpointsPerShop);
  return insertEndpoint(db, {
    id: newId('whe', now),
    sellerId,
    createdBy: principal.user_id,
    url: input.url,
    secret: newSecret('whsec_'),
    events,
    status: 'enabled',
    consecutiveFailures: 0,
    createdAt: now,
  });
}

/**
 * Every event is one POST per matching endpoint (and redeliverable on demand), so a shop's
 * endpoints are capped. Creations for one shop take turns (a transaction-scoped advisory lock), so
 * two at once cannot both pass the count.
 */
async function assertUnderCap(db: Db, sellerId: string | null, max: number): Promise<void> {
  if ((await countLiveEndpointsLocked(db, sellerId)) >= max) {
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
  return listEndpoints(db, reach(principal), page);
}

/** The endpoint if the caller reaches it, else a 404 (ids cannot be probed). */
export async function getWebhookEndpoint(
  db: Db,
  principal: Principal,
  id: string,
  options: { lock?: boolean } = {},
): Promise<WebhookEndpointRow> {
  assertManager(principal);
  const row = await findEndpoint(db, id, reach(principal), options);
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
  await deleteEndpoint(db, id, now);
}

/** Turns a disabled endpoint back on; its failure count starts over and pending deliveries resume. */
export async function enableWebhookEndpoint(
  db: Db,
  principal: Principal,
  id: string,
): Promise<WebhookEndpointRow> {
  await getWebhookEndpoint(db, principal, id, { lock: true });
  return enableEndpoint(db, id);
}

export async function listWebhookDeliveries(
  db: Db,
  principal: Principal,
  endpointId: string,
  page: { limit: number; before?: string | undefined },
): Promise<WebhookDeliveryRow[]> {
  await getWebhookEndpoint(db, principal, endpointId);
  return listDeliveries(db, endpointId, page);
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
  if (!(await lockDelivery(db, endpointId, deliveryId)))
    throw new AppError('not_found', 'Webhook delivery not found.');
  if (endpoint.status !== 'enabled') {
    throw new AppError('conflict', 'The endpoint is disabled; enable it first.');
  }
  return resetDelivery(db, deliveryId, now);
}
