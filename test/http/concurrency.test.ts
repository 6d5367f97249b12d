import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { deleteExpiredIdempotencyKeys } from '../../src/db/idempotency.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, orderBody, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('idempotency, versions and races [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_RATE_LIMIT_WRITES: '100000' });
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  async function openCase(type = 'return_and_refund'): Promise<Json> {
    const order = await createOrder(t.app, shop);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    return res.body;
  }
  const refundCount = async (id: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from refunds where case_id = ${id}`,
      )
    )[0]!.n;
  const eventCount = async (id: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from case_events where case_id = ${id}`,
      )
    )[0]!.n;

  it('the same Idempotency-Key and body return the first answer; another body is 422', async () => {
    const order = await createOrder(t.app, shop);
    const body = {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    };
    const key = { 'idempotency-key': 'req-123' };
    const first = await api.post('/v1/returns', shop.buyer, body, key);
    const again = await api.post('/v1/returns', shop.buyer, body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await api.post('/v1/returns', shop.buyer, { ...body, description: 'Other' }, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const cases = await api.get(`/v1/returns?order_id=${order.id}`, shop.buyer);
    expect(cases.body.data).toHaveLength(1);
  });

  it('an Idempotency-Key is kept for a week, then forgotten: the same request runs anew', async () => {
    const operator = { token: ADMIN_TOKEN };
    const shopBody = { name: 'Kept Keys Ltd', time_zone: 'Europe/London', region: 'GB' };
    const key = { 'idempotency-key': `shop-${Date.now()}` };
    const first = await api.post('/v1/sellers', operator, shopBody, key);
    expect(first.status).toBe(201);
    // Six days later the retry still gets the first answer; nothing expired to delete.
    t.clock.advance(6 * 86_400);
    expect(await deleteExpiredIdempotencyKeys(t.database.db, t.clock.now())).toBe(0);
    const kept = await api.post('/v1/sellers', operator, shopBody, key);
    expect(kept.headers['idempotent-replayed']).toBe('true');
    expect(kept.body.id).toBe(first.body.id);
    // Another key, used now, stays when the first one expires.
    const later = { 'idempotency-key': `${key['idempotency-key']}-later` };
    const second = await api.post('/v1/sellers', operator, { ...shopBody, name: 'Later' }, later);
    t.clock.advance(86_400 + 60);
    // The earlier tests' keys in this file are as old as the first one.
    expect(await deleteExpiredIdempotencyKeys(t.database.db, t.clock.now())).toBeGreaterThan(0);
    expect(await deleteExpiredIdempotencyKeys(t.database.db, t.clock.now())).toBe(0);
    const anew = await api.post('/v1/sellers', operator, shopBody, key);
    expect(anew.status).toBe(201);
    expect(anew.headers['idempotent-replayed']).toBeUndefined();
    expect(anew.body.id).not.toBe(first.body.id);
    const replayed = await api.post('/v1/sellers', operator, { ...shopBody, name: 'Later' }, later);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.id).toBe(second.body.id);
  });

  it('an order handed over before answers named the shop replays its answer as it was', async () => {
    const operator = { token: ADMIN_TOKEN };
    const key = { 'idempotency-key': `order-${Date.now()}` };
    const body = orderBody(shop);
    const first = await api.post('/v1/orders', operator, body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.shop_name).toBe('Harbor Goods');
    // The answer as an earlier version kept it: without the shop's name.
    await t.database.db.execute(
      sql`update idempotency_keys set response = response - 'shop_name' where key = ${key['idempotency-key']}`,
    );
    const again = await api.post('/v1/orders', operator, body, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.shop_name).toBeUndefined();
  });

  it('one order id handed over at once with other money: one order stored, the other 409, never answered as the other', async () => {
    const operator = { token: ADMIN_TOKEN };
    for (let round = 0; round < 5; round++) {
      const body = orderBody(shop);
      const [a, b] = await Promise.all([
        api.post('/v1/orders', operator, body),
        api.post('/v1/orders', operator, { ...body, shipping_amount: body.shipping_amount + 100 }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses, JSON.stringify([a.body, b.body])).toEqual([201, 409]);
      const stored = a.status === 201 ? a : b;
      const refused = a.status === 201 ? b : a;
      expect(refused.body.code).toBe('conflict');
      expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual([
        'body.shipping_amount',
      ]);
      const rows = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from orders where external_id = ${body.external_id}`,
      );
      expect(rows[0]!.n).toBe(1);
      expect(stored.body.shipping_amount).toBe(
        stored === a ? body.shipping_amount : body.shipping_amount + 100,
      );
    }
  });

  it('100 parallel identical approvals with one key: one transition, one refund, one answer', async () => {
    const c = await openCase('refund_only');
    const key = { 'idempotency-key': `approve-${c.id}` };
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        api.post(`/v1/returns/${c.id}/approve`, shop.staff, {}, key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0]!.body.status).toBe('refund_pending');
    expect(await eventCount(c.id)).toBe(3); // requested, approved, refund_pending
    expect(await refundCount(c.id)).toBe(1);
  });

  it('100 parallel approvals with different keys: exactly one wins and books one refund', async () => {
    const c = await openCase('refund_only');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api.post(
          `/v1/returns/${c.id}/approve`,
          shop.staff,
          {},
          { 'idempotency-key': `k-${c.id}-${i}` },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const loser = answers.find((a) => a.status === 409)!;
    expect(loser.body.code).toBe('transition_not_allowed');
    expect(loser.body.allowed_commands).toEqual([]);
    expect(await eventCount(c.id)).toBe(3);
    expect(await refundCount(c.id)).toBe(1);
  });

  it('buyer withdraw racing seller approve on the version both saw: exactly one wins', async () => {
    // Each party acts on the case as it saw it (If-Match: version 1). Withdrawing is also allowed
    // after an approval, so without If-Match both could succeed one after the other.
    for (let round = 0; round < 5; round++) {
      const c = await openCase();
      const seen = { 'if-match': `"${c.version}"` };
      const [withdraw, approve] = await Promise.all([
        api.post(`/v1/returns/${c.id}/withdraw`, shop.buyer, {}, seen),
        api.post(`/v1/returns/${c.id}/approve`, shop.staff, {}, seen),
      ]);
      expect([withdraw.status, approve.status].sort()).toEqual([200, 412]);
      const final = await api.get(`/v1/returns/${c.id}`, shop.buyer);
      expect(final.body.status).toBe(withdraw.status === 200 ? 'cancelled' : 'awaiting_shipment');
      expect(await eventCount(c.id)).toBe(2);
    }
  });

  it('without If-Match, a withdraw after an approval is a second, valid move', async () => {
    const c = await openCase();
    const [withdraw, approve] = await Promise.all([
      api.post(`/v1/returns/${c.id}/withdraw`, shop.buyer, {}),
      api.post(`/v1/returns/${c.id}/approve`, shop.staff, {}),
    ]);
    const events = (await api.get(`/v1/returns/${c.id}/events`, shop.buyer)).body.data as Json[];
    const types = events.map((e) => e.type);
    if (approve.status === 200) {
      expect(types).toEqual(['return.requested', 'return.approved', 'return.withdrawn']);
    } else {
      expect(approve.status).toBe(409);
      expect(types).toEqual(['return.requested', 'return.withdrawn']);
    }
    expect(withdraw.status).toBe(200);
  });

  it('If-Match with a stale version answers 412 and changes nothing', async () => {
    const c = await openCase();
    expect((await api.get(`/v1/returns/${c.id}`, shop.staff)).headers['etag']).toBe('"1"');
    const stale = await api.post(
      `/v1/returns/${c.id}/approve`,
      shop.staff,
      {},
      { 'if-match': '"0"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');
    const fresh = await api.post(
      `/v1/returns/${c.id}/approve`,
      shop.staff,
      {},
      { 'if-match': '"1"' },
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(2);
  });

  it('If-Match compares strongly: a weak tag never matches, a malformed one is refused', async () => {
    const c = await openCase();
    const approve = (tag: string) =>
      api.post(`/v1/returns/${c.id}/approve`, shop.staff, {}, { 'if-match': tag });
    const weak = await approve('W/"1"');
    expect(weak.status).toBe(412);
    expect(weak.body.code).toBe('version_mismatch');
    // A case not found stays 404 whatever the tag.
    const missing = await api.post(
      '/v1/returns/ret_01jx3v7k2m9q8r5t6w4y1z0abc/approve',
      shop.staff,
      {},
      { 'if-match': 'W/"1"' },
    );
    expect(missing.status).toBe(404);
    for (const bad of ['"1', '1"', '"1", "2"', 'W/1x', '"-1"']) {
      const refused = await approve(bad);
      expect(refused.status, bad).toBe(422);
      expect(refused.body.errors[0].path).toContain('if-match');
    }
    expect((await api.get(`/v1/returns/${c.id}`, shop.staff)).body.version).toBe(1);
    const any = await approve('*');
    expect(any.status).toBe(200);
    expect(any.body.version).toBe(2);
  });
});
