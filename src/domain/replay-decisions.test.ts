import { describe, expect, it } from 'vitest';
import type { CaseState, CaseType, DecideContext, DomainEvent, ReturnCase } from './case.ts';
import { decide } from './decide.ts';
import { decideRequest } from './decide-request.ts';
import { evolve } from './evolve.ts';
import { DEFAULT_POLICY, type ReturnPolicy } from './policy.ts';
import { type RecordedEvent, type ReplayInput, replayDecisions } from './replay-decisions.ts';
import {
  buyer,
  DAY,
  HOUR,
  makeCtx,
  makeOrder,
  PATHS,
  policyWith,
  REFUND_ONLY_PATHS,
  REPLACEMENT_PATHS,
  requestInput,
  run,
  seller,
  system,
  T0,
  US,
  validCommand,
} from './test-builders.ts';
import { TRANSITIONS } from './transitions.ts';

/** Event ids as the app mints them: sortable by creation, across the order's cases. */
let minted = 0;
function recorded(events: DomainEvent[], after: RecordedEvent[] = []): RecordedEvent[] {
  const stored = JSON.parse(JSON.stringify(events)) as DomainEvent[];
  return [
    ...after,
    ...stored.map((e, k) => ({
      ...e,
      at: new Date(e.at),
      id: `evt_${String(++minted).padStart(6, '0')}`,
      seq: after.length + k + 1,
    })),
  ];
}

const V1 = 1;
function ctxUnder(policy: ReturnPolicy, extra: Partial<DecideContext> = {}): DecideContext {
  return makeCtx({ policy, policy_version: V1, ...extra });
}
function input(
  events: RecordedEvent[],
  policy: ReturnPolicy,
  extra: Partial<ReplayInput> = {},
): ReplayInput {
  return {
    events,
    order: makeOrder(),
    policies: new Map([[V1, JSON.parse(JSON.stringify(policy))]]),
    calendar: US,
    siblings: [],
    ...extra,
  };
}

function requested(ctx: DecideContext, overrides = {}) {
  const result = decideRequest(requestInput(overrides), buyer, T0, ctx);
  if (!result.ok) throw result.error;
  return { case: result.value.case, events: recorded(result.value.events) };
}

