import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPlatformRules, updatePlatformRules } from '../../app/buyer-standing.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { IdempotencyHeaders, problems } from '../schemas.ts';

const Rules = z
  .strictObject({
    max_cases_90_days: z.number().int().min(0).max(100_000).nullable().meta({
      description:
        'A buyer with more cases than this in 90 days (every shop) gets no automatic decision',
    }),
    max_return_rate: z.number().min(0).max(100).nullable().meta({
      description: 'Cases per order over which a buyer gets no automatic decision',
    }),
    min_orders: z.number().int().min(0).max(100_000).meta({
      description: 'The return rate counts once the buyer has this many orders',
    }),
  })
  .meta({ id: 'PlatformRules' });

export const platformRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/platform/rules',
    {
      schema: {
        tags: ['platform'],
        summary:
          'The thresholds over which a buyer gets no automatic approval or returnless refund (agents, operators)',
        response: { 200: Rules, ...problems(401, 404) },
      },
    },
    async (request) => readPlatformRules(deps.database.db, principalOf(request)),
  );

  app.put(
    '/v1/platform/rules',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['platform'],
        summary: 'Set the platform thresholds for automatic decisions (operators)',
        headers: IdempotencyHeaders,
        body: Rules,
        response: { 200: Rules, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => ({
        status: 200,
        body: await updatePlatformRules(tx, principal, request.body, now),
      }));
    },
  );
};
