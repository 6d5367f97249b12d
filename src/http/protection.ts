import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { AppError } from '../app/errors.ts';
import type { Config } from '../config.ts';

/** The UI's content security policy: only our own scripts; antd's CSS-in-JS needs inline styles. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * The headers a helmet middleware sets, read off one run of it on a stand-in response. Helmet
 * only sets and removes static headers (no nonces in this policy); a removal (X-Powered-By, which
 * Node never sets) has nothing to do on a fresh answer.
 */
export function helmetHeaders(
  middleware: ReturnType<typeof helmet>,
): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: unknown) {
      headers.set(name, String(value));
      return response;
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
  };
  let failed: unknown;
  middleware(
    {} as Parameters<typeof middleware>[0],
    response as unknown as Parameters<typeof middleware>[1],
    (err?: unknown) => {
      failed = err;
    },
  );
  if (failed) throw failed;
  return [...headers];
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers on every answer, and the rate limit on writes per caller. Its counters live in
 * this node's memory: with several nodes each counts its own share, which still bounds abuse
 * without a database write per request. Login attempts, where guessing must be bounded whatever
 * node answers, are counted in PostgreSQL by the login use case (src/app/limit-login-attempts.ts).
 */
export const protectionPlugin = fp(async (app: FastifyInstance, options: { config: Config }) => {
  // Helmet's headers, worked out once: they depend on the configuration only, so every answer
  // gets the same list set on it (running helmet's twelve middlewares per request cost about 2 %
  // of a command's CPU; @fastify/helmet also parsed the policy each time).
  const securityHeaders = helmetHeaders(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      // The API is same-origin only; the UI needs no cross-origin embedding either.
      crossOriginEmbedderPolicy: false,
      hsts: { maxAge: 15_552_000, includeSubDomains: true },
    }),
  );
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of securityHeaders) raw.setHeader(name, value);
    done();
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests; try again in ${context.after}.`),
  });

  const writes = app.rateLimit({
    max: options.config.rateLimitWrites,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) =>
      `write:${request.principal?.user_id ?? `ip:${request.ip}`}`,
  });
  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0];
    // Logging in has its own limits, counted in PostgreSQL (see above).
    if (request.method === 'POST' && path === '/v1/session') return;
    if (WRITE_METHODS.has(request.method) && path?.startsWith('/v1/')) {
      return writes.call(app, request, reply);
    }
  });
});
