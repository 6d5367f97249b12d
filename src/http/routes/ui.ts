import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { endedCredentials } from '../../app/authenticate.ts';
import { CHANGES_CHANNEL, type Change } from '../../app/change-feed.ts';
import { AppError } from '../../app/errors.ts';
import type { Principal } from '../../app/principal.ts';
import { demoLogins } from '../../app/readiness.ts';
import { WEB_DIST } from '../../paths.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { type LiveStream, StreamRegistry } from '../streams.ts';

function sees(principal: Principal, change: Change): boolean {
  switch (principal.role) {
    case 'buyer':
      return change.buyer_id === principal.user_id;
    case 'seller':
      return change.seller_id === principal.seller_id;
    default:
      return true;
  }
}

/** The built UI, the live-update stream, and the demo logins for the login page. */
export const uiRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/demo',
    {
      schema: {
        tags: ['session'],
        summary: 'Demo logins (only on a demo server: the embedded database with demo data)',
        response: {
          200: z.object({
            logins: z.array(
              z.object({
                email: z.string(),
                password: z.string(),
                role: z.string(),
                name: z.string(),
                shop: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      if (deps.config.databaseUrl) return { logins: [] };
      return { logins: await demoLogins(deps.database.db) };
    },
  );

  // One LISTEN per node, shared by every open stream; started with the first one.
  const streams = new StreamRegistry({
    perUser: deps.config.streamsPerUser,
    recheckMs: deps.config.streamRecheckMs,
    ended: (principals) => endedCredentials(deps.database.db, principals, deps.clock.now()),
    onError: (err) => app.log.warn({ err }, 'stream credential check failed'),
  });
  let stopListening: (() => Promise<void>) | null = null;
  let starting: Promise<void> | null = null;
  const startListening = async () => {
    if (stopListening) return;
    stopListening = await deps.database.listen(CHANGES_CHANNEL, (payload) => {
      let change: Change;
      try {
        change = JSON.parse(payload) as Change;
      } catch {
        return;
      }
      for (const stream of streams) {
        if (sees(stream.principal, change)) {
          stream.send(
            change.kind,
            JSON.stringify({ case_id: change.case_id, order_id: change.order_id }),
          );
        }
      }
    });
  };
  // Streams never end by themselves: close them so shutdown is not held up.
  app.addHook('preClose', async () => {
    streams.endAll();
  });
  app.addHook('onClose', async () => {
    await stopListening?.();
  });

  app.get(
    '/v1/stream',
    {
      schema: {
        tags: ['session'],
        summary: 'Server-sent events: `case` and `message` when something in your reach changes',
        description:
          'The stream ends (after an `end` event) within seconds of its session being logged out or expiring, its API key being revoked, or its user being disabled. A user may hold a few streams at once (`SENDBACK_STREAMS_PER_USER`); one more is refused with 429.',
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      starting ??= startListening();
      await starting;
      const raw = reply.raw;
      let keepAlive: NodeJS.Timeout | undefined;
      const stream: LiveStream = {
        principal,
        send: (event, data) => raw.write(`event: ${event}\ndata: ${data}\n\n`),
        end: (event) => {
          if (event && !raw.writableEnded)
            raw.write(`event: ${event.name}\ndata: ${event.data}\n\n`);
          raw.end();
        },
      };
      // Counted and added before the first await-free write, so parallel opens cannot pass the cap.
      if (!streams.tryAdd(stream)) {
        throw new AppError(
          'rate_limited',
          `You have ${deps.config.streamsPerUser} live-update streams open; close one first.`,
        );
      }
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 20_000);
      keepAlive.unref();
      raw.on('close', () => {
        clearInterval(keepAlive);
        streams.remove(stream);
      });
    },
  );
};

export function webIsBuilt(dir: string = WEB_DIST): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Client-side routes (e.g. /seller/queue) are answered with the app's page. */
export function isUiPath(method: string, url: string, dir: string = WEB_DIST): boolean {
  return (
    method === 'GET' &&
    webIsBuilt(dir) &&
    !url.startsWith('/v1/') &&
    !url.startsWith('/docs') &&
    !/\.[a-z0-9]+(\?|$)/i.test(url)
  );
}
