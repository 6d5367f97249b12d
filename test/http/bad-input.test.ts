import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { rowCounts } from '../support/counts.ts';
import { ENGINES } from '../support/db.ts';
import { admin, createOrder, createShop, orderBody, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('bad input writes nothing [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  let order: Json;
  let inTransit: Json;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
    order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[1].id, quantity: 1 }],
    });
    await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    inTransit = c.body;
  });
  afterAll(() => t.close());

  const request = (over: Record<string, unknown>) => ({
    order_id: order.id,
    reason: 'damaged',
    description: 'Cracked.',
    lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    ...over,
  });

  const cases: [string, () => Promise<{ status: number; body: Json }>, number, string][] = [
    [
      'unknown order line',
      () =>
        api.post(
          '/v1/returns',
          shop.buyer,
          request({ lines: [{ order_line_id: 'lin_01jx3v7k2m9q8r5t6w4y1z0abc', quantity: 1 }] }),
        ),
      422,
      'body.lines.0.order_line_id',
    ],
    [
      'quantity over the returnable',
      () =>
        api.post(
          '/v1/returns',
          shop.buyer,
          request({ lines: [{ order_line_id: order.lines[0].id, quantity: 3 }] }),
        ),
      422,
      'body.lines.0',
    ],
    [
      'unknown reason',
      () => api.post('/v1/returns', shop.buyer, request({ reason: 'bored' })),
      422,
      'body.reason',
    ],
    [
      'oversized description',
      () => api.post('/v1/returns', shop.buyer, request({ description: 'x'.repeat(5001) })),
      422,
      'body.description',
    ],
    [
      'malformed id',
      () => api.post('/v1/returns', shop.buyer, request({ order_id: 'ord_nope' })),
      422,
      'body.order_id',
    ],
    [
      'invalid tracking number',
      () =>
        api.post(`/v1/returns/${inTransit.id}/ship`, shop.buyer, {
          carrier: 'UPS',
          tracking_number: '1Z-NOT-A-NUMBER',
        }),
      422,
      'body.tracking_number',
    ],
    [
      'amount over the refundable',
      () =>
        api.post(`/v1/returns/${inTransit.id}/accept_package`, shop.staff, {
          deduction_amount: 99_999_999,
        }),
      409,
      '',
    ],
    [
      'wrong currency on ingest',
      () =>
        api.post(
          '/v1/orders',
          { token: admin.authorization.slice(7) },
          {
            external_id: 'bad-currency-1',
            seller_id: shop.seller.id,
            buyer_id: shop.buyer.id,
            currency: 'XYZ',
            placed_at: '2026-02-20T10:00:00Z',
            shipping_amount: 0,
            payment_reference: 'p',
            lines: [{ sku: 'A', title: 'A', category: 'c', quantity: 1, unit_price: 100 }],
          },
        ),
      422,
      'body.currency',
    ],
    [
      'negative money on ingest',
      () =>
        api.post(
          '/v1/orders',
          { token: admin.authorization.slice(7) },
          {
            external_id: 'bad-money-1',
            seller_id: shop.seller.id,
            buyer_id: shop.buyer.id,
            currency: 'USD',
            placed_at: '2026-02-20T10:00:00Z',
            shipping_amount: -5,
            payment_reference: 'p',
            lines: [{ sku: 'A', title: 'A', category: 'c', quantity: 1, unit_price: 1.5 }],
          },
        ),
      422,
      'body.shipping_amount',
    ],
    [
      'policy with a bad field',
      () =>
        api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
          window_days: -3,
          bogus: 1,
        }),
      422,
      'body.window_days',
    ],
  ];

  it.each(cases)(
    '%s: 4xx problem+json naming the field, no rows written',
    async (_name, send, status, field) => {
      const before = await rowCounts(t.database.db);
      const res = await send();
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.code).toEqual(expect.any(String));
      if (field) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      expect(await rowCounts(t.database.db)).toEqual(before);
    },
  );

  it('outside the return window: not eligible, with the closing instant', async () => {
    const late = await createOrder(t.app, shop, {
      placed_at: '2025-11-25T10:00:00Z',
      delivered_at: '2025-12-01T10:00:00Z',
    });
    const eligibility = await api.get(`/v1/orders/${late.id}/eligibility`, shop.buyer);
    expect(eligibility.body.lines[0].eligible).toBe(false);
    expect(eligibility.body.lines[0].window_closes_at).toBe('2025-12-31T10:00:00.000Z');
    const before = await rowCounts(t.database.db);
    const res = await api.post('/v1/returns', shop.buyer, {
      ...request({}),
      order_id: late.id,
      lines: [{ order_line_id: late.lines[0].id, quantity: 1 }],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('not_eligible');
    expect(res.body.errors[0].path).toBe('body.lines.0');
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('a cursor no page gave is 422 on querystring.cursor, on every paged list, never a 500', async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // A real one first: the lists page, and their next_cursor is taken back.
    const another = await createOrder(t.app, shop);
    const second = await api.post('/v1/returns', shop.buyer, {
      ...request({}),
      order_id: another.id,
      lines: [{ order_line_id: another.lines[0].id, quantity: 1 }],
    });
    expect(second.status).toBe(201);
    const firstPage = await api.get('/v1/returns?limit=1&sort=created_at', shop.staff);
    expect(firstPage.status).toBe(200);
    const next = await api.get(
      `/v1/returns?limit=1&sort=created_at&cursor=${firstPage.body.next_cursor}`,
      shop.staff,
    );
    expect(next.status).toBe(200);
    expect(next.body.data).toHaveLength(1);
    const caseId = inTransit.id;
    const refused: [string, { token: string }][] = [
      ...[
        { key: 'not a date', id: caseId },
        { key: '2026-02-30T00:00:00Z', id: caseId },
        { key: '2026-13-01T00:00:00Z', id: caseId },
        { key: '2026-12-05T22:07:13.292Z', id: `${caseId}\u0000` },
        { key: '2026-12-05T22:07:13.292Z', id: 'a' },
        { key: '2026-12-05T22:07:13.292Z', id: order.id },
        { key: 12, id: caseId },
        { id: caseId },
        'zzz',
      ].map((c): [string, { token: string }] => [
        `/v1/returns?sort=due_at&cursor=${cursor(c)}`,
        shop.buyer,
      ]),
      ...['/v1/orders', '/v1/me/sessions', '/v1/me/api_keys', '/v1/notifications'].flatMap(
        (path): [string, { token: string }][] => [
          [`${path}?cursor=${cursor('\u0000')}`, shop.buyer],
          [`${path}?cursor=${cursor('zzz')}`, shop.buyer],
          [`${path}?cursor=not-base64-json`, shop.buyer],
        ],
      ),
      [`/v1/wallet?cursor=${cursor('\u0000')}`, shop.buyer],
      [`/v1/webhook_endpoints?cursor=${cursor('\u0000')}`, shop.staff],
    ];
    for (const [url, who] of refused) {
      const res = await api.get(url, who);
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['querystring.cursor']);
    }
  });

  it('a number in the query string is decimal digits: hex, exponents and blanks are 422', async () => {
    const numbers: [string, string, { token: string }][] = [
      ['/v1/returns', 'limit', shop.staff],
      ['/v1/orders', 'limit', shop.buyer],
      [`/v1/orders/${order.id}/messages`, 'limit', shop.buyer],
      ['/v1/analytics', 'shops', { token: admin.authorization.slice(7) }],
    ];
    for (const [path, name, who] of numbers) {
      for (const value of ['0x10', '1e1', '%2010', '', '10.0', '-1', '1_0']) {
        const res = await api.get(`${path}?${name}=${value}`, who);
        expect(res.status, `${path}?${name}=${value}: ${JSON.stringify(res.body)}`).toBe(422);
        expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
          `querystring.${name}`,
        ]);
      }
      const fine = await api.get(`${path}?${name}=10`, who);
      expect(fine.status, `${path}?${name}=10: ${JSON.stringify(fine.body)}`).toBe(200);
    }
  });

  it('an order id handed over again with other parties, money or lines is 409; the same order is 200', async () => {
    const operator = { token: admin.authorization.slice(7) };
    // Not delivered yet: it is handed over again once delivered.
    const body = orderBody(shop, { delivered_at: undefined });
    const first = await api.post('/v1/orders', operator, body);
    expect(first.status).toBe(201);
    // The same order again, its lines in another order and retitled, delivered since: 200.
    const again = await api.post('/v1/orders', operator, {
      ...body,
      delivered_at: '2026-02-25T15:00:00Z',
      lines: [{ ...body.lines[1]!, title: 'B, renamed' }, body.lines[0]!],
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.delivered_at).toBe('2026-02-25T15:00:00.000Z');

    const other = await createShop(t.app);
    const restated: [Record<string, unknown>, string[]][] = [
      [
        { seller_id: other.seller.id, buyer_id: other.buyer.id },
        ['body.seller_id', 'body.buyer_id'],
      ],
      [{ currency: 'EUR' }, ['body.currency']],
      [{ shipping_amount: 999_999 }, ['body.shipping_amount']],
      [{ placed_at: '2026-02-21T10:00:00Z' }, ['body.placed_at']],
      [{ lines: [{ ...body.lines[0]!, quantity: 9 }, body.lines[1]!] }, ['body.lines']],
      [{ lines: [body.lines[0]!] }, ['body.lines']],
    ];
    for (const [over, fields] of restated) {
      const before = await rowCounts(t.database.db);
      const res = await api.post('/v1/orders', operator, { ...body, ...over });
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe('conflict');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(fields);
      expect(await rowCounts(t.database.db)).toEqual(before);
    }
    const stored = await api.get(`/v1/orders/${first.body.id}`, shop.buyer);
    expect(stored.body.currency).toBe('USD');
    expect(stored.body.lines).toHaveLength(2);
  });
});
