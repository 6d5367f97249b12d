import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  executeDueRefunds,
  type RefundWorkerOptions,
  recordOutcome,
} from '../../src/app/execute-refunds.ts';
import { paymentGateways } from '../../src/app/payment-gateways.ts';
import { unbalancedTransactions } from '../../src/db/ledger.ts';
import { claimDueRefunds, overRefundedOrders, refundsOfCase } from '../../src/db/refunds.ts';
import { webhookDeliveries } from '../../src/db/schema.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe.each(ENGINES)('refund execution [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  let outage = false;
  let hookId: string;
  let options: RefundWorkerOptions;
  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
    // The marketplace hears of every refund paid (read back from the outbox below).
    const hook = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: 'https://marketplace.example/refunds',
      events: ['refund.succeeded'],
    });
    expect(hook.status).toBe(201);
    hookId = hook.body.id;
    options = {
      gateways: paymentGateways(t.database.db, {
        settle_seconds: 60,
        fail_rate: 0.5,
        // A deterministic "processor": down while `outage` is set, up otherwise.
        random: () => (outage ? 0 : 0.99),
      }),
      max_attempts: 3,
      backoff_base_seconds: 30,
    };
  });
  afterAll(() => t.close());

  const work = () => executeDueRefunds(t.database.db, t.clock.now(), options);

  /** The refund.succeeded events the marketplace was sent for this refund. */
  async function toldOf(refundId: string): Promise<Json[]> {
    const rows = await t.database.db
      .select({ payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, hookId));
    return rows.map((r) => (r.payload as Json).data.refund).filter((r) => r.id === refundId);
  }

  /** One due refund claimed as the worker claims it, leased for a minute. */
  async function claimOne(now: Date) {
    const [claimed] = await claimDueRefunds(
      t.database.db,
      now,
      1,
      new Date(now.getTime() + 60_000),
    );
    return claimed;
  }

  async function approvedRefundOnly(destination: string): Promise<Json> {
    const order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      type: 'refund_only',
      reason: 'damaged',
      description: 'Broken on arrival.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 2 }],
      refund_destination: destination,
    });
    const approved = await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    expect(approved.body.status).toBe('refund_pending');
    return approved.body;
  }

  it('platform balance: one balanced ledger transaction, the buyer sees it in the wallet', async () => {
    const before = (await api.get('/v1/wallet', shop.buyer)).body;
    const c = await approvedRefundOnly('platform_balance');
    expect(await work()).toMatchObject({ succeeded: 1 });
    const after = await api.get(`/v1/returns/${c.id}`, shop.buyer);
    expect(after.body).toMatchObject({ status: 'refunded', outcome: 'refunded' });
    const wallet = (await api.get('/v1/wallet', shop.buyer)).body;
    const balance = (w: Json) => w.balances.find((b: Json) => b.currency === 'USD')?.balance ?? 0;
    expect(balance(wallet) - balance(before)).toBe(c.refund_amount);
    // The entry names what was refunded and the return it belongs to.
    expect(wallet.entries[0]).toMatchObject({
      amount: c.refund_amount,
      currency: 'USD',
      case_id: c.id,
      items: 'Stoneware mug',
    });
    // The marketplace is told of the refund as recorded: paid into the wallet, under its entry.
    const [refund] = await refundsOfCase(t.database.db, c.id);
    expect(refund).toMatchObject({ status: 'succeeded', lastError: null });
    expect(refund!.providerReference).toMatch(/^wallet:/);
    expect(await toldOf(refund!.id)).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        provider_reference: refund!.providerReference,
        settled_at: t.clock.now().toISOString(),
      }),
    ]);
    // Asking the wallet again with the same refund never posts twice.
    await options.gateways.platform_balance.execute(
      {
        refund_id: refund!.id,
        idempotency_key: refund!.idempotencyKey,
        amount: refund!.amount,
        currency: 'USD',
        buyer_id: shop.buyer.id,
        seller_id: shop.seller.id,
        payment_reference: 'x',
      },
      t.clock.now(),
    );
    expect(balance((await api.get('/v1/wallet', shop.buyer)).body)).toBe(balance(wallet));
    expect(await unbalancedTransactions(t.database.db)).toEqual([]);
  });

  it('original payment settles asynchronously after the configured delay', async () => {
    const c = await approvedRefundOnly('original_payment');
    expect(await work()).toMatchObject({ pending: 1, succeeded: 0 });
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.status).toBe('refund_pending');
    const [pending] = await refundsOfCase(t.database.db, c.id);
    expect(pending!.providerReference).toMatch(/^\S+$/);
    t.clock.advance(30);
    expect(await work()).toMatchObject({ claimed: 0 });
    t.clock.advance(30);
    expect(await work()).toMatchObject({ succeeded: 1 });
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.status).toBe('refunded');
    // The refund's record, and what the marketplace is told: settled now, under the processor's
    // reference, its lease released.
    const [settled] = await refundsOfCase(t.database.db, c.id);
    expect(settled).toMatchObject({
      status: 'succeeded',
      providerReference: pending!.providerReference,
      lockedUntil: null,
      lastError: null,
      settledAt: t.clock.now(),
    });
    expect(await toldOf(settled!.id)).toEqual([
      expect.objectContaining({
        id: settled!.id,
        status: 'succeeded',
        provider_reference: pending!.providerReference,
        last_error: null,
        settled_at: t.clock.now().toISOString(),
      }),
    ]);
    // Running again finds nothing to pay and records nothing twice.
    expect(await work()).toMatchObject({ claimed: 0 });
  });

  it('the gateway is asked to refund against the order’s payment, which the claim brings along', async () => {
    const c = await approvedRefundOnly('original_payment');
    const now = t.clock.now();
    const claimed = await claimOne(now);
    expect(claimed).toMatchObject({ caseId: c.id, paymentReference: 'pay_sim_123' });
    // Released for the worker, which sends what it claimed to the gateway.
    await t.database.db.execute(
      sql`update refunds set locked_until = null, status = 'pending' where id = ${claimed!.id}`,
    );
    const asked: Json[] = [];
    const recording: RefundWorkerOptions = {
      ...options,
      gateways: {
        ...options.gateways,
        original_payment: {
          destination: 'original_payment',
          execute: async (request) => {
            asked.push(request);
            return { status: 'succeeded', reference: 're_recorded' };
          },
        },
      },
    };
    expect(await executeDueRefunds(t.database.db, now, recording)).toMatchObject({
      succeeded: 1,
    });
    expect(asked).toEqual([
      expect.objectContaining({ refund_id: claimed!.id, payment_reference: 'pay_sim_123' }),
    ]);
  });

  it('two workers recording the same payment at once: one records it, the other finds it done', async () => {
    const c = await approvedRefundOnly('original_payment');
    const now = t.clock.now();
    const claimed = await claimOne(now);
    expect(claimed!.caseId).toBe(c.id);
    const outcomes = await Promise.all(
      ['ref-first', 'ref-second'].map((reference) =>
        recordOutcome(t.database.db, claimed!, { status: 'succeeded', reference }, now, options),
      ),
    );
    expect(outcomes.sort()).toEqual(['pending', 'succeeded']);
    const [refund] = await refundsOfCase(t.database.db, c.id);
    expect(refund!.status).toBe('succeeded');
    expect(['ref-first', 'ref-second']).toContain(refund!.providerReference);
    // One move to refunded, one announcement, under the reference that was recorded.
    const events = await api.get(`/v1/returns/${c.id}/events`, shop.buyer);
    expect(events.body.data.filter((e: Json) => e.type === 'return.refunded')).toHaveLength(1);
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.status).toBe('refunded');
    expect((await toldOf(refund!.id)).map((r) => r.provider_reference)).toEqual([
      refund!.providerReference,
    ]);
  });

  it('transient failures retry with exponential backoff, then refund_failed; an agent retries', async () => {
    const c = await approvedRefundOnly('original_payment');
    outage = true;
    expect(await work()).toMatchObject({ claimed: 1, pending: 1 });
    let [refund] = await refundsOfCase(t.database.db, c.id);
    expect(refund).toMatchObject({
      attempts: 1,
      status: 'pending',
      lastError: 'processor_unavailable',
    });
    expect(refund!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(30_000);

    t.clock.advance(29);
    expect(await work()).toMatchObject({ claimed: 0 });
    t.clock.advance(1);
    expect(await work()).toMatchObject({ claimed: 1, pending: 1 });
    [refund] = await refundsOfCase(t.database.db, c.id);
    expect(refund!.attempts).toBe(2);
    expect(refund!.nextAttemptAt.getTime() - t.clock.now().getTime()).toBe(60_000);

    t.clock.advance(60);
    expect(await work()).toMatchObject({ failed: 1 });
    const failed = await api.get(`/v1/returns/${c.id}`, shop.agent);
    expect(failed.body).toMatchObject({ status: 'refund_failed' });
    expect(failed.body.allowed_commands).toContain('retry_refund');

    outage = false;
    const retried = await api.post(`/v1/returns/${c.id}/retry_refund`, shop.agent, {
      destination: 'platform_balance',
    });
    expect(retried.body.status).toBe('refund_pending');
    expect(await work()).toMatchObject({ succeeded: 1 });
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.status).toBe('refunded');
    const attempts = await refundsOfCase(t.database.db, c.id);
    expect(attempts.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(2);
  });

  it('a refund that cannot be recorded is logged and does not hold up the others', async () => {
    const broken = await approvedRefundOnly('platform_balance');
    const fine = await approvedRefundOnly('platform_balance');
    // The broken case left refund_pending behind the worker's back (as a hand edit would).
    await t.database.db.execute(sql`
      update return_cases set state = 'closed', data = jsonb_set(data, '{state}', '"closed"')
      where id = ${broken.id}`);
    const errors: object[] = [];
    const tally = await executeDueRefunds(t.database.db, t.clock.now(), {
      ...options,
      log: { warn: () => {}, error: (o) => errors.push(o) },
    });
    expect(tally).toMatchObject({ claimed: 2, succeeded: 1, pending: 1 });
    expect((await api.get(`/v1/returns/${fine.id}`, shop.buyer)).body.status).toBe('refunded');
    const [stuck] = await refundsOfCase(t.database.db, broken.id);
    expect(errors).toEqual([expect.objectContaining({ refund_id: stuck!.id })]);
    // Its outcome is not recorded; its lease runs out and a later run asks the gateway again,
    // which answers with the same payment (idempotent on the key) instead of paying twice.
    expect(stuck).toMatchObject({ status: 'processing', settledAt: null, attempts: 0 });
    expect(stuck!.lockedUntil!.getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(await unbalancedTransactions(t.database.db)).toEqual([]);
    await t.database.db.execute(sql`update refunds set status = 'failed' where id = ${stuck!.id}`);
  });

  it('per order, succeeded refunds never exceed what was paid', async () => {
    expect(await overRefundedOrders(t.database.db)).toEqual([]);
  });
});
