import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { as, createOrder, createShop, type Shop } from '../support/fixtures.ts';

describe.each(ENGINES)('return lifecycle over HTTP [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
  });
  afterAll(() => t.close());

  const call = async (
    method: 'GET' | 'POST',
    url: string,
    who: { token: string },
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: as({ id: '', token: who.token }),
      ...(payload ? { payload } : {}),
    });

  it('request, approve, ship, receive, accept package: refund pending', async () => {
    const order = await createOrder(t.app, shop);
    const line = order.lines[0];
    const eligibility = await call('GET', `/v1/orders/${order.id}/eligibility`, shop.buyer);
    expect(eligibility.statusCode).toBe(200);
    expect(eligibility.json().lines[0]).toMatchObject({ eligible: true, returnable_quantity: 2 });

    const requested = await call('POST', '/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Arrived with a crack along the handle.',
      lines: [{ order_line_id: line.id, quantity: 1 }],
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const created = requested.json();
    expect(created).toMatchObject({ status: 'requested', fault: 'seller', version: 1 });
    expect(created.next_action).toMatchObject({ actor: 'seller' });
    expect(created.refund_preview.total).toBeGreaterThan(0);
    const id = created.id;
    // Each answer is the case as a GET by the same caller then shows it.
    const readsBack = async (answer: { json: () => unknown }, who: { token: string }) =>
      expect((await call('GET', `/v1/returns/${id}`, who)).json()).toEqual(answer.json());
    await readsBack(requested, shop.buyer);

    const asSeller = await call('GET', `/v1/returns/${id}`, shop.staff);
    expect(asSeller.json().allowed_commands).toEqual(
      expect.arrayContaining(['approve', 'offer_partial_refund']),
    );

    const approved = await call('POST', `/v1/returns/${id}/approve`, shop.staff, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('awaiting_shipment');
    await readsBack(approved, shop.staff);

    const shipped = await call('POST', `/v1/returns/${id}/ship`, shop.buyer, {
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
    });
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(shipped.json().status).toBe('in_transit');
    await readsBack(shipped, shop.buyer);

    const received = await call('POST', `/v1/returns/${id}/mark_received`, shop.staff, {});
    expect(received.json().status).toBe('delivered');
    await readsBack(received, shop.staff);

    const accepted = await call('POST', `/v1/returns/${id}/accept_package`, shop.staff, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'refund_pending' });
    expect(accepted.json().refund_amount).toBeGreaterThan(0);
    await readsBack(accepted, shop.staff);

    const events = await call('GET', `/v1/returns/${id}/events`, shop.buyer);
    const types = events.json().data.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('return.requested');
    expect(types).toEqual(
      expect.arrayContaining([
        'return.approved',
        'return.shipped',
        'return.received',
        'return.package_accepted',
      ]),
    );
    const chain = events.json().data;
    for (let i = 1; i < chain.length; i++) expect(chain[i].prev_hash).toBe(chain[i - 1].hash);
  });

  it('previews a request refund and checks tracking numbers while people type', async () => {
    const order = await createOrder(t.app, shop);
    const preview = await call('POST', `/v1/orders/${order.id}/refund_preview`, shop.buyer, {
      reason: 'damaged',
      lines: [{ order_line_id: order.lines[0].id, quantity: 2 }],
    });
    expect(preview.statusCode, preview.body).toBe(200);
    // Two mugs at 18.00 with 2.88 tax between them.
    expect(preview.json()).toMatchObject({ items: 3600, tax: 288, currency: 'USD' });
    const before = await call('GET', `/v1/returns?order_id=${order.id}`, shop.buyer);
    expect(before.json().data).toHaveLength(0);

    const good = await call(
      'GET',
      '/v1/carriers?carrier=UPS&tracking_number=1z999aa10123456784',
      shop.buyer,
    );
    expect(good.json().check).toEqual({ ok: true, normalized: '1Z999AA10123456784' });
    expect(good.json().carriers).toContain('UPS');
    const bad = await call(
      'GET',
      '/v1/carriers?carrier=UPS&tracking_number=1Z999AA10123456785',
      shop.buyer,
    );
    expect(bad.json().check.ok).toBe(false);
  });
});
