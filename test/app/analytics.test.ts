import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import {
  csvField,
  csvList,
  decimalAmount,
  periodsOf,
  resolveRange,
} from '../../src/app/analytics.ts';
import { executeDueRefunds, type RefundWorkerOptions } from '../../src/app/execute-refunds.ts';
import { paymentGateways } from '../../src/app/payment-gateways.ts';
import { type Db, inTransaction, queryRows } from '../../src/db/database.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { MIGRATIONS_FOLDER } from '../../src/paths.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { cloneCase } from '../support/bulk.ts';
import { ENGINES } from '../support/db.ts';
import {
  createOrder,
  createShop,
  createUser,
  type Person,
  type Shop,
  uploadEvidence,
} from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const HOUR_MS = 3_600_000;
const admin = { token: ADMIN_TOKEN };

/** Rows of a CSV answer (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('analytics calendar and CSV helpers', () => {
  it('periods start at the range start, then on each day, Monday or first of the month', () => {
    const range = { from: '2026-02-26', to: '2026-03-10' };
    expect(periodsOf(range, 'week')).toEqual(['2026-02-26', '2026-03-02', '2026-03-09']);
    expect(periodsOf(range, 'month')).toEqual(['2026-02-26', '2026-03-01']);
    expect(periodsOf({ from: '2026-02-27', to: '2026-03-01' }, 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('a cell of several values neutralizes every value, not only the first', () => {
    expect(csvList(['MUG-01', '=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])).toBe(
      "MUG-01;'=1+1;'+1;'-1;'@SUM(A1);'\tx;'\rx",
    );
    expect(csvField(csvList(['kitchen', '=HYPERLINK("http://x")']))).toBe(
      `"kitchen;'=HYPERLINK(""http://x"")"`,
    );
    expect(csvList([])).toBeNull();
    expect(csvList(null)).toBeNull();
  });

  it('ranges default to the last 30 days of the zone and refuse impossible ones', () => {
    const now = new Date('2026-03-02T03:00:00Z'); // still March 1st in New York
    expect(resolveRange({}, 'America/New_York', now)).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
    expect(resolveRange({}, 'Asia/Shanghai', now).to).toBe('2026-03-02');
    expect(resolveRange({ from: '2026-02-01' }, null, now)).toEqual({
      from: '2026-02-01',
      to: '2026-03-02',
    });
    for (const bad of [
      { from: '2026-02-30' },
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2020-01-01', to: '2026-01-01' },
      { to: '1999-12-31' },
    ]) {
      expect(() => resolveRange(bad, 'UTC', now)).toThrow();
    }
  });

  it('CSV fields are quoted when needed and never start a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvField('-1,2')).toBe(`"'-1,2"`);
    expect(csvField(null)).toBe('');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(decimalAmount(1844, 'USD')).toBe('18.44');
    expect(decimalAmount(5, 'USD')).toBe('0.05');
    expect(decimalAmount(1200, 'JPY')).toBe('1200');
  });
});

describe.each(ENGINES)('seller analytics [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let other: Shop;
  let stranger: Person;
  let api: ReturnType<typeof client>;
  let refundOptions: RefundWorkerOptions;
  const ids: Record<string, string> = {};
  /** Seconds from request to refund of each refunded case, as the clock moved. */
  const refundSeconds: Record<string, number> = {};
  let t0: number;

  const now = () => t.clock.now().getTime();
  const at = (ms: number) => t.clock.advance((ms - now()) / 1000);
  const ok = async (res: Promise<{ status: number; body: Json }>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body as Json;
  };
  const run = (id: string, command: string, who: { token: string }, body: object = {}) =>
    ok(api.post(`/v1/returns/${id}/${command}`, who, body));
  const byId = (...keys: string[]) => keys.map((k) => ids[k]!).sort();
  const refundsDue = () => executeDueRefunds(t.database.db, t.clock.now(), refundOptions);
  const sweep = () => advanceOverdueCases(t.database.db, t.clock.now());
  const analytics = (
    query: string,
    who: { token: string } = shop.staff,
    sellerId = shop.seller.id,
  ) => api.get(`/v1/sellers/${sellerId}/analytics?${query}`, who);

  async function request(
    key: string,
    line: 0 | 1,
    reason: string,
    destination: string,
    type = 'return_and_refund',
  ) {
    const order = await createOrder(t.app, shop);
    const c = await ok(
      api.post('/v1/returns', shop.buyer, {
        order_id: order.id,
        type,
        reason,
        description: `Case ${key}.`,
        lines: [{ order_line_id: order.lines[line].id, quantity: 1 }],
        refund_destination: destination,
      }),
      201,
    );
    ids[key] = c.id;
    return c;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    shop = await createShop(t.app);
    other = await createShop(t.app);
    stranger = await createUser(t.app, 'buyer');
    refundOptions = {
      gateways: paymentGateways(t.database.db, {
        settle_seconds: 3600,
        fail_rate: 0,
        random: () => 0.99,
      }),
      max_attempts: 3,
      backoff_base_seconds: 30,
    };
    // A 10 % restocking fee for buyer-fault returns, so the figure has something to count.
    await ok(
      api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
        restocking_fee_pct: 10,
      }),
    );

    // The story, on the manual clock. The shop is in New York; t0 = Monday 2026-03-02 09:00 UTC.
    // Every order has two lines (MUG-01 kitchen, TEE-M apparel), delivered 2026-02-25.
    t0 = now();
    // One more order, delivered before the range asked for below: its lines never count.
    await createOrder(t.app, shop, {
      placed_at: '2026-01-05T10:00:00Z',
      delivered_at: '2026-01-10T15:00:00Z',
    });
    await request('A', 0, 'damaged', 'platform_balance');
    await request('B', 1, 'wrong_size', 'original_payment');
    await request('C', 0, 'changed_mind', 'platform_balance');
    await request('D', 0, 'defective', 'platform_balance', 'refund_only');
    await request('E', 0, 'not_as_described', 'platform_balance');
    const bDue = new Date((await ok(api.get(`/v1/returns/${ids.B}`, shop.staff))).due_at).getTime();

    at(t0 + HOUR_MS);
    await run(ids.A!, 'approve', shop.staff);
    const c = await run(ids.C!, 'approve', shop.staff);
    await run(ids.E!, 'approve', shop.staff);
    await run(ids.D!, 'reject', shop.staff, { reason: 'no_defect_found', note: 'Works here.' });

    at(t0 + 2 * HOUR_MS);
    await run(ids.A!, 'ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking('an-A') });
    const shippedE = await run(ids.E!, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking('an-E'),
    });
    await run(ids.D!, 'escalate', shop.buyer, { note: 'It does not charge.' });

    // 04:30 UTC on March 3rd is still March 2nd in New York: the decision counts on the 2nd.
    at(Date.parse('2026-03-03T04:30:00Z'));
    await run(ids.A!, 'mark_received', shop.staff);
    at(t0 + 24 * HOUR_MS);
    const photo = await uploadEvidence(t.app, shop.staff);
    await run(ids.A!, 'accept_package', shop.staff, {
      deduction_amount: 100,
      note: 'Scuffed base.',
      attachment_ids: [photo],
    });
    expect(await refundsDue()).toMatchObject({ succeeded: 1 });
    refundSeconds.A = (now() - t0) / 1000;

    // B's review deadline passes: auto-approved (the shop missed it). D is ruled for the buyer.
    at(bDue);
    expect(await sweep()).toMatchObject({ expired: 1 });
    await run(ids.D!, 'rule_for_buyer', shop.agent, { amount: 500, note: 'Refund 5.00.' });
    expect(await refundsDue()).toMatchObject({ succeeded: 1 });
    refundSeconds.D = (now() - t0) / 1000;
    await run(ids.B!, 'ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking('an-B') });

    at(bDue + 24 * HOUR_MS);
    await run(ids.B!, 'mark_received', shop.staff);
    await run(ids.B!, 'accept_package', shop.staff);
    expect(await refundsDue()).toMatchObject({ pending: 1 });
    at(bDue + 25 * HOUR_MS);
    expect(await refundsDue()).toMatchObject({ succeeded: 1 });
    refundSeconds.B = (now() - t0) / 1000;

    // C is never shipped (auto-closed); E is never marked received (auto-refunded).
    at(new Date(c.due_at).getTime());
    expect(await sweep()).toMatchObject({ expired: 1 });
    at(new Date(shippedE.due_at).getTime());
    expect(await sweep()).toMatchObject({ expired: 1 });
    expect(await refundsDue()).toMatchObject({ succeeded: 1 });
    refundSeconds.E = (now() - t0) / 1000;
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every figure of the range, computed by hand', async () => {
    const body = await ok(analytics('from=2026-02-20&to=2026-03-31&granularity=week'));
    expect(body).toMatchObject({
      seller_id: shop.seller.id,
      time_zone: 'America/New_York',
      from: '2026-02-20',
      to: '2026-03-31',
      granularity: 'week',
    });
    // Five requests: damaged, defective, not as described (seller's fault); wrong size and
    // changed mind (buyer's).
    expect(body.cases.opened).toBe(5);
    const byReason = Object.fromEntries(body.cases.by_reason.map((r: Json) => [r.reason, r.cases]));
    expect(byReason).toEqual({
      damaged: 1,
      defective: 1,
      wrong_item: 0,
      not_as_described: 1,
      missing_parts: 0,
      changed_mind: 1,
      wrong_size: 1,
      no_longer_needed: 0,
    });
    expect(body.cases.by_fault).toEqual([
      { fault: 'seller', cases: 3 },
      { fault: 'buyer', cases: 2 },
    ]);

    // Five orders of two lines delivered on Feb 25th (the January order is outside): 10 lines.
    // 5 cases / 10 lines = 0.5. MUG-01 is in A, C, D, E: 4 / 5; TEE-M in B: 1 / 5.
    expect(body.return_rate).toMatchObject({ cases: 5, lines_delivered: 10, rate: 0.5 });
    expect(body.return_rate.by_sku).toEqual([
      { sku: 'MUG-01', cases: 4, lines_delivered: 5, rate: 0.8 },
      { sku: 'TEE-M', cases: 1, lines_delivered: 5, rate: 0.2 },
    ]);
    expect(body.return_rate.by_category).toEqual([
      { category: 'kitchen', cases: 4, lines_delivered: 5, rate: 0.8 },
      { category: 'apparel', cases: 1, lines_delivered: 5, rate: 0.2 },
    ]);

    // Refunds paid. A mug line is 1800 + 144 tax = 1944. A: 1944 - 100 deduction = 1844;
    // D: 500 as ruled (agreed: nothing kept); E: 1944 in full (auto-refunded). All to the
    // platform balance: 1844 + 500 + 1944 = 4288. B, the tee: 2500 + 200 tax - 250 restocking
    // fee (10 % of 2500) = 2450, to the card.
    expect(body.refunds.by_destination).toEqual([
      { currency: 'USD', destination: 'original_payment', refunds: 1, amount: 2450 },
      { currency: 'USD', destination: 'platform_balance', refunds: 3, amount: 4288 },
    ]);
    expect(body.refunds.by_currency).toEqual([
      { currency: 'USD', refunds: 4, amount: 6738, deductions: 100, restocking_fees: 250 },
    ]);
    // Request to refund: A 24 h, D 48 h (B's review deadline), B 73 h, E its receiving deadline.
    const secs = [refundSeconds.A!, refundSeconds.D!, refundSeconds.B!, refundSeconds.E!];
    expect(secs.slice(0, 3)).toEqual([24 * 3600, 48 * 3600, 73 * 3600]);
    expect(secs[3]).toBeGreaterThan(secs[2]!);
    // Median of 4 sorted values: the mean of the 2nd and 3rd. 90th percentile: rank
    // 0.9 * (4 - 1) = 2.7, so the 3rd value plus 0.7 of the way to the 4th.
    expect(body.refunds.time_to_refund).toEqual({
      refunds: 4,
      median_seconds: (48 * 3600 + 73 * 3600) / 2,
      p90_seconds: Math.round(73 * 3600 + 0.7 * (secs[3]! - 73 * 3600)),
    });

    // The shop decided 8 times in time: approve A, C, E; reject D; receive and accept A and B.
    // It missed 2 deadlines: B's review (auto-approved) and E's receipt (auto-refunded).
    // Compliance = 8 / (8 + 2). C closed itself when the buyer did not ship (auto-closed).
    expect(body.deadlines).toEqual({
      decisions_on_time: 8,
      deadlines_missed: 2,
      compliance: 0.8,
      automatic: { auto_approved: 1, auto_refunded: 1, auto_closed: 1 },
    });
    expect(body.disputes).toEqual({ opened: 1, ruled_for_buyer: 1, ruled_for_seller: 0 });

    // Weeks from Monday; the first is clamped to the range's start.
    expect(body.series.map((p: Json) => p.period)).toEqual([
      '2026-02-20',
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
      '2026-03-30',
    ]);
    const week = (period: string) => body.series.find((p: Json) => p.period === period);
    expect(week('2026-02-23')).toMatchObject({ cases: 0, refunds: [], decisions_on_time: 0 });
    // Week of March 2nd: all five requests, the refunds of A, D (wallet) and B (card), all 8
    // decisions, B's auto-approval: 8 / 9.
    expect(week('2026-03-02')).toMatchObject({
      cases: 5,
      cases_by_reason: { damaged: 1, wrong_size: 1, changed_mind: 1, defective: 1 },
      refunds: [
        { currency: 'USD', destination: 'original_payment', refunds: 1, amount: 2450 },
        { currency: 'USD', destination: 'platform_balance', refunds: 2, amount: 2344 },
      ],
      decisions_on_time: 8,
      deadlines_missed: 1,
      compliance: 8 / 9,
      auto_approved: 1,
      auto_refunded: 0,
      auto_closed: 0,
      disputes_opened: 1,
    });
    // Week of March 9th: C auto-closed, E auto-refunded and paid.
    expect(week('2026-03-09')).toMatchObject({
      cases: 0,
      refunds: [{ currency: 'USD', destination: 'platform_balance', refunds: 1, amount: 1944 }],
      decisions_on_time: 0,
      deadlines_missed: 1,
      compliance: 0,
      auto_refunded: 1,
      auto_closed: 1,
    });
  });

  it("counts days in the shop's time zone, both ends of the range included", async () => {
    const days = await ok(analytics('from=2026-03-02&to=2026-03-03&granularity=day'));
    const day = (d: string) => days.series.find((p: Json) => p.period === d);
    // March 2nd (New York): approvals of A, C, E, the rejection of D, and A marked received at
    // 23:30 local time; March 3rd: A's package accepted.
    expect(day('2026-03-02').decisions_on_time).toBe(5);
    expect(day('2026-03-03').decisions_on_time).toBe(1);
    expect(days.refunds.by_currency[0]).toMatchObject({
      refunds: 1,
      amount: 1844,
      deductions: 100,
    });

    // From March 3rd on, the requests (March 2nd) are outside the range; deliveries too.
    const later = await ok(analytics('from=2026-03-03&to=2026-03-31'));
    expect(later.cases.opened).toBe(0);
    expect(later.return_rate).toMatchObject({ cases: 0, lines_delivered: 0, rate: null });
    expect(later.deadlines.decisions_on_time).toBe(3);
    expect(later.refunds.time_to_refund.refunds).toBe(4);

    // The January delivery counts in its own range.
    const january = await ok(analytics('from=2026-01-01&to=2026-01-31&granularity=month'));
    expect(january.return_rate).toMatchObject({ cases: 0, lines_delivered: 2, rate: 0 });
    expect(january.series).toHaveLength(1);
  });

  it('a shop sees only itself; agents and operators see any shop; buyers none', async () => {
    expect((await analytics('', shop.staff)).status).toBe(200);
    expect((await analytics('', shop.staff, other.seller.id)).status).toBe(404);
    expect((await analytics('', other.staff)).status).toBe(404);
    expect((await analytics('', shop.buyer)).status).toBe(403);
    expect((await analytics('', stranger)).status).toBe(403);
    expect((await api.get(`/v1/sellers/${shop.seller.id}/analytics`, undefined)).status).toBe(401);
    const byAgent = await ok(analytics('from=2026-02-20&to=2026-03-31', shop.agent));
    expect(byAgent.cases.opened).toBe(5);
    expect((await analytics('from=2026-02-20&to=2026-03-31', admin)).status).toBe(200);
    // A well-formed id of no shop: 404 to everyone.
    expect((await analytics('', shop.agent, 'sel_01jx3v7k2m9q8r5t6w4y1z0abc')).status).toBe(404);
    // The export has the same rules.
    const csv = (who: { token: string } | undefined, id = shop.seller.id) =>
      api.get(`/v1/sellers/${id}/analytics/cases.csv`, who);
    expect((await csv(shop.staff, other.seller.id)).status).toBe(404);
    expect((await csv(shop.buyer)).status).toBe(403);
    expect((await csv(undefined)).status).toBe(401);
  });

  it('refuses impossible ranges and unknown granularities with 422', async () => {
    for (const q of [
      'from=2026-02-30',
      'from=2026-03-10&to=2026-03-01',
      'from=2020-01-01&to=2026-01-01',
      'granularity=year',
      'from=yesterday',
    ]) {
      const res = await analytics(q);
      expect(res.status, q).toBe(422);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('the platform view adds up every shop, and ranks shops by seller-fault return rate', async () => {
    // The other shop: one order (two lines), one seller-fault request.
    const order = await createOrder(t.app, other);
    await ok(
      api.post('/v1/returns', other.buyer, {
        order_id: order.id,
        reason: 'wrong_item',
        description: 'Blue, not red.',
        lines: [{ order_line_id: order.lines[1].id, quantity: 1 }],
      }),
      201,
    );
    const res = await api.get(
      '/v1/analytics?from=2026-02-20&to=2026-03-31&granularity=month&min_lines=1',
      shop.agent,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body;
    expect(body.seller_id).toBeNull();
    expect(body.cases.opened).toBe(6);
    expect(body.return_rate).toMatchObject({ cases: 6, lines_delivered: 12, rate: 0.5 });
    expect(body.refunds.by_currency[0]).toMatchObject({ refunds: 4, amount: 6738 });
    // Seller-fault rate: the other shop 1 / 2 lines = 0.5; this shop 3 / 10 = 0.3.
    expect(body.top_shops).toEqual([
      {
        seller_id: other.seller.id,
        name: 'Harbor Goods',
        seller_fault_cases: 1,
        lines_delivered: 2,
        rate: 0.5,
      },
      {
        seller_id: shop.seller.id,
        name: 'Harbor Goods',
        seller_fault_cases: 3,
        lines_delivered: 10,
        rate: 0.3,
      },
    ]);
    // Shops under the volume threshold are left out.
    const ranked = await ok(
      api.get('/v1/analytics?from=2026-02-20&to=2026-03-31&min_lines=5', shop.agent),
    );
    expect(ranked.top_shops.map((s: Json) => s.seller_id)).toEqual([shop.seller.id]);
    expect((await api.get('/v1/analytics', shop.staff)).status).toBe(403);
    expect((await api.get('/v1/analytics', shop.buyer)).status).toBe(403);
    expect((await api.get('/v1/analytics', admin)).status).toBe(200);
  });

  it('exports the cases behind the figures as a streamed, escaped CSV', async () => {
    const get = (query: string) =>
      t.app.inject({
        method: 'GET',
        url: `/v1/sellers/${shop.seller.id}/analytics/cases.csv?${query}`,
        headers: { authorization: `Bearer ${shop.staff.token}` },
      });
    const all = await get('from=2026-02-20&to=2026-03-31');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(all.headers['content-disposition']).toBe(
      `attachment; filename="returns-${shop.seller.id}-2026-02-20-2026-03-31.csv"`,
    );
    const rows = parseCsv(all.body);
    const header = rows[0]!;
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(header.slice(0, 4)).toEqual(['case_id', 'order_id', 'requested_at', 'status']);
    // All five, in request order (the same instant here: then by id).
    expect(rows.slice(1).map((r) => r[0])).toEqual(byId('A', 'B', 'C', 'D', 'E'));
    const a = rows.find((r) => r[0] === ids.A)!;
    expect(col(a, 'status')).toBe('refunded');
    expect(col(a, 'refund_amount')).toBe('18.44');
    expect(col(a, 'deduction')).toBe('1.00');
    expect(col(a, 'refund_destination')).toBe('platform_balance');
    expect(col(a, 'hours_to_refund')).toBe('24.0');
    expect(col(a, 'skus')).toBe('MUG-01');
    const c = rows.find((r) => r[0] === ids.C)!;
    expect(col(c, 'automatic_outcomes')).toBe('auto_closed');
    expect(col(c, 'outcome')).toBe('not_shipped');
    const d = rows.find((r) => r[0] === ids.D)!;
    expect(col(d, 'ruling')).toBe('buyer');
    expect(col(d, 'deduction')).toBe('');

    const ids_ = async (query: string) =>
      parseCsv((await get(query)).body)
        .slice(1)
        .map((r) => r[0]);
    expect(await ids_('from=2026-02-20&to=2026-03-31&reason=damaged&reason=wrong_size')).toEqual(
      byId('A', 'B'),
    );
    expect(await ids_('from=2026-02-20&to=2026-03-31&sku=TEE-M')).toEqual([ids.B]);
    expect(await ids_('from=2026-02-20&to=2026-03-31&status=closed')).toEqual([ids.C]);
    expect(await ids_('from=2026-02-20&to=2026-03-31&fault=buyer')).toEqual(byId('B', 'C'));
    expect(await ids_('from=2026-02-20&to=2026-03-31&automatic=auto_refunded')).toEqual([ids.E]);
    expect(await ids_('from=2026-02-20&to=2026-03-31&automatic=any')).toEqual(byId('B', 'C', 'E'));
    // The money chart's cases: refunded in the range, in refund order.
    expect(await ids_('from=2026-03-03&to=2026-03-04&basis=refunded')).toEqual([ids.A, ids.D]);
    expect(await ids_('from=2026-03-03&to=2026-03-04')).toEqual([]);
    expect((await get('from=2026-03-04&to=2026-03-01')).statusCode).toBe(422);
  });

  it('pages through thousands of rows by keyset, each once, and escapes what the marketplace sent', async () => {
    const order = await createOrder(t.app, other, {
      lines: [
        {
          sku: 'MUG, "XL"',
          title: 'Mug',
          category: '=HYPERLINK("http://x")',
          quantity: 1,
          unit_price: 1000,
        },
      ],
    });
    const c = await ok(
      api.post('/v1/returns', other.buyer, {
        order_id: order.id,
        reason: 'damaged',
        description: 'Chipped.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      }),
      201,
    );
    // 1,200 clones at the same instant: pages of 500 must break ties by id.
    const clones = await cloneCase(t.database.db, c.id, 1200);
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/sellers/${other.seller.id}/analytics/cases.csv?from=2026-02-01&to=2026-12-31&sku=${encodeURIComponent('MUG, "XL"')}`,
      headers: { authorization: `Bearer ${other.staff.token}` },
    });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body);
    const got = rows.slice(1).map((r) => r[0]);
    expect(got).toHaveLength(1201);
    expect(new Set(got).size).toBe(1201);
    expect([...got].sort()).toEqual([c.id, ...clones].sort());
    expect(res.body).toContain(',"MUG, ""XL""",');
    expect(res.body).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(rows[1]![8]).toBe('MUG, "XL"');
    expect(rows[1]![9]).toBe(`'=HYPERLINK("http://x")`);
  });

  it('neutralizes every SKU and category joined into one cell', async () => {
    // Values chosen so that, whatever the collation, some cell has a formula after its first value.
    const order = await createOrder(t.app, other, {
      lines: [
        { sku: 'SKU-1', title: 'Mug', category: '0 kitchen', quantity: 1, unit_price: 1000 },
        {
          sku: '@SUM(1+1)',
          title: 'Tee',
          category: '=HYPERLINK("http://x")',
          quantity: 1,
          unit_price: 1000,
        },
      ],
    });
    const c = await ok(
      api.post('/v1/returns', other.buyer, {
        order_id: order.id,
        reason: 'damaged',
        description: 'Both chipped.',
        lines: order.lines.map((l: Json) => ({ order_line_id: l.id, quantity: 1 })),
      }),
      201,
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/sellers/${other.seller.id}/analytics/cases.csv?from=2026-02-01&to=2026-12-31&sku=SKU-1`,
      headers: { authorization: `Bearer ${other.staff.token}` },
    });
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body);
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === c.id)!;
    const values = (name: string) => row[header.indexOf(name)]!.split(';');
    expect(values('skus').sort()).toEqual(["'@SUM(1+1)", 'SKU-1']);
    expect(values('categories').sort()).toEqual([`'=HYPERLINK("http://x")`, '0 kitchen']);
    for (const cell of row) {
      for (const value of cell.split(';')) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
    // Quoted, a cell stays one cell in a spreadsheet that splits on semicolons.
    expect(res.body).toMatch(/,"[^",]*;[^",]*",/);
  });

  it("the rollup equals a recount of the records (the migration's backfill)", async () => {
    const db = t.database.db;
    const snapshot = async (tx: Db) => ({
      daily: await queryRows(
        tx,
        sql`select seller_id, to_char(day, 'YYYY-MM-DD') as day, metric, dim, currency,
          n::text, amount::text, deduction::text, restocking_fee::text
          from analytics_daily where n <> 0 order by 1, 2, 3, 4, 5`,
      ),
      refunds: await queryRows(
        tx,
        sql`select case_id, seller_id, to_char(day, 'YYYY-MM-DD') as day, seconds::text,
          currency, destination, amount::text from analytics_refunds order by 1`,
      ),
    });
    const kept = await snapshot(db);
    expect(kept.daily.length).toBeGreaterThan(20);
    // The backfill statements of migration 0006, run on emptied tables, inside a rolled-back
    // transaction.
    const migration = readFileSync(join(MIGRATIONS_FOLDER, '0006_analytics.sql'), 'utf8');
    const backfill = migration
      .slice(migration.indexOf('-- What is already in the database'))
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^--.*$/gm, '').trim())
      .filter((statement) => statement && !/^SET LOCAL/i.test(statement));
    expect(backfill).toHaveLength(2);
    const recount = await inTransaction(db, async (tx) => {
      await tx.execute(sql`delete from analytics_daily`);
      await tx.execute(sql`delete from analytics_refunds`);
      for (const statement of backfill) await tx.execute(sql.raw(statement));
      const again = await snapshot(tx);
      throw Object.assign(new Error('rollback'), { again });
    }).catch((err: { again?: unknown }) => err.again);
    expect(recount).toEqual(kept);
  });
});
