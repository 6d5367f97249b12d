import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('a public, versioned return policy [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    shop = await createShop(t.app);
  });
  afterAll(() => t.close());

  const policyUrl = () => `/v1/sellers/${shop.seller.id}/return_policy`;
  const setPolicy = async (policy: object) => {
    const res = await api.put(policyUrl(), shop.staff, policy);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  async function request(reason = 'defective'): Promise<Json> {
    const order = await createOrder(t.app, shop);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason,
      description: 'It broke.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const events = async (id: string) =>
    (await api.get(`/v1/returns/${id}/events`, shop.agent)).body.data as Json[];

  it('is read by anyone, signed in or not, and each change is a new version', async () => {
    const first = await api.get(policyUrl());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, current_version: 1, shop_name: 'Harbor Goods' });
    const second = await setPolicy({ window_days: 14 });
    expect(second).toMatchObject({ version: 2, policy: { window_days: 14 } });
    const old = await api.get(`${policyUrl()}?version=1`);
    expect(old.body).toMatchObject({ version: 1, current_version: 2, policy: { window_days: 30 } });
    expect((await api.get(`${policyUrl()}?version=99`)).status).toBe(404);
    expect((await api.get(`${policyUrl()}?version=zero`)).status).toBe(422);
    expect((await api.get('/v1/sellers/sel_01jx3v7k2m9q8r5t6w4y1z0abc/return_policy')).status).toBe(
      404,
    );
    // Nobody but the shop (and operators) changes it.
    expect((await api.put(policyUrl(), undefined, { window_days: 1 })).status).toBe(401);
  });

  it('gives concurrent changes one version each', async () => {
    const before = (await api.get(policyUrl())).body.version;
    const answers = await Promise.all(
      [20, 21, 22, 23].map((days) => api.put(policyUrl(), shop.staff, { window_days: days })),
    );
    const versions = answers.map((a) => a.body.version).sort((a, b) => a - b);
    expect(versions).toEqual([before + 1, before + 2, before + 3, before + 4]);
    for (const a of answers) {
      const stored = await api.get(`${policyUrl()}?version=${a.body.version}`);
      expect(stored.body.policy.window_days).toBe(a.body.policy.window_days);
    }
  });

  it('records in each decision the version it was made under, and the rule and inputs of automatic ones', async () => {
    const v = (
      await setPolicy({
        window_days: 30,
        auto_approval: [{ fault: 'buyer', max_amount: 1 }, { fault: 'seller' }],
      })
    ).version;
    const auto = await request('defective');
    expect(auto.status).toBe('awaiting_shipment');
    expect(auto.policy_version).toBe(v);
    const [requested, approved] = await events(auto.id);
    expect(requested.payload.policy_version).toBe(v);
    expect(approved.payload).toMatchObject({
      policy_version: v,
      cause: 'auto_approval_rule',
      rule: 'auto_approval[1]',
      inputs: {
        fault: 'seller',
        reason: 'defective',
        case_type: 'return_and_refund',
        currency: 'USD',
      },
    });

    const manual = await request('changed_mind');
    const next = (await setPolicy({ window_days: 30 })).version;
    const due = (await api.get(`/v1/returns/${manual.id}`, shop.staff)).body.due_at;
    t.clock.set({ frozen: true, now: new Date(due) });
    await advanceOverdueCases(t.database.db, t.clock.now());
    const after = (await api.get(`/v1/returns/${manual.id}`, shop.buyer)).body;
    expect(after).toMatchObject({ status: 'awaiting_shipment', policy_version: next });
    const expired = (await events(manual.id)).at(-1)!;
    expect(expired.payload).toMatchObject({
      policy_version: next,
      rule: 'deadline:seller_review',
      inputs: { due_at: due },
    });
    // The version it names still reads as it was.
    const stored = await api.get(`${policyUrl()}?version=${next}`);
    expect(stored.body.policy.auto_approval).toEqual([]);
  });

  it('renders schema.org MerchantReturnPolicy JSON-LD from the same data', async () => {
    await setPolicy({
      window_days: 45,
      restocking_fee_pct: 10,
      return_postage: 'prepaid_label',
      return_shipping_payer: { seller: 'seller', buyer: 'buyer' },
      categories: { candles: { returnable: false }, apparel: { window_days: 60 } },
    });
    const res = await t.app.inject({ url: `${policyUrl()}/jsonld` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = res.json();
    expect(doc['@context']).toBe('https://schema.org');
    const [general, ...categories] = doc['@graph'];
    const category = (name: string) =>
      categories.find((c: Json) => c.identifier === `category:${name}`);
    const candles = category('candles');
    const apparel = category('apparel');
    expect(general).toMatchObject({
      '@type': 'MerchantReturnPolicy',
      merchantReturnDays: 45,
      applicableCountry: ['US'],
      returnPolicyCountry: 'US',
      returnPolicyCategory: 'https://schema.org/MerchantReturnFiniteReturnWindow',
      returnMethod: 'https://schema.org/ReturnByMail',
      customerRemorseReturnFees: 'https://schema.org/ReturnFeesCustomerResponsibility',
      itemDefectReturnFees: 'https://schema.org/FreeReturn',
      returnLabelSource: 'https://schema.org/ReturnLabelDownloadAndPrint',
      restockingFee: 10,
    });
    expect(general.url).toMatch(new RegExp(`/shops/${shop.seller.id}/policy$`));
    expect(candles).toMatchObject({
      identifier: 'category:candles',
      returnPolicyCategory: 'https://schema.org/MerchantReturnNotPermitted',
    });
    expect(apparel).toMatchObject({ identifier: 'category:apparel', merchantReturnDays: 60 });
  });
});
