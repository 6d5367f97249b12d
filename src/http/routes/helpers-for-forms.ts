import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { trackingHelp } from '../../app/check-tracking.ts';
import { previewRequestRefund } from '../../app/preview-request-refund.ts';
import { CASE_TYPES, REASONS, type ReasonCode } from '../../domain/index.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { RefundPreview } from '../case-schemas.ts';
import { Id, problems } from '../schemas.ts';

/** Read-only answers forms use while people type: a refund preview and a tracking-number check. */
export const formRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/orders/:id/refund_preview',
    {
      schema: {
        tags: ['orders'],
        summary: 'What a return request for these lines would refund (nothing is written)',
        params: z.object({ id: Id('ord') }),
        body: z.strictObject({
          type: z.enum(CASE_TYPES).default('return_and_refund'),
          reason: z.enum(REASONS.map((r) => r.code) as [string, ...string[]]),
          lines: z
            .array(
              z.strictObject({
                order_line_id: Id('lin'),
                quantity: z.number().int().min(1).max(10_000),
              }),
            )
            .min(1)
            .max(200),
        }),
        response: { 200: RefundPreview, ...problems(400, 401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return previewRequestRefund(deps.database.db, principal, request.params.id, {
        ...request.body,
        reason: request.body.reason as ReasonCode,
      });
    },
  );

  app.get(
    '/v1/carriers',
    {
      schema: {
        tags: ['carriers'],
        summary: 'Carriers with checked tracking numbers, and a check for one number',
        querystring: z.strictObject({
          carrier: z.string().trim().min(1).max(60).optional(),
          tracking_number: z.string().trim().max(60).optional(),
        }),
        response: {
          200: z.object({
            carriers: z.array(z.string()),
            check: z
              .object({ ok: z.boolean(), normalized: z.string(), message: z.string().optional() })
              .nullable(),
          }),
          ...problems(401, 422),
        },
      },
    },
    async (request) => {
      principalOf(request);
      const { carrier, tracking_number } = request.query;
      const help = trackingHelp(carrier, tracking_number);
      return { carriers: [...help.carriers], check: help.check };
    },
  );
};
