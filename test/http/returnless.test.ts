import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { admin, createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)(
  'returnless refunds, buyer limits and the platform threshold [%s]',
  (engine) => {
    let t: TestApp;
    let api: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestApp(engine);
      api = client(t.app);
    });
    afterAll(() => t.close());
    const operator = { token: admin.authorization.replace('Bearer ', '') };

    async function shopWith(policy: object): Promise<Shop> {
      const shop = await createShop(t.app);
      const res = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, policy);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return shop;
    }
    async function request(shop: Shop, reason = 'damaged', line = 0): Promise<Json> {
      const order = await createOrder(t.app, shop);
      const res = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason,
        description: 'Cracked in the box.',
        lines: [{ order_line_id: order.lines[line].id, quantity: 1 }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    }

    it('refunds a cheap damaged item at once without a return, up to the buyer limit, recording the rule', async () => {
      const shop = await shopWith({
        returnless_refunds: [{ reasons: ['damaged'], categories: ['kitchen'], max_amount: 2500 }],
        returnless_limit: { count: 2, days: 30 },
      });
      const first = await request(shop);
      expect(first).toMatchObject({ status: 'refund_pending', keeps_item: true });
      const events = (await api.get(`/v1/returns/${first.id}/events`, shop.agent)).body.data;
      expect(events[1]).toMatchObject({
        type: 'return.returnless_refund_approved',
        actor: { role: 'system' },
        payload: {
          rule: 'returnless_refunds[0]',
          inputs: { reason: 'damaged', categories: ['kitchen'], buyer_returnless_in_window: 0 },
        },
      });
      expect((await request(shop)).keeps_item).toBe(true);
      // The third within 30 days asks for a return like any other request.
      const third = await request(shop);
      expect(third).toMatchObject({ status: 'requested', keeps_item: false });
      // Other reasons and categories are not covered by the rule.
      expect((await request(shop, 'defective')).status).toBe('requested');
      expect((await request(shop, 'damaged', 1)).status).toBe('requested');
    });

    it("shows the buyer's record to the seller (at its shop) and the agent (everywhere), never to the buyer", async () => {
      const shop = await shopWith({});
      const c = await request(shop);
      const other = await shopWith({});
      // The same buyer at another shop.
      const elsewhere = await createOrder(t.app, { seller: other.seller, buyer: shop.buyer });
      await api.post('/v1/returns', shop.buyer, {
        order_id: elsewhere.id,
        reason: 'defective',
        description: 'No power.',
        lines: [{ order_line_id: elsewhere.lines[0].id, quantity: 1 }],
      });
      const seller = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body.buyer_history;
      const agent = (await api.get(`/v1/returns/${c.id}`, shop.agent)).body.buyer_history;
      expect(seller).toMatchObject({ orders: 1, cases: 1, return_rate: 1, flagged: false });
      expect(agent).toMatchObject({ orders: 2, cases: 2, refunds: 0, disputes_lost: 0 });
      expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.buyer_history).toBeNull();
    });

    it('turns automatic decisions off for a buyer over the platform threshold', async () => {
      const shop = await shopWith({
        auto_approval: [{ fault: 'seller' }],
        returnless_refunds: [{ max_amount: 100_000 }],
      });
      const refused = await api.put('/v1/platform/rules', shop.staff, {
        max_cases_90_days: 1,
        max_return_rate: null,
        min_orders: 5,
      });
      expect(refused.status).toBe(403);
      const bad = await api.put('/v1/platform/rules', operator, {
        max_cases_90_days: -1,
        min_orders: 5,
      });
      expect(bad.status).toBe(422);
      const set = await api.put('/v1/platform/rules', operator, {
        max_cases_90_days: 1,
        max_return_rate: null,
        min_orders: 5,
      });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect((await api.get('/v1/platform/rules', shop.agent)).body.max_cases_90_days).toBe(1);

      expect((await request(shop)).keeps_item).toBe(true);
      expect((await request(shop)).keeps_item).toBe(true);
      // Now over the threshold: a person decides.
      const held = await request(shop);
      expect(held.status).toBe('requested');
      expect((await api.get(`/v1/returns/${held.id}`, shop.agent)).body.buyer_history.flagged).toBe(
        true,
      );
      await api.put('/v1/platform/rules', operator, {
        max_cases_90_days: null,
        max_return_rate: null,
        min_orders: 5,
      });
    });
  },
);
