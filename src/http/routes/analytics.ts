import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  exportCases,
  MAX_RANGE_DAYS,
  platformAnalytics,
  sellerAnalytics,
} from '../../app/analytics.ts';
import { CASE_STATES, CASE_TYPES, REASONS } from '../../domain/index.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, Money, problems, QueryInt } from '../schemas.ts';

const REASON_CODES = REASONS.map((r) => r.code) as [string, ...string[]];
const Reason = z.enum(REASON_CODES);
const Fault = z.enum(['seller', 'buyer']);
const Destination = z.enum(['original_payment', 'platform_balance']);
const Status = z.enum(CASE_STATES as unknown as [string, ...string[]]);
const Count = z.number().int().min(0);
const Rate = z
  .number()
  .nullable()
  .meta({ description: 'A share between 0 and 1; null when its denominator is 0.' });

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-03-01' });

const RangeQuery = {
  from: Day.optional().meta({
    description: "First day (the shop's calendar), included. Default: 29 days before `to`.",
  }),
  to: Day.optional().meta({
    description: `Last day, included. Default: today. At most ${MAX_RANGE_DAYS} days in all.`,
  }),
};
const AnalyticsQuery = z.strictObject({
  ...RangeQuery,
  granularity: z
    .enum(['day', 'week', 'month'])
    .default('day')
    .meta({ description: 'Periods of the series: days, weeks from Monday, or months.' }),
});

const RateRow = { cases: Count, lines_delivered: Count, rate: Rate };
const RefundRow = z.object({
  currency: z.string(),
  destination: z.string(),
  refunds: Count,
  amount: Money,
});

const FigureFields = {
  seller_id: z.string().nullable(),
  time_zone: z.string().nullable().meta({ description: "The shop's zone; null for the platform" }),
  from: z.string(),
  to: z.string(),
  granularity: z.enum(['day', 'week', 'month']),
  cases: z.object({
    opened: Count.meta({ description: 'Return requests filed in the range' }),
    by_reason: z.array(z.object({ reason: Reason, fault: Fault, cases: Count })),
    by_fault: z.array(z.object({ fault: Fault, cases: Count })),
  }),
  return_rate: z
    .object({
      ...RateRow,
      by_sku: z.array(z.object({ sku: z.string(), ...RateRow })),
      by_category: z.array(z.object({ category: z.string(), ...RateRow })),
      truncated: z.boolean().meta({ description: 'More SKUs or categories than listed' }),
    })
    .meta({
      description:
        'cases opened / order lines delivered in the range; per SKU (category): cases that ' +
        'include a line of it / its order lines delivered. Highest rates first.',
    }),
  refunds: z.object({
    by_destination: z.array(RefundRow),
    by_currency: z.array(
      z.object({
        currency: z.string(),
        refunds: Count,
        amount: Money,
        deductions: Money,
        restocking_fees: Money,
      }),
    ),
    time_to_refund: z.object({
      refunds: Count,
      median_seconds: z.number().int().nullable(),
      p90_seconds: z.number().int().nullable(),
    }),
  }),
  deadlines: z
    .object({
      decisions_on_time: Count,
      deadlines_missed: Count,
      compliance: Rate,
      automatic: z.object({ auto_approved: Count, auto_refunded: Count, auto_closed: Count }),
    })
    .meta({
      description:
        "compliance = the shop's decisions made before their due time / (those + the shop's " +
        'deadlines that expired: auto-approved and auto-refunded cases).',
    }),
  disputes: z.object({ opened: Count, ruled_for_buyer: Count, ruled_for_seller: Count }),
  appeals: z.object({
    appealed: Count,
    upheld: Count,
    overturned: Count,
    appeal_rate: z.number().nullable(),
    overturn_rate: z.number().nullable(),
  }),
  dispositions: z
    .array(z.object({ sku: z.string(), resellable: Count, damaged: Count, destroy: Count }))
    .meta({
      description: 'Returned units by what the seller did with them at inspection, per SKU',
    }),
  series: z.array(
    z.object({
      period: z.string(),
      cases: Count,
      cases_by_reason: z.object(Object.fromEntries(REASON_CODES.map((r) => [r, Count]))),
      refunds: z.array(RefundRow),
      decisions_on_time: Count,
      deadlines_missed: Count,
      compliance: Rate,
      auto_approved: Count,
      auto_refunded: Count,
      auto_closed: Count,
      disputes_opened: Count,
    }),
  ),
};

