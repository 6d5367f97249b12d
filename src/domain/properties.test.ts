import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SellerCalendar } from './calendar.ts';
import {
  type Actor,
  COMMAND_NAMES,
  type Command,
  type CommandName,
  type DecideContext,
  type DomainEvent,
  type Order,
  type RequestInput,
  type ReturnCase,
  ROLES,
  TERMINAL_STATES,
} from './case.ts';
import { claimedQuantities, refundedFromOrder } from './claims.ts';
import { decide } from './decide.ts';
import { decideRequest } from './decide-request.ts';
import { evolve } from './evolve.ts';
import { nextAction } from './next-action.ts';
import { DEFAULT_POLICY, type ReturnPolicy } from './policy.ts';
import { REASONS } from './reasons.ts';
import { orderPaid } from './refund-calculator.ts';
import { actorOf, DAY, validCommand } from './test-builders.ts';
import { findTransition, TRANSITIONS, targetOf, WAITING } from './transitions.ts';

const CALENDARS: SellerCalendar[] = [
  { time_zone: 'America/New_York', region: 'US' },
  { time_zone: 'Europe/London', region: 'GB' },
  { time_zone: 'Asia/Shanghai', region: 'CN' },
  { time_zone: 'Asia/Jakarta', region: 'ID' },
];

const lineArb = fc
  .record({
    quantity: fc.integer({ min: 1, max: 4 }),
    unit_price: fc.integer({ min: 0, max: 200_000 }),
    discountPct: fc.integer({ min: 0, max: 100 }),
    tax_amount: fc.integer({ min: 0, max: 30_000 }),
  })
  .map(({ discountPct, ...l }) => ({
    ...l,
    line_discount_amount: Math.floor((l.unit_price * l.quantity * discountPct) / 100),
  }));

const worldArb = fc.record({
  currency: fc.constantFrom('USD', 'JPY', 'KWD'),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
  shipping_amount: fc.integer({ min: 0, max: 3000 }),
  orderDiscountPct: fc.integer({ min: 0, max: 100 }),
  start: fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  deliveredDaysAgo: fc.integer({ min: 0, max: 35 }),
  calendar: fc.constantFrom(...CALENDARS),
  policy: fc.record({
    restocking_fee_pct: fc.constantFrom(0, 10, 12.5),
    auto_approval: fc.constantFrom<ReturnPolicy['auto_approval']>(
      [],
      [{ fault: 'buyer', max_amount: 5000 }],
      [{ case_types: ['refund_only'] }],
    ),
    refund_only_reasons: fc.constantFrom(
      DEFAULT_POLICY.refund_only_reasons,
      REASONS.map((r) => r.code),
    ),
    sameCurrency: fc.boolean(),
  }),
});

