import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, type Registry } from 'prom-client';
import {
  authenticateBearer,
  authenticateSession,
  type CredentialCheck,
  KnownCredentials,
} from '../app/authenticate.ts';
import type { Clock } from '../app/clock.ts';
import type { Database } from '../app/database.ts';
import { AppError } from '../app/errors.ts';
import type { Principal } from '../app/principal.ts';
import { safeEqual } from '../app/secrets.ts';

export const SESSION_COOKIE = 'sendback_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /**
     * Set when the principal came from what this server knew of the credential: the write checks
     * in its transaction that the credential still works (answerWrite). Null when it was read.
     */
    credentialCheck: CredentialCheck | null;
  }
  interface FastifyContextConfig {
    /**
     * The route's work runs in answerWrite, which checks a known credential in its transaction:
     * an unsafe request to it with a credential this server knows skips reading who is calling.
     */
    checksCredentialInWrite?: boolean;
    /**
     * The route's reads run in readChecked, which checks a known credential beside them: a safe
     * request to it with a credential this server knows skips reading who is calling first.
     */
    checksCredentialInRead?: boolean;
    /**
     * Who may call the route (else 403; 401 without a caller), checked before its input is read:
     * a caller it is not for learns nothing of what it takes, and gets 403 whatever it sent.
     */
    roles?: readonly Principal['role'][];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Logging in and out must work with a stale cookie in the browser.
const CSRF_EXEMPT = new Set(['/v1/session']);

interface AuthOptions {
  database: Database;
  clock: Clock;
  adminToken: string | undefined;
  /** Where the count of credentials read or known is kept (GET /metrics). */
  metrics?: Registry;
}

/**
 * Resolves the caller from a bearer token (API key or admin token) or the session cookie.
 * Cookie-authenticated unsafe requests must carry the session's CSRF token in `X-CSRF-Token`.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: AuthOptions) => {
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('credentialCheck', null);
  const known = new KnownCredentials();
  // Counted in two numbers and handed to prom-client when scraped: its counter hashes and checks
  // the labels of every increment, once per request here.
  const counted = { known: 0, read: 0 };
  new Counter({
    name: 'sendback_credentials_total',
    help: 'Requests authenticated by an API key or session: read from the database, or known to this node and checked in the write (see src/app/authenticate.ts).',
    labelNames: ['source'] as const,
    registers: options.metrics ? [options.metrics] : [],
    collect() {
      this.reset();
      this.inc({ source: 'known' }, counted.known);
      this.inc({ source: 'read' }, counted.read);
    },
  });
  /** A credential this server knows, for a write that checks it in its transaction. */
  const knownFor = (
    request: FastifyRequest,
    kind: 'api_key' | 'session',
    token: string,
  ): Principal | undefined => {
    const config = request.routeOptions.config;
    const checked = SAFE_METHODS.has(request.method)
      ? config?.checksCredentialInRead
      : config?.checksCredentialInWrite;
    if (!checked) return undefined;
    const { entry, principal } = known.principalOf(kind, token);
    if (!principal) return undefined;
    counted.known++;
    request.credentialCheck = {
      apiKeyId: principal.api_key_id,
      sessionId: principal.session_id,
      forget: () => known.forget(entry),
    };
    return principal;
  };
  const read = (principal: Principal | undefined): Principal | undefined => {
    if (principal && principal.via !== 'admin_token') counted.read++;
    return principal;
  };
  // A caller the server already knows (knownFor) is found without waiting: the hook takes `done`
  // and awaits only a credential it has to read.
  const identify = (request: FastifyRequest): Promise<void> | undefined => {
    const header = request.headers.authorization;
    if (header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const knownCaller = token ? knownFor(request, 'api_key', token) : undefined;
      if (knownCaller) {
        request.principal = knownCaller;
        return;
      }
      if (!token) throw new AppError('unauthenticated', 'The API key is not valid.');
      return authenticateBearer(options.database.db, token, options.adminToken, known).then(
        (found) => {
          const principal = read(found);
          if (!principal) throw new AppError('unauthenticated', 'The API key is not valid.');
          request.principal = principal;
        },
      );
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const knownCaller = knownFor(request, 'session', token);
    if (knownCaller) {
      checkCsrf(request, knownCaller);
      return;
    }
    return authenticateSession(options.database.db, token, options.clock.now(), known).then(
      (found) => {
        const principal = read(found);
        if (principal) checkCsrf(request, principal);
      },
    );
  };
  const checkCsrf = (request: FastifyRequest, principal: Principal) => {
    const path = request.url.split('?')[0] ?? '';
    if (!SAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(path)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, principal.csrf_token ?? '')) {
        throw new AppError('csrf_failed', `Send the session's CSRF token in X-CSRF-Token.`);
      }
    }
    request.principal = principal;
  };
  app.addHook('onRequest', (request, _reply, done) => {
    let waiting: Promise<void> | undefined;
    try {
      waiting = identify(request);
    } catch (err) {
      return done(err as Error);
    }
    if (!waiting) return done();
    waiting.then(
      () => done(),
      (err: unknown) => done(err instanceof Error ? err : new Error(`authentication: ${err}`)),
    );
  });
  // Before the body is even parsed, so a body no caller of the route could send is never read.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const roles = request.routeOptions.config.roles;
    try {
      if (roles) requireRole(request, ...roles);
    } catch (err) {
      return done(err as Error);
    }
    done(null, payload);
  });
  // A route that says it checks a known credential beside its reads and answered without doing
  // so would have shown a revoked key what it asked for: that is a bug, and answers 500.
  app.addHook('onSend', (request, reply, payload, done) => {
    const check = request.credentialCheck;
    if (check && SAFE_METHODS.has(request.method) && !check.checked && reply.statusCode < 400) {
      request.credentialCheck = null;
      return done(
        new Error(`${request.routeOptions.url} answered without checking the known credential`),
      );
    }
    done(null, payload);
  });
});

/** The caller, or 401. Routes that need a caller start with this. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new AppError('unauthenticated', 'Log in, or send an API key as a Bearer token.');
  }
  return request.principal;
}

export function requireRole(request: FastifyRequest, ...roles: Principal['role'][]): Principal {
  const principal = principalOf(request);
  if (!roles.includes(principal.role)) {
    throw new AppError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
  }
  return principal;
}
