import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ingestOrder } from '../../app/ingest-order.ts';
import { readPolicyJsonLd } from '../../app/policy-jsonld.ts';
import { readOrderEligibility } from '../../app/read-eligibility.ts';
import {
  listMyOrders,
  type ShownOrder,
  showOrder,
  showSeller,
  withShopNames,
} from '../../app/read-orders.ts';
import { readPolicy, updatePolicy } from '../../app/return-policy.ts';
import { DEADLINE_NAMES, parsePolicy } from '../../domain/index.ts';
import { MAX_QUANTITY } from '../../domain/money.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import {
  Currency,
  Cursor,
  decodeCursor,
  encodeCursor,
  Id,
  IdempotencyHeaders,
  Instant,
  InstantIn,
  isIdCursor,
  Limit,
  Money,
  problems,
  QueryInt,
  ShortText,
} from '../schemas.ts';
import { presentSeller, SellerSchema } from './people.ts';
import { DeliveryAddressIn, DeliveryAddressSchema } from './return-addresses.ts';

const OrderLineSchema = z.object({
  id: z.string(),
  sku: z.string(),
  title: z.string(),
  category: z.string(),
  quantity: z.number().int(),
  unit_price: Money,
  line_discount_amount: Money,
  tax_amount: Money,
  in_stock: z.boolean().optional(),
  variants: z
    .array(
      z.object({
        sku: z.string(),
        title: z.string(),
        unit_price: Money,
        in_stock: z.boolean(),
      }),
    )
    .optional(),
});

export const OrderSchema = z
  .object({
    id: z.string(),
    external_id: z.string(),
    seller_id: z.string(),
    shop_name: z.string().meta({ description: 'The name of the shop the order was bought from' }),
    buyer_id: z.string(),
    currency: z.string(),
    placed_at: Instant,
    delivered_at: Instant.nullable(),
    shipping_amount: Money,
    order_discount_amount: Money,
    total_paid: Money,
    payment_reference: z.string(),
    ship_to: DeliveryAddressSchema.nullable(),
    lines: z.array(OrderLineSchema),
    created_at: Instant,
  })
  .meta({ id: 'Order' });

/**
 * What POST /v1/orders answers: an Order, whose shop name a retry of a request answered before
 * order answers named the shop (kept a week with its Idempotency-Key) does not have.
 */
const IngestedOrderSchema = OrderSchema.extend({
  shop_name: z.string().optional().meta({
    description:
      'The name of the shop the order was bought from (absent only when a retry replays an answer given before answers carried it)',
  }),
}).meta({ id: 'IngestedOrder' });

export function presentOrder(o: ShownOrder) {
  return {
    ...o,
    placed_at: o.placed_at.toISOString(),
    delivered_at: o.delivered_at?.toISOString() ?? null,
    created_at: o.created_at.toISOString(),
  };
}

const Blocker = z.object({ code: z.string(), message: z.string() }).catchall(z.unknown());
const EligibilitySchema = z
  .object({
    order_id: z.string(),
    evaluated_at: Instant,
    delivered_at: Instant.nullable(),
    eligible: z.boolean(),
    lines: z.array(
      z.object({
        order_line_id: z.string(),
        sku: z.string(),
        title: z.string(),
        category: z.string(),
        eligible: z.boolean(),
        quantity: z.number().int(),
        claimed_quantity: z.number().int(),
        returnable_quantity: z.number().int(),
        window_days: z.number().int(),
        window_closes_at: Instant.nullable(),
        reasons_allowed: z.array(z.string()),
        refund_only_reasons_allowed: z.array(z.string()),
        blockers: z.array(Blocker),
      }),
    ),
    condition_text: z.string(),
    preparation_checklist: z.array(z.string()),
    return_shipping_payer: z.object({ seller: z.string(), buyer: z.string() }),
    refund_destinations: z.array(z.string()),
  })
  .meta({ id: 'Eligibility' });

