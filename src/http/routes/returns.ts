import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyCaseCommand } from '../../app/apply-case-command.ts';
import { caseDetail } from '../../app/case-view.ts';
import { AppError } from '../../app/errors.ts';
import { scopeOf } from '../../app/reach.ts';
import {
  type INTERNAL_FIELDS,
  listReturns,
  type ReturnsCursor,
  showReturn,
  showReturnEvents,
} from '../../app/read-returns.ts';
import { requestReturn } from '../../app/request-return.ts';
import {
  CASE_STATES,
  type Command,
  type CommandName,
  PACKAGE_REJECT_REASONS,
  REASONS,
  REJECT_REASONS,
  type ReasonCode,
  type ReturnCase,
  TRANSITIONS,
} from '../../domain/index.ts';
import { answerWrite, sendJsonText } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import {
  Cursor,
  decodeCursor,
  encodeCursor,
  Id,
  IdempotencyHeaders,
  Instant,
  InstantIn,
  Limit,
  Money,
  problems,
  ShortText,
} from '../schemas.ts';

const Reason = z.enum(REASONS.map((r) => r.code) as [string, ...string[]]);
const Status = z.enum(CASE_STATES as unknown as [string, ...string[]]);
const Destination = z.enum(['original_payment', 'platform_balance']);
const Note = ShortText(2000);
const AttachmentIds = z.array(Id('att')).max(20);

const NextAction = z.object({
  actor: z.string(),
  action: z.string(),
  due_at: Instant.nullable(),
  on_expiry: Status.nullable(),
});
const Money0 = Money;

export const RefundPreview = z
  .object({
    currency: z.string(),
    lines: z.array(
      z.object({
        order_line_id: z.string(),
        quantity: z.number().int(),
        gross: Money0,
        discount: Money0,
        items: Money0,
        tax: Money0,
        total: Money0,
      }),
    ),
    items: Money0,
    tax: Money0,
    original_shipping: Money0,
    return_shipping_reimbursement: Money0,
    restocking_fee: Money0,
    max_deduction: Money0,
    deduction: Money0,
    full_amount: Money0,
    agreed_amount: Money0.nullable(),
    order_paid: Money0,
    cap_remaining: Money0,
    capped: z.boolean(),
    total: Money0,
  })
  .meta({ id: 'RefundPreview' });

const Shipment = z.object({
  carrier: z.string(),
  tracking_number: z.string(),
  tracking_verified: z.boolean().nullable().meta({
    description:
      "True when the number passed the carrier's own check digits; false when the carrier's numbers can only be checked for shape (treat delivery claims with care; the seller may dispute receipt); null for cases shipped before this was recorded.",
  }),
  shipping_cost: Money0.nullable(),
  shipped_at: Instant,
  delivered_at: Instant.nullable(),
  last_tracking_at: Instant.nullable(),
  lost: z.boolean(),
});
const Rejection = z.object({
  reason: z.string(),
  note: z.string(),
  attachment_ids: z.array(z.string()),
  at: Instant,
});

const CaseFields = {
  id: z.string(),
  type: z.enum(['return_and_refund', 'refund_only']),
  status: Status,
  version: z.number().int(),
  order_id: z.string(),
  buyer_id: z.string(),
  seller_id: z.string(),
  currency: z.string(),
  reason: Reason,
  fault: z.enum(['seller', 'buyer']),
  description: z.string(),
  attachment_ids: z.array(z.string()),
  refund_destination: Destination,
  due_at: Instant.nullable(),
  next_action: NextAction.nullable(),
  outcome: z.string().nullable(),
  resubmit_count: z.number().int(),
  receiving_extended: z.boolean(),
  offer_amount: Money0.nullable(),
  deduction_amount: Money0.nullable(),
  refund_amount: Money0.nullable(),
  shipment: Shipment.nullable(),
  received_at: Instant.nullable(),
  rejection: Rejection.nullable(),
  package_rejection: Rejection.nullable(),
  dispute: z
    .object({
      opened_from: z.string(),
      opened_at: Instant,
      opened_by: z.string(),
      note: z.string(),
    })
    .nullable(),
  evidence_request: z
    .object({ from: z.string(), note: z.string(), requested_at: Instant, due_at: Instant })
    .nullable(),
  ruling: z
    .object({
      for: z.enum(['buyer', 'seller']),
      by: z.string(),
      note: z.string(),
      amount: Money0.nullable(),
    })
    .nullable(),
  created_at: Instant,
  updated_at: Instant,
};