export const SellerAnalyticsSchema = z.object(FigureFields).meta({ id: 'SellerAnalytics' });
export const PlatformAnalyticsSchema = z
  .object({
    ...FigureFields,
    top_shops: z.array(
      z.object({
        seller_id: z.string(),
        name: z.string(),
        seller_fault_cases: Count,
        lines_delivered: Count,
        rate: z.number(),
      }),
    ),
  })
  .meta({ id: 'PlatformAnalytics' });

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).max(20)])
    .optional()
    .meta({ description: 'One or more (repeat the parameter)' });
const list = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : ([] as T[]).concat(v);

const SellerParams = z.object({ id: Id('sel') });

export const analyticsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/sellers/:id/analytics',
    {
      schema: {
        tags: ['analytics'],
        summary: "A shop's return figures over a date range (the shop, agents, operators)",
        description:
          "Counted per day of the shop's calendar: cases by reason and fault, return rates, " +
          'refunds by destination and currency, time to refund, deadline compliance and ' +
          'automatic outcomes, disputes; totals and a series by day, week or month.',
        params: SellerParams,
        querystring: AnalyticsQuery,
        response: { 200: SellerAnalyticsSchema, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) =>
      sellerAnalytics(
        deps.database.db,
        principalOf(request),
        request.params.id,
        request.query,
        deps.clock.now(),
      ),
  );

  app.get(
    '/v1/analytics',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'The same figures across every shop, and the shops with the highest seller-fault return rate (agents, operators)',
        querystring: AnalyticsQuery.extend({
          min_lines: QueryInt(1, 1_000_000)
            .default(10)
            .meta({ description: 'Rank only shops with at least this many order lines delivered' }),
          shops: QueryInt(1, 100).default(10),
        }),
        response: { 200: PlatformAnalyticsSchema, ...problems(401, 403, 422) },
      },
    },
    async (request) =>
      platformAnalytics(deps.database.db, principalOf(request), request.query, deps.clock.now()),
  );

  app.get(
    '/v1/sellers/:id/analytics/cases.csv',
    {
      schema: {
        tags: ['analytics'],
        summary: 'The cases behind the figures, as CSV (streamed)',
        description:
          'Same range as the figures; `basis` says whether it applies to the request date or ' +
          'the refund date. Amounts are decimals in the currency; text that a spreadsheet would ' +
          'run as a formula starts with an apostrophe.',
        params: SellerParams,
        querystring: z.strictObject({
          ...RangeQuery,
          basis: z.enum(['requested', 'refunded']).default('requested'),
          reason: oneOrMany(Reason),
          fault: Fault.optional(),
          status: oneOrMany(Status),
          type: z.enum(CASE_TYPES).optional(),
          sku: z.string().min(1).max(200).optional(),
          category: z.string().min(1).max(200).optional(),
          destination: Destination.optional(),
          automatic: z
            .enum(['auto_approved', 'auto_refunded', 'auto_closed', 'any'])
            .optional()
            .meta({ description: 'Only cases that had this automatic outcome (or any of them)' }),
        }),
        response: {
          200: {
            description: 'text/csv, one row per case, a header row first',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...problems(401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { filename, lines } = await exportCases(
        deps.database.db,
        principalOf(request),
        request.params.id,
        {
          from: q.from,
          to: q.to,
          basis: q.basis,
          reasons: list(q.reason),
          fault: q.fault,
          statuses: list(q.status),
          type: q.type,
          sku: q.sku,
          category: q.category,
          destination: q.destination,
          automatic: q.automatic,
        },
        deps.clock.now(),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(lines) as never);
    },
  );
};
