import { describe, expect, it } from 'vitest';
import type { Actor, Command, DomainEvent, ReturnCase } from './case.ts';
import { decide, SYSTEM_ACTOR } from './decide.ts';
import { decideRequest } from './decide-request.ts';
import { evolve } from './evolve.ts';
import type { ReturnPolicy } from './policy.ts';
import {
  at,
  buyer,
  DAY,
  HOUR,
  makeCtx,
  policyWith,
  requestInput,
  seller,
  T0,
} from './test-builders.ts';
import { caseFigures, replayUnderPolicy } from './what-if.ts';

type Step = [Command, Actor, Date];

/** A case's record as the app would have written it under `policy`: the request at T0, then the steps. */
function record(policy: ReturnPolicy, reason: 'damaged' | 'changed_mind', steps: Step[]) {
  const ctx = makeCtx({ policy, buyer: { returnless_refunds_in_window: 0, flagged: false } });
  const start = decideRequest(requestInput({ reason }), buyer, T0, ctx);
  if (!start.ok) throw start.error;
  let c: ReturnCase = start.value.case;
  const events: DomainEvent[] = [...start.value.events];
  for (const [command, actor, now] of steps) {
    const decided = decide(c, command, actor, now, ctx);
    if (!decided.ok) throw new Error(`${command.name}: ${decided.error.message}`);
    for (const e of decided.value) c = evolve(c, e);
    events.push(...decided.value);
  }
  return events;
}

const under = (policy: ReturnPolicy) => () =>
  makeCtx({ policy, buyer: { returnless_refunds_in_window: 0, flagged: false } });

const shipped = (from: number): Step[] => [
  [
    { name: 'ship', carrier: 'UPS', tracking_number: '1Z999AA10123456784', shipping_cost: 800 },
    buyer,
    at(from),
  ],
  [{ name: 'mark_received' }, seller, at(from + 2 * DAY)],
  [{ name: 'accept_package' }, seller, at(from + 2 * DAY + HOUR)],
];

const NOW = at(30 * DAY);
const actual = policyWith({});

describe('a policy what-if replays a case under a draft', () => {
  it('finds nothing changed under the policy the case was decided by', () => {
    const recorded = record(actual, 'damaged', [
      [{ name: 'approve' }, seller, at(5 * HOUR)],
      ...shipped(DAY),
    ]);
    const replay = replayUnderPolicy(recorded, under(actual), NOW);
    expect(replay.divergence).toBeNull();
    expect(replay.events.map((e) => e.type)).toEqual(recorded.map((e) => e.type));
    expect(caseFigures(replay.events)).toEqual(caseFigures(recorded));
  });

  it('auto-approves what the seller approved by hand and replays the rest', () => {
    const recorded = record(actual, 'damaged', [
      [{ name: 'approve' }, seller, at(5 * HOUR)],
      ...shipped(DAY),
    ]);
    const draft = policyWith({ auto_approval: [{ fault: 'seller' }] });
    const replay = replayUnderPolicy(recorded, under(draft), NOW);
    expect(replay.divergence).toBeNull();
    expect(replay.case?.state).toBe('refund_pending');
    const figures = caseFigures(replay.events);
    expect(figures.auto_approved).toBe(true);
    expect(figures.refund).toEqual(caseFigures(recorded).refund);
  });

  it('stops where the draft auto-approves what the seller rejected, and counts that', () => {
    const recorded = record(actual, 'damaged', [
      [
        { name: 'reject', reason: 'no_defect_found', note: 'Photos show no crack' },
        seller,
        at(HOUR),
      ],
    ]);
    const draft = policyWith({ auto_approval: [{ fault: 'seller' }] });
    const replay = replayUnderPolicy(recorded, under(draft), NOW);
    expect(replay.divergence).toMatchObject({
      event: 'return.rejected',
      reason: 'diverged',
      state: 'awaiting_shipment',
    });
    expect(caseFigures(replay.events)).toMatchObject({ auto_approved: true, refund: null });
  });

  it('takes the restocking fee off a change-of-mind refund', () => {
    const recorded = record(actual, 'changed_mind', [
      [{ name: 'approve' }, seller, at(HOUR)],
      ...shipped(DAY),
    ]);
    const replay = replayUnderPolicy(recorded, under(policyWith({ restocking_fee_pct: 10 })), NOW);
    const before = caseFigures(recorded).refund!;
    const after = caseFigures(replay.events).refund!;
    // The lamp: 5000 - 500 line discount - 474 of the order's 1000 = 4026; 10% rounded down.
    expect(replay.case!.refund_breakdown!.items).toBe(4026);
    expect(after.restocking_fee).toBe(402);
    expect(after.amount).toBe(before.amount - after.restocking_fee);
  });

  it('runs the draft deadlines: sooner, later, or not yet by today', () => {
    // The seller never looked: the review ran out at 48 h (swept a minute late), the buyer shipped.
    const sweptAt = new Date(T0.getTime() + 48 * HOUR + 60_000);
    const recorded = record(actual, 'damaged', [
      [{ name: 'expire' }, SYSTEM_ACTOR, sweptAt],
      ...shipped(3 * DAY),
    ]);
    expect(caseFigures(recorded).expiries).toEqual(['seller_review']);

    const sooner = replayUnderPolicy(
      recorded,
      under(policyWith({ deadlines: { ...actual.deadlines, seller_review: { hours: 24 } } })),
      NOW,
    );
    expect(sooner.divergence).toBeNull();
    expect(sooner.events[1]?.at).toEqual(new Date(T0.getTime() + 24 * HOUR + 60_000));
    expect(caseFigures(sooner.events)).toEqual(caseFigures(recorded));

    const later = policyWith({ deadlines: { ...actual.deadlines, seller_review: { hours: 96 } } });
    const long = replayUnderPolicy(recorded, under(later), NOW);
    // Still nobody reviews: it runs out at 96 h, and the buyer's shipping comes right after.
    expect(long.divergence).toBeNull();
    expect(caseFigures(long.events)).toEqual(caseFigures(recorded));
    expect(long.events.find((e) => e.type === 'return.shipped')?.at).toEqual(at(96 * HOUR));

    const early = replayUnderPolicy(recorded, under(later), at(72 * HOUR));
    expect(early.divergence).toMatchObject({ reason: 'still_waiting', state: 'requested' });
    expect(caseFigures(early.events)).toMatchObject({ expiries: [], refund: null });
  });

  it('answers a request the draft would refuse', () => {
    const recorded = record(actual, 'changed_mind', []);
    const replay = replayUnderPolicy(
      recorded,
      under(policyWith({ reasons_allowed: ['damaged'] })),
      NOW,
    );
    expect(replay.refused?.code).toBe('validation_failed');
    expect(replay.case).toBeNull();
  });
});
