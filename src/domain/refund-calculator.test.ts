import { describe, expect, it } from 'vitest';
import type { Order, ReturnCase } from './case.ts';
import { DomainError } from './errors.ts';
import { DEFAULT_POLICY } from './policy.ts';
import {
  computeRefund,
  linePaidAmounts,
  orderPaid,
  type RefundInput,
  validateOrder,
} from './refund-calculator.ts';
import { makeOrder, openCase, policyWith } from './test-builders.ts';

const order = makeOrder();
const lamp = [{ order_line_id: 'line_lamp', quantity: 1 }];
const everything = [
  { order_line_id: 'line_shirt', quantity: 2 },
  { order_line_id: 'line_lamp', quantity: 1 },
];

function refund(overrides: Partial<RefundInput>) {
  return computeRefund({
    order,
    policy: DEFAULT_POLICY,
    type: 'return_and_refund',
    fault: 'seller',
    lines: lamp,
    other_cases: [],
    ...overrides,
  });
}

/** JPY has no minor unit: amounts are whole yen. */
const yen: Order = makeOrder({
  currency: 'JPY',
  shipping_amount: 500,
  order_discount_amount: 100,
  lines: [
    {
      id: 'a',
      sku: 'A',
      title: 'Cups',
      category: 'home',
      quantity: 3,
      unit_price: 1000,
      line_discount_amount: 0,
      tax_amount: 100,
    },
    {
      id: 'b',
      sku: 'B',
      title: 'Tray',
      category: 'home',
      quantity: 1,
      unit_price: 999,
      line_discount_amount: 0,
      tax_amount: 99,
    },
  ],
});

