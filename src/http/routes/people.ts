import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSeller } from '../../app/create-seller.ts';
import { createUser } from '../../app/create-user.ts';
import { disableUser, enableUser } from '../../app/disable-user.ts';
import { logIn, logOut, SESSION_TTL_MS } from '../../app/log-in.ts';
import {
  type ApiKeyRow,
  endOwnSession,
  listOwnApiKeys,
  listOwnSessions,
  revokeOwnApiKey,
  type SessionRow,
} from '../../app/own-credentials.ts';
import { readMe, type UserRow } from '../../app/read-me.ts';
import type { SellerRow } from '../../app/read-orders.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf, SESSION_COOKIE } from '../auth.ts';
import {
  Cursor,
  decodeCursor,
  encodeCursor,
  Id,
  IdempotencyHeaders,
  Instant,
  isIdCursor,
  Limit,
  problems,
  ShortText,
} from '../schemas.ts';

const Role = z.enum(['buyer', 'seller', 'agent', 'operator']);
const Locale = z.enum(['en', 'zh-CN']);

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    seller_id: z.string().nullable(),
    locale: Locale,
    created_at: Instant,
    disabled_at: Instant.nullable().meta({
      description: 'Set by an operator: the user cannot log in and their credentials do not work.',
    }),
  })
  .meta({ id: 'User' });

export const ApiKeySchema = z
  .object({
    id: z.string(),
    prefix: z
      .string()
      .meta({ description: 'The first characters of the key, to tell keys apart.' }),
    created_at: Instant,
    revoked_at: Instant.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const SessionSchema = z
  .object({
    id: z.string(),
    created_at: Instant,
    expires_at: Instant,
    current: z.boolean().meta({ description: 'The session this request came with.' }),
  })
  .meta({ id: 'Session' });

export const SellerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    time_zone: z.string(),
    region: z.string(),
    created_at: Instant,
  })
  .meta({ id: 'Seller' });

export function presentUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    seller_id: u.sellerId ?? null,
    locale: (u.locale === 'zh-CN' ? 'zh-CN' : 'en') as 'en' | 'zh-CN',
    created_at: u.createdAt.toISOString(),
    disabled_at: u.disabledAt?.toISOString() ?? null,
  };
}

