import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/app/workers.ts';
import { queryRows } from '../../src/db/database.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { createLogger } from '../../src/logger.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * The demo's promise: request, the seller approves, the buyer ships, the simulated carrier
 * delivers, the seller stays silent, and the refund lands in the buyer's wallet, with nobody
 * doing anything after shipping. The background jobs run as `serve` runs them.
 */
describe.each(ENGINES)('hands-off lifecycle in demo mode [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  let runAll: () => Promise<void>;
  beforeAll(async () => {
    t = await startTestApp(engine, {
      SENDBACK_SIM_CARRIER: 'on',
      SENDBACK_SIM_CARRIER_DELIVER_SECONDS: '3600',
    });
    shop = await createShop(t.app);
    api = client(t.app);
    const list = jobs({
      db: t.database.db,
      clock: t.clock,
      config: t.config,
      logger: createLogger('silent'),
    });
    runAll = async () => {
      for (const job of list) await job.run(t.clock.now());
    };
  });
  afterAll(() => t.close());

  const hours = (h: number) => t.clock.advance(h * 3600);
  const status = async (id: string) =>
    (await api.get(`/v1/returns/${id}`, shop.buyer)).body as Json;

  it('request → approve → ship → carrier delivers → seller silent → refunded to the wallet', async () => {
    const now = t.clock.now();
    const order = await createOrder(t.app, shop, {
      placed_at: new Date(now.getTime() - 4 * 86400_000).toISOString(),
      delivered_at: new Date(now.getTime() - 86400_000).toISOString(),
    });
    const created = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'defective',
      description: 'Stops charging after a day.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
      refund_destination: 'platform_balance',
    });
    const id = created.body.id;
    await api.post(`/v1/returns/${id}/approve`, shop.staff, {});
    await api.post(`/v1/returns/${id}/ship`, shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(id),
    });

    await runAll();
    expect((await status(id)).status).toBe('in_transit');
    hours(1);
    await runAll();
    const delivered = await status(id);
    expect(delivered.status).toBe('delivered');
    expect(delivered.next_action).toMatchObject({ actor: 'seller', on_expiry: 'refund_pending' });

    // Two business days of silence, whatever the weekday: step a day at a time.
    for (let day = 0; day < 6 && (await status(id)).status === 'delivered'; day++) {
      hours(24);
      await runAll();
    }
    await runAll();
    const done = await status(id);
    expect(done).toMatchObject({ status: 'refunded', outcome: 'refunded' });
    const wallet = (await api.get('/v1/wallet', shop.buyer)).body;
    expect(wallet.balances).toContainEqual({ currency: 'USD', balance: done.refund_amount });

    const types = (await api.get(`/v1/returns/${id}/events`, shop.buyer)).body.data.map(
      (e: Json) => e.type,
    );
    expect(types).toEqual([
      'return.requested',
      'return.approved',
      'return.shipped',
      'return.parcel_delivered',
      'return.inspection_expired',
      'return.refund_pending',
      'return.refunded',
    ]);
  });

  it('reminds the waiting party 24 h and 2 h before a deadline, once each, in app and by e-mail', async () => {
    const now = t.clock.now();
    const order = await createOrder(t.app, shop, {
      placed_at: new Date(now.getTime() - 4 * 86400_000).toISOString(),
      delivered_at: new Date(now.getTime() - 86400_000).toISOString(),
    });
    const created = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Dented.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    const reminders = async () =>
      ((await api.get('/v1/notifications', shop.staff)).body.data as Json[]).filter(
        (n) => n.case_id === created.body.id,
      );
    hours(23);
    await runAll();
    expect(await reminders()).toHaveLength(0);
    hours(1);
    await runAll();
    await runAll();
    expect(await reminders()).toHaveLength(1);
    hours(22);
    await runAll();
    const both = await reminders();
    expect(both).toHaveLength(2);
    expect(both[0].title).toContain('due in 2 h');

    const list = (await api.get('/v1/notifications', shop.staff)).body;
    expect(list.unread_count).toBeGreaterThanOrEqual(2);
    const marked = await api.post('/v1/notifications/read', shop.staff, { ids: [both[0].id] });
    expect(marked.body.marked).toBe(1);
    expect(
      (await api.get('/v1/notifications?unread=true', shop.staff)).body.data.map((n: Json) => n.id),
    ).not.toContain(both[0].id);
    // The mailer ran in runAll: nothing is left unsent.
    const [unsent] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from notifications where emailed_at is null`,
    );
    expect(unsent!.n).toBe(0);
  });
});