function expire(c: ReturnCase, events: RecordedEvent[], ctx: DecideContext, at = c.due_at!) {
  const result = decide(c, { name: 'expire' }, system, at, ctx);
  if (!result.ok) throw result.error;
  return {
    case: result.value.reduce(evolve, c),
    events: recorded(result.value, events),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: stored payloads are edited dynamically
type Payload = any;

/** Alters a recorded event's payload, as an insider editing the database would. */
function altered(
  events: RecordedEvent[],
  seq: number,
  edit: (p: Payload) => void,
): RecordedEvent[] {
  return events.map((e) => {
    if (e.seq !== seq) return e;
    const payload = structuredClone(e.payload);
    edit(payload);
    return { ...e, payload };
  });
}

describe('replayDecisions', () => {
  const autoPolicy = policyWith({ auto_approval: [{ fault: 'buyer' }, { fault: 'seller' }] });

  it('re-derives an auto-approval by its rule and inputs', () => {
    const { events } = requested(ctxUnder(autoPolicy));
    expect(events[1]).toMatchObject({
      type: 'return.auto_approved',
      payload: { rule: 'auto_approval[1]', policy_version: V1 },
    });
    expect(replayDecisions(input(events, autoPolicy))).toEqual({ decisions: 1, findings: [] });
  });

  it('finds an auto-approval whose recorded inputs or rule were altered', () => {
    const { events } = requested(ctxUnder(autoPolicy));
    const amount = replayDecisions(
      input(
        altered(events, 2, (p) => {
          p.inputs.amount = 1;
        }),
        autoPolicy,
      ),
    );
    expect(amount.findings).toEqual([
      expect.objectContaining({
        event_id: events[1]!.id,
        seq: 2,
        rule: 'auto_approval[1]',
        detail: expect.stringMatching(
          /^event #2 payload\.inputs\.amount: recorded 1, policy v1 gives \d+$/,
        ),
      }),
    ]);
    const rule = replayDecisions(
      input(
        altered(events, 2, (p) => {
          p.rule = 'auto_approval[0]';
        }),
        autoPolicy,
      ),
    );
    expect(rule.findings[0]?.detail).toBe(
      'event #2 payload.rule: recorded "auto_approval[0]", policy v1 gives "auto_approval[1]"',
    );
  });

  it('finds an auto-approval the stored policy version has no rule for', () => {
    const { events } = requested(ctxUnder(autoPolicy));
    const strict = policyWith({ auto_approval: [{ fault: 'buyer' }] });
    const [finding] = replayDecisions(input(events, strict)).findings;
    expect(finding?.detail).toBe(
      'policy v1 would not have made it (auto_approve): No auto-approval rule matches',
    );
    // A version nobody stored cannot vouch for anything.
    const missing = replayDecisions(input(events, autoPolicy, { policies: new Map() }));
    expect(missing.findings[0]?.detail).toBe('policy version 1 is not stored');
  });

  it("re-derives the review deadline's approval, and finds one made early or with a moved deadline", () => {
    const policy = policyWith({});
    const ctx = ctxUnder(policy);
    const open = requested(ctx);
    const expired = expire(open.case, open.events, ctx);
    expect(expired.events[1]).toMatchObject({
      type: 'return.auto_approved',
      payload: { rule: 'deadline:seller_review', cause: 'seller_review_expired' },
    });
    expect(replayDecisions(input(expired.events, policy))).toEqual({ decisions: 1, findings: [] });

    // The approval moved before the deadline.
    const early = expired.events.map((e) =>
      e.seq === 2 ? { ...e, at: new Date(e.at.getTime() - HOUR) } : e,
    );
    expect(replayDecisions(input(early, policy)).findings[0]?.detail).toMatch(
      /^policy v1 would not have made it \(expire\): Nothing expires before /,
    );

    // The request's deadline (and the expiry's input) moved a day earlier: consistent, but not
    // what the policy gives.
    const moved = new Date(open.case.due_at!.getTime() - DAY);
    const movedOpen = altered(open.events, 1, (p) => {
      p.due_at = moved.toISOString();
    });
    const movedCase = movedOpen.reduce<ReturnCase | null>(evolve, null)!;
    const early2 = expire(movedCase, movedOpen, ctx);
    const [finding] = replayDecisions(input(early2.events, policy)).findings;
    expect(finding).toMatchObject({ seq: 2, rule: 'deadline:seller_review' });
    expect(finding?.detail).toBe(
      `due_at ${moved.toISOString()} (set by event #1 return.requested), but policy v1's ` +
        `seller_review gives ${open.case.due_at!.toISOString()}`,
    );
  });

  it('re-derives the refund on the seller silence at receiving, amounts included', () => {
    const policy = policyWith({});
    const ctx = ctxUnder(policy);
    const open = requested(ctx);
    const shipped = run(
      open.case,
      [
        [validCommand('approve'), seller],
        [validCommand('ship'), buyer],
      ],
      ctx,
    );
    const shippedEvents = recorded(shipped.events, open.events);
    const refunded = expire(shipped.case, shippedEvents, ctx);
    expect(refunded.events.slice(-2).map((e) => e.type)).toEqual([
      'return.receiving_expired',
      'return.refund_pending',
    ]);
    expect(replayDecisions(input(refunded.events, policy))).toEqual({
      decisions: 1,
      findings: [],
    });
    const last = refunded.events.at(-1)!;
    const more = altered(refunded.events, last.seq, (p) => {
      p.amount += 100;
    });
    expect(replayDecisions(input(more, policy)).findings[0]?.detail).toBe(
      `event #${last.seq} payload.amount: recorded ${(last.payload.amount as number) + 100}, ` +
        `policy v1 gives ${last.payload.amount}`,
    );
  });

  it('checks an extended receiving deadline against the extension the policy gives', () => {
    const ctx = ctxUnder(DEFAULT_POLICY);
    const open = requested(ctx);
    const extended = run(
      open.case,
      [
        [validCommand('approve'), seller],
        [validCommand('ship'), buyer],
        [validCommand('extend_receiving'), seller],
      ],
      ctx,
    );
    const log = recorded(extended.events, open.events);
    const expired = expire(extended.case, log, ctx);
    expect(expired.events.at(-2)?.payload.rule).toBe('deadline:receiving_extension');
    expect(replayDecisions(input(expired.events, DEFAULT_POLICY)).findings).toEqual([]);
    // The extension recorded as two days longer than the policy's.
    const longer = altered(log, log.length, (p) => {
      p.due_at = new Date(Date.parse(p.due_at) + 2 * DAY).toISOString();
    });
    const late = expire(longer.reduce<ReturnCase | null>(evolve, null)!, longer, ctx);
    expect(replayDecisions(input(late.events, DEFAULT_POLICY)).findings[0]?.detail).toMatch(
      /^due_at \S+ \(set by event #4 return\.receiving_extended\), but policy v1's receiving_extension gives \S+$/,
    );
  });

  it("prices a decision with the order's other cases as they were then", () => {
    // The shirt's case refunds the order's delivery charge only if the lamp is also coming back.
    const policy = policyWith({ auto_approval: [{ case_types: ['refund_only'] }] });
    const ctx = ctxUnder(policy);
    const lamp = requested(ctx);
    const shirt = requested(
      { ...ctx, other_cases: [lamp.case] },
      { id: 'ret_2', type: 'refund_only', lines: [{ order_line_id: 'line_shirt', quantity: 2 }] },
    );
    expect(shirt.events.map((e) => e.type)).toEqual([
      'return.requested',
      'return.auto_approved',
      'return.refund_pending',
    ]);
    const replayed = replayDecisions(input(shirt.events, policy, { siblings: [lamp.events] }));
    expect(replayed).toEqual({ decisions: 1, findings: [] });
    // Without the lamp's case the policy prices it otherwise: the sibling was taken into account.
    const alone = replayDecisions(input(shirt.events, policy));
    expect(alone.findings[0]?.detail).toMatch(
      /^event #2 payload\.inputs\.amount: recorded \d+, policy v1 gives \d+$/,
    );
  });

  it('re-derives a returnless refund from its recorded buyer count, and finds one over the limit', () => {
    const policy = policyWith({
      returnless_refunds: [{ reasons: ['damaged'], categories: ['home'], max_amount: 10_000 }],
      returnless_limit: { count: 2, days: 90 },
    });
    const ctx = ctxUnder(policy, { buyer: { returnless_refunds_in_window: 1, flagged: false } });
    const { events } = requested(ctx);
    expect(events[1]).toMatchObject({
      type: 'return.returnless_refund_approved',
      payload: { rule: 'returnless_refunds[0]', inputs: { buyer_returnless_in_window: 1 } },
    });
    expect(replayDecisions(input(events, policy))).toEqual({ decisions: 1, findings: [] });
    // Recounted from the buyer's earlier returnless refunds at the shop: one in the 90 days.
    const earlier = [
      { event_id: 'evt_000000', at: new Date(T0.getTime() - 100 * DAY) },
      { event_id: 'evt_000001', at: new Date(T0.getTime() - 10 * DAY) },
    ];
    expect(replayDecisions(input(events, policy, { buyer_returnless: earlier })).findings).toEqual(
      [],
    );
    expect(
      replayDecisions(input(events, policy, { buyer_returnless: earlier.slice(0, 1) })).findings[0]
        ?.detail,
    ).toBe(
      'inputs.buyer_returnless_in_window: recorded 1, but the record shows 0 returnless refunds ' +
        'of this buyer at the shop in the 90 days before (policy v1)',
    );
    const over = altered(events, 2, (p) => {
      p.inputs.buyer_returnless_in_window = 2;
    });
    expect(replayDecisions(input(over, policy)).findings[0]?.detail).toBe(
      'policy v1 would not have made it (refund_returnless): The buyer has had the most ' +
        'returnless refunds the policy allows in its period',
    );
  });

  it('finds an automatic decision recorded under another actor', () => {
    const { events } = requested(ctxUnder(autoPolicy));
    const bySeller = events.map((e) => (e.seq === 2 ? { ...e, actor: seller } : e));
    expect(replayDecisions(input(bySeller, autoPolicy)).findings[0]?.detail).toBe(
      'recorded as made by seller usr_seller; only the system makes it',
    );
  });

  // Every state's expiry, for every case type that reaches the state.
  const expiries: [CaseState, CaseType][] = TRANSITIONS.filter((r) => r.command === 'expire')
    .flatMap((r) =>
      (
        [
          ['return_and_refund', PATHS],
          ['refund_only', REFUND_ONLY_PATHS],
          ['replacement', REPLACEMENT_PATHS],
        ] as const
      )
        .filter(([, paths]) => paths[r.from] !== undefined)
        .map(([type]): [CaseState, CaseType] => [r.from, type]),
    )
    .filter(([state, type]) => type !== 'replacement' || state.startsWith('replacement'));

  it.each(expiries)(
    'the %s expiry of a %s case records its policy version, rule and inputs, and replays',
    (state, type) => {
      const ctx = ctxUnder(DEFAULT_POLICY);
      const open = requested(ctx, { type });
      const paths =
        type === 'refund_only'
          ? REFUND_ONLY_PATHS
          : type === 'replacement'
            ? REPLACEMENT_PATHS
            : PATHS;
      const reached = run(open.case, paths[state]!, ctx);
      expect(reached.case.state).toBe(state);
      const expired = expire(reached.case, recorded(reached.events, open.events), ctx);
      const written = expired.events.slice(open.events.length + reached.events.length);
      expect(written.length).toBeGreaterThan(0);
      for (const e of written) {
        expect(e.actor).toEqual(system);
        expect(e.payload.policy_version).toBe(V1);
      }
      expect(written[0]!.payload).toMatchObject({
        rule: expect.stringMatching(/^deadline:[a-z_]+$/),
        inputs: { due_at: reached.case.due_at!.toISOString() },
      });
      expect(replayDecisions(input(expired.events, DEFAULT_POLICY))).toEqual({
        decisions: 1,
        findings: [],
      });
    },
  );
});
