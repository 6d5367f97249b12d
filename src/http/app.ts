import { randomUUID } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import swagger, { type OpenAPIV3_2 } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Clock, ManualClock } from '../app/clock.ts';
import type { Database } from '../app/database.ts';
import { AppError } from '../app/errors.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { WEB_DIST } from '../paths.ts';
import { authPlugin } from './auth.ts';
import { inputValidatorCompiler } from './input-text.ts';
import { registerMetrics } from './metrics.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { protectionPlugin } from './protection.ts';
import { lazyRequestLogger, OneLinePerRequest } from './request-log.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { automationRoutes } from './routes/automation.ts';
import { healthRoutes } from './routes/health.ts';
import { formRoutes } from './routes/helpers-for-forms.ts';
import { messageRoutes } from './routes/messages.ts';
import { orderRoutes } from './routes/orders.ts';
import { peopleRoutes } from './routes/people.ts';
import { platformRoutes } from './routes/platform.ts';
import { policyWhatIfRoutes } from './routes/policy-what-if.ts';
import { providerRoutes } from './routes/providers.ts';
import { recordRoutes } from './routes/records.ts';
import { returnAddressRoutes } from './routes/return-addresses.ts';
import { returnRoutes } from './routes/returns.ts';
import { testClockRoutes } from './routes/test-clock.ts';
import { isUiPath, uiRoutes, webIsBuilt } from './routes/ui.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { responseSerializerCompiler } from './serializer.ts';
import { registerServerTiming } from './server-timing.ts';

type Webhooks = Record<string, OpenAPIV3_2.PathItemObject>;

const envelope = (data: Record<string, object>, types: string): Webhooks[string] => ({
  post: {
    summary: types,
    description:
      'Signed with `Sendback-Signature` (see POST /v1/webhook_endpoints); deduplicate on `Sendback-Event-Id`.',
    requestBody: {
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['id', 'type', 'created_at', 'data'],
            properties: {
              id: { type: 'string' },
              type: { type: 'string' },
              created_at: { type: 'string', format: 'date-time' },
              data: { type: 'object', properties: data },
            },
          },
        },
      },
    },
    responses: { '200': { description: 'Any 2xx within 10 s acknowledges the event' } },
  },
});

