import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { MAX_AMOUNT } from '../../src/domain/money.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { rowCounts } from '../support/counts.ts';
import { ENGINES } from '../support/db.ts';
import { admin, createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * Money stays integer: amounts past the documented bound are refused at ingest, and a request
 * that fails after its writes leaves nothing behind.
 */
describe.each(ENGINES)('money bounds and atomic writes [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  const orderBody = (lines: object[], over: object = {}) => ({
    external_id: `big-${Math.random().toString(36).slice(2)}`,
    seller_id: shop.seller.id,
    buyer_id: shop.buyer.id,
    currency: 'USD',
    placed_at: '2026-02-20T10:00:00Z',
    delivered_at: '2026-02-25T15:00:00Z',
    shipping_amount: 0,
    payment_reference: 'pay_big',
    lines: lines.map((l) => ({ sku: 'BIG', title: 'Big', category: 'home', ...l })),
    ...over,
  });
  const ingest = (body: object) =>
    t.app.inject({ method: 'POST', url: '/v1/orders', headers: admin, payload: body });

  it('refuses the float order (3002399751580331 × 3 less a discount) and writes nothing', async () => {
    const before = await rowCounts(t.database.db);
    const res = await ingest(
      orderBody(
        [{ quantity: 3, unit_price: 3002399751580331, line_discount_amount: 9007199254740000 }],
        { order_discount_amount: 0 },
      ),
    );
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: Json) => e.path);
    expect(paths).toContain('body.lines.0.unit_price');
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('refuses a line whose price × quantity passes the bound, naming the line', async () => {
    const before = await rowCounts(t.database.db);
    const res = await ingest(orderBody([{ quantity: 3, unit_price: MAX_AMOUNT / 2 }]));
    expect(res.statusCode, res.body).toBe(422);
    expect(JSON.stringify(res.json().errors)).toMatch(/lines.*0.*unit_price/);
    const total = await ingest(
      orderBody([
        { quantity: 1, unit_price: MAX_AMOUNT },
        { quantity: 1, unit_price: 1, sku: 'SMALL' },
      ]),
    );
    expect(total.statusCode, total.body).toBe(422);
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('prices and files a return on an order at the bound, exactly', async () => {
    const res = await ingest(
      orderBody([{ quantity: 3, unit_price: 333_333_333_333, tax_amount: 1 }]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json();
    const preview = await api.post(`/v1/orders/${order.id}/refund_preview`, shop.buyer, {
      reason: 'defective',
      lines: [{ order_line_id: order.lines[0].id, quantity: 3 }],
    });
    if (preview.status !== 404) {
      expect(preview.status, JSON.stringify(preview.body)).toBeLessThan(500);
    }
    const filed = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'defective',
      description: 'Broken on arrival.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 3 }],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.refund_preview.total).toBe(999_999_999_999 + 1);
    expect(Number.isSafeInteger(filed.body.refund_preview.total)).toBe(true);
  });

  async function failOn(table: string) {
    await t.database.db.execute(
      sql.raw(`create or replace function sendback_test_fault() returns trigger language plpgsql
        as $$ begin raise exception 'injected fault'; end $$`),
    );
    await t.database.db.execute(
      sql.raw(`create trigger sendback_test_fault after insert on ${table}
        for each row execute function sendback_test_fault()`),
    );
    return () => t.database.db.execute(sql.raw(`drop trigger sendback_test_fault on ${table}`));
  }

  it('a fault after the case is written rolls the whole request back, key and all', async () => {
    const order = await createOrder(t.app, shop);
    const body = {
      order_id: order.id,
      reason: 'defective',
      description: 'It does not work.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    };
    const key = { 'idempotency-key': `fault-${order.id}` };
    const before = await rowCounts(t.database.db);
    const heal = await failOn('case_events');
    const failed = await api.post('/v1/returns', shop.buyer, body, key);
    await heal();
    expect(failed.status).toBe(500);
    expect(JSON.stringify(failed.body)).not.toContain('injected fault');
    expect(await rowCounts(t.database.db)).toEqual(before);
    // The key was not kept either: the retry does the work.
    const retried = await api.post('/v1/returns', shop.buyer, body, key);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('an answer the response schema refuses (500) leaves nothing written', async () => {
    // The stored order comes back with a negative total: the write succeeded, the answer cannot.
    await t.database.db.execute(
      sql.raw(`create or replace function sendback_test_corrupt() returns trigger language plpgsql
        as $$ begin new.total_paid := -1; return new; end $$`),
    );
    await t.database.db.execute(
      sql.raw(`create trigger sendback_test_corrupt before insert on orders
        for each row execute function sendback_test_corrupt()`),
    );
    const before = await rowCounts(t.database.db);
    const res = await ingest(orderBody([{ quantity: 1, unit_price: 1000 }]));
    await t.database.db.execute(sql.raw('drop trigger sendback_test_corrupt on orders'));
    expect(res.statusCode).toBe(500);
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('a fault while booking the refund leaves the approval and its events unwritten', async () => {
    const order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type: 'refund_only',
      reason: 'defective',
      description: 'It does not work.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    const eventsBefore = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from case_events where case_id = ${c.body.id}`,
    );
    const heal = await failOn('refunds');
    const failed = await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    await heal();
    expect(failed.status).toBe(500);
    const seen = await api.get(`/v1/returns/${c.body.id}`, shop.staff);
    expect(seen.body).toMatchObject({ status: 'requested', version: c.body.version });
    const eventsAfter = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from case_events where case_id = ${c.body.id}`,
    );
    expect(eventsAfter).toEqual(eventsBefore);
    const refunds = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from refunds where case_id = ${c.body.id}`,
    );
    expect(refunds[0]?.n).toBe(0);
  });
});
