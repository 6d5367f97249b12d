import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MESSAGE_MAX_CHARS, postMessage, presentMessage } from '../../app/post-message.ts';
import { markThreadReadUpTo, readThread } from '../../app/read-thread.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, IdempotencyHeaders, Instant, Limit, problems } from '../schemas.ts';

export const MessageSchema = z
  .object({
    id: z.string(),
    order_id: z.string(),
    seq: z.number().int(),
    kind: z.enum(['message', 'system']),
    author: z.object({
      id: z.string(),
      role: z.string(),
      name: z.string().optional().meta({ description: "The author's name (in thread pages)" }),
    }),
    body: z.string().meta({ description: 'Plain text; clients must show it escaped.' }),
    attachment_ids: z.array(z.string()),
    case_id: z.string().nullable(),
    event_id: z.string().nullable(),
    event_type: z
      .string()
      .nullable()
      .meta({ description: 'For system lines: the case event shown (clients translate it).' }),
    created_at: Instant,
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'Message' });

const OrderParams = z.object({ id: Id('ord') });

export const messageRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/orders/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: "The order's message thread, oldest first (case events appear as system lines)",
        params: OrderParams,
        querystring: z.strictObject({
          limit: Limit,
          cursor: z
            .string()
            .regex(/^\d{1,9}$/)
            .optional()
            .meta({ description: 'next_cursor of the previous page' }),
        }),
        response: {
          200: z.object({
            data: z.array(MessageSchema),
            next_cursor: z.string().nullable(),
            last_read_seq: z.number().int(),
          }),
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor } = request.query;
      const page = await readThread(deps.database.db, principal, request.params.id, {
        limit,
        after_seq: cursor === undefined ? undefined : Number(cursor),
      });
      return {
        data: page.messages.map(presentMessage),
        next_cursor: page.next === null ? null : String(page.next),
        last_read_seq: page.last_read_seq,
      };
    },
  );

  app.post(
    '/v1/orders/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Write in the thread (buyer, the shop, an agent once a case is disputed)',
        params: OrderParams,
        headers: IdempotencyHeaders,
        body: z.strictObject({
          body: z.string().max(MESSAGE_MAX_CHARS * 2),
          attachment_ids: z.array(Id('att')).max(10).optional(),
        }),
        response: { 201: MessageSchema, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const message = await postMessage(tx, principal, request.params.id, request.body, now);
        return { status: 201, body: presentMessage(message) };
      });
    },
  );

  app.post(
    '/v1/orders/:id/messages/read',
    {
      schema: {
        tags: ['messages'],
        summary: 'Move your read marker forward to `seq`',
        params: OrderParams,
        body: z.strictObject({ seq: z.number().int().min(0).max(1_000_000_000) }),
        response: {
          200: z.object({ last_read_seq: z.number().int() }),
          ...problems(401, 404, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const seq = await markThreadReadUpTo(
        deps.database.db,
        principal,
        request.params.id,
        request.body.seq,
        deps.clock.now(),
      );
      return { last_read_seq: seq };
    },
  );
};
