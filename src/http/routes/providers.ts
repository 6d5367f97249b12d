import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { realClock } from '../../app/clock.ts';
import { AppError } from '../../app/errors.ts';
import { receiveRefundWebhook, receiveTrackingWebhook } from '../../app/provider-events.ts';
import { outsideParties } from '../../app/providers.ts';
import { readLabel } from '../../app/read-label.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, problems } from '../schemas.ts';

const TRACKING_PROVIDERS = ['easypost', 'shippo'] as const;

const CarrierResults = z.array(
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
);

/**
 * The prepaid label's files, and what the outside parties send: tracking providers' scans and the
 * card processor's refund news, each verified with the provider's own signature on the raw bytes.
 */
export const providerRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const parties = outsideParties(deps.config.providers);

  app.get(
    '/v1/returns/:id/label',
    {
      schema: {
        tags: ['returns'],
        summary: 'The prepaid return label: the PDF to print, or (format=qr) the drop-off QR code',
        params: z.object({ id: Id('ret') }),
        querystring: z.strictObject({ format: z.enum(['pdf', 'qr']).default('pdf') }),
        response: {
          200: z.any().meta({ description: 'application/pdf, or image/png for format=qr' }),
          ...problems(401, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const file = await readLabel(
        deps.database.db,
        principal,
        request.params.id,
        request.query.format,
      );
      return reply
        .type(file.mime_type)
        .header('content-disposition', `inline; filename="${file.file_name}"`)
        .header('cache-control', 'private, max-age=3600')
        .send(file.bytes);
    },
  );

  // Providers sign the exact bytes they send: these routes keep the body as it came.
  app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    raw.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: 512 * 1024 },
      (_request, body, done) => done(null, body),
    );
    const Raw = z.any().meta({ description: "The provider's event, as it documents it" });

    raw.post(
      '/v1/provider_events/:provider',
      {
        schema: {
          tags: ['carriers'],
          summary: "A tracking provider's webhook (EasyPost tracker events, Shippo track_updated)",
          description:
            "Point the provider's webhook here. EasyPost: `X-Hmac-Signature` with EASYPOST_WEBHOOK_SECRET. Shippo: `Shippo-Auth-Signature` with SHIPPO_WEBHOOK_SECRET. Each scan is applied to the cases shipped with its number once; a repeat changes nothing. 404 when the provider is not the configured one.",
          params: z.object({ provider: z.enum(TRACKING_PROVIDERS) }),
          body: Raw,
          response: {
            200: z.object({ results: CarrierResults }),
            ...problems(400, 401, 404, 413),
          },
        },
      },
      async (request) => {
        const tracking = parties.tracking;
        if (tracking?.name !== request.params.provider) {
          throw new AppError(
            'not_found',
            `${request.params.provider} is not this platform's tracking provider.`,
          );
        }
        const results = await receiveTrackingWebhook(
          deps.database.db,
          tracking,
          {
            headers: request.headers,
            body: request.body as Buffer,
            // The provider signed with its own clock: its timestamp is checked against real time.
            received_at: realClock.now(),
          },
          deps.clock.now(),
        );
        return { results };
      },
    );

    raw.post(
      '/v1/provider_events/stripe/refunds',
      {
        schema: {
          tags: ['refunds'],
          summary:
            "Stripe's refund webhooks (refund.updated, refund.failed, charge.refund.updated)",
          description:
            'Point a Stripe webhook endpoint here, signed with STRIPE_WEBHOOK_SECRET (`Stripe-Signature`). A refund Stripe settles or fails moves its case as the refund worker would; one Sendback did not make is acknowledged and ignored.',
          body: Raw,
          response: {
            200: z.object({
              results: z.array(
                z.object({
                  refund_id: z.string().nullable(),
                  provider_reference: z.string(),
                  recorded: z.string(),
                }),
              ),
            }),
            ...problems(400, 401, 404, 413),
          },
        },
      },
      async (request) => {
        const webhooks = parties.refundWebhooks;
        if (!webhooks) {
          throw new AppError('not_found', "Stripe is not this platform's refund provider.");
        }
        const results = await receiveRefundWebhook(
          deps.database.db,
          webhooks,
          { headers: request.headers, body: request.body as Buffer, received_at: realClock.now() },
          deps.clock.now(),
          {
            max_attempts: deps.config.refundMaxAttempts,
            backoff_base_seconds: deps.config.refundBackoffSeconds,
            log: deps.logger,
          },
        );
        return { results };
      },
    );
  });
};
