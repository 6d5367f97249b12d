import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { queryRows } from '../../src/db/database.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop, uploadEvidence } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const HOUR = 3600;

/**
 * Every deadline of DESIGN.md on the manual clock: a second before the due instant the sweeper
 * changes nothing; at the due instant the state's automatic outcome happens, as actor `system`.
 */
describe.each(ENGINES)('deadlines fire at the due instant [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
  });
  afterAll(() => t.close());

  const sweep = () => advanceOverdueCases(t.database.db, t.clock.now());
  const get = async (id: string): Promise<Json> =>
    (await api.get(`/v1/returns/${id}`, shop.staff)).body;
  const run = async (id: string, command: string, who: { token: string }, body: object = {}) => {
    const res = await api.post(`/v1/returns/${id}/${command}`, who, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };

  async function open(reason = 'damaged', type = 'return_and_refund'): Promise<Json> {
    const now = t.clock.now();
    const order = await createOrder(t.app, shop, {
      placed_at: new Date(now.getTime() - 5 * 24 * HOUR * 1000).toISOString(),
      delivered_at: new Date(now.getTime() - 24 * HOUR * 1000).toISOString(),
    });
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type,
      reason,
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  /** Moves the clock to one second before `due_at`, sweeps (nothing), then to `due_at`, sweeps. */
  async function expectExpiry(c: Json, hours: number | null, expected: Partial<Json>) {
    const due = new Date(c.due_at).getTime();
    if (hours !== null) expect(due - t.clock.now().getTime()).toBe(hours * HOUR * 1000);
    t.clock.advance((due - t.clock.now().getTime()) / 1000 - 1);
    await sweep();
    const before = await get(c.id);
    expect(before.status).toBe(c.status);
    expect(before.version).toBe(c.version);
    t.clock.advance(1);
    await sweep();
    const after = await get(c.id);
    expect(after).toMatchObject(expected);
    const events = (await api.get(`/v1/returns/${c.id}/events`, shop.staff)).body.data as Json[];
    expect(events.at(-1).actor).toEqual({ role: 'system', id: 'system' });
    return after;
  }

  it('requested: seller silent for 48 h, auto-approved', async () => {
    const c = await open();
    await expectExpiry(c, 48, { status: 'awaiting_shipment' });
  });

  it('requested (refund_only): auto-approved into refund_pending', async () => {
    const c = await open('damaged', 'refund_only');
    await expectExpiry(c, 48, { status: 'refund_pending' });
  });

  it('partial_offer: buyer silent for 72 h, back to the seller for 24 h', async () => {
    const c = await open('not_as_described');
    const offered = await run(c.id, 'offer_partial_refund', shop.staff, { amount: 300 });
    const after = await expectExpiry(offered, 72, { status: 'requested' });
    expect(new Date(after.due_at).getTime() - t.clock.now().getTime()).toBe(24 * HOUR * 1000);
  });

  it('rejected: buyer silent for 48 h, closed as rejected', async () => {
    const c = await open('defective');
    const rejected = await run(c.id, 'reject', shop.staff, {
      reason: 'no_defect_found',
      note: 'Works.',
    });
    await expectExpiry(rejected, 48, { status: 'closed', outcome: 'rejected' });
  });

  it('awaiting_shipment: buyer does not ship in 7 days, closed as not shipped', async () => {
    const c = await open();
    const approved = await run(c.id, 'approve', shop.staff);
    await expectExpiry(approved, 7 * 24, { status: 'closed', outcome: 'not_shipped' });
  });

  it('in_transit: no receipt within 10 days of tracking, full refund', async () => {
    const c = await open();
    await run(c.id, 'approve', shop.staff);
    const shipped = await run(c.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(c.id),
    });
    const after = await expectExpiry(shipped, 10 * 24, { status: 'refund_pending' });
    expect(after.refund_amount).toBe(after.refund_preview.full_amount);
  });

  it('in_transit with the one extension: 10 + 8 days', async () => {
    const c = await open();
    await run(c.id, 'approve', shop.staff);
    await run(c.id, 'ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking(c.id) });
    const extended = await run(c.id, 'extend_receiving', shop.staff);
    await expectExpiry(extended, 18 * 24, { status: 'refund_pending' });
  });

  it('package_rejected: buyer silent for 48 h, closed', async () => {
    const c = await open();
    await run(c.id, 'approve', shop.staff);
    await run(c.id, 'ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking(c.id) });
    await run(c.id, 'mark_received', shop.staff);
    const rejected = await run(c.id, 'reject_package', shop.staff, {
      reason: 'used_or_damaged',
      note: 'Worn.',
      attachment_ids: [await uploadEvidence(t.app, shop.staff)],
    });
    await expectExpiry(rejected, 48, { status: 'closed', outcome: 'package_rejected' });
  });

  it('disputed: an evidence request lapses after 72 h and the agent rules on what is there', async () => {
    const c = await open('defective');
    await run(c.id, 'reject', shop.staff, { reason: 'no_defect_found', note: 'Works.' });
    await run(c.id, 'escalate', shop.buyer, { note: 'It does not.' });
    const asked = await run(c.id, 'request_evidence', shop.agent, {
      from: 'buyer',
      note: 'A video?',
    });
    expect(asked.next_action).toMatchObject({ actor: 'buyer', action: 'submit_evidence' });
    const after = await expectExpiry(asked, 72, { status: 'disputed', evidence_request: null });
    expect(after.next_action).toMatchObject({ actor: 'agent', due_at: null });
  });

  it('delivered: 2 business days in the seller calendar, across a weekend and Memorial Day', async () => {
    // Friday 22 May 2026, 10:00 in New York; Monday 25 May is Memorial Day.
    t.clock.advance((Date.parse('2026-05-22T14:00:00Z') - t.clock.now().getTime()) / 1000);
    const c = await open();
    await run(c.id, 'approve', shop.staff);
    await run(c.id, 'ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking(c.id) });
    const received = await run(c.id, 'mark_received', shop.staff);
    expect(received.due_at).toBe('2026-05-27T14:00:00.000Z'); // Wednesday 10:00 EDT
    const after = await expectExpiry(received, null, { status: 'refund_pending' });
    expect(after.refund_amount).toBeGreaterThan(0);
  });

  it('nothing is due: a sweep changes nothing and writes no events', async () => {
    const [before] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from case_events`,
    );
    const result = await sweep();
    const [after] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from case_events`,
    );
    expect(result.expired).toBe(0);
    expect(after!.n).toBe(before!.n);
  });
});
