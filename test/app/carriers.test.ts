import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload } from '../../src/app/webhooks/signature.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const SECRET = 'carrier-shared-secret-0123456789';

describe.each(ENGINES)('carrier tracking intake [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_CARRIER_SECRET: SECRET });
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function shipped(tracking: string): Promise<Json> {
    const order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    const res = await api.post(`/v1/returns/${c.body.id}/ship`, shop.buyer, {
      carrier: 'UPS',
      tracking_number: tracking,
    });
    expect(res.body.status).toBe('in_transit');
    return res.body;
  }

  async function send(events: object[], secret = SECRET) {
    const body = JSON.stringify({ events });
    // Carriers sign with real time; the test clock is ours alone.
    const signature = signPayload(secret, body, Math.floor(Date.now() / 1000));
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/carrier_events',
      headers: { 'content-type': 'application/json', 'sendback-signature': signature },
      payload: body,
    });
    return { status: res.statusCode, body: res.json() as Json };
  }
  const eventsOf = async (id: string) =>
    (await api.get(`/v1/returns/${id}/events`, shop.staff)).body.data.map((e: Json) => e.type);

  it('refuses unsigned or wrongly signed updates', async () => {
    const bad = await send([], 'another-secret-0123456789');
    expect(bad.status).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/carrier_events',
      payload: { events: [] },
    });
    expect(res.statusCode).toBe(401);
  });

  it('delivered moves the case; the same update again and late scans change nothing', async () => {
    const c = await shipped('1Z999AA10123456784');
    const at = t.clock.now().toISOString();
    const scan = {
      event_id: 'ups-1',
      carrier: 'UPS',
      tracking_number: '1Z999AA10123456784',
      status: 'in_transit',
      occurred_at: at,
    };
    const first = await send([scan]);
    expect(first.status).toBe(200);
    expect(first.body.results[0].applied[0]).toMatchObject({ command: 'record_tracking' });

    t.clock.advance(3600);
    const delivered = {
      ...scan,
      event_id: 'ups-2',
      status: 'delivered',
      occurred_at: t.clock.now().toISOString(),
    };
    await send([delivered]);
    const after = await api.get(`/v1/returns/${c.id}`, shop.staff);
    expect(after.body.status).toBe('delivered');
    const count = (await eventsOf(c.id)).length;

    const again = await send([delivered]);
    expect(again.body.results[0]).toMatchObject({ duplicate: true });
    const late = await send([{ ...scan, event_id: 'ups-0', occurred_at: at }]);
    expect(late.body.results[0].applied[0]).toMatchObject({
      command: null,
      skipped: 'older_than_delivery',
    });
    const redelivered = await send([{ ...delivered, event_id: 'ups-3' }]);
    expect(redelivered.body.results[0].applied[0]).toMatchObject({ skipped: 'already_delivered' });
    expect((await eventsOf(c.id)).length).toBe(count);
  });

  it('out-of-order scans before delivery are ignored; lost parcels let the buyer escalate', async () => {
    const c = await shipped('1Z12345E6605272234');
    const base = { carrier: 'UPS', tracking_number: '1Z12345E6605272234' };
    const t1 = t.clock.now();
    t.clock.advance(7200);
    await send([
      {
        ...base,
        event_id: 'scan-b',
        status: 'in_transit',
        occurred_at: t.clock.now().toISOString(),
      },
    ]);
    const older = await send([
      { ...base, event_id: 'scan-a', status: 'accepted', occurred_at: t1.toISOString() },
    ]);
    expect(older.body.results[0].applied[0]).toMatchObject({ skipped: 'out_of_order' });
    const before = await api.get(`/v1/returns/${c.id}`, shop.buyer);
    expect(before.body.allowed_commands).not.toContain('escalate');
    await send([
      { ...base, event_id: 'lost-1', status: 'lost', occurred_at: t.clock.now().toISOString() },
    ]);
    const lost = await api.get(`/v1/returns/${c.id}`, shop.buyer);
    expect(lost.body.shipment.lost).toBe(true);
    expect(lost.body.allowed_commands).toContain('escalate');
  });

  it('two cases of one order sent in one parcel: the shared tracking number flags both', async () => {
    const order = await createOrder(t.app, shop);
    const ids: string[] = [];
    for (const line of order.lines) {
      const c = await api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        reason: 'damaged',
        description: 'Cracked.',
        lines: [{ order_line_id: line.id, quantity: 1 }],
      });
      await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
      const res = await api.post(`/v1/returns/${c.body.id}/ship`, shop.buyer, {
        carrier: 'UPS',
        tracking_number: '1ZXF38300382722839',
      });
      expect(res.body.status).toBe('in_transit');
      ids.push(c.body.id);
    }
    for (const id of ids) {
      const seen = await api.get(`/v1/returns/${id}`, shop.staff);
      expect(seen.body.flags).toContain('duplicate_tracking_number');
    }
  });
});
