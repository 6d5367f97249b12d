import { describe, expect, it } from 'vitest';
import type { Command, DomainEvent, ReturnCase } from './case.ts';
import { decide } from './decide.ts';
import { decideRequest } from './decide-request.ts';
import { evolve } from './evolve.ts';
import { allowedCommands, LIMITS } from './guards.ts';
import { nextAction } from './next-action.ts';
import { DEFAULT_POLICY } from './policy.ts';
import {
  agent,
  at,
  buyer,
  caseIn,
  DAY,
  HOUR,
  makeCtx,
  makeOrder,
  openCase,
  operator,
  policyWith,
  RETURN_ADDRESS,
  requestInput,
  run,
  seller,
  system,
  T0,
  validCommand,
} from './test-builders.ts';

const ctx = makeCtx();

function apply(
  c: ReturnCase,
  command: Command,
  actor = seller,
  now = new Date(c.updated_at.getTime() + HOUR),
) {
  const result = decide(c, command, actor, now, ctx);
  if (!result.ok) throw result.error;
  return result.value.reduce(evolve, c);
}

function errorOf(
  c: ReturnCase,
  command: Command,
  actor = seller,
  now = new Date(c.updated_at.getTime() + HOUR),
  context = ctx,
) {
  const result = decide(c, command, actor, now, context);
  if (result.ok) throw new Error(`${command.name} unexpectedly allowed`);
  return result.error;
}

