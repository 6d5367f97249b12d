import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { signPayload } from '../../src/app/webhooks/signature.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const CARRIER_SECRET = 'carrier-secret-0123456789';

describe.each(ENGINES)('replacements and exchanges [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shop: Shop;
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_CARRIER_SECRET: CARRIER_SECRET });
    api = client(t.app);
    shop = await createShop(t.app);
  });
  afterAll(() => t.close());

  const run = (id: string, command: string, who: { token: string }, body: object = {}) =>
    api.post(`/v1/returns/${id}/${command}`, who, body);
  const sweep = async (due: string) => {
    t.clock.set({ frozen: true, now: new Date(due) });
    await advanceOverdueCases(t.database.db, t.clock.now());
  };

  /** An order whose mug line is in stock and comes in two other glazes (one cheaper). */
  const order = () =>
    createOrder(t.app, shop, {
      lines: [
        {
          sku: 'MUG-01-BLUE',
          title: 'Stoneware mug, blue',
          category: 'kitchen',
          quantity: 1,
          unit_price: 1800,
          in_stock: true,
          variants: [
            { sku: 'MUG-01-SAND', title: 'Stoneware mug, sand', unit_price: 1500, in_stock: true },
            { sku: 'MUG-01-GOLD', title: 'Stoneware mug, gold', unit_price: 2400, in_stock: true },
            { sku: 'MUG-01-GREY', title: 'Stoneware mug, grey', unit_price: 1800, in_stock: false },
          ],
        },
        {
          sku: 'TEE-M',
          title: 'Tee',
          category: 'apparel',
          quantity: 1,
          unit_price: 2500,
          in_stock: false,
        },
      ],
    });
  async function open(type: string, extra: object = {}, line = 0): Promise<Json> {
    const o = await order();
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: o.id,
      type,
      reason: type === 'exchange' ? 'wrong_size' : 'defective',
      description: 'Please swap it.',
      lines: [{ order_line_id: o.lines[line].id, quantity: 1 }],
      ...extra,
    });
    return res;
  }
  /** Approved, shipped back, received and accepted: the seller owes the replacement. */
  async function inspected(type = 'replacement', extra: object = {}): Promise<Json> {
    const c = (await open(type, extra)).body;
    await run(c.id, 'approve', shop.staff);
    await run(c.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(`rep-${c.id}`),
    });
    await run(c.id, 'mark_received', shop.staff);
    const accepted = await run(c.id, 'accept_package', shop.staff);
    expect(accepted.body.status, JSON.stringify(accepted.body)).toBe('replacement_pending');
    return accepted.body;
  }

  it('a replacement: inspected, sent with tracking, and closed as replaced by the carrier’s delivery scan', async () => {
    const c = await inspected();
    expect(c.next_action).toMatchObject({ actor: 'seller', action: 'dispatch_replacement' });
    expect(c.refund_amount).toBeNull();
    const tracking = upsTracking(`replacement-${c.id}`);
    const sent = await run(c.id, 'dispatch_replacement', shop.staff, {
      carrier: 'UPS',
      tracking_number: tracking,
    });
    expect(sent.body).toMatchObject({
      status: 'replacement_shipped',
      replacement: { tracking_number: tracking },
    });
    const body = JSON.stringify({
      events: [
        {
          event_id: `rep-delivered-${c.id}`,
          carrier: 'UPS',
          tracking_number: tracking,
          status: 'delivered',
          occurred_at: t.clock.now().toISOString(),
        },
      ],
    });
    const scan = await t.app.inject({
      method: 'POST',
      url: '/v1/carrier_events',
      headers: {
        'content-type': 'application/json',
        'sendback-signature': signPayload(CARRIER_SECRET, body, Math.floor(Date.now() / 1000)),
      },
      payload: body,
    });
    expect(scan.statusCode, scan.body).toBe(200);
    const done = (await api.get(`/v1/returns/${c.id}`, shop.buyer)).body;
    expect(done).toMatchObject({ status: 'closed', outcome: 'replaced' });
    expect(done.replacement.delivered_at).not.toBeNull();
  });

  it('converts to a refund when the seller is out of stock, or silent past the dispatch deadline', async () => {
    const unavailable = await inspected();
    const refund = await run(unavailable.id, 'replacement_unavailable', shop.staff, {
      note: 'Sold out.',
    });
    expect(refund.body).toMatchObject({ status: 'refund_pending' });
    expect(refund.body.refund_amount).toBeGreaterThan(0);

    const silent = await inspected();
    await sweep(silent.due_at);
    const expired = (await api.get(`/v1/returns/${silent.id}`, shop.buyer)).body;
    expect(expired.status).toBe('refund_pending');
    const events = (await api.get(`/v1/returns/${silent.id}/events`, shop.agent)).body.data;
    expect(events.at(-2).payload).toMatchObject({ rule: 'deadline:seller_dispatch' });
  });

  it('the buyer escalates a wrong replacement, or the confirmation deadline closes it as replaced', async () => {
    const wrong = await inspected();
    await run(wrong.id, 'dispatch_replacement', shop.staff, {
      carrier: 'UPS',
      tracking_number: upsTracking(`w-${wrong.id}`),
    });
    const escalated = await run(wrong.id, 'escalate', shop.buyer, { note: 'It came cracked too.' });
    expect(escalated.body.status).toBe('disputed');

    const quiet = await inspected();
    const sent = await run(quiet.id, 'dispatch_replacement', shop.staff, {
      carrier: 'UPS',
      tracking_number: upsTracking(`q-${quiet.id}`),
    });
    await sweep(sent.body.due_at);
    expect((await api.get(`/v1/returns/${quiet.id}`, shop.buyer)).body).toMatchObject({
      status: 'closed',
      outcome: 'replaced',
    });
  });

  it('an exchange for a cheaper variant refunds the difference once the variant arrives', async () => {
    const c = await inspected('exchange', { exchange_sku: 'MUG-01-SAND' });
    expect(c.exchange).toMatchObject({ sku: 'MUG-01-SAND', difference: 300 });
    await run(c.id, 'dispatch_replacement', shop.staff, {
      carrier: 'UPS',
      tracking_number: upsTracking(`x-${c.id}`),
    });
    const confirmed = await run(c.id, 'confirm_replacement', shop.buyer);
    expect(confirmed.body).toMatchObject({ status: 'refund_pending', refund_amount: 300 });
  });

  it('refuses an exchange for a dearer or missing variant, and a replacement of what is out of stock, naming the field', async () => {
    const dearer = await open('exchange', { exchange_sku: 'MUG-01-GOLD' });
    expect(dearer.status).toBe(422);
    expect(dearer.body.errors).toEqual([
      { path: 'body.exchange_sku', message: 'costs more than the item bought' },
    ]);
    const gone = await open('exchange', { exchange_sku: 'MUG-01-GREY' });
    expect(gone.body.errors).toEqual([{ path: 'body.exchange_sku', message: 'is out of stock' }]);
    const nothing = await open('exchange', {});
    expect(nothing.status).toBe(422);
    const stray = await open('replacement', { exchange_sku: 'MUG-01-SAND' });
    expect(stray.body.errors.map((e: Json) => e.path)).toEqual(['body.exchange_sku']);
    const soldOut = await open('replacement', {}, 1);
    expect(soldOut.status).toBe(422);
    expect(soldOut.body.errors.map((e: Json) => e.path)).toEqual(['body.lines.0']);
  });

  it('the seller may refund instead of replacing at review', async () => {
    const c = (await open('replacement')).body;
    const refunding = await run(c.id, 'approve_as_refund', shop.staff, {
      note: 'We will refund you.',
    });
    expect(refunding.body).toMatchObject({
      status: 'awaiting_shipment',
      type: 'return_and_refund',
    });
    const rr = (await open('return_and_refund')).body;
    const notReplacement = await run(rr.id, 'approve_as_refund', shop.staff);
    expect(notReplacement.status).toBe(409);
  });
});
