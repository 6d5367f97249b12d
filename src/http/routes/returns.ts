import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyCaseCommand } from '../../app/apply-case-command.ts';
import { readChecked } from '../../app/authenticate.ts';
import { caseAnswer } from '../../app/case-view.ts';
import { scopeOf } from '../../app/reach.ts';
import {
  listReturns,
  type ReturnsCursor,
  showReturn,
  showReturnEvents,
} from '../../app/read-returns.ts';
import { requestReturn } from '../../app/request-return.ts';
import { CASE_TYPES, type Command, type ReasonCode, TRANSITIONS } from '../../domain/index.ts';
import { answerWrite, sendJsonPieces } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import {
  AttachmentIds,
  CaseSchema,
  CaseSummarySchema,
  COMMAND_BODIES,
  Destination,
  EventSchema,
  HTTP_COMMANDS,
  Reason,
  Status,
} from '../case-schemas.ts';
import {
  Cursor,
  decodeCursor,
  encodeCursor,
  Id,
  IdempotencyHeaders,
  InstantIn,
  isIdCursor,
  isInstantText,
  Limit,
  problems,
  ShortText,
} from '../schemas.ts';

const CaseParams = z.object({ id: Id('ret') });
const IfMatch = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?("\d{1,9}"|\d{1,9})$|^\*$/)
    .optional()
    .meta({
      description:
        'The case\'s ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version.',
    }),
  'idempotency-key': z.string().min(1).max(255).optional(),
});

/**
 * The version an If-Match header asks for (undefined: any). A weak tag asks for none: compared
 * strongly (RFC 9110) it never matches, so the case, once found in reach, answers 412.
 */
function expectedVersion(header: string | undefined): number | undefined {
  if (!header || header === '*') return undefined;
  if (header.startsWith('W/')) return -1;
  return Number(header.replace(/\D/g, ''));
}

/** A page of cases ends at a case: its sort key (a time, or null for no deadline) and id. */
const isCursor = (v: unknown): v is ReturnsCursor =>
  typeof v === 'object' &&
  v !== null &&
  isIdCursor((v as ReturnsCursor).id) &&
  (v as ReturnsCursor).id.startsWith('ret_') &&
  ((v as ReturnsCursor).key === null || isInstantText((v as ReturnsCursor).key));

