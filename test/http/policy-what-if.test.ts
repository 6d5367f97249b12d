import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, T0, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, createUser, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe.each(ENGINES)('the return policy what-if [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    api = client(t.app);
    shop = await createShop(t.app);
    await buildSmallShop();
  });
  afterAll(() => t.close());

  const simulateUrl = () => `/v1/sellers/${shop.seller.id}/return_policy/simulate`;
  async function moveTo(instant: Date) {
    t.clock.set({ frozen: true, now: instant });
    await advanceOverdueCases(t.database.db, instant);
  }
  async function request(name: string, type: string, reason: string, line: number) {
    const order = await createOrder(t.app, shop);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type,
      reason,
      description: `Case ${name}`,
      lines: [{ order_line_id: order.lines[line].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[name] = res.body.id;
  }
  async function act(name: string, command: string, who: { token: string }, body: object = {}) {
    const res = await api.post(`/v1/returns/${ids[name]}/${command}`, who, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  /**
   * Four cases under the default policy (review 48 h, no rules, no restocking fee), each its own
   * order of 2 mugs at 18.00 (tax 2.88 for both) and a tee at 25.00 (tax 2.00), all filed at T0:
   * - mug: refund only, damaged, the seller approves at 2 h: refund 18.00 + 1.44 = 19.44
   * - tee: change of mind, approved, shipped, received and accepted: refund 25.00 + 2.00 = 27.00
   * - quiet: change of mind, nobody reviews: the review runs out at 48 h (auto-approved)
   * - rejected: refund only, damaged tee, the seller rejects at 1 h: the buyer's 48 h run out at 49 h
   */
  async function buildSmallShop() {
    await request('mug', 'refund_only', 'damaged', 0);
    await request('tee', 'return_and_refund', 'changed_mind', 1);
    await request('quiet', 'return_and_refund', 'changed_mind', 0);
    await request('rejected', 'refund_only', 'damaged', 1);
    await moveTo(at(1));
    await act('tee', 'approve', shop.staff);
    await act('rejected', 'reject', shop.staff, {
      reason: 'no_defect_found',
      note: 'The photos show no damage.',
    });
    await moveTo(at(2));
    await act('mug', 'approve', shop.staff);
    await moveTo(at(24));
    await act('tee', 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(`what-if-${ids.tee}`),
    });
    await moveTo(at(48));
    await act('tee', 'mark_received', shop.staff);
    await moveTo(at(49));
    await act('tee', 'accept_package', shop.staff);
    await moveTo(at(60));
  }

  const draft = {
    auto_approval: [{ fault: 'seller', case_types: ['refund_only'], max_amount: 5000 }],
    restocking_fee_pct: 10,
    deadlines: { seller_review: { hours: 96 } },
  };
  // T0 + 60 h is Wednesday 4 March 2026, 16:00 in New York (the shop's zone).
  const period = { from: '2026-03-01', to: '2026-03-04' };

  it('matches a hand-computed small shop', async () => {
    const states = await Promise.all(
      Object.values(ids).map(async (id) => (await api.get(`/v1/returns/${id}`, shop.staff)).body),
    );
    expect(states.map((c: Json) => c.status)).toEqual([
      'refund_pending',
      'refund_pending',
      'awaiting_shipment',
      'closed',
    ]);

    const res = await api.post(simulateUrl(), shop.staff, { policy: draft, ...period });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const answer = res.body;
    expect(answer.cases).toEqual({
      in_period: 4,
      considered: 4,
      limit: 1000,
      truncated: false,
      // The rejected case: the draft auto-approves it, so the record no longer applies.
      stopped: 1,
    });
    expect(answer.actual).toEqual({
      auto_approvals: 0,
      returnless_refunds: 0,
      expiries: {
        total: 2,
        by_deadline: [
          { deadline: 'buyer_contest', count: 1 },
          { deadline: 'seller_review', count: 1 },
        ],
      },
      refunds: { count: 2, by_currency: [{ currency: 'USD', count: 2, amount: 1944 + 2700 }] },
      fees: [{ currency: 'USD', restocking_fees: 0, deductions: 0 }],
      requests_refused: 0,
    });
    // mug and rejected are auto-approved (refund only, seller's fault, up to 50.00); the tee pays
    // 10% of 25.00 as a restocking fee; the quiet case's 96 h review is still running at 60 h.
    expect(answer.draft).toEqual({
      auto_approvals: 2,
      returnless_refunds: 0,
      expiries: { total: 0, by_deadline: [] },
      refunds: {
        count: 3,
        by_currency: [{ currency: 'USD', count: 3, amount: 1944 + 2450 + 2700 }],
      },
      fees: [{ currency: 'USD', restocking_fees: 250, deductions: 0 }],
      requests_refused: 0,
    });
    expect(answer.difference).toMatchObject({
      auto_approvals: 2,
      expiries: { total: -2 },
      refunds: { count: 1, by_currency: [{ currency: 'USD', count: 1, amount: 2450 }] },
      fees: [{ currency: 'USD', restocking_fees: 250, deductions: 0 }],
    });
    expect(answer.changed_cases_total).toBe(4);
    const changes = Object.fromEntries(
      answer.changed_cases.map((c: Json) => [c.case_id, c.changes]),
    );
    expect(changes[ids.mug!]).toEqual([{ what: 'auto_approval', actual: 0, draft: 1 }]);
    expect(changes[ids.tee!]).toEqual([
      { what: 'refund', currency: 'USD', actual: 2700, draft: 2450 },
      { what: 'fees', currency: 'USD', actual: 0, draft: 250 },
    ]);
    expect(changes[ids.quiet!]).toEqual([
      { what: 'expiry', deadline: 'seller_review', actual: 1, draft: 0 },
    ]);
    expect(changes[ids.rejected!]).toEqual([
      { what: 'auto_approval', actual: 0, draft: 1 },
      { what: 'expiry', deadline: 'buyer_contest', actual: 1, draft: 0 },
      { what: 'refund', currency: 'USD', actual: null, draft: 2700 },
    ]);
    const stopped = answer.changed_cases.find((c: Json) => c.case_id === ids.rejected).stopped;
    expect(stopped).toMatchObject({ event: 'return.rejected', reason: 'diverged' });
  });

  it('finds nothing changed under the policy in force, and counts only the period', async () => {
    const current = (await api.get(`/v1/sellers/${shop.seller.id}/return_policy`)).body.policy;
    const same = await api.post(simulateUrl(), shop.staff, { policy: current, ...period });
    expect(same.status).toBe(200);
    expect(same.body.changed_cases_total).toBe(0);
    expect(same.body.draft).toEqual(same.body.actual);
    const before = await api.post(simulateUrl(), shop.staff, {
      policy: draft,
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(before.body.cases).toMatchObject({ in_period: 0, considered: 0 });
  });

  it('refuses bad input with the failing fields, writing nothing', async () => {
    const policyBefore = (await api.get(`/v1/sellers/${shop.seller.id}/return_policy`)).body;
    const bad = await api.post(simulateUrl(), shop.staff, {
      policy: { restocking_fee_pct: 150, deadlines: { seller_review: { hours: 0 } } },
      from: '2026-03-04',
      to: '2026-03-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const paths = bad.body.errors.map((e: Json) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.policy.restocking_fee_pct',
        'body.policy.deadlines.seller_review.hours',
      ]),
    );
    const dates = await api.post(simulateUrl(), shop.staff, {
      policy: {},
      from: '2025-01-01',
      to: '2026-03-05',
    });
    expect(dates.status).toBe(422);
    expect(dates.body.errors.map((e: Json) => e.path).sort()).toEqual(['body.from', 'body.to']);
    const backwards = await api.post(simulateUrl(), shop.staff, {
      policy: {},
      from: '2026-03-04',
      to: '2026-03-01',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([
      { path: 'body.to', message: 'must not be before from' },
    ]);
    const unknown = await api.post(simulateUrl(), shop.staff, { policy: {}, ...period, x: 1 });
    expect(unknown.status).toBe(422);

    const policyAfter = (await api.get(`/v1/sellers/${shop.seller.id}/return_policy`)).body;
    expect(policyAfter.version).toBe(policyBefore.version);
    expect(policyAfter.policy).toEqual(policyBefore.policy);
    const tee = (await api.get(`/v1/returns/${ids.tee}`, shop.staff)).body;
    expect(tee.refund_amount).toBe(2700);
  });

  it("is the shop's own: another seller and a buyer find no shop; agents may look", async () => {
    const other = await createShop(t.app);
    const body = { policy: draft, ...period };
    expect((await api.post(simulateUrl(), other.staff, body)).status).toBe(404);
    expect((await api.post(simulateUrl(), shop.buyer, body)).status).toBe(404);
    expect((await api.post(simulateUrl(), undefined, body)).status).toBe(401);
    const agent = await createUser(t.app, 'agent');
    const seen = await api.post(simulateUrl(), agent, body);
    expect(seen.status).toBe(200);
    expect(seen.body.changed_cases_total).toBe(4);
  });
});
