import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailNotifications } from '../../src/app/email-notifications.ts';
import { caseRef } from '../../web/src/caseRef.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import {
  BUYER_ADDRESS,
  createOrder,
  createShop,
  createUser,
  type Shop,
  US_RETURN_ADDRESS,
} from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const SHENZHEN = {
  name: 'Pearl River Gadgets 退货部',
  line1: '科技园南区 8 栋',
  city: 'Shenzhen',
  region: 'Guangdong',
  postal_code: '518057',
  country: 'CN',
  buyer_countries: ['CN', 'HK'],
  is_default: true,
};
const NEW_JERSEY = {
  name: 'Pearl River Gadgets US Returns',
  line1: '200 Port Jersey Blvd',
  line2: 'Unit 4',
  city: 'Jersey City',
  region: 'NJ',
  postal_code: '07305',
  country: 'US',
  phone: '+1 201 555 0100',
  instructions: 'Write the case reference on the box.',
  buyer_countries: ['US', 'CA'],
};

describe.each(ENGINES)('return addresses [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
  });
  afterAll(() => t.close());

  const operator = () => ({ token: 'test-admin-token-0123456789' });
  const addresses = (shop: Shop) => `/v1/sellers/${shop.seller.id}/return_addresses`;

  async function requestReturn(shop: Shop, over: Record<string, unknown> = {}): Promise<Json> {
    const order = await createOrder(t.app, shop, over);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type: 'return_and_refund',
      reason: 'defective',
      description: 'It stopped working.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it("refuses to approve without an address, with what to do; the buyer's case then shows it", async () => {
    const shop = await createShop(t.app, { returnAddress: false });
    const c = await requestReturn(shop);
    const refused = await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'transition_not_allowed',
      rule: 'return_address_missing',
    });
    expect(refused.body.detail).toMatch(/return address/);
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body).toMatchObject({
      status: 'requested',
      version: c.version,
    });

    const added = await api.post(addresses(shop), shop.staff, US_RETURN_ADDRESS);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ is_default: true, country: 'US', line2: null });
    const approved = await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const expected = {
      id: added.body.id,
      name: 'Harbor Goods Returns',
      line1: '500 Harbor Blvd',
      city: 'Carson',
      postal_code: '90745',
      country: 'US',
    };
    for (const who of [shop.buyer, shop.staff, shop.agent]) {
      const seen = await api.get(`/v1/returns/${c.id}`, who);
      expect(seen.body.return_address).toMatchObject(expected);
    }
    // The buyer is told where to send it, in the app and by e-mail.
    const inbox = await api.get('/v1/notifications', shop.buyer);
    const notice = inbox.body.data.find((n: Json) => n.kind === 'return_approved');
    expect(notice.body).toContain('500 Harbor Blvd\nCarson, CA, 90745\nUS');
    const mails: { to: string; subject: string; text: string }[] = [];
    await emailNotifications(
      t.database.db,
      { send: async (m) => void mails.push(m) },
      t.clock.now(),
    );
    const mail = mails.find((m) => m.to === shop.buyer.email);
    expect(mail?.subject).toBe(`Return ${caseRef(c.id)} approved: where to send it`);
    expect(`${mail?.subject}\n${mail?.text}`).not.toMatch(/ret_/);
    expect(mail?.text).toContain('Harbor Goods Returns\n500 Harbor Blvd');

    const events = await api.get(`/v1/returns/${c.id}/events`, shop.agent);
    const approval = events.body.data.find((e: Json) => e.type === 'return.approved');
    expect(approval.payload.return_address).toMatchObject(expected);

    // A later edit changes the shop's address, not the approved case's.
    const edited = await api.put(`${addresses(shop)}/${added.body.id}`, shop.staff, {
      ...US_RETURN_ADDRESS,
      line1: '1 New Dock Road',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.return_address.line1).toBe(
      '500 Harbor Blvd',
    );
  });

  it("sends each buyer to the address serving the buyer's country, else to the default", async () => {
    const shop = await createShop(t.app, { returnAddress: false });
    const cn = await api.post(addresses(shop), shop.staff, SHENZHEN);
    const us = await api.post(addresses(shop), shop.staff, NEW_JERSEY);
    expect([cn.status, us.status]).toEqual([201, 201]);
    expect(us.body.is_default).toBe(false);

    const listed = await api.get(addresses(shop), shop.agent);
    expect(listed.body.data.map((a: Json) => a.id)).toEqual([cn.body.id, us.body.id]);

    const cases = {
      US: await requestReturn(shop),
      CA: await requestReturn(shop, {
        ship_to: { ...BUYER_ADDRESS, country: 'CA', postal_code: 'M5V 2T6', region: 'ON' },
      }),
      DE: await requestReturn(shop, {
        ship_to: { ...BUYER_ADDRESS, country: 'DE', postal_code: '10115', region: null },
      }),
      none: await requestReturn(shop, { ship_to: undefined }),
    };
    const chosen: Record<string, string> = {};
    for (const [country, c] of Object.entries(cases)) {
      const approved = await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      chosen[country] = approved.body.return_address.id;
    }
    expect(chosen).toEqual({
      US: us.body.id,
      CA: us.body.id,
      DE: cn.body.id,
      none: cn.body.id,
    });
    const seen = await api.get(`/v1/returns/${cases.US.id}`, shop.buyer);
    expect(seen.body.return_address).toMatchObject({
      line2: 'Unit 4',
      phone: '+1 201 555 0100',
      instructions: 'Write the case reference on the box.',
    });
  });

  it('checks country codes and postal codes per country, naming each field, and writes nothing', async () => {
    const shop = await createShop(t.app, { returnAddress: false });
    const bad = await api.post(addresses(shop), shop.staff, {
      ...US_RETURN_ADDRESS,
      country: 'XX',
      buyer_countries: ['US', 'us', 'ZZ'],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((f: Json) => f.path).sort()).toEqual([
      'body.buyer_countries.1',
      'body.buyer_countries.2',
      'body.country',
    ]);
    const postal = await api.post(addresses(shop), shop.staff, {
      ...US_RETURN_ADDRESS,
      postal_code: 'ABCDE',
    });
    expect(postal.status).toBe(422);
    expect(postal.body.errors).toEqual([
      { path: 'body.postal_code', message: expect.stringContaining('United States') },
    ]);
    const unknown = await api.post(addresses(shop), shop.staff, { ...US_RETURN_ADDRESS, zip: '1' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((f: Json) => f.path)).toEqual(['body.zip']);
    const missing = await api.post(addresses(shop), shop.staff, { country: 'US' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((f: Json) => f.path)).toEqual(
      expect.arrayContaining(['body.name', 'body.line1', 'body.city', 'body.postal_code']),
    );
    expect((await api.get(addresses(shop), shop.staff)).body.data).toEqual([]);

    // A marketplace's order with a malformed delivery address is refused the same way.
    const order = await api.post('/v1/orders', operator(), {
      external_id: 'mkt-bad-ship-to',
      seller_id: shop.seller.id,
      buyer_id: shop.buyer.id,
      currency: 'USD',
      placed_at: '2026-02-20T10:00:00Z',
      shipping_amount: 0,
      payment_reference: 'pay_1',
      ship_to: { ...BUYER_ADDRESS, country: 'GB', postal_code: '62701' },
      lines: [{ sku: 'A', title: 'A', category: 'a', quantity: 1, unit_price: 100 }],
    });
    expect(order.status).toBe(422);
    expect(order.body.errors).toEqual([
      { path: 'body.ship_to.postal_code', message: expect.stringContaining('United Kingdom') },
    ]);
  });

  it('keeps exactly one default, and only the shop (or an operator) changes its addresses', async () => {
    const shop = await createShop(t.app);
    const [first] = (await api.get(addresses(shop), shop.staff)).body.data;
    const second = await api.post(addresses(shop), shop.staff, { ...NEW_JERSEY, is_default: true });
    const list = (await api.get(addresses(shop), shop.staff)).body.data;
    expect(list.filter((a: Json) => a.is_default).map((a: Json) => a.id)).toEqual([second.body.id]);

    const removeDefault = await api.delete(`${addresses(shop)}/${second.body.id}`, shop.staff);
    expect(removeDefault.status).toBe(409);
    const unsetDefault = await api.put(`${addresses(shop)}/${second.body.id}`, shop.staff, {
      ...NEW_JERSEY,
      is_default: false,
    });
    expect(unsetDefault.status).toBe(409);
    expect((await api.delete(`${addresses(shop)}/${first.id}`, shop.staff)).status).toBe(204);

    // Concurrent "make me the default" edits: one default remains.
    const made = await Promise.all(
      [1, 2, 3].map((i) =>
        api.post(addresses(shop), shop.staff, {
          ...NEW_JERSEY,
          name: `Dock ${i}`,
          is_default: true,
        }),
      ),
    );
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    const after = (await api.get(addresses(shop), shop.staff)).body.data;
    expect(after.filter((a: Json) => a.is_default)).toHaveLength(1);

    const other = await createShop(t.app);
    const outsider = await api.post(addresses(shop), other.staff, NEW_JERSEY);
    expect(outsider.status).toBe(404);
    expect((await api.get(addresses(shop), shop.buyer)).status).toBe(404);
    expect((await api.post(addresses(shop), shop.agent, NEW_JERSEY)).status).toBe(403);
    const operator = await createUser(t.app, 'operator');
    expect((await api.post(addresses(shop), operator, NEW_JERSEY)).status).toBe(201);
  });
});
