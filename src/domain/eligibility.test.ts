import { describe, expect, it } from 'vitest';
import type { ReturnCase } from './case.ts';
import { eligibility } from './eligibility.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { SELLER_FAULT_REASONS } from './reasons.ts';
import { caseIn, DAY, makeOrder, openCase, policyWith, T0 } from './test-builders.ts';

const order = makeOrder();
const delivered = order.delivered_at as Date;

function withState(c: ReturnCase, patch: Partial<ReturnCase>): ReturnCase {
  return { ...c, ...patch };
}

describe('eligibility', () => {
  it('shows each line returnable with its exact closing instant and reasons', () => {
    const answer = eligibility(order, DEFAULT_POLICY, [], T0);
    expect(answer).toMatchObject({ order_id: 'ord_1', eligible: true, evaluated_at: T0 });
    expect(answer.lines[0]).toEqual({
      order_line_id: 'line_shirt',
      sku: 'SHIRT-M',
      title: 'Shirt',
      category: 'apparel',
      eligible: true,
      quantity: 2,
      claimed_quantity: 0,
      returnable_quantity: 2,
      window_days: 30,
      window_closes_at: new Date(delivered.getTime() + 30 * DAY),
      reasons_allowed: DEFAULT_POLICY.reasons_allowed,
      refund_only_reasons_allowed: SELLER_FAULT_REASONS,
      blockers: [],
    });
    expect(answer.preparation_checklist).toEqual(DEFAULT_POLICY.preparation_checklist);
    expect(answer.refund_destinations).toEqual(['original_payment', 'platform_balance']);
  });

  it('closes the window at the instant, not a moment later', () => {
    const closes = new Date(delivered.getTime() + 30 * DAY);
    expect(eligibility(order, DEFAULT_POLICY, [], new Date(closes.getTime() - 1)).eligible).toBe(
      true,
    );
    const late = eligibility(order, DEFAULT_POLICY, [], closes);
    expect(late.eligible).toBe(false);
    expect(late.lines[0]?.blockers).toEqual([
      {
        code: 'window_closed',
        message: 'The 30-day return window has closed',
        window_closed_at: closes,
      },
    ]);
    expect(late.lines[0]?.returnable_quantity).toBe(0);
  });

  it('says when the order is not delivered yet', () => {
    const pending = eligibility(makeOrder({ delivered_at: null }), DEFAULT_POLICY, [], T0);
    expect(pending.lines[0]?.blockers.map((b) => b.code)).toEqual(['not_delivered']);
    expect(pending.lines[0]?.window_closes_at).toBeNull();
    const future = eligibility(
      makeOrder({ delivered_at: new Date(T0.getTime() + DAY) }),
      DEFAULT_POLICY,
      [],
      T0,
    );
    expect(future.lines[0]?.blockers.map((b) => b.code)).toEqual(['not_delivered']);
  });

  it('applies category rules: non-returnable, longer windows, fewer reasons', () => {
    const policy = policyWith({
      categories: {
        apparel: { returnable: false },
        home: { window_days: 90, reasons_allowed: ['damaged', 'changed_mind'] },
      },
    });
    const answer = eligibility(order, policy, [], new Date(delivered.getTime() + 60 * DAY));
    expect(answer.lines[0]).toMatchObject({
      eligible: false,
      reasons_allowed: [],
      blockers: [
        expect.objectContaining({ code: 'window_closed' }),
        expect.objectContaining({ code: 'category_not_returnable', category: 'apparel' }),
      ],
    });
    expect(answer.lines[1]).toMatchObject({
      eligible: true,
      window_days: 90,
      reasons_allowed: ['damaged', 'changed_mind'],
      refund_only_reasons_allowed: ['damaged'],
    });
  });

  it('subtracts quantities held by other cases of the order', () => {
    const shirts = openCase({ id: 'ret_a', lines: [{ order_line_id: 'line_shirt', quantity: 1 }] });
    const lamp = openCase({ id: 'ret_b' });
    const answer = eligibility(order, DEFAULT_POLICY, [shirts, lamp], T0);
    expect(answer.lines.map((l) => [l.claimed_quantity, l.returnable_quantity])).toEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(answer.lines[1]?.blockers.map((b) => b.code)).toEqual(['fully_claimed']);
  });

  it('frees quantity from withdrawn and unshipped cases, not from decided ones', () => {
    const { case: closed } = caseIn('closed');
    const decided = eligibility(order, DEFAULT_POLICY, [closed], T0);
    expect(decided.lines[1]?.returnable_quantity).toBe(0);
    const unshipped = withState(closed, { outcome: 'not_shipped' });
    const { case: cancelled } = caseIn('cancelled');
    const otherOrder = withState(openCase(), { order_id: 'ord_2' });
    const free = eligibility(order, DEFAULT_POLICY, [unshipped, cancelled, otherOrder], T0);
    expect(free.lines[1]?.returnable_quantity).toBe(1);
  });
});
