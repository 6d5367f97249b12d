import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { rowCounts } from '../support/counts.ts';
import { ENGINES } from '../support/db.ts';
import { admin, createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * A misspelled field is refused, never dropped: `refund_destinaton` would otherwise refund to the
 * card, `amout` would rule a full refund. 422 names every unknown field with its full path, and
 * nothing is written.
 */
describe.each(ENGINES)('unknown fields are refused [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  let order: Json;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
    order = await createOrder(t.app, shop);
  });
  afterAll(() => t.close());

  const paths = (res: { body: Json }) => (res.body.errors ?? []).map((e: Json) => e.path);

  async function refusedWithoutWrites(
    send: () => Promise<{ status: number; body: Json }>,
    fields: string[],
  ) {
    const before = await rowCounts(t.database.db);
    const res = await send();
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(paths(res).sort()).toEqual([...fields].sort());
    for (const e of res.body.errors) expect(e.message).toBe('unknown field');
    expect(await rowCounts(t.database.db)).toEqual(before);
    return res;
  }

  const request = (over: Record<string, unknown> = {}) => ({
    order_id: order.id,
    reason: 'damaged',
    description: 'Cracked.',
    lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    ...over,
  });

  it('POST /v1/returns with refund_destinaton: 422 naming it, no case', async () => {
    await refusedWithoutWrites(
      () => api.post('/v1/returns', shop.buyer, request({ refund_destinaton: 'platform_balance' })),
      ['body.refund_destinaton'],
    );
  });

  it('every unknown field is named, nested ones with their full path', async () => {
    await refusedWithoutWrites(
      () =>
        api.post(
          '/v1/returns',
          shop.buyer,
          request({
            lines: [{ order_line_id: order.lines[0].id, quantity: 1, qty: 2, sku: 'MUG-01' }],
            refund_destinaton: 'platform_balance',
          }),
        ),
      ['body.lines.0.qty', 'body.lines.0.sku', 'body.refund_destinaton'],
    );
  });

  it('rule_for_buyer with amout: 422 naming it, the case stays disputed', async () => {
    const o = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      ...request(),
      order_id: o.id,
      lines: [{ order_line_id: o.lines[0].id, quantity: 2 }],
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    await api.post(`/v1/returns/${c.body.id}/reject`, shop.staff, {
      reason: 'insufficient_evidence',
      note: 'No photos.',
    });
    const disputed = await api.post(`/v1/returns/${c.body.id}/escalate`, shop.buyer, {
      note: 'Please look.',
    });
    expect(disputed.body.status).toBe('disputed');

    await refusedWithoutWrites(
      () =>
        api.post(`/v1/returns/${c.body.id}/rule_for_buyer`, shop.agent, {
          note: 'Half of it.',
          amout: 100,
        }),
      ['body.amout'],
    );
    const after = await api.get(`/v1/returns/${c.body.id}`, shop.agent);
    expect(after.body).toMatchObject({ status: 'disputed', version: disputed.body.version });
    expect(after.body.ruling).toBeNull();
  });

  it('order ingest, users, policy sections and webhook endpoints refuse unknown fields too', async () => {
    const operator = { token: admin.authorization.slice(7) };
    await refusedWithoutWrites(
      () =>
        api.post('/v1/orders', operator, {
          external_id: 'unknown-1',
          seller_id: shop.seller.id,
          buyer_id: shop.buyer.id,
          currency: 'USD',
          placed_at: '2026-02-20T10:00:00Z',
          shipping_amount: 0,
          payment_reference: 'p',
          lines: [
            { sku: 'A', title: 'A', category: 'c', quantity: 1, unit_price: 100, discount: 5 },
          ],
          shiping_amount: 100,
        }),
      ['body.lines.0.discount', 'body.shiping_amount'],
    );
    await refusedWithoutWrites(
      () =>
        api.post('/v1/users', operator, {
          email: 'x@example.test',
          name: 'X',
          role: 'buyer',
          is_admin: true,
        }),
      ['body.is_admin'],
    );
    await refusedWithoutWrites(
      () =>
        api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
          window_days: 30,
          categories: { kitchen: { window_days: 10, returnabel: false } },
          return_shipping_payer: { seller: 'seller', buyer: 'buyer', agent: 'seller' },
          auto_approval: [{ fault: 'seller', max_amonut: 100 }],
        }),
      [
        'body.categories.kitchen.returnabel',
        'body.return_shipping_payer.agent',
        'body.auto_approval.0.max_amonut',
      ],
    );
    await refusedWithoutWrites(
      () =>
        api.post('/v1/webhook_endpoints', shop.staff, {
          url: 'https://example.test/hook',
          event: ['return.*'],
        }),
      ['body.event'],
    );
  });

  it('a body sent to a route that takes none is refused', async () => {
    const res = await api.send('DELETE', '/v1/session', shop.buyer.token, { everywhere: true });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(paths(res)).toEqual(['body.everywhere']);
  });

  it('a misspelled query parameter is refused rather than ignored', async () => {
    const res = await api.get('/v1/returns?stauts=requested', shop.staff);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(paths(res)).toEqual(['querystring.stauts']);
  });
});
