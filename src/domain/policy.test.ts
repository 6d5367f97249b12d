import { describe, expect, it } from 'vitest';
import { categoryRule, DEFAULT_POLICY, parsePolicy } from './policy.ts';

describe('DEFAULT_POLICY', () => {
  it('carries DESIGN.md deadlines', () => {
    expect(DEFAULT_POLICY.deadlines).toEqual({
      seller_review: { hours: 48 },
      seller_review_after_offer: { hours: 24 },
      buyer_offer: { hours: 72 },
      buyer_contest: { hours: 48 },
      buyer_ship: { hours: 168 },
      seller_receive: { hours: 240 },
      receiving_extension: { hours: 192 },
      seller_inspect: { business_days: 2 },
      evidence_response: { hours: 72 },
      seller_dispatch: { business_days: 3 },
      buyer_confirm: { hours: 336 },
    });
    expect(DEFAULT_POLICY.max_deduction_pct).toBe(50);
    expect(DEFAULT_POLICY.return_shipping_payer).toEqual({ seller: 'seller', buyer: 'buyer' });
    expect(DEFAULT_POLICY.reminder_hours_before).toEqual([24, 2]);
  });

  it('is valid by its own rules', () => {
    expect(parsePolicy(DEFAULT_POLICY)).toEqual({ ok: true, value: DEFAULT_POLICY });
  });
});

describe('parsePolicy', () => {
  it('fills what a seller leaves out, field by field', () => {
    const parsed = parsePolicy({
      currency: 'JPY',
      window_days: 14,
      deadlines: { seller_inspect: { business_days: 3 } },
      return_shipping_payer: { buyer: 'seller' },
      categories: { underwear: { returnable: false }, furniture: { window_days: 90 } },
      auto_approval: [{ fault: 'buyer', max_amount: 3000 }],
      restocking_fee_pct: 12.5,
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.deadlines.seller_inspect).toEqual({ business_days: 3 });
    expect(parsed.value.deadlines.seller_review).toEqual({ hours: 48 });
    expect(parsed.value.return_shipping_payer).toEqual({ seller: 'seller', buyer: 'seller' });
    expect(categoryRule(parsed.value, 'furniture')).toMatchObject({
      returnable: true,
      window_days: 90,
    });
    expect(categoryRule(parsed.value, 'underwear').returnable).toBe(false);
    expect(categoryRule(parsed.value, 'toString').window_days).toBe(14);
    parsed.value.deadlines.seller_review = { hours: 1 };
    expect(DEFAULT_POLICY.deadlines.seller_review).toEqual({ hours: 48 });
  });

  it('answers every failing field with its path', () => {
    const parsed = parsePolicy({
      currency: 'EURO',
      window_days: 0,
      categories: {
        shoes: { window_days: 'long', returnable: 'no', reasons_allowed: [], color: 1 },
        hats: 3,
      },
      reasons_allowed: ['bored'],
      refund_only_reasons: 'damaged',
      condition_text: 5,
      preparation_checklist: ['ok', ''],
      return_shipping_payer: { seller: 'platform', nobody: 'buyer' },
      return_shipping_reimbursement_cap: -1,
      restocking_fee_pct: 12.345,
      max_deduction_pct: 101,
      refund_destinations: [],
      auto_approval: [
        { fault: 'platform', reasons: [], case_types: ['swap'], max_amount: 1.5, when: 1 },
        'x',
      ],
      tracking_silence_days: 0,
      reminder_hours_before: [0],
      deadlines: {
        seller_review: { days: 2 },
        buyer_ship: { hours: 0 },
        seller_inspect: { business_days: 99 },
        nap: { hours: 1 },
      },
      shipping: 'free',
    });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : (parsed.error.details.fields ?? []).map((f) => f.path);
    expect(paths).toEqual([
      'shipping',
      'currency',
      'window_days',
      'categories.shoes.color',
      'categories.shoes.returnable',
      'categories.shoes.window_days',
      'categories.shoes.reasons_allowed',
      'categories.hats',
      'reasons_allowed',
      'refund_only_reasons',
      'condition_text',
      'preparation_checklist[1]',
      'return_shipping_payer.nobody',
      'return_shipping_payer.seller',
      'return_shipping_reimbursement_cap',
      'restocking_fee_pct',
      'max_deduction_pct',
      'refund_destinations',
      'auto_approval[0].when',
      'auto_approval[0].fault',
      'auto_approval[0].reasons',
      'auto_approval[0].case_types',
      'auto_approval[0].max_amount',
      'auto_approval[1]',
      'tracking_silence_days',
      'reminder_hours_before',
      'deadlines.nap',
      'deadlines.seller_review',
      'deadlines.buyer_ship.hours',
      'deadlines.seller_inspect.business_days',
    ]);
  });

  it('refuses wrong shapes for the nested objects', () => {
    const paths = (json: unknown) => {
      const parsed = parsePolicy(json);
      return parsed.ok ? [] : (parsed.error.details.fields ?? []).map((f) => f.path);
    };
    expect(paths('policy')).toEqual(['']);
    expect(paths({ deadlines: [], return_shipping_payer: 'seller' })).toEqual([
      'return_shipping_payer',
      'deadlines',
    ]);
    expect(paths({ categories: [], auto_approval: {}, preparation_checklist: 'x' })).toEqual([
      'categories',
      'preparation_checklist',
      'auto_approval',
    ]);
  });
});