const Duration = z.union([
  z.object({ hours: z.number().int() }),
  z.object({ business_days: z.number().int() }),
]);
export const PolicySchema = z
  .object({
    currency: z.string(),
    window_days: z.number().int(),
    categories: z.record(
      z.string(),
      z.object({
        returnable: z.boolean().optional(),
        window_days: z.number().int().optional(),
        reasons_allowed: z.array(z.string()).optional(),
      }),
    ),
    reasons_allowed: z.array(z.string()),
    refund_only_reasons: z.array(z.string()),
    condition_text: z.string(),
    preparation_checklist: z.array(z.string()),
    return_shipping_payer: z.object({ seller: z.string(), buyer: z.string() }),
    return_shipping_reimbursement_cap: z.number().int(),
    return_postage: z.enum(['reimburse', 'prepaid_label']).meta({
      description:
        "How the shop pays the postage it owes: 'reimburse' (the buyer ships and is repaid up to the cap) or 'prepaid_label' (a label is bought at approval; the buyer only drops the parcel off)",
    }),
    restocking_fee_pct: z.number(),
    max_deduction_pct: z.number(),
    refund_destinations: z.array(z.string()),
    auto_approval: z.array(
      z.object({
        fault: z.string().optional(),
        reasons: z.array(z.string()).optional(),
        case_types: z.array(z.string()).optional(),
        max_amount: z.number().int().optional(),
      }),
    ),
    returnless_refunds: z.array(
      z.object({
        reasons: z.array(z.string()).optional(),
        categories: z.array(z.string()).optional(),
        max_amount: z.number().int(),
      }),
    ),
    returnless_limit: z.object({ count: z.number().int(), days: z.number().int() }),
    appeal_window_days: z.number().int().meta({
      description:
        'Days after a ruling or an automatic refund in which the losing party may appeal once',
    }),
    tracking_silence_days: z.number().int(),
    reminder_hours_before: z.array(z.number()),
    deadlines: z.record(z.string(), Duration),
  })
  .meta({ id: 'ReturnPolicy' });

/**
 * What a shop sends to set its policy: every field optional (omitted ones take the defaults), no
 * field unknown. The schema checks the shapes; the domain's parsePolicy checks the values, and its
 * findings are answered with the schema's, so one request names every failing field.
 */
export const PolicyInput = z
  .strictObject({
    currency: z.string(),
    window_days: z.number(),
    categories: z.record(
      z.string().min(1).max(100).meta({ description: 'A product category of order lines' }),
      z.strictObject({
        returnable: z.boolean().optional(),
        window_days: z.number().optional(),
        reasons_allowed: z.array(z.string()).optional(),
      }),
    ),
    reasons_allowed: z.array(z.string()),
    refund_only_reasons: z.array(z.string()),
    condition_text: z.string(),
    preparation_checklist: z.array(z.string()),
    return_shipping_payer: z.strictObject({
      seller: z.string().optional(),
      buyer: z.string().optional(),
    }),
    return_shipping_reimbursement_cap: z.number(),
    return_postage: z.string(),
    restocking_fee_pct: z.number(),
    max_deduction_pct: z.number(),
    refund_destinations: z.array(z.string()),
    auto_approval: z.array(
      z.strictObject({
        fault: z.string().optional(),
        reasons: z.array(z.string()).optional(),
        case_types: z.array(z.string()).optional(),
        max_amount: z.number().optional(),
      }),
    ),
    returnless_refunds: z.array(
      z.strictObject({
        reasons: z.array(z.string()).optional(),
        categories: z.array(z.string().max(100)).optional(),
        max_amount: z.number(),
      }),
    ),
    returnless_limit: z.strictObject({ count: z.number().optional(), days: z.number().optional() }),
    appeal_window_days: z.number(),
    tracking_silence_days: z.number(),
    reminder_hours_before: z.array(z.number()),
    deadlines: z.strictObject(
      Object.fromEntries(
        DEADLINE_NAMES.map((name) => [
          name,
          z
            .union([
              z.strictObject({ hours: z.number() }),
              z.strictObject({ business_days: z.number() }),
            ])
            .optional(),
        ]),
      ),
    ),
  })
  .partial()
  .superRefine((input, ctx) => {
    const parsed = parsePolicy(input);
    if (parsed.ok) return;
    for (const field of parsed.error.details.fields ?? []) {
      ctx.addIssue({
        code: 'custom',
        // The domain writes list items as `a[0]`; the API's paths are `a.0` everywhere.
        path: field.path.split(/[.[\]]+/).filter(Boolean),
        message: field.message,
      });
    }
  })
  .meta({ description: 'A ReturnPolicy; omitted fields take the defaults' });

const PolicyAnswer = z.object({
  seller_id: z.string(),
  shop_name: z.string(),
  version: z.number().int(),
  current_version: z.number().int(),
  time_zone: z.string(),
  region: z.string(),
  policy: PolicySchema,
  updated_at: Instant,
});

const OrderIdParams = z.object({ id: Id('ord') });

