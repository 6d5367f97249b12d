import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSeller } from '../../app/create-seller.ts';
import { createUser } from '../../app/create-user.ts';
import { logIn, SESSION_TTL_MS } from '../../app/log-in.ts';
import { sha256 } from '../../app/secrets.ts';
import { unreadMessageCount } from '../../db/messages.ts';
import { unreadCount } from '../../db/notifications.ts';
import { deleteSession, findUserById, type SellerRow, type UserRow } from '../../db/users.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf, requireRole, SESSION_COOKIE } from '../auth.ts';
import { Id, IdempotencyHeaders, Instant, problems, ShortText } from '../schemas.ts';

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
  })
  .meta({ id: 'User' });

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
          201: z.object({ user: UserSchema, api_key: z.string().nullable() }),
          ...problems(400, 401, 403, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'operator');
      return answerWrite(deps, request, reply, async (tx, now) => {
        const created = await createUser(tx, principal, request.body, now);
        return { status: 201, body: { user: presentUser(created.user), api_key: created.api_key } };
      });
    },
  );

  app.post(
    '/v1/sellers',
    {
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
      const principal = requireRole(request, 'operator');
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
      if (token) await deleteSession(deps.database.db, sha256(token));
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
      const user = await findUserById(deps.database.db, principal.user_id);
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
          };
      const db = deps.database.db;
      return {
        user: shown,
        csrf_token: principal.csrf_token ?? null,
        via: principal.via,
        unread_messages: await unreadMessageCount(db, {
          id: principal.user_id,
          role: principal.role,
          seller_id: principal.seller_id,
        }),
        unread_notifications: await unreadCount(db, principal.user_id),
        server_time: deps.clock.now().toISOString(),
      };
    },
  );
};
