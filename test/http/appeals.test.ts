import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { executeDueRefunds } from '../../src/app/execute-refunds.ts';
import { refundWorkerOptions } from '../../src/app/workers.ts';
import { accountsOf } from '../../src/db/ledger.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { createLogger } from '../../src/logger.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import {
  createOrder,
  createShop,
  createUser,
  type Person,
  type Shop,
} from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('appeals [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  let secondAgent: Person;
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_SIM_SETTLE_SECONDS: '0' });
    api = client(t.app);
    shop = await createShop(t.app);
    secondAgent = await createUser(t.app, 'agent');
  });
  afterAll(() => t.close());

  const run = (id: string, command: string, who: { token: string }, body: object = {}) =>
    api.post(`/v1/returns/${id}/${command}`, who, body);
  async function open(reason = 'not_as_described'): Promise<Json> {
    const order = await createOrder(t.app, shop);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason,
      description: 'Not as the listing said.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function ruledForSeller(): Promise<Json> {
    const c = await open();
    await run(c.id, 'reject', shop.staff, { reason: 'no_defect_found', note: 'As listed.' });
    await run(c.id, 'escalate', shop.buyer, { note: 'It is not.' });
    const ruled = await run(c.id, 'rule_for_seller', shop.agent, { note: 'Matches the listing.' });
    expect(ruled.body).toMatchObject({ status: 'closed', outcome: 'ruled_for_seller' });
    return ruled.body;
  }

  it('the buyer appeals a ruling once; another agent overturns it and the buyer is refunded, both rulings on record', async () => {
    const c = await ruledForSeller();
    expect(c.decided).toMatchObject({ by: 'agent', agent_id: shop.agent.id, loser: 'buyer' });
    const bySeller = await run(c.id, 'appeal', shop.staff, { note: 'Me too.' });
    expect(bySeller.status).toBe(403);
    expect(bySeller.body.rule).toBe('not_the_losing_party');
    expect((await run(c.id, 'appeal', shop.buyer, {})).status).toBe(422);
    const appealed = await run(c.id, 'appeal', shop.buyer, { note: 'New photos show the fault.' });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body).toMatchObject({
      status: 'appealed',
      appeal: { by: 'buyer', from: 'closed' },
    });

    const sameAgent = await run(c.id, 'overturn_appeal', shop.agent, { note: 'I was wrong.' });
    expect(sameAgent.status).toBe(403);
    expect(sameAgent.body.rule).toBe('same_agent');
    const overturned = await run(c.id, 'overturn_appeal', secondAgent, {
      note: 'The photos show it.',
    });
    expect(overturned.status, JSON.stringify(overturned.body)).toBe(200);
    expect(overturned.body).toMatchObject({
      status: 'refund_pending',
      appeal: { decision: 'overturned', decided_by: secondAgent.id },
    });
    expect(overturned.body.refund_amount).toBeGreaterThan(0);
    const types = (await api.get(`/v1/returns/${c.id}/events`, shop.agent)).body.data.map(
      (e: Json) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'return.ruled_for_seller',
        'return.appealed',
        'return.appeal_overturned',
      ]),
    );
  });

  it('an upheld appeal returns the case where it was, and a decision is appealed only once', async () => {
    const c = await ruledForSeller();
    await run(c.id, 'appeal', shop.buyer, { note: 'Please look again.' });
    const upheld = await run(c.id, 'uphold_appeal', secondAgent, { note: 'The ruling stands.' });
    expect(upheld.body).toMatchObject({ status: 'closed', appeal: { decision: 'upheld' } });
    const again = await run(c.id, 'appeal', shop.buyer, { note: 'Once more.' });
    expect(again.status).toBe(409);
    expect(again.body.rule).toBe('appealed_once');
  });

  it('the seller appeals an automatic refund for silence: the buyer keeps it, the platform pays the seller', async () => {
    const c = await open('damaged');
    await run(c.id, 'approve', shop.staff, {});
    await run(c.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(`appeal-${c.id}`),
    });
    const shipped = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body;
    t.clock.set({ frozen: true, now: new Date(shipped.due_at) });
    await advanceOverdueCases(t.database.db, t.clock.now());
    const options = refundWorkerOptions({
      db: t.database.db,
      clock: t.clock,
      config: t.config,
      logger: createLogger('silent'),
    });
    await executeDueRefunds(t.database.db, t.clock.now(), options);
    const refunded = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body;
    expect(refunded).toMatchObject({
      status: 'refunded',
      decided: { by: 'system', loser: 'seller' },
    });

    expect((await run(c.id, 'appeal', shop.buyer, { note: 'Hm.' })).status).toBe(403);
    const appealed = await run(c.id, 'appeal', shop.staff, { note: 'The parcel never came back.' });
    expect(appealed.body.status).toBe('appealed');
    const overturned = await run(c.id, 'overturn_appeal', shop.agent, { note: 'Tracking agrees.' });
    expect(overturned.status, JSON.stringify(overturned.body)).toBe(200);
    expect(overturned.body).toMatchObject({
      status: 'refunded',
      appeal: { decision: 'overturned', compensation: refunded.refund_amount },
    });
    const seller = await accountsOf(t.database.db, { kind: 'seller', id: shop.seller.id });
    expect(seller.find((a) => a.currency === 'USD')?.balance).toBe(refunded.refund_amount);
  });

  it('closes appeals after the policy window', async () => {
    const c = await ruledForSeller();
    t.clock.advance(8 * 86_400);
    const late = await run(c.id, 'appeal', shop.buyer, { note: 'Late.' });
    expect(late.status).toBe(409);
    expect(late.body.rule).toBe('appeal_window_closed');
  });

  it('counts appeals and overturns in the platform analytics', async () => {
    const res = await api.get('/v1/analytics?from=2026-01-01&to=2026-12-31', shop.agent);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.appeals).toMatchObject({ appealed: 3, upheld: 1, overturned: 2 });
    expect(res.body.appeals.overturn_rate).toBeCloseTo(2 / 3, 3);
    expect(res.body.appeals.appeal_rate).toBeGreaterThan(0);
  });
});
