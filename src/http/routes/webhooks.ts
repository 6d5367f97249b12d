import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DELIVERY_ERROR_KINDS } from '../../app/webhooks/deliver.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  redeliverWebhook,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '../../app/webhooks/endpoints.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import {
  Cursor,
  decodeCursor,
  encodeCursor,
  Id,
  IdempotencyHeaders,
  Instant,
  isIdCursor,
  Limit,
  problems,
} from '../schemas.ts';

const EndpointStatus = z.enum(['enabled', 'disabled']);

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    seller_id: z
      .string()
      .nullable()
      .meta({ description: "The shop whose events it receives; null: every shop's." }),
    url: z.string(),
    events: z
      .array(z.string())
      .meta({ description: 'Event types or patterns such as `return.*`; empty: every event.' }),
    status: EndpointStatus,
    consecutive_failures: z.number().int(),
    disabled_at: Instant.nullable(),
    created_at: Instant,
  })
  .meta({ id: 'WebhookEndpoint' });

export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  secret: z.string().meta({
    description: 'HMAC-SHA256 key of the `Sendback-Signature` header. Keep it secret.',
  }),
}).meta({ id: 'WebhookEndpointWithSecret' });

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    endpoint_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: Instant.nullable().meta({ description: 'When pending: the next attempt.' }),
    last_status_code: z.number().int().nullable(),
    last_error: z
      .string()
      .nullable()
      .meta({
        description: `Why the last attempt failed: ${DELIVERY_ERROR_KINDS.map((k) => `\`${k}\``).join(', ')} (or \`endpoint deleted\`). The receiver's answer is never kept.`,
      }),
    created_at: Instant,
    delivered_at: Instant.nullable(),
    payload: z.unknown().meta({ description: 'The JSON body sent, exactly.' }),
  })
  .meta({ id: 'WebhookDelivery' });

function presentEndpoint(e: WebhookEndpointRow) {
  return {
    id: e.id,
    seller_id: e.sellerId ?? null,
    url: e.url,
    events: e.events,
    status: e.status,
    consecutive_failures: e.consecutiveFailures,
    disabled_at: e.disabledAt?.toISOString() ?? null,
    created_at: e.createdAt.toISOString(),
  };
}

function presentEndpointWithSecret(e: WebhookEndpointRow) {
  return { ...presentEndpoint(e), secret: e.secret };
}

/**
 * Kinds only. Attempts recorded before there were kinds kept free text with up to 200 characters of
 * the receiver's answer or the system's error message; they are shown as the kind they were.
 */
function errorKindOf(error: string | null): string | null {
  if (error === null || error === 'endpoint deleted') return error;
  if ((DELIVERY_ERROR_KINDS as readonly string[]).includes(error)) return error;
  if (/^HTTP \d{3}\b/.test(error)) return 'unexpected_status';
  if (error.startsWith('timed out')) return 'timeout';
  return 'connection_failed';
}

function presentDelivery(d: WebhookDeliveryRow) {
  return {
    id: d.id,
    endpoint_id: d.endpointId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    last_status_code: d.lastStatusCode ?? null,
    last_error: errorKindOf(d.lastError),
    created_at: d.createdAt.toISOString(),
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    payload: d.payload,
  };
}

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'an http or https URL' })
  .max(2000)
  .meta({ example: 'https://marketplace.example/hooks/sendback' });
const EventPattern = z
  .string()
  .min(1)
  .max(100)
  .meta({ example: 'return.*', description: 'An event type, `family.*`, or `*`' });

const EndpointParams = z.object({ id: Id('whe') });
const DeliveryParams = z.object({ id: Id('whe'), delivery_id: Id('whd') });
const Page = z.strictObject({ limit: Limit, cursor: Cursor });

function paged<T extends { id: string }, U>(rows: T[], limit: number, present: (row: T) => U) {
  const page = rows.slice(0, limit);
  return {
    data: page.map(present),
    next_cursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
  };
}

