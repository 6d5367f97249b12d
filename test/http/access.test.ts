import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { rowCounts } from '../support/counts.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, createUser, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

type Who = 'anonymous' | 'buyer' | 'other_buyer' | 'staff' | 'other_staff' | 'agent' | 'operator';
const WHO: Who[] = [
  'anonymous',
  'buyer',
  'other_buyer',
  'staff',
  'other_staff',
  'agent',
  'operator',
];

/**
 * Every endpoint against every role, on shop A's resources. "other_*" belong to shop B. Someone
 * else's resource is 404 (never 403), so ids cannot be probed; 403 only where the role can never act.
 */
describe.each(ENGINES)('access matrix [%s]', (engine) => {
  let t: TestApp;
  let a: Shop;
  let b: Shop;
  let order: Json;
  let caseId: string;
  let tokens: Record<Who, string | undefined>;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    a = await createShop(t.app);
    b = await createShop(t.app);
    const operator = await createUser(t.app, 'operator');
    order = await createOrder(t.app, a);
    const c = await api.post('/v1/returns', a.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    caseId = c.body.id;
    tokens = {
      anonymous: undefined,
      buyer: a.buyer.token,
      other_buyer: b.buyer.token,
      staff: a.staff.token,
      other_staff: b.staff.token,
      agent: a.agent.token,
      operator: operator.token,
    };
  });
  afterAll(() => t.close());

  type Row = [string, 'GET' | 'POST' | 'PUT', () => string, () => unknown, Record<Who, number>];
  const read = {
    anonymous: 401,
    buyer: 200,
    other_buyer: 404,
    staff: 200,
    other_staff: 404,
    agent: 200,
    operator: 200,
  };
  const rows: Row[] = [
    ['GET order', 'GET', () => `/v1/orders/${order.id}`, () => undefined, read],
    ['GET eligibility', 'GET', () => `/v1/orders/${order.id}/eligibility`, () => undefined, read],
    ['GET return', 'GET', () => `/v1/returns/${caseId}`, () => undefined, read],
    ['GET return events', 'GET', () => `/v1/returns/${caseId}/events`, () => undefined, read],
    ['GET seller', 'GET', () => `/v1/sellers/${a.seller.id}`, () => undefined, read],
    ['GET record', 'GET', () => `/v1/returns/${caseId}/record`, () => undefined, read],
    [
      'GET thread',
      'GET',
      () => `/v1/orders/${order.id}/messages`,
      () => undefined,
      {
        ...read,
        // Agents join a thread once a case of the order is disputed.
        agent: 404,
      },
    ],
    [
      // A return policy is public: buyers read it before they buy.
      'GET return policy',
      'GET',
      () => `/v1/sellers/${a.seller.id}/return_policy`,
      () => undefined,
      {
        anonymous: 200,
        buyer: 200,
        other_buyer: 200,
        staff: 200,
        other_staff: 200,
        agent: 200,
        operator: 200,
      },
    ],
    [
      'GET return addresses',
      'GET',
      () => `/v1/sellers/${a.seller.id}/return_addresses`,
      () => undefined,
      { ...read, buyer: 404 },
    ],
    [
      'PUT return policy',
      'PUT',
      () => `/v1/sellers/${a.seller.id}/return_policy`,
      () => ({ window_days: 30 }),
      {
        anonymous: 401,
        buyer: 403,
        other_buyer: 403,
        staff: 200,
        other_staff: 404,
        agent: 403,
        operator: 200,
      },
    ],
    [
      'POST order',
      'POST',
      () => '/v1/orders',
      () => ({
        external_id: `acl-${Math.random()}`,
        seller_id: a.seller.id,
        buyer_id: a.buyer.id,
        currency: 'USD',
        placed_at: '2026-02-20T10:00:00Z',
        shipping_amount: 0,
        payment_reference: 'p',
        lines: [{ sku: 'A', title: 'A', category: 'c', quantity: 1, unit_price: 100 }],
      }),
      {
        anonymous: 401,
        buyer: 403,
        other_buyer: 403,
        staff: 403,
        other_staff: 403,
        agent: 403,
        operator: 201,
      },
    ],
    [
      'POST user',
      'POST',
      () => '/v1/users',
      () => ({ email: `acl-${Math.random()}@example.test`, name: 'X', role: 'buyer' }),
      {
        anonymous: 401,
        buyer: 403,
        other_buyer: 403,
        staff: 403,
        other_staff: 403,
        agent: 403,
        operator: 201,
      },
    ],
    [
      'POST return on the order',
      'POST',
      () => '/v1/returns',
      () => ({
        order_id: order.id,
        reason: 'damaged',
        description: 'x',
        lines: [{ order_line_id: order.lines[1].id, quantity: 1 }],
        type: 'refund_only',
      }),
      // Only the order's buyer may request; the buyer's second request is decided and refused
      // or accepted by eligibility, so here it is checked separately below.
      {
        anonymous: 401,
        buyer: -1,
        other_buyer: 404,
        staff: 403,
        other_staff: 404,
        agent: 403,
        operator: 403,
      },
    ],
    [
      'POST seller command (offer) on the case',
      'POST',
      () => `/v1/returns/${caseId}/offer_partial_refund`,
      () => ({ amount: 1 }),
      {
        anonymous: 401,
        buyer: 403,
        other_buyer: 404,
        staff: -1,
        other_staff: 404,
        agent: 403,
        operator: 403,
      },
    ],
    [
      'POST agent command (rule) on the case',
      'POST',
      () => `/v1/returns/${caseId}/rule_for_seller`,
      () => ({ note: 'x' }),
      {
        anonymous: 401,
        buyer: 403,
        other_buyer: 404,
        staff: 403,
        other_staff: 404,
        agent: 409,
        operator: 403,
      },
    ],
  ];

  it.each(rows)('%s', async (_name, method, url, body, expected) => {
    for (const who of WHO) {
      if (expected[who] === -1) continue;
      const before = await rowCounts(t.database.db);
      const res = await api.send(method, url(), tokens[who], body());
      expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(expected[who]);
      if (res.status >= 400) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(await rowCounts(t.database.db)).toEqual(before);
      }
    }
  });

  it('lists show only what is in reach', async () => {
    const mine = await api.get('/v1/returns', { token: tokens.buyer! });
    expect(mine.body.data.map((c: Json) => c.id)).toContain(caseId);
    // A buyer's orders name the shop each was bought from.
    const myOrders = await api.get('/v1/orders', { token: tokens.buyer! });
    const listed = myOrders.body.data.find((o: Json) => o.id === order.id);
    expect(listed.shop_name).toBe('Harbor Goods');
    expect((await api.get(`/v1/orders/${order.id}`, { token: tokens.buyer! })).body.shop_name).toBe(
      'Harbor Goods',
    );
    for (const who of ['other_buyer', 'other_staff'] as const) {
      const theirs = await api.get('/v1/returns', { token: tokens[who]! });
      expect(theirs.body.data.map((c: Json) => c.id)).not.toContain(caseId);
      const orders = await api.get('/v1/orders', { token: tokens[who]! });
      expect(orders.body.data.map((o: Json) => o.id)).not.toContain(order.id);
    }
    const agentView = await api.get('/v1/returns', { token: tokens.agent! });
    expect(agentView.body.data.map((c: Json) => c.id)).toContain(caseId);
  });

  it('a bad API key is 401 and the admin token is an operator', async () => {
    const bad = await api.get('/v1/me', { token: 'sbk_not-a-key' });
    expect(bad.status).toBe(401);
    const me = await api.get('/v1/me', { token: ADMIN_TOKEN });
    expect(me.body.user.role).toBe('operator');
  });

  it('a route for other roles is 403 before its input is read: the caller learns nothing of it', async () => {
    const sends: [Who, 'POST' | 'PUT' | 'GET', string, unknown][] = [
      ['buyer', 'POST', '/v1/sellers', {}],
      ['buyer', 'POST', '/v1/sellers', { name: 'x'.repeat(5000), unknown: true }],
      ['staff', 'POST', '/v1/orders', {}],
      ['staff', 'POST', '/v1/users', { email: 'not-an-email' }],
      ['agent', 'PUT', '/v1/platform/rules', { max_return_rate: 'lots' }],
      ['buyer', 'POST', '/v1/webhook_endpoints', { url: 'nonsense' }],
      ['buyer', 'GET', '/v1/webhook_endpoints?limit=-1', undefined],
      ['staff', 'GET', '/v1/wallet?cursor=tampered', undefined],
    ];
    for (const [who, method, url, payload] of sends) {
      const before = await rowCounts(t.database.db);
      const res = await api.send(method, url, tokens[who], payload);
      expect(res.status, `${who} ${method} ${url}: ${JSON.stringify(res.body)}`).toBe(403);
      expect(res.body.code).toBe('forbidden');
      expect(res.body.errors).toBeUndefined();
      expect(await rowCounts(t.database.db)).toEqual(before);
    }
    // Without a caller it is 401, and the route's own callers still get its validation.
    expect((await api.send('POST', '/v1/sellers', undefined, {})).status).toBe(401);
    const operator = await api.send('POST', '/v1/sellers', tokens.operator, {});
    expect(operator.status).toBe(422);
    expect(operator.body.errors.map((e: { path: string }) => e.path)).toContain('body.name');
  });
});