const stepArb = fc.record({
  // Mostly commands the table offers in the case's state, sometimes anything at all.
  pickFromTable: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  pick: fc.nat(),
  name: fc.constantFrom(...COMMAND_NAMES),
  role: fc.constantFrom(...ROLES),
  caseIndex: fc.nat(),
  // Mostly minutes to hours, sometimes days: deadlines are met, missed and swept.
  advanceMinutes: fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 6 * 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 * 24 * 60 }) },
  ),
  jumpToDue: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  amount: fc.integer({ min: 0, max: 60_000 }),
  party: fc.constantFrom('buyer' as const, 'seller' as const),
  type: fc.constantFrom('return_and_refund' as const, 'refund_only' as const),
  reason: fc.constantFrom(...REASONS.map((r) => r.code)),
  lineMask: fc.integer({ min: 1, max: 7 }),
  quantity: fc.integer({ min: 1, max: 3 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;
type StepInput = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function buildOrder(w: World): Order {
  const lines = w.lines.map((l, i) => ({
    id: `l${i}`,
    sku: `S${i}`,
    title: `Item ${i}`,
    category: 'general',
    ...l,
  }));
  const net = lines.reduce((s, l) => s + l.unit_price * l.quantity - l.line_discount_amount, 0);
  return {
    id: 'ord_p',
    seller_id: 'sel_p',
    buyer_id: 'usr_buyer',
    currency: w.currency,
    placed_at: new Date(w.start.getTime() - 40 * DAY),
    delivered_at: new Date(w.start.getTime() - w.deliveredDaysAgo * DAY),
    shipping_amount: w.shipping_amount,
    order_discount_amount: Math.floor((net * w.orderDiscountPct) / 100),
    lines,
  };
}

function commandFor(name: CommandName, s: StepInput): Command {
  const base = validCommand(name);
  switch (base.name) {
    case 'offer_partial_refund':
      return { ...base, amount: s.amount };
    case 'rule_for_buyer':
      return s.amount % 2 === 0 ? base : { ...base, amount: s.amount };
    case 'accept_package':
      return s.amount % 3 === 0
        ? base
        : { ...base, deduction_amount: s.amount % 5000, attachment_ids: ['att_p'] };
    case 'request_evidence':
      return { ...base, from: s.party };
    case 'ship':
      return { ...base, shipping_cost: s.amount % 3000 };
    case 'resubmit':
      return { ...base, reason: s.reason };
    case 'retry_refund':
      return s.amount % 2 === 0 ? base : { ...base, destination: 'platform_balance' };
    default:
      return base;
  }
}

function checkInvariants(cases: ReturnCase[], order: Order) {
  for (const c of cases) {
    const waiting = WAITING[c.state];
    if (TERMINAL_STATES.includes(c.state)) {
      expect(c.due_at).toBeNull();
      expect(c.outcome).not.toBeNull();
      expect(nextAction(c)).toBeNull();
    } else if (waiting?.deadline) {
      // Every waiting state has its deadline.
      expect(c.due_at).toBeInstanceOf(Date);
      expect(nextAction(c)?.due_at).toEqual(c.due_at);
    } else {
      expect(c.due_at).toEqual(
        c.state === 'disputed' ? (c.evidence_request?.due_at ?? null) : null,
      );
      expect(nextAction(c)).not.toBeNull();
    }
    if (c.refund_amount !== null) expect(c.refund_amount).toBeGreaterThanOrEqual(0);
  }
  // The cases of an order never refund more than was paid, nor claim more than was bought.
  expect(refundedFromOrder(cases)).toBeLessThanOrEqual(orderPaid(order));
  const claimed = claimedQuantities(cases);
  for (const line of order.lines)
    expect(claimed.get(line.id) ?? 0).toBeLessThanOrEqual(line.quantity);
}

function jsonRoundTrip(e: DomainEvent): DomainEvent {
  return { ...e, at: new Date(e.at.toISOString()), payload: JSON.parse(JSON.stringify(e.payload)) };
}

describe('properties over random command sequences and clocks', () => {
  it('keeps every rule of the table, the deadlines and the money', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' }),
        (w, steps) => {
          const order = buildOrder(w);
          const policy: ReturnPolicy = {
            ...DEFAULT_POLICY,
            ...w.policy,
            currency: w.policy.sameCurrency ? w.currency : 'EUR',
          };
          let cases: ReturnCase[] = [];
          const logs = new Map<string, DomainEvent[]>();
          let now = w.start;

          for (const s of steps) {
            now = new Date(now.getTime() + s.advanceMinutes * 60_000);
            const ctxFor = (c?: ReturnCase): DecideContext => ({
              policy,
              calendar: w.calendar,
              order,
              other_cases: cases.filter((o) => o.id !== c?.id),
            });
            const open = cases.filter((c) => !TERMINAL_STATES.includes(c.state));
            const pool = s.pickFromTable && open.length > 0 ? open : cases;
            const target = pool[s.caseIndex % Math.max(1, pool.length)];
            if (!target || ((s.name === 'request' || open.length === 0) && cases.length < 5)) {
              const input: RequestInput = {
                id: `ret_${cases.length}`,
                order_id: order.id,
                type: s.type,
                reason: s.reason,
                description: 'Random request',
                lines: order.lines
                  .filter((_, i) => i === 0 || s.lineMask & (1 << i))
                  .map((l) => ({
                    order_line_id: l.id,
                    quantity: Math.min(s.quantity, l.quantity),
                  })),
                refund_destination: 'original_payment',
              };
              const created = decideRequest(input, actorOf('buyer'), now, ctxFor());
              if (created.ok) {
                cases = [...cases, created.value.case];
                logs.set(created.value.case.id, created.value.events);
                expect(created.value.events.reduce<ReturnCase | null>(evolve, null)).toEqual(
                  created.value.case,
                );
              }
              checkInvariants(cases, order);
              // Nothing is open and nothing more can be filed: the rest of the steps would idle.
              if (!created.ok && created.error.code === 'not_eligible' && open.length === 0) break;
              continue;
            }

            let name = s.name;
            let actor: Actor = actorOf(s.role);
            if (s.pickFromTable) {
              const rows = TRANSITIONS.filter((r) => r.from === target.state);
              const row = rows[s.pick % Math.max(1, rows.length)];
              if (row) {
                name = row.command;
                actor = actorOf(row.actors[s.pick % row.actors.length] ?? 'system');
              }
            }
            if (s.jumpToDue && target.due_at) {
              // The sweeper comes by at (or after) the deadline.
              if (target.due_at > now) now = target.due_at;
              if (s.pickFromTable) [name, actor] = ['expire', actorOf('system')];
            }

            const result = decide(target, commandFor(name, s), actor, now, ctxFor(target));
            // A closed case moves only by an appeal of its ruling or automatic refund.
            if (TERMINAL_STATES.includes(target.state) && name !== 'appeal') {
              expect(result.ok).toBe(false);
            }
            if (!result.ok) continue;

            const row = findTransition(target.state, name);
            expect(row).toBeDefined();
            for (const e of result.value) expect(row?.actors).toContain(e.actor.role);
            const next = result.value.reduce(evolve, target);
            expect(next.state).toBe(row && targetOf(row, target));
            expect(next.version).toBe(target.version + result.value.length);
            cases = cases.map((c) => (c.id === target.id ? next : c));
            logs.get(target.id)?.push(...result.value);
            checkInvariants(cases, order);
          }

          // The stored log (as JSON) replays to the same case.
          for (const c of cases) {
            const replayed = (logs.get(c.id) ?? [])
              .map(jsonRoundTrip)
              .reduce<ReturnCase | null>(evolve, null);
            expect(replayed).toEqual(c);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