export const orderRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/orders',
    {
      config: { roles: ['operator'] },
      schema: {
        tags: ['orders'],
        summary: "Ingest an order (operator); idempotent on the marketplace's order id",
        description:
          'The same order sent again answers 200 with the stored order, and fills in `delivered_at` if it had none. The same `external_id` with another seller, buyer, currency, time, money or lines answers 409 naming the fields that differ.',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: z.strictObject({
          external_id: ShortText(100),
          seller_id: Id('sel'),
          buyer_id: Id('usr'),
          currency: Currency,
          placed_at: InstantIn,
          delivered_at: InstantIn.nullable().optional(),
          shipping_amount: Money,
          order_discount_amount: Money.optional(),
          payment_reference: ShortText(200),
          ship_to: DeliveryAddressIn.optional().meta({
            description:
              "Where the order was delivered: the buyer's country picks the shop's return address, and a prepaid return label starts here",
          }),
          lines: z
            .array(
              z.strictObject({
                sku: ShortText(100),
                title: ShortText(300),
                category: ShortText(100),
                quantity: z.number().int().min(1).max(MAX_QUANTITY),
                unit_price: Money,
                line_discount_amount: Money.optional(),
                tax_amount: Money.optional(),
                in_stock: z.boolean().optional().meta({
                  description: 'Whether the SKU is in stock (a replacement needs it)',
                }),
                variants: z
                  .array(
                    z.strictObject({
                      sku: ShortText(100),
                      title: ShortText(300),
                      unit_price: Money,
                      in_stock: z.boolean(),
                    }),
                  )
                  .max(100)
                  .optional()
                  .meta({
                    description:
                      'Other variants of the listing a buyer may exchange this line for (same or lower price)',
                  }),
              }),
            )
            .min(1)
            .max(200),
        }),
        response: {
          200: IngestedOrderSchema,
          201: IngestedOrderSchema,
          ...problems(400, 401, 403, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const { order, created } = await ingestOrder(tx, principal, request.body, now);
        const [shown] = await withShopNames(tx, [order]);
        return { status: created ? 201 : 200, body: presentOrder(shown!) };
      });
    },
  );

  app.get(
    '/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Orders in your reach, newest first',
        querystring: z.strictObject({ limit: Limit, cursor: Cursor }),
        response: {
          200: z.object({ data: z.array(OrderSchema), next_cursor: z.string().nullable() }),
          ...problems(400, 401),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const before = decodeCursor(request.query.cursor, isIdCursor);
      const page = await listMyOrders(deps.database.db, principal, {
        limit: request.query.limit,
        before,
      });
      return {
        data: page.orders.map(presentOrder),
        next_cursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.get(
    '/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'One order with its lines',
        params: OrderIdParams,
        response: { 200: OrderSchema, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentOrder(await showOrder(deps.database.db, principal, request.params.id));
    },
  );

  app.get(
    '/v1/orders/:id/eligibility',
    {
      schema: {
        tags: ['orders'],
        summary: 'Which lines can be returned now, and why not',
        params: OrderIdParams,
        response: { 200: EligibilitySchema, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const answer = await readOrderEligibility(
        deps.database.db,
        principal,
        request.params.id,
        deps.clock.now(),
      );
      return JSON.parse(JSON.stringify(answer));
    },
  );

  const SellerParams = z.object({ id: Id('sel') });
  app.get(
    '/v1/sellers/:id',
    {
      schema: {
        tags: ['sellers'],
        summary: 'A shop: name, time zone and region (its staff, its buyers, agents, operators)',
        params: SellerParams,
        response: { 200: SellerSchema, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentSeller(await showSeller(deps.database.db, principal, request.params.id));
    },
  );

  app.get(
    '/v1/sellers/:id/return_policy',
    {
      schema: {
        tags: ['sellers'],
        summary:
          "A shop's return policy, to anyone (no credentials needed); `version` reads an earlier one",
        security: [],
        params: SellerParams,
        querystring: z.strictObject({
          version: QueryInt(1, 1_000_000).optional(),
        }),
        response: { 200: PolicyAnswer, ...problems(404, 422) },
      },
    },
    async (request) => {
      const answer = await readPolicy(deps.database.db, request.params.id, request.query.version);
      return JSON.parse(JSON.stringify(answer));
    },
  );

  app.get(
    '/v1/sellers/:id/return_policy/jsonld',
    {
      schema: {
        tags: ['sellers'],
        summary:
          "The shop's current policy as schema.org MerchantReturnPolicy JSON-LD (application/ld+json), for product pages; to anyone",
        security: [],
        params: SellerParams,
        response: {
          200: z.object({
            '@context': z.string(),
            '@graph': z.array(z.record(z.string(), z.unknown())),
          }),
          ...problems(404, 422),
        },
      },
    },
    async (request, reply) => {
      const publicUrl = new URL(
        `/shops/${request.params.id}/policy`,
        `${request.protocol}://${request.host}`,
      ).toString();
      const doc = await readPolicyJsonLd(deps.database.db, request.params.id, publicUrl);
      return reply.type('application/ld+json').send(doc);
    },
  );

  app.put(
    '/v1/sellers/:id/return_policy',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['sellers'],
        summary: "Replace the shop's return policy; omitted fields take the defaults",
        params: SellerParams,
        body: PolicyInput,
        response: { 200: PolicyAnswer, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => {
        const answer = await updatePolicy(tx, principal, request.params.id, request.body, now);
        return { status: 200, body: JSON.parse(JSON.stringify(answer)) };
      });
    },
  );
};