describe('computeRefund', () => {
  it('prices a line after its discounts, adds tax and reimburses seller-fault postage', () => {
    const result = refund({ return_shipping_cost: 800 });
    expect(result.lines).toEqual([
      {
        order_line_id: 'line_lamp',
        quantity: 1,
        gross: 5000,
        discount: 974,
        items: 4026,
        tax: 360,
        total: 4386,
      },
    ]);
    expect(result).toMatchObject({
      currency: 'USD',
      items: 4026,
      tax: 360,
      original_shipping: 0,
      return_shipping_reimbursement: 800,
      restocking_fee: 0,
      deduction: 0,
      full_amount: 5186,
      total: 5186,
      order_paid: 9859,
      cap_remaining: 9859,
      capped: false,
      reimbursement_in_total: 800,
    });
  });

  it('refunds original shipping when the whole order comes back for a seller fault', () => {
    const whole = refund({ lines: everything, return_shipping_cost: 2000 });
    expect(whole).toMatchObject({
      items: 8500,
      tax: 760,
      original_shipping: 599,
      return_shipping_reimbursement: 1500,
    });
    // The order part equals what was paid; the postage is repaid on top of it.
    expect(whole.total).toBe(9859 + 1500);
    expect(refund({ lines: everything, fault: 'buyer' }).original_shipping).toBe(0);
  });

  it('counts the other cases coming back towards "the whole order"', () => {
    const shirts = openCase({ id: 'ret_0', lines: [{ order_line_id: 'line_shirt', quantity: 2 }] });
    expect(refund({ other_cases: [shirts] }).original_shipping).toBe(599);
    const cancelled: ReturnCase = { ...shirts, state: 'cancelled' };
    expect(refund({ other_cases: [cancelled] }).original_shipping).toBe(0);
  });

  it('lets the buyer pay postage and a restocking fee for a buyer-fault return', () => {
    const policy = policyWith({ restocking_fee_pct: 15 });
    const result = refund({ policy, fault: 'buyer', return_shipping_cost: 800 });
    // floor(4026 * 15%) = floor(603.9) = 603.
    expect(result).toMatchObject({
      return_shipping_reimbursement: 0,
      restocking_fee: 603,
      total: 4386 - 603,
    });
    const free = policyWith({ return_shipping_payer: { seller: 'seller', buyer: 'seller' } });
    expect(
      refund({ policy: free, fault: 'buyer', return_shipping_cost: 800 })
        .return_shipping_reimbursement,
    ).toBe(800);
    expect(
      refund({ policy, fault: 'buyer', type: 'refund_only', return_shipping_cost: 800 }),
    ).toMatchObject({
      restocking_fee: 0,
      return_shipping_reimbursement: 0,
    });
  });

  it('repays return postage once per parcel and within the policy cap per order', () => {
    const shipped = (id: string, tracking: string, reimbursed: number): ReturnCase => ({
      ...openCase({ id, lines: [{ order_line_id: 'line_shirt', quantity: 1 }] }),
      state: 'refund_pending',
      shipment: {
        carrier: 'ups',
        tracking_number: tracking,
        tracking_verified: true,
        shipped_at: new Date('2026-03-01T00:00:00Z'),
        shipping_cost: 1200,
        delivered_at: null,
        last_tracking_at: null,
        lost: false,
      },
      refund_amount: 4000 + reimbursed,
      refund_shipping_reimbursement: reimbursed,
    });
    // A sibling already repaid 1200 for the same parcel: this case's postage is that parcel's.
    const sameBox = refund({
      return_shipping_cost: 1200,
      return_tracking_number: '1Z999',
      other_cases: [shipped('ret_a', '1Z999', 1200)],
    });
    expect(sameBox.return_shipping_reimbursement).toBe(0);
    // A second parcel of the order gets only what the cap (1500) leaves: 300.
    const otherBox = refund({
      return_shipping_cost: 1200,
      return_tracking_number: '1Z777',
      other_cases: [shipped('ret_a', '1Z999', 1200)],
    });
    expect(otherBox.return_shipping_reimbursement).toBe(300);
    // Four cases in four parcels, each claiming the cap: 1500 in all, never 6000.
    const claims: ReturnCase[] = [];
    for (const n of ['1', '2', '3', '4']) {
      const priced = refund({
        case_id: `ret_${n}`,
        return_shipping_cost: 1500,
        return_tracking_number: `TRACK${n}`,
        other_cases: claims,
      });
      claims.push(shipped(`ret_${n}`, `TRACK${n}`, priced.return_shipping_reimbursement));
    }
    expect(claims.reduce((sum, c) => sum + (c.refund_shipping_reimbursement ?? 0), 0)).toBe(1500);
  });

  it('reimburses nothing when the policy cap is in another currency', () => {
    const result = refund({ policy: policyWith({ currency: 'EUR' }), return_shipping_cost: 800 });
    expect(result.return_shipping_reimbursement).toBe(0);
  });

  it('subtracts the inspection deduction up to the maximum, rounded down', () => {
    // max = floor((4026 + 360) * 50%) = 2193.
    expect(refund({ deduction_amount: 100 })).toMatchObject({
      max_deduction: 2193,
      deduction: 100,
      total: 4286,
    });
    expect(refund({ deduction_amount: 5000 })).toMatchObject({
      deduction: 2193,
      total: 4386 - 2193,
    });
  });

  it('pays an agreed amount instead of the policy amount, postage first', () => {
    expect(refund({ agreed_amount: 1000 })).toMatchObject({
      agreed_amount: 1000,
      total: 1000,
      full_amount: 4386,
    });
    expect(refund({ agreed_amount: 500, return_shipping_cost: 800 })).toMatchObject({
      reimbursement_in_total: 500,
      total: 500,
    });
  });

  it('never lets the cases of an order refund more than was paid', () => {
    const first = openCase({ id: 'ret_0', lines: [{ order_line_id: 'line_shirt', quantity: 2 }] });
    const paidOut: ReturnCase = {
      ...first,
      state: 'refunded',
      refund_amount: 9000 + 700,
      refund_shipping_reimbursement: 700,
    };
    const result = refund({ other_cases: [paidOut], return_shipping_cost: 300 });
    expect(result).toMatchObject({ cap_remaining: 859, capped: true, total: 859 + 300 });
    const failed: ReturnCase = {
      ...paidOut,
      state: 'refund_failed',
      refund_amount: 20_000,
      refund_shipping_reimbursement: null,
    };
    expect(refund({ other_cases: [failed] })).toMatchObject({ cap_remaining: 0, total: 0 });
  });

  it('JPY: whole units; the discount split and the per-unit split add up exactly', () => {
    expect([...linePaidAmounts(yen).values()]).toEqual([2925, 974]);
    const take = (claimedBefore: number) => {
      const held: ReturnCase = {
        ...openCase(),
        lines: [{ order_line_id: 'a', quantity: claimedBefore }],
      };
      const others = claimedBefore ? [held] : [];
      return computeRefund({
        order: yen,
        policy: DEFAULT_POLICY,
        type: 'refund_only',
        fault: 'seller',
        lines: [{ order_line_id: 'a', quantity: 1 }],
        other_cases: others,
      }).lines[0];
    };
    expect([take(0), take(1), take(2)].map((l) => [l?.items, l?.tax])).toEqual([
      [975, 33],
      [975, 33],
      [975, 34],
    ]);
  });

  it('KWD: three decimals, the same rules', () => {
    const dinar = makeOrder({
      currency: 'KWD',
      shipping_amount: 1250,
      order_discount_amount: 0,
      lines: [
        {
          id: 'k',
          sku: 'K',
          title: 'Kettle',
          category: 'home',
          quantity: 1,
          unit_price: 12345,
          line_discount_amount: 0,
          tax_amount: 0,
        },
      ],
    });
    const policy = policyWith({
      currency: 'KWD',
      restocking_fee_pct: 10,
      return_shipping_reimbursement_cap: 2000,
    });
    const base = {
      order: dinar,
      policy,
      lines: [{ order_line_id: 'k', quantity: 1 }],
      other_cases: [],
    };
    expect(computeRefund({ ...base, type: 'return_and_refund', fault: 'buyer' })).toMatchObject({
      restocking_fee: 1234,
      total: 11111,
    });
    expect(
      computeRefund({
        ...base,
        type: 'return_and_refund',
        fault: 'seller',
        return_shipping_cost: 2500,
      }),
    ).toMatchObject({
      original_shipping: 1250,
      return_shipping_reimbursement: 2000,
      total: 12345 + 1250 + 2000,
    });
    expect(orderPaid(dinar)).toBe(13595);
  });

  it('refuses lines that do not fit the order', () => {
    const bad = () =>
      refund({
        lines: [
          { order_line_id: 'line_lamp', quantity: 2 },
          { order_line_id: 'nope', quantity: 1 },
          { order_line_id: 'line_lamp', quantity: 1 },
        ],
      });
    expect(bad).toThrow(DomainError);
    try {
      bad();
    } catch (error) {
      expect((error as DomainError).details.fields?.map((f) => f.path)).toEqual([
        'lines[0].quantity',
        'lines[1].order_line_id',
        'lines[2].order_line_id',
      ]);
    }
    expect(() => refund({ lines: [] })).toThrow(DomainError);
  });
});