export const webhookRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/webhook_endpoints',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary:
          "Add a webhook endpoint (a seller: its shop's events; an operator: all or one shop's)",
        description:
          'Events are POSTed as JSON with `Sendback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, `Sendback-Event-Id` and `Sendback-Event-Type`. The answer carries the signing secret. The URL must reach a public address: loopback, private, link-local, multicast and metadata targets are refused (422 on `body.url`), and checked again on every delivery against the addresses the name resolves to. A shop has a limited number of endpoints (409 `limit_reached`).',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: z.strictObject({
          url: WebhookUrl,
          events: z.array(EventPattern).max(50).optional(),
          seller_id: Id('sel').optional().meta({ description: "Operators: one shop's events" }),
        }),
        response: { 201: WebhookEndpointWithSecretSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const rules = {
          allowPrivateTargets: deps.config.webhooksAllowPrivateTargets,
          maxEndpointsPerShop: deps.config.webhooksMaxEndpointsPerShop,
        };
        const row = await createWebhookEndpoint(tx, principal, request.body, rules, now);
        return { status: 201, body: presentEndpointWithSecret(row) };
      });
    },
  );

  app.get(
    '/v1/webhook_endpoints',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary: 'Webhook endpoints in your reach, newest first',
        security: [{ bearer: [] }],
        querystring: Page,
        response: {
          200: z.object({
            data: z.array(WebhookEndpointSchema),
            next_cursor: z.string().nullable(),
          }),
          ...problems(400, 401, 403, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor } = request.query;
      const rows = await listWebhookEndpoints(deps.database.db, principal, {
        limit: limit + 1,
        before: decodeCursor(cursor, isIdCursor),
      });
      return paged(rows, limit, presentEndpoint);
    },
  );

  app.get(
    '/v1/webhook_endpoints/:id',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary: 'One webhook endpoint, with its signing secret',
        security: [{ bearer: [] }],
        params: EndpointParams,
        response: { 200: WebhookEndpointWithSecretSchema, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await getWebhookEndpoint(deps.database.db, principal, request.params.id);
      return presentEndpointWithSecret(row);
    },
  );

  app.delete(
    '/v1/webhook_endpoints/:id',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook endpoint; its pending deliveries are given up',
        security: [{ bearer: [] }],
        params: EndpointParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        await deleteWebhookEndpoint(tx, principal, request.params.id, now);
        return { status: 204, body: null };
      });
    },
  );

  app.post(
    '/v1/webhook_endpoints/:id/enable',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary: 'Enable a disabled webhook endpoint; its pending deliveries resume',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        params: EndpointParams,
        response: { 200: WebhookEndpointSchema, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx) => {
        const row = await enableWebhookEndpoint(tx, principal, request.params.id);
        return { status: 200, body: presentEndpoint(row) };
      });
    },
  );

  app.get(
    '/v1/webhook_endpoints/:id/deliveries',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary: "An endpoint's deliveries, newest first",
        security: [{ bearer: [] }],
        params: EndpointParams,
        querystring: Page,
        response: {
          200: z.object({
            data: z.array(WebhookDeliverySchema),
            next_cursor: z.string().nullable(),
          }),
          ...problems(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor } = request.query;
      const rows = await listWebhookDeliveries(deps.database.db, principal, request.params.id, {
        limit: limit + 1,
        before: decodeCursor(cursor, isIdCursor),
      });
      return paged(rows, limit, presentDelivery);
    },
  );

  app.post(
    '/v1/webhook_endpoints/:id/deliveries/:delivery_id/redeliver',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again (due now, same event id, backoff starts over)',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        params: DeliveryParams,
        response: { 202: WebhookDeliverySchema, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const row = await redeliverWebhook(
          tx,
          principal,
          request.params.id,
          request.params.delivery_id,
          now,
        );
        return { status: 202, body: presentDelivery(row) };
      });
    },
  );
};
