import type { FastifyInstance } from 'fastify';

/**
 * `Server-Timing: app;dur=<ms>` on every answer: the time from the request's arrival in Fastify
 * to the moment the serialized answer is handed to the socket (routing, auth, validation, the
 * handler and its queries, serialization). Clients and benchmarks can tell server time from
 * network and queueing time without access to the server's metrics.
 */
export function registerServerTiming(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    done(null, payload);
  });
}
