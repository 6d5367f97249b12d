import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { realClock } from '../../app/clock.ts';
import { AppError } from '../../app/errors.ts';
import { ingestCarrierEvent } from '../../app/ingest-carrier-events.ts';
import { listMyNotifications, markMyNotificationsRead } from '../../app/notifications.ts';
import { readWallet } from '../../app/read-wallet.ts';
import { verifySignature } from '../../app/webhooks/signature.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import {
  Cursor,
  decodeCursor,
  encodeCursor,
  Id,
  Instant,
  InstantIn,
  isIdCursor,
  Limit,
  problems,
} from '../schemas.ts';

const CarrierEventBody = z.strictObject({
  event_id: z.string().min(1).max(200),
  carrier: z.string().trim().min(1).max(60),
  tracking_number: z.string().trim().min(4).max(40),
  status: z.enum([
    'accepted',
    'in_transit',
    'delivered',
    'exception',
    'lost',
    'returned_to_sender',
  ]),
  occurred_at: InstantIn,
});

const NotificationSchema = z
  .object({
    id: z.string(),
    case_id: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    due_at: Instant.nullable(),
    created_at: Instant,
    read_at: Instant.nullable(),
  })
  .meta({ id: 'Notification' });

export const automationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  // Carriers sign the exact bytes they send, so this route keeps the raw body for the check.
  app.register(async (plain) => {
    const carrier = plain.withTypeProvider<ZodTypeProvider>();
    carrier.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 256 * 1024 },
      (request, body, done) => {
        (request as unknown as { rawBody: string }).rawBody = body as string;
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new AppError('malformed_request', 'The body is not valid JSON.'));
        }
      },
    );
    carrier.post(
      '/v1/carrier_events',
      {
        // The signature is checked before the body is validated: strangers learn nothing.
        preValidation: async (request) => {
          const secret = deps.config.carrierSecret;
          if (!secret) {
            throw new AppError(
              'service_unavailable',
              'Carrier intake is off: set SENDBACK_CARRIER_SECRET.',
            );
          }
          const raw = (request as unknown as { rawBody?: string }).rawBody ?? '';
          const signature = request.headers['sendback-signature'];
          // Real time, not the test clock: the carrier signed with its own clock.
          const nowSeconds = realClock.now().getTime() / 1000;
          if (!verifySignature(secret, raw, String(signature ?? ''), nowSeconds)) {
            throw new AppError('unauthenticated', 'Missing or wrong Sendback-Signature.');
          }
        },
        schema: {
          tags: ['carriers'],
          summary: 'Tracking updates from carriers (HMAC-signed with the shared carrier secret)',
          description:
            'Sign like webhooks: `Sendback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` with SENDBACK_CARRIER_SECRET. A repeated `event_id` is acknowledged and changes nothing.',
          headers: z.object({ 'sendback-signature': z.string().max(4096).optional() }),
          body: z.strictObject({ events: z.array(CarrierEventBody).min(1).max(500) }),
          response: {
            200: z.object({
              results: z.array(
                z.object({
                  event_id: z.string(),
                  duplicate: z.boolean(),
                  case_ids: z.array(z.string()),
                  applied: z.array(
                    z.object({
                      case_id: z.string(),
                      command: z.string().nullable(),
                      skipped: z.string().optional(),
                    }),
                  ),
                }),
              ),
            }),
            ...problems(400, 401, 422, 503),
          },
        },
      },
      async (request) => {
        const results = [];
        for (const event of request.body.events) {
          results.push(await ingestCarrierEvent(deps.database.db, event, deps.clock.now()));
        }
        return { results };
      },
    );
  });

  app.get(
    '/v1/wallet',
    {
      config: { roles: ['buyer'] },
      schema: {
        tags: ['wallet'],
        summary: "The buyer's platform balance and ledger entries",
        querystring: z.strictObject({ limit: Limit, cursor: Cursor }),
        response: {
          200: z.object({
            balances: z.array(z.object({ currency: z.string(), balance: z.number().int() })),
            entries: z.array(
              z.object({
                id: z.string(),
                amount: z.number().int(),
                currency: z.string(),
                description: z.string(),
                refund_id: z.string().nullable(),
                case_id: z.string().nullable().meta({ description: 'The return the refund paid' }),
                items: z
                  .string()
                  .nullable()
                  .meta({ description: "The returned items' titles, as the buyer knows them" }),
                created_at: Instant,
              }),
            ),
            next_cursor: z.string().nullable(),
          }),
          ...problems(401, 403, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const before = decodeCursor(request.query.cursor, isIdCursor);
      const wallet = await readWallet(deps.database.db, principal, {
        limit: request.query.limit,
        before,
      });
      return {
        balances: wallet.balances,
        entries: wallet.entries,
        next_cursor: wallet.next_before ? encodeCursor(wallet.next_before) : null,
      };
    },
  );

  app.get(
    '/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications (deadline reminders), newest first',
        querystring: z.strictObject({
          limit: Limit,
          cursor: Cursor,
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({
            data: z.array(NotificationSchema),
            unread_count: z.number().int(),
            next_cursor: z.string().nullable(),
          }),
          ...problems(401, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const before = decodeCursor(request.query.cursor, isIdCursor);
      const page = await listMyNotifications(deps.database.db, principal, {
        limit: request.query.limit,
        before,
        unread_only: request.query.unread === 'true',
      });
      return {
        data: page.notifications.map((n) => ({
          id: n.id,
          case_id: n.caseId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          due_at: n.dueAt?.toISOString() ?? null,
          created_at: n.createdAt.toISOString(),
          read_at: n.readAt?.toISOString() ?? null,
        })),
        unread_count: page.unread_count,
        next_cursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.post(
    '/v1/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read (the given ids, or all)',
        body: z.union([
          z.strictObject({ ids: z.array(Id('ntf')).min(1).max(500) }),
          z.strictObject({ all: z.literal(true) }),
        ]),
        response: { 200: z.object({ marked: z.number().int() }), ...problems(400, 401, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const ids = 'ids' in request.body ? request.body.ids : 'all';
      const marked = await markMyNotificationsRead(
        deps.database.db,
        principal,
        ids,
        deps.clock.now(),
      );
      return { marked };
    },
  );
};
