import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ManualClock } from '../../app/clock.ts';
import type { AppDeps } from '../app.ts';
import { Instant, InstantIn, problems } from '../schemas.ts';

const ClockAnswer = z.object({
  now: Instant,
  kind: z.literal('manual'),
  frozen: z.boolean().meta({ description: 'True while the clock stands still' }),
});

/**
 * Only registered with SENDBACK_CLOCK=manual: lets people walk deadlines without waiting. The
 * clock is kept in the database, so every node, the workers and `sendback sweep` share it and a
 * restart keeps it. Each change is written before the answer, which reads the stored state back.
 */
export const testClockRoutes: FastifyPluginAsyncZod<AppDeps & { clock: ManualClock }> = async (
  app,
  deps,
) => {
  const answer = async () => {
    const now = await deps.clock.refresh();
    return { now: now.toISOString(), kind: 'manual' as const, frozen: deps.clock.frozen };
  };

  app.get(
    '/v1/test_clock',
    {
      schema: {
        tags: ['test clock'],
        summary: "The server's current time (manual clock)",
        response: { 200: ClockAnswer, ...problems(401) },
      },
    },
    async () => answer(),
  );

  app.post(
    '/v1/test_clock',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['test clock'],
        summary: 'Set the manual clock to an instant, frozen there or running on (operator)',
        description:
          'Without `now` the clock keeps its current instant: `{"frozen": true}` stops it, `{"frozen": false}` lets it run on from where it stands.',
        body: z.strictObject({
          frozen: z.boolean(),
          now: InstantIn.optional(),
        }),
        response: { 200: ClockAnswer, ...problems(400, 401, 403, 422) },
      },
    },
    async (request) => {
      // From the stored state, so "keep the current instant" means the instant every node shows.
      await deps.clock.refresh();
      deps.clock.set({ frozen: request.body.frozen, now: request.body.now });
      return answer();
    },
  );

  app.post(
    '/v1/test_clock/advance',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['test clock'],
        summary: 'Move the manual clock forward (operator)',
        body: z.strictObject({
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
      deps.clock.advance(request.body.seconds);
      return answer();
    },
  );
};
