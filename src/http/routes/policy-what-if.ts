import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_CHANGED_LISTED,
  MAX_PERIOD_DAYS,
  MAX_SIMULATED_CASES,
  simulateReturnPolicy,
} from '../../app/simulate-return-policy.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, Instant, problems } from '../schemas.ts';
import { PolicyInput } from './orders.ts';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .meta({ format: 'date', example: '2026-03-01' });
const Count = z.number().int();
const Amount = z
  .number()
  .int()
  .meta({ description: 'Integer minor units; negative only in `difference`' });

const Figures = z
  .object({
    auto_approvals: Count.meta({ description: 'Requests approved by an auto-approval rule' }),
    returnless_refunds: Count,
    expiries: z.object({
      total: Count,
      by_deadline: z.array(z.object({ deadline: z.string(), count: Count })),
    }),
    refunds: z.object({
      count: Count.meta({ description: 'Cases that reached a refund (entered refund_pending)' }),
      by_currency: z.array(z.object({ currency: z.string(), count: Count, amount: Amount })),
    }),
    fees: z
      .array(z.object({ currency: z.string(), restocking_fees: Amount, deductions: Amount }))
      .meta({ description: 'Kept by the seller from the refunds' }),
    requests_refused: Count.meta({ description: 'Requests the draft would not have accepted' }),
  })
  .meta({ id: 'WhatIfFigures' });

const Simulation = z
  .object({
    seller_id: z.string(),
    time_zone: z.string(),
    from: z.string(),
    to: z.string(),
    evaluated_at: Instant,
    cases: z.object({
      in_period: Count,
      considered: Count,
      limit: Count,
      truncated: z.boolean().meta({
        description: `More cases were requested in the period than the ${MAX_SIMULATED_CASES} replayed (the oldest are)`,
      }),
      stopped: Count.meta({
        description: 'Replays that stopped where the draft diverged from the record',
      }),
    }),
    actual: Figures,
    draft: Figures,
    difference: Figures.meta({ description: 'draft - actual' }),
    changed_cases: z
      .array(
        z.object({
          case_id: z.string(),
          order_id: z.string(),
          requested_at: Instant,
          changes: z.array(
            z.object({
              what: z.enum([
                'auto_approval',
                'returnless_refund',
                'expiry',
                'refund',
                'fees',
                'request_refused',
              ]),
              deadline: z.string().optional(),
              currency: z.string().optional(),
              actual: z.number().int().nullable(),
              draft: z.number().int().nullable(),
            }),
          ),
          stopped: z
            .object({ event: z.string(), at: Instant, reason: z.string(), state: z.string() })
            .nullable(),
          refused: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      )
      .meta({ description: `At most ${MAX_CHANGED_LISTED}, oldest first` }),
    changed_cases_total: Count,
  })
  .meta({ id: 'PolicySimulation' });

export const policyWhatIfRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/sellers/:id/return_policy/simulate',
    {
      schema: {
        tags: ['sellers'],
        summary:
          "What a draft policy would have changed over the shop's cases of a past period (nothing is written)",
        description:
          'Each case requested in the period is replayed under the draft with the domain rules: the ' +
          "people's acts at their recorded times, the automatic approvals, returnless refunds, deadline " +
          'expiries and refund amounts decided again. Where the draft leads elsewhere than the record ' +
          '(it auto-approves what the seller rejected), the replay stops and the case counts with what ' +
          "the draft had reached. For the shop's staff, agents and operators.",
        params: z.object({ id: Id('sel') }),
        body: z.strictObject({
          policy: PolicyInput,
          from: Day.meta({ description: "First day (the shop's calendar), included" }),
          to: Day.meta({
            description: `Last day, included; not after today, at most ${MAX_PERIOD_DAYS} days after from`,
          }),
        }),
        response: { 200: Simulation, ...problems(400, 401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const answer = await simulateReturnPolicy(
        deps.database.db,
        principal,
        request.params.id,
        request.body,
        deps.clock.now(),
      );
      return JSON.parse(JSON.stringify(answer));
    },
  );
};