describe('validateOrder', () => {
  it('accepts a sound order', () => {
    expect(validateOrder(order).ok).toBe(true);
  });

  it('names every broken money field', () => {
    const broken = makeOrder({
      currency: 'XXX1',
      shipping_amount: -1,
      order_discount_amount: 1_000_000,
      lines: [
        {
          id: 'x',
          sku: 'X',
          title: 'X',
          category: 'c',
          quantity: 0,
          unit_price: 1.5,
          line_discount_amount: 0,
          tax_amount: -2,
        },
        {
          id: 'x',
          sku: 'Y',
          title: 'Y',
          category: 'c',
          quantity: 1,
          unit_price: 100,
          line_discount_amount: 200,
          tax_amount: 0,
        },
      ],
    });
    const result = validateOrder(broken);
    expect(!result.ok && result.error.details.fields?.map((f) => f.path)).toEqual([
      'currency',
      'shipping_amount',
      'lines[0].quantity',
      'lines[0].unit_price',
      'lines[0].tax_amount',
      'lines[1].id',
      'lines[1].line_discount_amount',
      'order_discount_amount',
    ]);
    const empty = validateOrder(makeOrder({ lines: [], order_discount_amount: 0 }));
    expect(!empty.ok && empty.error.details.fields?.map((f) => f.path)).toEqual(['lines']);
  });
});