export const CaseSummarySchema = z
  .object({
    ...CaseFields,
    lines: z.array(z.object({ order_line_id: z.string(), quantity: z.number().int() })),
  })
  .meta({ id: 'ReturnCaseSummary' });

// Every field of ReturnCase, at any depth, is shown by the summary schema or left out of list
// entries by the app (INTERNAL_FIELDS in src/app/read-returns.ts): this fails to compile otherwise.
/** Paths ('a' or 'a.b') of the fields `Doc` has, at any depth, that `Shown` does not. */
type Unshown<Doc, Shown, Path extends string = ''> = Doc extends readonly (infer D)[]
  ? Shown extends readonly (infer S)[]
    ? Unshown<D, S, Path>
    : never
  : Doc extends Date
    ? never
    : Doc extends object
      ? Shown extends object
        ? {
            [K in keyof Doc & string]: K extends keyof Shown
              ? Unshown<Doc[K], NonNullable<Shown[K]>, `${Path}${K}.`>
              : `${Path}${K}`;
          }[keyof Doc & string]
        : never
      : never;
type Unlisted = Exclude<
  Unshown<ReturnCase, z.infer<typeof CaseSummarySchema>>,
  (typeof INTERNAL_FIELDS)[number]
>;
const everyFieldShownOrOmitted: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldShownOrOmitted;

export const CaseSchema = z
  .object({
    ...CaseFields,
    lines: z.array(
      z.object({
        order_line_id: z.string(),
        quantity: z.number().int(),
        sku: z.string(),
        title: z.string(),
        category: z.string(),
        unit_price: Money0,
      }),
    ),
    allowed_commands: z.array(z.string()),
    flags: z.array(z.string()).meta({
      description:
        "Warnings: duplicate_tracking_number (another open case ships the same parcel number), unverified_tracking (the carrier's numbers could only be checked for shape).",
    }),
    refund_preview: RefundPreview.nullable(),
  })
  .meta({ id: 'ReturnCase' });

const EventSchema = z
  .object({
    id: z.string(),
    case_id: z.string(),
    seq: z.number().int(),
    type: z.string(),
    actor: z.object({ role: z.string(), id: z.string() }),
    at: Instant,
    payload: z.record(z.string(), z.unknown()),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'CaseEvent' });

/** Request bodies of the commands people send; system commands arrive from workers. */
const COMMAND_BODIES: Partial<Record<CommandName, z.ZodObject>> = {
  approve: z.strictObject({ note: Note.optional() }),
  reject: z.strictObject({
    reason: z.enum(REJECT_REASONS as unknown as [string, ...string[]]),
    note: Note,
    attachment_ids: AttachmentIds.optional(),
  }),
  offer_partial_refund: z.strictObject({ amount: Money.min(1), note: Note.optional() }),
  accept_offer: z.strictObject({}),
  decline_offer: z.strictObject({ note: Note.optional() }),
  resubmit: z.strictObject({
    description: ShortText(5000),
    reason: Reason.optional(),
    attachment_ids: AttachmentIds.optional(),
  }),
  ship: z.strictObject({
    carrier: ShortText(60),
    tracking_number: z.string().trim().min(4).max(40),
    shipping_cost: Money.optional(),
  }),
  withdraw: z.strictObject({ note: Note.optional() }),
  escalate: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  dispute_receipt: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  submit_evidence: z.strictObject({ note: Note, attachment_ids: AttachmentIds.optional() }),
  extend_receiving: z.strictObject({ note: Note.optional() }),
  mark_received: z.strictObject({}),
  accept_package: z.strictObject({
    deduction_amount: Money.optional(),
    note: Note.optional(),
    attachment_ids: AttachmentIds.optional(),
  }),
  reject_package: z.strictObject({
    reason: z.enum(PACKAGE_REJECT_REASONS as unknown as [string, ...string[]]),
    note: Note,
    attachment_ids: AttachmentIds.min(1),
  }),
  request_evidence: z.strictObject({ from: z.enum(['buyer', 'seller']), note: Note }),
  rule_for_buyer: z.strictObject({ amount: Money.min(1).optional(), note: Note }),
  rule_for_seller: z.strictObject({ note: Note }),
  retry_refund: z.strictObject({ destination: Destination.optional(), note: Note.optional() }),
};