function presentApiKey(k: ApiKeyRow) {
  return {
    id: k.id,
    prefix: k.prefix,
    created_at: k.createdAt.toISOString(),
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}

const Page = z.strictObject({ limit: Limit, cursor: Cursor });

/** A page of rows newest first: the cursor is the last id shown. */
function paged<T extends { id: string }, U>(rows: T[], limit: number, present: (row: T) => U) {
  const page = rows.slice(0, limit);
  return {
    data: page.map(present),
    next_cursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
  };
}

export function presentSeller(s: SellerRow) {
  return {
    id: s.id,
    name: s.name,
    time_zone: s.timeZone,
    region: s.region,
    created_at: s.createdAt.toISOString(),
  };
}

export const peopleRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/users',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['users'],
        summary: 'Create a user (operator), optionally with an API key shown once',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: z.strictObject({
          email: z.email().max(254),
          name: ShortText(120),
          role: Role,
          seller_id: Id('sel').optional(),
          password: z.string().min(10).max(200).optional(),
          locale: Locale.optional(),
          api_key: z.boolean().optional(),
        }),
        response: {
          201: z.object({
            user: UserSchema,
            api_key: z.string().nullable().meta({
              description:
                'The new API key, shown this once (only its hash is stored). Null when none was asked for, and in the answer replayed to a retry with the same Idempotency-Key: if the first answer was lost, disable the user or have the key revoked and create another.',
            }),
          }),
          ...problems(400, 401, 403, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const created = await createUser(tx, principal, request.body, now);
        return {
          status: 201,
          body: { user: presentUser(created.user), api_key: created.api_key },
          shownOnce: ['api_key'],
        };
      });
    },
  );

  app.post(
    '/v1/sellers',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['sellers'],
        summary: 'Create a shop (operator)',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: z.strictObject({
          name: ShortText(120),
          time_zone: z.string().min(1).max(64).meta({ example: 'America/New_York' }),
          region: z
            .string()
            .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)
            .meta({ example: 'US' }),
        }),
        response: { 201: SellerSchema, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const seller = await createSeller(tx, principal, request.body, now);
        return { status: 201, body: presentSeller(seller) };
      });
    },
  );

  app.post(
    '/v1/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Log in with e-mail and password; sets an httpOnly session cookie',
        body: z.strictObject({ email: z.string().max(254), password: z.string().max(200) }),
        response: {
          201: z.object({ user: UserSchema, csrf_token: z.string(), expires_at: Instant }),
          ...problems(400, 401, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const now = deps.clock.now();
      const session = await logIn(
        deps.database.db,
        { email: request.body.email, password: request.body.password, address: request.ip },
        {
          per_email: deps.config.rateLimitLogin,
          per_address: deps.config.rateLimitLoginAddress,
          window_ms: 60_000,
        },
        now,
      );
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return reply.code(201).send({
        user: presentUser(session.user),
        csrf_token: session.csrf_token,
        expires_at: session.expires_at.toISOString(),
      });
    },
  );

  app.delete(
    '/v1/session',
    {
      schema: { tags: ['session'], summary: 'Log out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(deps.database.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['session'],
        summary: 'Who am I',
        response: {
          200: z.object({
            user: UserSchema,
            csrf_token: z.string().nullable(),
            via: z.enum(['api_key', 'session', 'admin_token']),
            unread_messages: z.number().int(),
            unread_notifications: z.number().int(),
            server_time: Instant.meta({
              description: "The server's clock (the manual test clock when it is on)",
            }),
          }),
          ...problems(401),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const me = await readMe(deps.database.db, principal);
      const user = me.user;
      const shown = user
        ? presentUser(user)
        : {
            id: principal.user_id,
            email: 'admin@localhost',
            name: 'Administrator',
            role: principal.role,
            seller_id: null,
            locale: 'en' as const,
            created_at: new Date(0).toISOString(),
            disabled_at: null,
          };
      return {
        user: shown,
        csrf_token: principal.csrf_token ?? null,
        via: principal.via,
        unread_messages: me.unread_messages,
        unread_notifications: me.unread_notifications,
        server_time: deps.clock.now().toISOString(),
      };
    },
  );

  app.get(
    '/v1/me/api_keys',
    {
      schema: {
        tags: ['session'],
        summary: 'Your API keys, newest first (revoked ones too; never the key itself)',
        querystring: Page,
        response: {
          200: z.object({ data: z.array(ApiKeySchema), next_cursor: z.string().nullable() }),
          ...problems(400, 401, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor } = request.query;
      const rows = await listOwnApiKeys(deps.database.db, principal, {
        limit: limit + 1,
        before: decodeCursor(cursor, isIdCursor),
      });
      return paged(rows, limit, presentApiKey);
    },
  );

  app.delete(
    '/v1/me/api_keys/:id',
    {
      schema: {
        tags: ['session'],
        summary: 'Revoke one of your API keys: it stops working at once, streams within seconds',
        params: z.object({ id: Id('key') }),
        response: { 204: z.null(), ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      return answerWrite(deps, request, reply, async (tx, now) => {
        await revokeOwnApiKey(tx, principalOf(request), request.params.id, now);
        return { status: 204, body: null };
      });
    },
  );

  app.get(
    '/v1/me/sessions',
    {
      schema: {
        tags: ['session'],
        summary: 'Your signed-in sessions that have not expired, newest first',
        querystring: Page,
        response: {
          200: z.object({ data: z.array(SessionSchema), next_cursor: z.string().nullable() }),
          ...problems(400, 401, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor } = request.query;
      const rows = await listOwnSessions(deps.database.db, principal, deps.clock.now(), {
        limit: limit + 1,
        before: decodeCursor(cursor, isIdCursor),
      });
      return paged(rows, limit, (s: SessionRow) => ({
        id: s.id,
        created_at: s.createdAt.toISOString(),
        expires_at: s.expiresAt.toISOString(),
        current: s.id === principal.session_id,
      }));
    },
  );

  app.delete(
    '/v1/me/sessions/:id',
    {
      schema: {
        tags: ['session'],
        summary: 'Log one of your sessions out (on any device); its streams end within seconds',
        params: z.object({ id: Id('ses') }),
        response: { 204: z.null(), ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      return answerWrite(deps, request, reply, async (tx) => {
        await endOwnSession(tx, principalOf(request), request.params.id);
        return { status: 204, body: null };
      });
    },
  );

  app.post(
    '/v1/users/:id/disable',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['users'],
        summary:
          'Disable a user (operator): no login; their sessions end and their keys stop working',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        params: z.object({ id: Id('usr') }),
        response: { 200: UserSchema, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const user = await disableUser(tx, principal, request.params.id, now);
        request.log.info({ user_id: user.id, by: principal.user_id }, 'user disabled');
        return { status: 200, body: presentUser(user) };
      });
    },
  );

  app.post(
    '/v1/users/:id/enable',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['users'],
        summary: 'Enable a disabled user again (operator); their keys work again',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        params: z.object({ id: Id('usr') }),
        response: { 200: UserSchema, ...problems(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx) => {
        const user = await enableUser(tx, principal, request.params.id);
        request.log.info({ user_id: user.id, by: principal.user_id }, 'user enabled');
        return { status: 200, body: presentUser(user) };
      });
    },
  );
};
