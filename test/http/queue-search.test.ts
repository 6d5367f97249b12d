import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { admin, type Caller, createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * GET /v1/returns?q=: the queue's search by the marketplace's order number (exactly or by its
 * beginning) and by the buyer's name (its beginning, in any case), within the caller's reach; and
 * the names every case is shown with.
 */
describe.each(ENGINES)('queue search [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let a: Shop;
  let b: Shop;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const cases: Record<string, Json> = {};

  async function buyerNamed(name: string): Promise<Caller> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: admin,
      payload: {
        email: `${randomUUID()}@example.test`,
        name,
        role: 'buyer',
        password: 'correct horse battery',
        api_key: true,
      },
    });
    expect(res.statusCode).toBe(201);
    return { id: res.json().user.id, token: res.json().api_key };
  }

  async function fileCase(shop: Shop, buyer: Caller, orderNumber: string): Promise<Json> {
    const order = await createOrder(
      t.app,
      { seller: shop.seller, buyer: { ...buyer, email: '' } },
      { external_id: orderNumber },
    );
    const res = await api.post('/v1/returns', buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked on arrival.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  const search = async (who: { token: string }, q: string): Promise<string[]> => {
    const res = await api.get(`/v1/returns?q=${encodeURIComponent(q)}&limit=100`, who);
    expect(res.status).toBe(200);
    return res.body.data.map((c: Json) => c.id);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    a = await createShop(t.app);
    b = await createShop(t.app);
    const annA = await buyerNamed(`Ann Ó'Brien ${tag}`);
    const bob = await buyerNamed(`Bob_Smith ${tag}`);
    const annB = await buyerNamed(`ANN Other ${tag}`);
    cases['a1'] = await fileCase(a, annA, `SO-${tag}-1001`);
    cases['a2'] = await fileCase(a, bob, `SO-${tag}-1002`);
    cases['a3'] = await fileCase(a, bob, `XO-${tag}-100%`);
    // Shop B's buyer has a name and an order number like shop A's.
    cases['b1'] = await fileCase(b, annB, `SO-${tag}-1003`);
  });
  afterAll(() => t.close());

  it('finds a case by its exact order number', async () => {
    expect(await search(a.staff, `SO-${tag}-1001`)).toEqual([cases['a1'].id]);
  });

  it('finds cases by the beginning of the order number', async () => {
    expect((await search(a.staff, `SO-${tag}-100`)).sort()).toEqual(
      [cases['a1'].id, cases['a2'].id].sort(),
    );
    // Part of the middle of a number is not its beginning.
    expect(await search(a.staff, `${tag}-1001`)).toEqual([]);
  });

  it("finds cases by the beginning of the buyer's name, in any case", async () => {
    expect(await search(a.staff, `ann Ó'brien ${tag.toLowerCase()}`)).toEqual([cases['a1'].id]);
    expect(await search(a.staff, 'ANN Ó')).toEqual([cases['a1'].id]);
    expect(await search(a.staff, 'aNn')).toEqual([cases['a1'].id]);
    expect((await search(a.staff, `bob_smith ${tag}`)).sort()).toEqual(
      [cases['a2'].id, cases['a3'].id].sort(),
    );
  });

  it('treats % and _ as the characters they are (no wildcards)', async () => {
    expect(await search(a.staff, `XO-${tag}-100%`)).toEqual([cases['a3'].id]);
    expect(await search(a.staff, `SO-${tag}-10_1`)).toEqual([]);
    expect(await search(a.staff, 'Bob%Smith')).toEqual([]);
  });

  it("never matches another shop's cases", async () => {
    const all = [...(await search(a.staff, `SO-${tag}`)), ...(await search(a.staff, 'ann'))];
    expect(all).not.toContain(cases['b1'].id);
    expect(await search(a.staff, `SO-${tag}-1003`)).toEqual([]);
    expect(await search(b.staff, `SO-${tag}-1003`)).toEqual([cases['b1'].id]);
    expect(await search(b.staff, 'ann')).toEqual([cases['b1'].id]);
    // An agent reaches every shop.
    expect((await search(a.agent, `SO-${tag}-100`)).length).toBe(3);
  });

  it('combines with the other filters', async () => {
    const res = await api.get(
      `/v1/returns?q=SO-${tag}&status=requested&seller_id=${a.seller.id}`,
      a.agent,
    );
    expect(res.body.data.map((c: Json) => c.id).sort()).toEqual(
      [cases['a1'].id, cases['a2'].id].sort(),
    );
  });

  it('shows the order number, buyer and shop on the list and on the case', async () => {
    const [entry] = (await api.get(`/v1/returns?q=SO-${tag}-1001`, a.staff)).body.data;
    expect(entry).toMatchObject({
      order_number: `SO-${tag}-1001`,
      buyer_name: `Ann Ó'Brien ${tag}`,
      shop_name: 'Harbor Goods',
    });
    const detail = await api.get(`/v1/returns/${cases['a1'].id}`, a.staff);
    expect(detail.body).toMatchObject({
      order_number: `SO-${tag}-1001`,
      buyer_name: `Ann Ó'Brien ${tag}`,
      shop_name: 'Harbor Goods',
    });
    // The answer to a command carries them too.
    expect(cases['a1']).toMatchObject({ order_number: `SO-${tag}-1001` });
  });

  it('refuses empty and overlong searches', async () => {
    for (const q of ['', '%20%20', 'x'.repeat(101)]) {
      expect([400, 422]).toContain((await api.get(`/v1/returns?q=${q}`, a.staff)).status);
    }
  });
});
