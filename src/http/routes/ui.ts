import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANGES_CHANNEL, type Change } from '../../app/change-feed.ts';
import type { Principal } from '../../app/principal.ts';
import { appMeta } from '../../db/schema.ts';
import { WEB_DIST } from '../../paths.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';

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
      if (deps.database.engine !== 'pglite') return { logins: [] };
      const [row] = await deps.database.db
        .select()
        .from(appMeta)
        .where(eq(appMeta.key, 'demo_seeded'));
      const logins = (row?.value as { logins?: unknown[] } | undefined)?.logins ?? [];
      return { logins: logins as never };
    },
  );

  // One LISTEN per node, shared by every open stream; started with the first one.
  const streams = new Set<{ principal: Principal; send: (event: string, data: string) => void }>();
  const open = new Set<import('node:http').ServerResponse>();
  let stopListening: (() => Promise<void>) | null = null;
  let starting: Promise<void> | null = null;
  const startListening = async () => {
    if (stopListening || !deps.database.listen) return;
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
    for (const raw of open) raw.end();
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
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      starting ??= startListening();
      await starting;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      const stream = {
        principal,
        send: (event: string, data: string) => raw.write(`event: ${event}\ndata: ${data}\n\n`),
      };
      streams.add(stream);
      const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 20_000);
      keepAlive.unref();
      const end = () => {
        clearInterval(keepAlive);
        streams.delete(stream);
      };
      request.raw.on('close', end);
      open.add(raw);
      request.raw.on('close', () => open.delete(raw));
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
