import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop, uploadEvidence } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('return paths [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function open(reason: string, type = 'return_and_refund', quantity = 1): Promise<Json> {
    const order = await createOrder(t.app, shop);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type,
      reason,
      description: 'Not what I expected.',
      lines: [{ order_line_id: order.lines[0].id, quantity }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const run = (id: string, command: string, who: { token: string }, body: object = {}) =>
    api.post(`/v1/returns/${id}/${command}`, who, body);

  it('reject, then the buyer escalates and the agent rules for the buyer', async () => {
    const c = await open('defective');
    const rejected = await run(c.id, 'reject', shop.staff, {
      reason: 'no_defect_found',
      note: 'Tested it; works as described.',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', next_action: { actor: 'buyer' } });

    const escalated = await run(c.id, 'escalate', shop.buyer, { note: 'It does not turn on.' });
    expect(escalated.body.status).toBe('disputed');

    const seesIt = await api.get(`/v1/returns/${c.id}`, shop.agent);
    expect(seesIt.body.allowed_commands).toEqual(
      expect.arrayContaining(['rule_for_buyer', 'rule_for_seller', 'request_evidence']),
    );
    const ruled = await run(c.id, 'rule_for_buyer', shop.agent, { note: 'Video shows the fault.' });
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(200);
    expect(ruled.body.status).toBe('refund_pending');
  });

  it('reject, escalate, the agent rules for the seller: closed', async () => {
    const c = await open('not_as_described');
    await run(c.id, 'reject', shop.staff, { reason: 'insufficient_evidence', note: 'No photos.' });
    await run(c.id, 'escalate', shop.buyer, { note: 'Please look.' });
    const ruled = await run(c.id, 'rule_for_seller', shop.agent, { note: 'Matches the listing.' });
    expect(ruled.body).toMatchObject({ status: 'closed', outcome: 'ruled_for_seller' });
  });

  it('resubmit at most twice after rejections', async () => {
    const c = await open('damaged');
    for (let i = 0; i < 2; i++) {
      const r = await run(c.id, 'reject', shop.staff, {
        reason: 'insufficient_evidence',
        note: 'Photo?',
      });
      expect(r.body.status).toBe('rejected');
      const again = await run(c.id, 'resubmit', shop.buyer, { description: `Photo attempt ${i}` });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body).toMatchObject({ status: 'requested', resubmit_count: i + 1 });
    }
    await run(c.id, 'reject', shop.staff, { reason: 'insufficient_evidence', note: 'Still no.' });
    const third = await run(c.id, 'resubmit', shop.buyer, { description: 'Third try' });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('limit_reached');
    const after = await api.get(`/v1/returns/${c.id}`, shop.buyer);
    expect(after.body.allowed_commands).not.toContain('resubmit');
    expect(after.body.allowed_commands).toContain('escalate');
  });

  it('a change-of-mind request for an eligible item cannot be rejected', async () => {
    const c = await open('changed_mind');
    const res = await run(c.id, 'reject', shop.staff, { reason: 'other', note: 'No.' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const seen = await api.get(`/v1/returns/${c.id}`, shop.staff);
    expect(seen.body.status).toBe('requested');
    expect(seen.body.allowed_commands).not.toContain('reject');
    expect(seen.body.allowed_commands).toContain('approve');
  });

  it('refund_only: approval goes straight to refund_pending', async () => {
    const c = await open('damaged', 'refund_only');
    const approved = await run(c.id, 'approve', shop.staff);
    expect(approved.body.status).toBe('refund_pending');
    expect(approved.body.refund_amount).toBe(approved.body.refund_preview.total);
  });

  it('partial offer accepted: refund_pending with the offered amount', async () => {
    const c = await open('not_as_described');
    const offered = await run(c.id, 'offer_partial_refund', shop.staff, { amount: 500 });
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    expect(offered.body).toMatchObject({ status: 'partial_offer', offer_amount: 500 });
    const accepted = await run(c.id, 'accept_offer', shop.buyer);
    expect(accepted.body).toMatchObject({ status: 'refund_pending', refund_amount: 500 });
  });

  it('partial offer declined: back to the seller with a fresh review deadline', async () => {
    const c = await open('not_as_described');
    await run(c.id, 'offer_partial_refund', shop.staff, { amount: 500 });
    t.clock.advance(3600);
    const declined = await run(c.id, 'decline_offer', shop.buyer, {
      note: 'I want a full refund.',
    });
    expect(declined.body.status).toBe('requested');
    expect(new Date(declined.body.due_at).getTime()).toBe(t.clock.now().getTime() + 24 * 3600_000);
  });

  it('an offer at or above the refundable amount is refused with the field', async () => {
    const c = await open('not_as_described');
    const res = await run(c.id, 'offer_partial_refund', shop.staff, { amount: 10_000_000 });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.amount');
  });

  it('the buyer withdraws before shipping: cancelled', async () => {
    const c = await open('wrong_size');
    const res = await run(c.id, 'withdraw', shop.buyer);
    expect(res.body).toMatchObject({
      status: 'cancelled',
      outcome: 'cancelled',
      next_action: null,
    });
  });

  it('a command the state does not allow answers 409 with the allowed commands', async () => {
    const c = await open('damaged');
    const res = await run(c.id, 'mark_received', shop.staff);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('transition_not_allowed');
    expect(res.body.allowed_commands).toEqual(expect.arrayContaining(['approve']));
  });

  it('package rejected after inspection, the buyer escalates', async () => {
    const c = await open('damaged');
    await run(c.id, 'approve', shop.staff);
    await run(c.id, 'ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking(c.id) });
    await run(c.id, 'mark_received', shop.staff);
    const rejected = await run(c.id, 'reject_package', shop.staff, {
      reason: 'empty_package',
      note: 'The box was empty.',
      attachment_ids: [await uploadEvidence(t.app, shop.staff)],
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.status).toBe('package_rejected');
    const escalated = await run(c.id, 'escalate', shop.buyer, { note: 'I sent it.' });
    expect(escalated.body.status).toBe('disputed');
  });
});