/** Every command of the transition table that a person (not the system) runs. */
export const HTTP_COMMANDS: CommandName[] = [
  ...new Set(
    TRANSITIONS.filter((row) => row.actors.some((a) => a !== 'system')).map((row) => row.command),
  ),
];

const CaseParams = z.object({ id: Id('ret') });
const IfMatch = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/)
    .optional()
    .meta({ description: "The case's version; 412 when the case has moved on." }),
  'idempotency-key': z.string().min(1).max(255).optional(),
});

function expectedVersion(header: string | undefined): number | undefined {
  if (!header) return undefined;
  return Number(header.replace(/\D/g, ''));
}

const isCursor = (v: unknown): v is ReturnsCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ReturnsCursor).id === 'string' &&
  ((v as ReturnsCursor).key === null || typeof (v as ReturnsCursor).key === 'string');

export const returnRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/returns',
    {
      schema: {
        tags: ['returns'],
        summary: 'File a return request (buyer)',
        headers: IdempotencyHeaders,
        body: z.strictObject({
          order_id: Id('ord'),
          type: z.enum(['return_and_refund', 'refund_only']).default('return_and_refund'),
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
        }),
        response: { 201: CaseSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const body = request.body;
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
          },
          now,
        );
        return {
          status: 201,
          body: await caseDetail(tx, created.case, principal, now, created.context),
        };
      });
    },
  );

  app.get(
    '/v1/returns',
    {
      schema: {
        tags: ['returns'],
        summary: 'Return cases in your reach, filtered and sorted, by cursor pages',
        querystring: z.strictObject({
          status: z
            .union([Status, z.array(Status)])
            .optional()
            .meta({ description: 'One or more states (repeat the parameter)' }),
          type: z.enum(['return_and_refund', 'refund_only']).optional(),
          reason: Reason.optional(),
          seller_id: Id('sel').optional(),
          buyer_id: Id('usr').optional(),
          order_id: Id('ord').optional(),
          due_before: InstantIn.optional(),
          created_from: InstantIn.optional(),
          created_to: InstantIn.optional(),
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
      const q = request.query;
      const after = decodeCursor(q.cursor, isCursor);
      if (q.cursor && !after) {
        throw new AppError('validation_failed', 'The cursor is not valid.', {
          fields: [{ path: 'querystring.cursor', message: 'not a cursor from this API' }],
        });
      }
      const page = await listReturns(
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
        },
        q.sort,
        { limit: q.limit, after },
      );
      // Already JSON of the summary schema's fields (test/app/case-view.test.ts checks it
      // against the schema): sent as it is, not parsed and encoded again.
      const next = page.next ? encodeCursor(page.next) : null;
      return sendJsonText(reply, `{"data":${page.json},"next_cursor":${JSON.stringify(next)}}`);
    },
  );

  app.get(
    '/v1/returns/:id',
    {
      schema: {
        tags: ['returns'],
        summary: 'One case: lines, refund preview, next action and the commands you may run',
        params: CaseParams,
        response: { 200: CaseSchema, ...problems(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const shown = await showReturn(
        deps.database.db,
        principal,
        request.params.id,
        deps.clock.now(),
      );
      reply.header('etag', `"${shown.version}"`);
      return shown.detail;
    },
  );

  app.get(
    '/v1/returns/:id/events',
    {
      schema: {
        tags: ['returns'],
        summary: "The case's timeline: every event with its actor, hash-chained",
        params: CaseParams,
        response: { 200: z.object({ data: z.array(EventSchema) }), ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return { data: await showReturnEvents(deps.database.db, principal, request.params.id) };
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
          const { after, context } = await applyCaseCommand(
            tx,
            request.params.id,
            { name: command, ...(request.body as object) } as Command,
            { role: principal.role, id: principal.user_id },
            now,
            {
              scope: scopeOf(principal),
              ...(version === undefined ? {} : { expectedVersion: version }),
            },
          );
          return { status: 200, body: await caseDetail(tx, after, principal, now, context) };
        });
      },
    );
  }
};
