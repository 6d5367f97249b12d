import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ManualClock } from '../../app/clock.ts';
import type { AppDeps } from '../app.ts';
import { requireRole } from '../auth.ts';
import { Instant, problems } from '../schemas.ts';

const ClockAnswer = z.object({ now: Instant, kind: z.literal('manual') });

/** Only registered with SENDBACK_CLOCK=manual: lets people walk deadlines without waiting. */
export const testClockRoutes: FastifyPluginAsyncZod<AppDeps & { clock: ManualClock }> = async (
  app,
  deps,
) => {
  app.get(
    '/v1/test_clock',
    {
      schema: {
        tags: ['test clock'],
        summary: "The server's current time (manual clock)",
        response: { 200: ClockAnswer, ...problems(401) },
      },
    },
    async () => ({ now: deps.clock.now().toISOString(), kind: 'manual' as const }),
  );

  app.post(
    '/v1/test_clock/advance',
    {
      schema: {
        tags: ['test clock'],
        summary: 'Move the manual clock forward (operator)',
        body: z.object({
          seconds: z
            .number()
            .int()
            .min(1)
            .max(366 * 24 * 3600),
        }),
        response: { 200: ClockAnswer, ...problems(400, 401, 403, 422) },
      },
    },
    async (request) => {
      requireRole(request, 'operator');
      const now = deps.clock.advance(request.body.seconds);
      return { now: now.toISOString(), kind: 'manual' as const };
    },
  );
};
