import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('restock and disposition at inspection [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  let endpointId: string;
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on' });
    api = client(t.app);
    shop = await createShop(t.app);
    const endpoint = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: 'http://127.0.0.1:9/inventory',
      events: ['inventory.*'],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    endpointId = endpoint.body.id;
  });
  afterAll(() => t.close());

  /** A return of 2 mugs, received by the seller and waiting for inspection. */
  async function received(): Promise<{ c: Json; line: string }> {
    const order = await createOrder(t.app, shop);
    const line = order.lines[0].id;
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'changed_mind',
      description: 'Not needed.',
      lines: [{ order_line_id: line, quantity: 2 }],
    });
    await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    await api.post(`/v1/returns/${c.body.id}/ship`, shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(`disposition-${c.body.id}`),
    });
    const got = await api.post(`/v1/returns/${c.body.id}/mark_received`, shop.staff, {});
    expect(got.body.status, JSON.stringify(got.body)).toBe('delivered');
    return { c: got.body, line };
  }

  it('records per line what becomes of the units, and announces the resellable ones as inventory.restock', async () => {
    const { c, line } = await received();
    const accepted = await api.post(`/v1/returns/${c.id}/accept_package`, shop.staff, {
      dispositions: [
        { order_line_id: line, quantity: 1, disposition: 'resellable' },
        { order_line_id: line, quantity: 1, disposition: 'damaged' },
      ],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.dispositions).toEqual([
      { order_line_id: line, sku: 'MUG-01', quantity: 1, disposition: 'resellable' },
      { order_line_id: line, sku: 'MUG-01', quantity: 1, disposition: 'damaged' },
    ]);
    const deliveries = (await api.get(`/v1/webhook_endpoints/${endpointId}/deliveries`, shop.staff))
      .body.data as Json[];
    const restock = deliveries.find((d) => d.payload.data.case_id === c.id);
    expect(restock.payload).toMatchObject({
      type: 'inventory.restock',
      data: { seller_id: shop.seller.id, lines: [{ sku: 'MUG-01', quantity: 1 }] },
    });

    const analytics = await api.get(
      `/v1/sellers/${shop.seller.id}/analytics?from=2026-03-01&to=2026-03-31`,
      shop.staff,
    );
    expect(analytics.status, JSON.stringify(analytics.body)).toBe(200);
    expect(analytics.body.dispositions).toContainEqual({
      sku: 'MUG-01',
      resellable: 1,
      damaged: 1,
      destroy: 0,
    });
  });

  it('refuses dispositions that do not account for every returned unit, naming the field, writing nothing', async () => {
    const { c, line } = await received();
    const cases = [
      [{ order_line_id: line, quantity: 1, disposition: 'resellable' }],
      [{ order_line_id: line, quantity: 3, disposition: 'resellable' }],
      [{ order_line_id: 'lin_01jx3v7k2m9q8r5t6w4y1z0abc', quantity: 2, disposition: 'destroy' }],
      [{ order_line_id: line, quantity: 2, disposition: 'sold_on_ebay' }],
    ];
    for (const dispositions of cases) {
      const res = await api.post(`/v1/returns/${c.id}/accept_package`, shop.staff, {
        dispositions,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.errors.every((e: Json) => e.path.startsWith('body.dispositions'))).toBe(true);
    }
    const after = await api.get(`/v1/returns/${c.id}`, shop.staff);
    expect(after.body).toMatchObject({ status: 'delivered', version: c.version, dispositions: [] });
    // No dispositions at all is still an acceptance (the shop does not track stock here).
    const plain = await api.post(`/v1/returns/${c.id}/accept_package`, shop.staff, {});
    expect(plain.body.status).toBe('refund_pending');
  });
});