describe('decideRequest', () => {
  it('creates a requested case with the seller review deadline', () => {
    const result = decideRequest(requestInput(), buyer, T0, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { case: c, events } = result.value;
    expect(events.map((e) => e.type)).toEqual(['return.requested']);
    expect(c).toMatchObject({
      id: 'ret_1',
      state: 'requested',
      version: 1,
      fault: 'seller',
      buyer_id: 'usr_buyer',
      seller_id: 'sel_1',
      currency: 'USD',
      outcome: null,
    });
    expect(c.due_at).toEqual(at(48 * HOUR));
    expect(nextAction(c)).toEqual({
      actor: 'seller',
      action: 'review_request',
      due_at: at(48 * HOUR),
      on_expiry: 'awaiting_shipment',
    });
  });

  it('refuses anyone but a buyer', () => {
    const result = decideRequest(requestInput(), seller, T0, ctx);
    expect(!result.ok && result.error.code).toBe('actor_not_allowed');
  });

  it('lists every failing field', () => {
    const bad = {
      ...requestInput(),
      id: '',
      type: 'swap',
      reason: 'bored',
      order_id: 'ord_2',
      description: '',
    };
    const result = decideRequest(bad as never, buyer, T0, ctx);
    expect(!result.ok && result.error.code).toBe('validation_failed');
    const paths = !result.ok ? result.error.details.fields?.map((f) => f.path) : [];
    expect(paths).toEqual(['id', 'order_id', 'type', 'reason', 'description']);
    const lines = decideRequest(
      requestInput({ lines: [{ order_line_id: 'nope', quantity: 0 }, 'x' as never] }),
      buyer,
      T0,
      ctx,
    );
    expect(!lines.ok && lines.error.details.fields?.map((f) => f.path)).toEqual([
      'lines[0].order_line_id',
      'lines[0].quantity',
      'lines[1]',
    ]);
    const none = decideRequest(requestInput({ lines: [] }), buyer, T0, ctx);
    expect(!none.ok && none.error.details.fields?.[0]?.path).toBe('lines');
    const notObject = decideRequest(null as never, buyer, T0, ctx);
    expect(!notObject.ok && notObject.error.code).toBe('validation_failed');
  });

  it('refuses a buyer-fault reason for refund_only under the default policy', () => {
    const result = decideRequest(
      requestInput({ type: 'refund_only', reason: 'changed_mind' }),
      buyer,
      T0,
      ctx,
    );
    expect(!result.ok && result.error.details.fields?.[0]?.path).toBe('reason');
  });

  it('refuses an order whose money does not add up', () => {
    const order = makeOrder({ order_discount_amount: 10_000_000 });
    const result = decideRequest(requestInput(), buyer, T0, makeCtx({ order }));
    expect(!result.ok && result.error.details.fields?.[0]?.path).toBe(
      'order.order_discount_amount',
    );
  });

  it('explains per line why a request is not eligible', () => {
    const late = decideRequest(requestInput(), buyer, at(40 * DAY), ctx);
    expect(!late.ok && late.error.code).toBe('not_eligible');
    expect(!late.ok && late.error.details.lines).toEqual([
      {
        order_line_id: 'line_lamp',
        blockers: [expect.objectContaining({ code: 'window_closed' })],
      },
    ]);
    const tooMany = decideRequest(
      requestInput({ lines: [{ order_line_id: 'line_shirt', quantity: 3 }] }),
      buyer,
      T0,
      ctx,
    );
    expect(
      !tooMany.ok &&
        (tooMany.error.details.lines as { blockers: { code: string }[] }[])[0]?.blockers[0]?.code,
    ).toBe('quantity_exceeds_returnable');
    const hygiene = policyWith({ categories: { home: { reasons_allowed: ['damaged'] } } });
    const reason = decideRequest(
      requestInput({ reason: 'defective' }),
      buyer,
      T0,
      makeCtx({ policy: hygiene }),
    );
    expect(
      !reason.ok &&
        (reason.error.details.lines as { blockers: { code: string }[] }[])[0]?.blockers[0]?.code,
    ).toBe('reason_not_allowed');
  });

  it('approves at once when an auto-approval rule matches (buyer fault under an amount)', () => {
    const policy = policyWith({ auto_approval: [{ fault: 'buyer', max_amount: 2500 }] });
    const small = decideRequest(
      requestInput({ reason: 'wrong_size', lines: [{ order_line_id: 'line_shirt', quantity: 1 }] }),
      buyer,
      T0,
      makeCtx({ policy }),
    );
    expect(small.ok && small.value.events.map((e) => e.type)).toEqual([
      'return.requested',
      'return.auto_approved',
    ]);
    expect(small.ok && small.value.case.state).toBe('awaiting_shipment');
    expect(small.ok && small.value.case.due_at).toEqual(at(7 * DAY));
    expect(small.ok && small.value.events[1]?.actor).toEqual(system);
    const big = decideRequest(
      requestInput({ reason: 'wrong_size' }),
      buyer,
      T0,
      makeCtx({ policy }),
    );
    expect(big.ok && big.value.case.state).toBe('requested');
    const otherCurrency = policyWith({
      currency: 'EUR',
      auto_approval: [{ max_amount: 1_000_000 }],
    });
    const eur = decideRequest(requestInput(), buyer, T0, makeCtx({ policy: otherCurrency }));
    expect(eur.ok && eur.value.case.state).toBe('requested');
  });

  it('sends an auto-approved refund_only request straight to refund_pending', () => {
    const policy = policyWith({
      auto_approval: [{ case_types: ['refund_only'], reasons: ['damaged'] }],
    });
    const result = decideRequest(
      requestInput({ type: 'refund_only' }),
      buyer,
      T0,
      makeCtx({ policy }),
    );
    expect(result.ok && result.value.events.map((e) => e.type)).toEqual([
      'return.requested',
      'return.auto_approved',
      'return.refund_pending',
    ]);
    expect(result.ok && result.value.case.refund_amount).toBeGreaterThan(0);
  });
});

describe('decide: table checks', () => {
  const c = openCase();

  it('checks the role before the state', () => {
    expect(errorOf(c, validCommand('approve'), buyer).code).toBe('actor_not_allowed');
    expect(errorOf(c, validCommand('ship'), seller).code).toBe('actor_not_allowed');
    expect(errorOf(c, validCommand('approve'), operator).code).toBe('actor_not_allowed');
    expect(errorOf(c, validCommand('approve'), operator).message).toBe(
      'An operator may not approve this case',
    );
    expect(errorOf(c, validCommand('ship'), seller).message).toBe(
      'A seller may not ship this case',
    );
  });

  it('answers transition_not_allowed with the commands the actor may run', () => {
    const error = errorOf(c, validCommand('mark_received'), seller);
    expect(error.code).toBe('transition_not_allowed');
    expect(error.details.allowed_commands).toEqual(['approve', 'reject', 'offer_partial_refund']);
    expect(errorOf(c, validCommand('request'), buyer).code).toBe('transition_not_allowed');
  });

  it('lets the seller dispute receipt of a parcel the carrier scanned, not one they confirmed', () => {
    const scanned = caseIn('delivered', 'return_and_refund', ctx);
    const disputed = decide(
      scanned.case,
      validCommand('dispute_receipt'),
      seller,
      scanned.now,
      ctx,
    );
    expect(disputed.ok && disputed.value.map((e) => e.type)).toEqual(['return.receipt_disputed']);
    const received = { ...scanned.case, received_at: scanned.now };
    const error = errorOf(received, validCommand('dispute_receipt'), seller, scanned.now);
    expect(error.code).toBe('transition_not_allowed');
    expect(error.details.rule).toBe('receipt_confirmed');
  });

  it('refuses an unknown command name', () => {
    const error = errorOf(c, { name: 'teleport' } as never);
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields?.[0]?.path).toBe('name');
  });

  it('lets only the expiry move a case once its deadline has passed', () => {
    const late = at(49 * HOUR);
    expect(errorOf(c, validCommand('approve'), seller, late).code).toBe('deadline_passed');
    expect(allowedCommands(c, seller, late, ctx)).toEqual([]);
    expect(allowedCommands(c, system, late, ctx)).toEqual(['expire']);
    expect(allowedCommands(c, system)).toEqual([]);
  });
});