export const returnRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/returns',
    {
      // answerWrite checks a credential this server knows in its own transaction.
      config: { checksCredentialInWrite: true },
      schema: {
        tags: ['returns'],
        summary: 'File a return request (buyer)',
        headers: IdempotencyHeaders,
        body: z.strictObject({
          order_id: Id('ord'),
          type: z.enum(CASE_TYPES).default('return_and_refund'),
          reason: Reason,
          description: ShortText(5000),
          lines: z
            .array(
              z.strictObject({
                order_line_id: Id('lin'),
                quantity: z.number().int().min(1).max(10_000),
              }),
            )
            .min(1)
            .max(200),
          refund_destination: Destination.default('original_payment'),
          attachment_ids: AttachmentIds.optional(),
          exchange_sku: ShortText(100).optional().meta({
            description:
              'An exchange: the SKU of the variant wanted (a variant of the returned line, in stock, at the same or a lower price)',
          }),
        }),
        response: { 201: CaseSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const body = request.body;
        const answer = caseAnswer(tx, principal, now, { order_id: body.order_id });
        const created = await requestReturn(
          tx,
          principal,
          {
            order_id: body.order_id,
            type: body.type,
            reason: body.reason as ReasonCode,
            description: body.description,
            lines: body.lines,
            refund_destination: body.refund_destination,
            attachment_ids: body.attachment_ids ?? [],
            ...(body.exchange_sku === undefined ? {} : { exchange_sku: body.exchange_sku }),
          },
          now,
          { facts: answer.facts },
        );
        return {
          status: 201,
          body: await answer.detail(created.case, undefined, created.context),
        };
      });
    },
  );

  app.get(
    '/v1/returns',
    {
      config: { checksCredentialInRead: true },
      schema: {
        tags: ['returns'],
        summary: 'Return cases in your reach, filtered and sorted, by cursor pages',
        querystring: z.strictObject({
          status: z
            .union([Status, z.array(Status)])
            .optional()
            .meta({ description: 'One or more states (repeat the parameter)' }),
          type: z.enum(CASE_TYPES).optional(),
          reason: Reason.optional(),
          seller_id: Id('sel').optional(),
          buyer_id: Id('usr').optional(),
          order_id: Id('ord').optional(),
          due_before: InstantIn.optional(),
          created_from: InstantIn.optional(),
          created_to: InstantIn.optional(),
          q: z.string().trim().min(1).max(100).optional().meta({
            description:
              "Search: the marketplace's order number (exactly or its beginning) or the buyer's name (its beginning, any case)",
          }),
          sort: z.enum(['due_at', 'created_at', '-created_at']).default('-created_at'),
          limit: Limit,
          cursor: Cursor,
        }),
        response: {
          200: z.object({ data: z.array(CaseSummarySchema), next_cursor: z.string().nullable() }),
          ...problems(400, 401, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const now = deps.clock.now();
      const q = request.query;
      const after = decodeCursor(q.cursor, isCursor);
      const page = await readChecked(deps.database.db, request.credentialCheck, now, () =>
        listReturns(
          deps.database.db,
          principal,
          {
            status: q.status === undefined ? undefined : ([] as string[]).concat(q.status),
            type: q.type,
            reason: q.reason,
            seller_id: q.seller_id,
            buyer_id: q.buyer_id,
            order_id: q.order_id,
            due_before: q.due_before,
            created_from: q.created_from,
            created_to: q.created_to,
            q: q.q,
          },
          q.sort,
          { limit: q.limit, after },
        ),
      );
      // Already JSON of the summary schema's fields (test/app/case-view.test.ts checks it
      // against the schema): sent as it is, not parsed and encoded again.
      const next = page.next ? encodeCursor(page.next) : null;
      return sendJsonPieces(reply, [
        '{"data":',
        ...page.json,
        `,"next_cursor":${JSON.stringify(next)}}`,
      ]);
    },
  );

  app.get(
    '/v1/returns/:id',
    {
      config: { checksCredentialInRead: true },
      schema: {
        tags: ['returns'],
        summary: 'One case: lines, refund preview, next action and the commands you may run',
        params: CaseParams,
        response: { 200: CaseSchema, ...problems(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const now = deps.clock.now();
      const shown = await readChecked(deps.database.db, request.credentialCheck, now, () =>
        showReturn(deps.database.db, principal, request.params.id, now),
      );
      reply.header('etag', `"${shown.version}"`);
      return shown.detail;
    },
  );

  app.get(
    '/v1/returns/:id/events',
    {
      config: { checksCredentialInRead: true },
      schema: {
        tags: ['returns'],
        summary: "The case's timeline: every event with its actor, hash-chained",
        params: CaseParams,
        response: { 200: z.object({ data: z.array(EventSchema) }), ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const events = await readChecked(
        deps.database.db,
        request.credentialCheck,
        deps.clock.now(),
        () => showReturnEvents(deps.database.db, principal, request.params.id),
      );
      return { data: events };
    },
  );

  for (const command of HTTP_COMMANDS) {
    const body = COMMAND_BODIES[command];
    if (!body) throw new Error(`no request schema for command ${command}`);
    const roles = [
      ...new Set(TRANSITIONS.filter((r) => r.command === command).flatMap((r) => r.actors)),
    ].filter((r) => r !== 'system');
    app.post(
      `/v1/returns/:id/${command}`,
      {
        config: { checksCredentialInWrite: true },
        schema: {
          tags: ['return commands'],
          summary: `${command} (${roles.join(', ')})`,
          description: `Runs \`${command}\` on the case. 409 with \`allowed_commands\` when the case's state does not allow it.`,
          params: CaseParams,
          headers: IfMatch,
          body,
          response: { 200: CaseSchema, ...problems(400, 401, 403, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const version = expectedVersion(request.headers['if-match']);
        return answerWrite(deps, request, reply, async (tx, now) => {
          const sent = { name: command, ...(request.body as object) } as Command;
          const answer = caseAnswer(tx, principal, now, {
            case_id: request.params.id,
            ...(sent.name === 'ship' ? { tracking_number: sent.tracking_number } : {}),
          });
          const { before, after, context } = await applyCaseCommand(
            tx,
            request.params.id,
            sent,
            { role: principal.role, id: principal.user_id },
            now,
            {
              scope: scopeOf(principal),
              ...(version === undefined ? {} : { expectedVersion: version }),
              facts: answer.facts,
            },
          );
          return { status: 200, body: await answer.detail(after, before, context) };
        });
      },
    );
  }
};