/** The events Sendback sends to webhook endpoints (OpenAPI 3.1 `webhooks`). */
const WEBHOOKS: Webhooks = {
  returnEvent: envelope(
    {
      case: { $ref: '#/components/schemas/ReturnCaseSummary' },
      actor: { type: 'object' },
      payload: {
        type: 'object',
        description:
          "The event's own fields. return.approved / return.auto_approved: `return_address` (where the buyer sends the parcel) and `label` ('requested' when the shop pays by prepaid label). return.label_purchased: `provider`, `carrier`, `service`, `tracking_number`, `cost`, `currency`. return.label_failed: `error` (the provider's reason). return.shipped: `carrier`, `tracking_number` (`prepaid_label: true` when the label's first scan shipped it).",
      },
    },
    'return.*: every case event (return.requested, return.approved, return.label_requested, return.label_purchased, return.label_failed, return.shipped, return.parcel_delivered, return.refund_pending, return.refunded, ...)',
  ),
  refundEvent: envelope(
    {
      refund: {
        type: 'object',
        description:
          "id, case_id, order_id, amount, currency, destination, status, attempts, last_error, provider_reference (the payment provider's id of the refund, e.g. Stripe re_...), created_at, settled_at",
      },
      case: { $ref: '#/components/schemas/ReturnCaseSummary' },
    },
    'refund.created, refund.succeeded, refund.failed',
  ),
  messageEvent: envelope({ message: { type: 'object' } }, 'message.created'),
  inventoryEvent: envelope(
    {
      case_id: { type: 'string' },
      order_id: { type: 'string' },
      seller_id: { type: 'string' },
      lines: {
        type: 'array',
        description: 'The units the seller marked resellable at inspection: put them back in stock',
        items: {
          type: 'object',
          properties: {
            order_line_id: { type: 'string' },
            sku: { type: 'string' },
            quantity: { type: 'integer' },
          },
        },
      },
    },
    'inventory.restock',
  ),
};

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(deps: AppDeps): Promise<App> {
  const webDist = deps.config.webDist ?? WEB_DIST;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    childLoggerFactory: lazyRequestLogger,
    // A caller's own request id is kept (so their logs and ours line up) when it is sane.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : `req_${randomUUID()}`;
    },
    bodyLimit: 1024 * 1024,
    // Behind a TLS-terminating proxy: the client's address (rate limits) and https (the session
    // cookie's Secure flag) come from the proxy's headers, from the proxies configured only.
    trustProxy: deps.config.trustProxy,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(inputValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the UI (a reload on /seller/queue) get the app's page.
    if (isUiPath(request.method, request.url, webDist)) {
      return reply.sendFile('index.html', webDist);
    }
    return sendProblem(
      reply,
      new AppError(
        'route_not_found',
        `No route for ${request.method} ${request.url.split('?')[0]}.`,
      ),
    );
  });
  // Hooks that wait for nothing take `done`: an async one costs a promise and its resolution per
  // request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  // A route that documents no body takes none: fields sent to it are unknown, like anywhere else.
  app.addHook('preValidation', (request, _reply, done) => {
    const schema = request.routeOptions.schema;
    const body = request.body;
    if (!schema || schema.body || typeof body !== 'object' || body === null) return done();
    const keys = Array.isArray(body) ? (body.length ? [''] : []) : Object.keys(body);
    if (!keys.length) return done();
    done(
      new AppError('validation_failed', 'This request takes no body.', {
        fields: keys.map((key) => ({
          path: key ? `body.${key}` : 'body',
          message: key ? 'unknown field' : 'send no body',
        })),
      }),
    );
  });
  app.addHook('onClose', async () => {
    await deps.database.close();
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sendback API',
        version: '1',
        description:
          'Returns, refunds and disputes for marketplaces. Errors are RFC 9457 problem+json with a stable `code`. ' +
          'Request bodies and query strings refuse unknown fields (422 naming each). Text must be well-formed ' +
          'Unicode without control characters other than tab, line feed and carriage return; it is stored ' +
          'exactly as sent, never normalized.',
      },
      servers: [{ url: '/' }],
      webhooks: WEBHOOKS,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API key' },
          session: { type: 'apiKey', in: 'cookie', name: 'sendback_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Registers schemas given an id (`.meta({ id })`) under components.schemas.
    transformObject: jsonSchemaTransformObject,
  });
  // The interactive docs load their own inline script: they get a CSP of their own.
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  // The manual test clock lives in the database, shared by every node: each request starts from
  // its current state (one read per request, and only when SENDBACK_CLOCK=manual).
  if (deps.clock.kind === 'manual') {
    app.addHook('onRequest', async () => {
      await deps.clock.refresh();
    });
  }
  const metrics = registerMetrics(app);
  registerServerTiming(app);
  await app.register(authPlugin, {
    database: deps.database,
    clock: deps.clock,
    adminToken: deps.config.adminToken,
    metrics,
  });
  await app.register(protectionPlugin, { config: deps.config });
  await app.register(healthRoutes, deps);
  await app.register(peopleRoutes, deps);
  await app.register(orderRoutes, deps);
  await app.register(policyWhatIfRoutes, deps);
  await app.register(returnAddressRoutes, deps);
  await app.register(providerRoutes, deps);
  await app.register(platformRoutes, deps);
  await app.register(returnRoutes, deps);
  await app.register(automationRoutes, deps);
  await app.register(messageRoutes, deps);
  await app.register(recordRoutes, deps);
  await app.register(analyticsRoutes, deps);
  await app.register(formRoutes, deps);
  await app.register(uiRoutes, deps);
  if (webIsBuilt(webDist)) {
    // Files are looked up in the folder on each request, not listed once at start: another node
    // on this checkout may put a new build in its place (web-assets.ts), and this node then serves
    // it whole, its page and the assets that page names.
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: false,
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  }
  await app.register(webhookRoutes, deps);
  await app.register(attachmentRoutes, deps);
  if (deps.config.clock === 'manual' && deps.clock instanceof ManualClock) {
    await app.register(testClockRoutes, { ...deps, clock: deps.clock });
  }

  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