describe('decide: rules', () => {
  it('cannot reject a change-of-mind return; the seller inspects instead', () => {
    const c = openCase({
      reason: 'changed_mind',
      lines: [{ order_line_id: 'line_shirt', quantity: 1 }],
    });
    const error = errorOf(c, validCommand('reject'));
    expect(error.code).toBe('transition_not_allowed');
    expect(error.details.rule).toBe('change_of_mind_not_rejectable');
    expect(error.details.allowed_commands).toEqual(['approve', 'offer_partial_refund']);
    const policy = policyWith({ refund_only_reasons: ['changed_mind'] });
    const keep = openCase({ type: 'refund_only', reason: 'changed_mind' }, makeCtx({ policy }));
    expect(apply(keep, validCommand('reject')).state).toBe('rejected');
  });

  it('validates the rejection', () => {
    const c = openCase();
    const error = errorOf(c, { name: 'reject', reason: 'nope', note: '' } as never);
    expect(error.details.fields?.map((f) => f.path)).toEqual(['reason', 'note']);
    const rejected = apply(c, {
      name: 'reject',
      reason: 'item_used',
      note: 'Worn',
      attachment_ids: ['att_9'],
    });
    expect(rejected.rejection).toMatchObject({
      reason: 'item_used',
      note: 'Worn',
      attachment_ids: ['att_9'],
    });
    expect(nextAction(rejected)?.action).toBe('escalate_or_resubmit');
  });

  it(`allows ${LIMITS.resubmits} resubmits, then limit_reached`, () => {
    let c = apply(openCase(), validCommand('reject'));
    for (let i = 1; i <= LIMITS.resubmits; i += 1) {
      c = apply(c, { name: 'resubmit', description: `Edit ${i}`, reason: 'defective' }, buyer);
      expect(c).toMatchObject({
        state: 'requested',
        resubmit_count: i,
        reason: 'defective',
        rejection: null,
      });
      expect(c.due_at).toEqual(new Date(c.updated_at.getTime() + 48 * HOUR));
      c = apply(c, validCommand('reject'));
    }
    const error = errorOf(c, validCommand('resubmit'), buyer);
    expect(error.code).toBe('limit_reached');
    expect(error.details.limit).toBe(2);
    expect(allowedCommands(c, buyer)).toEqual(['escalate', 'withdraw']);
  });

  it('validates a resubmit', () => {
    const c = apply(openCase(), validCommand('reject'));
    const error = errorOf(
      c,
      { name: 'resubmit', description: '', reason: 'bored' } as never,
      buyer,
    );
    expect(error.details.fields?.map((f) => f.path)).toEqual(['description', 'reason']);
    const only = apply(openCase({ type: 'refund_only' }), validCommand('reject'));
    const notForRefundOnly = errorOf(
      only,
      { name: 'resubmit', description: 'x', reason: 'wrong_size' },
      buyer,
    );
    expect(notForRefundOnly.details.fields?.[0]?.path).toBe('reason');
  });

  it('makes one partial offer; accepting it refunds that amount as a partial refund', () => {
    const c = openCase();
    const tooMuch = errorOf(c, { name: 'offer_partial_refund', amount: 999_999 });
    expect(tooMuch.details.fields?.[0]?.path).toBe('amount');
    const offered = apply(c, { name: 'offer_partial_refund', amount: 1200 });
    expect(offered).toMatchObject({ state: 'partial_offer', offer_amount: 1200, offers_made: 1 });
    expect(offered.due_at).toEqual(new Date(offered.updated_at.getTime() + 72 * HOUR));
    const accepted = apply(offered, validCommand('accept_offer'), buyer);
    expect(accepted).toMatchObject({ state: 'refund_pending', refund_amount: 1200, due_at: null });
    const done = apply(accepted, validCommand('refund_succeeded'), system);
    expect(done).toMatchObject({ state: 'refunded', outcome: 'partially_refunded' });
    expect(nextAction(done)).toBeNull();
  });

  it('sends a declined or lapsed offer back to the seller for 24 h, with no second offer', () => {
    const offered = apply(openCase(), { name: 'offer_partial_refund', amount: 1200 });
    const declined = apply(offered, validCommand('decline_offer'), buyer);
    expect(declined).toMatchObject({ state: 'requested', offer_amount: null });
    expect(declined.due_at).toEqual(new Date(declined.updated_at.getTime() + 24 * HOUR));
    expect(errorOf(declined, validCommand('offer_partial_refund')).code).toBe('limit_reached');
    const lapsed = apply(offered, validCommand('expire'), system, offered.due_at!);
    expect(lapsed.state).toBe('requested');
    expect(lapsed.due_at).toEqual(new Date(offered.due_at!.getTime() + 24 * HOUR));
  });

  it('refuses an early expiry with not_due and writes nothing', () => {
    const c = openCase();
    const error = errorOf(c, validCommand('expire'), system, new Date(c.due_at!.getTime() - 1));
    expect(error.code).toBe('not_due');
    expect(error.details.due_at).toEqual(c.due_at);
  });

  it('applies every expiry outcome of DESIGN.md', () => {
    const expire = (
      state: Parameters<typeof caseIn>[0],
      type: 'return_and_refund' | 'refund_only' = 'return_and_refund',
    ) => {
      const { case: c } = caseIn(state, type);
      return apply(c, validCommand('expire'), system, c.due_at!);
    };
    expect(expire('requested')).toMatchObject({ state: 'awaiting_shipment' });
    expect(expire('requested', 'refund_only')).toMatchObject({ state: 'refund_pending' });
    expect(expire('partial_offer')).toMatchObject({ state: 'requested' });
    expect(expire('rejected')).toMatchObject({
      state: 'closed',
      outcome: 'rejected',
      due_at: null,
    });
    expect(expire('awaiting_shipment')).toMatchObject({ state: 'closed', outcome: 'not_shipped' });
    expect(expire('package_rejected')).toMatchObject({
      state: 'closed',
      outcome: 'package_rejected',
    });
    const inTransit = expire('in_transit');
    expect(inTransit).toMatchObject({ state: 'refund_pending' });
    expect(inTransit.refund_amount).toBe(inTransit.refund_full_amount);
    const inspected = expire('delivered');
    expect(inspected.refund_amount).toBe(inspected.refund_full_amount);
    const disputed = expire('disputed');
    expect(disputed).toMatchObject({ state: 'disputed', evidence_request: null, due_at: null });
    expect(nextAction(disputed)).toEqual({
      actor: 'agent',
      action: 'rule',
      due_at: null,
      on_expiry: null,
    });
  });

  it('starts the receiving deadline at shipping and extends it once by 8 days', () => {
    const shipped = apply(apply(openCase(), validCommand('approve')), validCommand('ship'), buyer);
    expect(shipped.shipment).toMatchObject({ carrier: 'UPS', shipping_cost: 800, lost: false });
    expect(shipped.due_at).toEqual(new Date(shipped.updated_at.getTime() + 10 * DAY));
    const extended = apply(shipped, validCommand('extend_receiving'));
    expect(extended.receiving_extended).toBe(true);
    expect(extended.due_at).toEqual(new Date(shipped.due_at!.getTime() + 8 * DAY));
    expect(errorOf(extended, validCommand('extend_receiving')).code).toBe('limit_reached');
  });

  it('validates shipping details (non-empty, bounded; format is the carrier adapter’s job)', () => {
    const approved = apply(openCase(), validCommand('approve'));
    const error = errorOf(
      approved,
      { name: 'ship', carrier: ' ', tracking_number: 'x'.repeat(65), shipping_cost: -1 },
      buyer,
    );
    expect(error.details.fields?.map((f) => f.path)).toEqual([
      'carrier',
      'tracking_number',
      'shipping_cost',
    ]);
  });

  it('lets the buyer escalate a parcel in transit only when lost or silent', () => {
    const shipped = apply(apply(openCase(), validCommand('approve')), validCommand('ship'), buyer);
    const early = errorOf(shipped, validCommand('escalate'), buyer);
    expect(early.code).toBe('transition_not_allowed');
    expect(early.details.rule).toBe('parcel_not_lost');
    expect(allowedCommands(shipped, buyer)).toEqual([]);
    const silentSince = shipped.shipment!.shipped_at.getTime();
    const silent = new Date(silentSince + DEFAULT_POLICY.tracking_silence_days * DAY);
    expect(apply(shipped, validCommand('escalate'), buyer, silent).state).toBe('disputed');
    const scanned = apply(
      shipped,
      { name: 'record_tracking', at: new Date(silentSince + 3 * DAY) },
      system,
      new Date(silentSince + 3 * DAY),
    );
    expect(scanned.shipment?.last_tracking_at).toEqual(new Date(silentSince + 3 * DAY));
    expect(errorOf(scanned, validCommand('escalate'), buyer, silent).details.rule).toBe(
      'parcel_not_lost',
    );
    const lost = apply(shipped, validCommand('report_lost'), system);
    const disputed = apply(lost, validCommand('escalate'), buyer);
    expect(disputed.dispute).toMatchObject({ opened_from: 'in_transit', opened_by: 'usr_buyer' });
  });

  it('validates carrier facts', () => {
    const shipped = apply(apply(openCase(), validCommand('approve')), validCommand('ship'), buyer);
    const now = new Date(shipped.updated_at.getTime() + HOUR);
    const future = new Date(now.getTime() + DAY);
    expect(
      errorOf(shipped, { name: 'record_tracking', at: future }, system, now).details.fields?.[0]
        ?.path,
    ).toBe('at');
    expect(
      errorOf(shipped, { name: 'carrier_delivered', delivered_at: future }, system, now).details
        .fields?.[0]?.path,
    ).toBe('delivered_at');
    const delivered = apply(
      shipped,
      { name: 'carrier_delivered', delivered_at: shipped.updated_at },
      system,
      now,
    );
    expect(delivered.state).toBe('delivered');
    expect(delivered.shipment?.delivered_at).toEqual(shipped.updated_at);
    // Seller inspection: 2 business days in New York from Monday 3 March 2025, 12:00.
    expect(delivered.due_at?.toISOString()).toBe(new Date(now.getTime() + 2 * DAY).toISOString());
    const again = apply(delivered, { name: 'carrier_delivered' }, system);
    expect(again.state).toBe('delivered');
    expect(again.due_at).toEqual(delivered.due_at);
  });

  it('limits the inspection deduction and wants evidence for it', () => {
    const { case: delivered } = caseIn('delivered');
    // Lamp paid 4500 - 474 (its share of the order discount) + 360 tax; half of it may go.
    const max = Math.floor(((4500 - 474 + 360) * 50) / 100);
    const over = errorOf(delivered, {
      name: 'accept_package',
      deduction_amount: max + 1,
      attachment_ids: ['a'],
    });
    expect(over.details.fields?.[0]?.path).toBe('deduction_amount');
    const bare = errorOf(delivered, { name: 'accept_package', deduction_amount: 100 });
    expect(bare.details.fields?.[0]?.path).toBe('attachment_ids');
    const ok = apply(delivered, {
      name: 'accept_package',
      deduction_amount: max,
      attachment_ids: ['att_1'],
    });
    expect(ok.deduction_amount).toBe(max);
    expect(ok.refund_amount).toBe((ok.refund_full_amount ?? 0) - max);
    expect(apply(ok, validCommand('refund_succeeded'), system).outcome).toBe('partially_refunded');
  });

  it('wants a reason, a note and evidence to reject a package', () => {
    const { case: delivered } = caseIn('delivered');
    const error = errorOf(delivered, {
      name: 'reject_package',
      reason: 'smelly',
      note: '',
    } as never);
    expect(error.details.fields?.map((f) => f.path)).toEqual(['reason', 'note', 'attachment_ids']);
    const tooMany = errorOf(delivered, {
      ...validCommand('reject_package'),
      attachment_ids: Array(21).fill('a'),
    } as Command);
    expect(tooMany.details.fields?.[0]?.path).toBe('attachment_ids');
    const rejected = apply(delivered, validCommand('reject_package'));
    expect(rejected.package_rejection).toMatchObject({
      reason: 'empty_package',
      attachment_ids: ['att_2'],
    });
    expect(nextAction(rejected)).toEqual({
      actor: 'buyer',
      action: 'escalate',
      due_at: rejected.due_at,
      on_expiry: 'closed',
    });
  });

  it('runs a dispute: evidence requests with 72 h, answers, rulings', () => {
    const { case: disputed } = caseIn('disputed');
    expect(nextAction(disputed)).toEqual({
      actor: 'buyer',
      action: 'submit_evidence',
      due_at: disputed.due_at,
      on_expiry: 'disputed',
    });
    expect(disputed.due_at).toEqual(new Date(disputed.updated_at.getTime() + 72 * HOUR));
    const fromSeller = apply(disputed, validCommand('submit_evidence'), seller);
    expect(fromSeller.evidence_request).not.toBeNull();
    const answered = apply(disputed, validCommand('submit_evidence'), buyer);
    expect(answered).toMatchObject({ evidence_request: null, due_at: null });
    const afterDue = new Date(disputed.due_at!.getTime() + HOUR);
    expect(errorOf(disputed, validCommand('submit_evidence'), buyer, afterDue).code).toBe(
      'deadline_passed',
    );
    const ruled = apply(
      disputed,
      { name: 'rule_for_buyer', note: 'Damaged', amount: 2000 },
      agent,
      afterDue,
    );
    expect(ruled).toMatchObject({ state: 'refund_pending', refund_amount: 2000 });
    expect(ruled.ruling).toMatchObject({ for: 'buyer', by: 'usr_agent', amount: 2000 });
    const full = apply(disputed, validCommand('rule_for_buyer'), agent);
    expect(full.refund_amount).toBe(full.refund_full_amount);
    const tooMuch = errorOf(
      disputed,
      { name: 'rule_for_buyer', note: 'x', amount: 10_000_000 },
      agent,
    );
    expect(tooMuch.details.fields?.[0]?.path).toBe('amount');
    const forSeller = apply(disputed, validCommand('rule_for_seller'), agent);
    expect(forSeller).toMatchObject({ state: 'closed', outcome: 'ruled_for_seller' });
    expect(
      errorOf(disputed, { name: 'request_evidence', from: 'agent', note: '' } as never, agent)
        .details.fields?.length,
    ).toBe(2);
  });

  it('retries a failed refund with the same amount, to another destination if asked', () => {
    const { case: failed } = caseIn('refund_failed');
    expect(failed.refund_failure).toBe('card expired');
    expect(nextAction(failed)).toEqual({
      actor: 'agent',
      action: 'retry_refund',
      due_at: null,
      on_expiry: null,
    });
    const result = decide(
      failed,
      { name: 'retry_refund', destination: 'platform_balance' },
      agent,
      at(30 * DAY),
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const pending = result.value.find((e) => e.type === 'return.refund_pending') as DomainEvent;
    expect(pending.payload).toMatchObject({
      amount: failed.refund_amount,
      destination: 'platform_balance',
    });
    const retried = result.value.reduce(evolve, failed);
    expect(retried).toMatchObject({
      state: 'refund_pending',
      refund_failure: null,
      refund_destination: 'platform_balance',
    });
    expect(apply(retried, validCommand('refund_succeeded'), system).outcome).toBe('refunded');
    const bad = errorOf(failed, { name: 'retry_refund', destination: 'cash' } as never, agent);
    expect(bad.details.fields?.[0]?.path).toBe('destination');
  });

  it('approves refund_only straight into refund_pending with the calculated amount', () => {
    const c = openCase({ type: 'refund_only' });
    const result = decide(c, validCommand('approve'), seller, at(HOUR), ctx);
    expect(result.ok && result.value.map((e) => e.type)).toEqual([
      'return.approved',
      'return.refund_pending',
    ]);
    if (!result.ok) return;
    const payload = result.value[1]?.payload ?? {};
    // Lamp: 5000 - 500 line discount - 474 share of the order discount, plus 360 tax.
    expect(payload).toMatchObject({
      amount: 4386,
      currency: 'USD',
      destination: 'original_payment',
      to: 'refund_pending',
    });
    expect(payload.breakdown).toMatchObject({ items: 4026, tax: 360, total: 4386 });
  });

  it('withdraws before shipping only', () => {
    expect(apply(openCase(), validCommand('withdraw'), buyer)).toMatchObject({
      state: 'cancelled',
      outcome: 'cancelled',
    });
    const { case: inTransit } = caseIn('in_transit');
    expect(errorOf(inTransit, validCommand('withdraw'), buyer).code).toBe('transition_not_allowed');
  });

  it('caps refunds so the cases of one order never return more than was paid', () => {
    const order = makeOrder();
    const first = apply(
      openCase({ type: 'refund_only', lines: [{ order_line_id: 'line_lamp', quantity: 1 }] }),
      validCommand('approve'),
    );
    const second = openCase(
      { id: 'ret_2', type: 'refund_only', lines: [{ order_line_id: 'line_shirt', quantity: 2 }] },
      makeCtx({ other_cases: [first] }),
    );
    const both = makeCtx({ order, other_cases: [first, second] });
    const result = decide(second, validCommand('approve'), seller, at(HOUR), both);
    if (!result.ok) throw result.error;
    const refunded = result.value.reduce(evolve, second);
    // Shirts 5000 - 526 + 400 tax, plus the 599 delivery now the whole order is refunded.
    expect(refunded.refund_amount).toBe(4874 + 599);
    // Together: exactly what was paid (9500 after line discounts - 1000 + 760 tax + 599).
    expect((first.refund_amount ?? 0) + (refunded.refund_amount ?? 0)).toBe(9859);
    const third = openCase({ id: 'ret_3', type: 'refund_only' }, makeCtx());
    const capped = decide(
      third,
      validCommand('approve'),
      seller,
      at(HOUR),
      makeCtx({ other_cases: [first, refunded] }),
    );
    if (!capped.ok) throw capped.error;
    expect(capped.value.reduce(evolve, third).refund_amount).toBe(0);
  });

  it('returns a calculator refusal as a validation error', () => {
    const c = openCase({ type: 'refund_only' });
    const otherOrder = makeCtx({ order: makeOrder({ lines: [] }) });
    const result = decide(c, validCommand('approve'), seller, at(HOUR), otherOrder);
    expect(!result.ok && result.error.code).toBe('validation_failed');
  });

  it('keeps the buyer out of a refund_only case’s shipping commands', () => {
    const { case: c, now } = run(openCase({ type: 'refund_only' }), [
      [validCommand('approve'), seller],
    ]);
    expect(decide(c, validCommand('ship'), buyer, now, ctx).ok).toBe(false);
  });
});

describe('decide: where the parcel goes', () => {
  const labelled = makeCtx({
    policy: policyWith({ return_postage: 'prepaid_label' }),
  });

  it("copies the shop's return address into the case at approval", () => {
    const c = apply(openCase(), validCommand('approve'));
    expect(c.state).toBe('awaiting_shipment');
    expect(c.return_address).toEqual(RETURN_ADDRESS);
    expect(c.label).toBeNull();
  });

  it('refuses a seller approval without an address, naming what to do; the system approves anyway', () => {
    const bare = makeCtx({ return_address: null });
    const c = openCase({}, bare);
    const refused = decide(c, validCommand('approve'), seller, at(HOUR), bare);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('transition_not_allowed');
    expect(refused.error.details.rule).toBe('return_address_missing');
    expect(refused.error.message).toMatch(/return_addresses/);
    const expired = decide(c, validCommand('expire'), system, c.due_at as Date, bare);
    expect(expired.ok).toBe(true);
    if (expired.ok) expect(expired.value.reduce(evolve, c).return_address).toBeNull();
  });

  it('asks for a prepaid label when the shop pays the postage, then ships on the first scan', () => {
    const c = openCase({}, labelled);
    const approved = decide(c, validCommand('approve'), seller, at(HOUR), labelled);
    if (!approved.ok) throw approved.error;
    let next = approved.value.reduce(evolve, c);
    expect(next.label?.status).toBe('requested');
    // The buyer cannot be shipped for by the system before the label is bought.
    expect(decide(next, validCommand('label_scanned'), system, at(2 * HOUR), labelled).ok).toBe(
      false,
    );
    const bought = decide(next, validCommand('attach_label'), system, at(2 * HOUR), labelled);
    if (!bought.ok) throw bought.error;
    next = bought.value.reduce(evolve, next);
    expect(next.label).toMatchObject({
      status: 'purchased',
      tracking_number: '9400100000000000000000',
      cost: 750,
    });
    const scanned = decide(next, validCommand('label_scanned'), system, at(3 * HOUR), labelled);
    if (!scanned.ok) throw scanned.error;
    next = scanned.value.reduce(evolve, next);
    expect(next.state).toBe('in_transit');
    expect(next.shipment).toMatchObject({
      carrier: 'USPS',
      tracking_number: '9400100000000000000000',
    });
  });

  it('buys no label for a buyer-fault return (the buyer pays that postage)', () => {
    const c = openCase({ reason: 'changed_mind' }, labelled);
    const approved = decide(c, validCommand('approve'), seller, at(HOUR), labelled);
    if (!approved.ok) throw approved.error;
    expect(approved.value.reduce(evolve, c).label).toBeNull();
  });

  it('records a failed purchase, and lets the seller ask again but not twice', () => {
    const c = openCase({}, labelled);
    const approved = decide(c, validCommand('approve'), seller, at(HOUR), labelled);
    if (!approved.ok) throw approved.error;
    let next = approved.value.reduce(evolve, c);
    expect(decide(next, validCommand('request_label'), seller, at(2 * HOUR), labelled).ok).toBe(
      false,
    );
    const failed = decide(next, validCommand('label_failed'), system, at(2 * HOUR), labelled);
    if (!failed.ok) throw failed.error;
    next = failed.value.reduce(evolve, next);
    expect(next.label).toMatchObject({ status: 'failed', error: 'address not deliverable' });
    expect(allowedCommands(next, seller, at(3 * HOUR), labelled)).toContain('request_label');
    const again = decide(next, validCommand('request_label'), seller, at(3 * HOUR), labelled);
    if (!again.ok) throw again.error;
    expect(again.value.reduce(evolve, next).label?.status).toBe('requested');
  });
});

describe('decideRequest: returnless refunds and the buyer limit', () => {
  const policy = policyWith({
    returnless_refunds: [{ reasons: ['damaged'], categories: ['home'], max_amount: 10_000 }],
    returnless_limit: { count: 2, days: 90 },
    auto_approval: [{ fault: 'seller' }],
  });
  const standing = (n: number, flagged = false) => ({
    returnless_refunds_in_window: n,
    flagged,
  });

  it('refunds at once without a return when a rule matches, recording the rule and inputs', () => {
    const ctx = makeCtx({ policy, buyer: standing(1) });
    const result = decideRequest(requestInput({ reason: 'damaged' }), buyer, T0, ctx);
    if (!result.ok) throw result.error;
    expect(result.value.case).toMatchObject({ state: 'refund_pending', keeps_item: true });
    const approval = result.value.events[1]!;
    expect(approval.type).toBe('return.returnless_refund_approved');
    expect(approval.payload).toMatchObject({
      rule: 'returnless_refunds[0]',
      inputs: { reason: 'damaged', categories: ['home'], buyer_returnless_in_window: 1 },
    });
  });

  it('asks for a return once the buyer reached the limit (the auto-approval rule still applies)', () => {
    const ctx = makeCtx({ policy, buyer: standing(2) });
    const result = decideRequest(requestInput({ reason: 'damaged' }), buyer, T0, ctx);
    if (!result.ok) throw result.error;
    expect(result.value.case).toMatchObject({ state: 'awaiting_shipment', keeps_item: false });
  });

  it('decides nothing automatically for a buyer over the platform threshold', () => {
    const ctx = makeCtx({ policy, buyer: standing(0, true) });
    const result = decideRequest(requestInput({ reason: 'damaged' }), buyer, T0, ctx);
    if (!result.ok) throw result.error;
    expect(result.value.case.state).toBe('requested');
  });

  it('matches only the rule’s reasons, categories and amount', () => {
    for (const over of [{ reason: 'defective' as const }, { reason: 'damaged' as const }]) {
      const ctx = makeCtx({
        policy: policyWith({
          ...policy,
          returnless_refunds: [{ reasons: ['damaged'], categories: ['kitchen'], max_amount: 1 }],
        }),
        buyer: standing(0),
      });
      const result = decideRequest(requestInput(over), buyer, T0, ctx);
      if (!result.ok) throw result.error;
      expect(result.value.case.keeps_item).toBe(false);
    }
  });
});
