import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyDueLabels, DEFAULT_PARCEL } from '../../src/app/buy-labels.ts';
import { executeDueRefunds } from '../../src/app/execute-refunds.ts';
import { outsideParties } from '../../src/app/providers.ts';
import { registerParcels } from '../../src/app/register-tracking.ts';
import { refundWorkerOptions } from '../../src/app/workers.ts';
import { accountsOf } from '../../src/db/ledger.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { createLogger } from '../../src/logger.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { EasyPostStandIn } from '../support/easypost-stand-in.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';
import { ShippoStandIn } from '../support/shippo-stand-in.ts';
import { StripeStandIn } from '../support/stripe-stand-in.ts';

// The whole path of a parcel and of the money through real providers' SDKs, each pointed at a
// local stand-in that speaks the provider's documented wire format: EasyPost buys the prepaid
// label and tracks the parcel, Stripe refunds the card.
const EASYPOST_KEY = 'EZTKsendbacktest0123456789';
const EASYPOST_SECRET = 'easypost-webhook-secret-0123';

describe.each(ENGINES)('real providers against their stand-ins [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let easypost: EasyPostStandIn;
  let stripe: StripeStandIn;
  beforeAll(async () => {
    easypost = await EasyPostStandIn.start({
      apiKey: EASYPOST_KEY,
      webhookSecret: EASYPOST_SECRET,
    });
    stripe = await StripeStandIn.start();
    t = await startTestApp(engine, {
      SENDBACK_LABEL_PROVIDER: 'easypost',
      SENDBACK_TRACKING_PROVIDER: 'easypost',
      EASYPOST_API_KEY: EASYPOST_KEY,
      EASYPOST_WEBHOOK_SECRET: EASYPOST_SECRET,
      EASYPOST_API_BASE: easypost.baseUrl,
      SENDBACK_REFUND_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE: `http://127.0.0.1:${stripe.port}`,
      SENDBACK_LABEL_BACKOFF_SECONDS: '1',
    });
    api = client(t.app);
  });
  afterAll(async () => {
    await t.close();
    await easypost.close();
    await stripe.close();
  });

  const parties = () => outsideParties(t.config.providers);
  const quiet = createLogger('silent');
  const buyLabels = async () =>
    buyDueLabels(t.database.db, t.clock.now(), {
      provider: parties().labels,
      max_attempts: 3,
      backoff_base_seconds: 1,
      parcel: DEFAULT_PARCEL,
      log: quiet,
    });

  async function openCase(shop: Shop, type = 'return_and_refund', order?: Json): Promise<Json> {
    const o = order ?? (await createOrder(t.app, shop));
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: o.id,
      type,
      reason: 'defective',
      description: 'It does not turn on.',
      lines: [{ order_line_id: o.lines[0].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function shopPaying(postage: 'prepaid_label' | 'reimburse'): Promise<Shop> {
    const shop = await createShop(t.app);
    const set = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
      return_postage: postage,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    return shop;
  }

  async function trackerWebhook(status: string, trackingCode: string, eventId?: string) {
    const delivery = easypost.webhook(
      easypost.trackerEvent({
        status,
        tracking_code: trackingCode,
        carrier: 'USPS',
        ...(eventId ? { event_id: eventId } : {}),
        details: [{ status, message: `Scan: ${status}`, datetime: t.clock.now().toISOString() }],
      }),
    );
    return t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/easypost',
      headers: delivery.headers,
      payload: delivery.body,
    });
  }

  it('a prepaid label: bought once at approval, offered as PDF and QR, shipped by its first scan, delivered by the next', async () => {
    const shop = await shopPaying('prepaid_label');
    const c = await openCase(shop);
    const approved = await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    expect(approved.body.label).toMatchObject({ status: 'requested' });
    expect((await api.get(`/v1/returns/${c.id}/label`, shop.buyer)).status).toBe(404);

    const purchasesBefore = easypost.purchases;
    expect(await buyLabels()).toMatchObject({ purchased: 1 });
    // A second run (a retry, another node) finds nothing left to buy.
    expect(await buyLabels()).toMatchObject({ claimed: 0 });
    expect(easypost.purchases - purchasesBefore).toBe(1);

    const bought = (await api.get(`/v1/returns/${c.id}`, shop.buyer)).body;
    expect(bought.status).toBe('awaiting_shipment');
    expect(bought.label).toMatchObject({
      status: 'purchased',
      provider: 'easypost',
      carrier: 'USPS',
    });
    expect(bought.label.cost).toBe(758);
    // The postage is the seller's: booked once from its balance to the platform's postage account.
    const accounts = await accountsOf(t.database.db, { kind: 'seller', id: shop.seller.id });
    expect(accounts.map((a) => [a.currency, a.balance])).toEqual([['USD', -758]]);
    const shipment = [...easypost.shipments.values()].find(
      (s) => s.tracking_code === bought.label.tracking_number,
    );
    expect(shipment).toBeDefined();

    const pdf = await t.app.inject({
      url: `/v1/returns/${c.id}/label`,
      headers: { authorization: `Bearer ${shop.buyer.token}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const qr = await t.app.inject({
      url: `/v1/returns/${c.id}/label?format=qr`,
      headers: { authorization: `Bearer ${shop.staff.token}` },
    });
    expect(qr.headers['content-type']).toBe('image/png');
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const stranger = await createShop(t.app);
    expect((await api.get(`/v1/returns/${c.id}/label`, stranger.buyer)).status).toBe(404);

    const scanned = await trackerWebhook('in_transit', bought.label.tracking_number);
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json().results[0].applied[0]).toMatchObject({
      case_id: c.id,
      command: 'label_scanned',
    });
    const shipped = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body;
    expect(shipped.status).toBe('in_transit');
    expect(shipped.shipment).toMatchObject({ tracking_number: bought.label.tracking_number });

    const delivered = await trackerWebhook(
      'delivered',
      bought.label.tracking_number,
      'evt_delivered_1',
    );
    expect(delivered.json().results[0].duplicate).toBe(false);
    const again = await trackerWebhook(
      'delivered',
      bought.label.tracking_number,
      'evt_delivered_1',
    );
    expect(again.json().results[0].duplicate).toBe(true);
    const after = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body;
    expect(after.status).toBe('delivered');
    expect(after.version).toBe(shipped.version + 1);
  });

  it("a label the provider cannot buy ends in a state the seller and agent see, and the seller's retry buys it", async () => {
    const shop = await shopPaying('prepaid_label');
    const c = await openCase(shop);
    await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    easypost.rejectNextAddress();
    expect(await buyLabels()).toMatchObject({ failed: 1 });
    for (const who of [shop.staff, shop.agent, shop.buyer]) {
      const seen = (await api.get(`/v1/returns/${c.id}`, who)).body;
      expect(seen.label.status).toBe('failed');
      expect(seen.label.error).toMatch(/ADDRESS/);
    }
    const asked = await api.post(`/v1/returns/${c.id}/request_label`, shop.staff, {});
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.label.status).toBe('requested');
    const twice = await api.post(`/v1/returns/${c.id}/request_label`, shop.staff, {});
    expect(twice.status).toBe(409);
    expect(twice.body.rule).toBe('label_exists');
    expect(await buyLabels()).toMatchObject({ purchased: 1 });
    expect((await api.get(`/v1/returns/${c.id}`, shop.buyer)).body.label.status).toBe('purchased');
  });

  it('a transient provider failure is retried with backoff, never buying twice', async () => {
    const shop = await shopPaying('prepaid_label');
    const c = await openCase(shop);
    await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    const before = easypost.purchases;
    easypost.failNext('http_500');
    expect(await buyLabels()).toMatchObject({ pending: 1 });
    expect((await api.get(`/v1/returns/${c.id}`, shop.staff)).body.label.status).toBe('requested');
    t.clock.advance(2);
    // The purchase goes through but its answer is lost: the retry finds the label bought.
    easypost.failNext('lose_response');
    await buyLabels();
    t.clock.advance(5);
    await buyLabels();
    const seen = (await api.get(`/v1/returns/${c.id}`, shop.staff)).body;
    expect(seen.label.status).toBe('purchased');
    expect(easypost.purchases - before).toBe(1);
  });

  it('self-ship with real tracking: the number is registered with the provider when the buyer ships, and its scans move the case', async () => {
    const shop = await shopPaying('reimburse');
    const c = await openCase(shop);
    const approved = await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    expect(approved.body.label).toBeNull();
    expect(approved.body.return_address).toMatchObject({ country: 'US' });
    const tracking = upsTracking(`providers-${c.id}`);
    const shipped = await api.post(`/v1/returns/${c.id}/ship`, shop.buyer, {
      carrier: 'UPS',
      tracking_number: tracking,
    });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);

    const tracker = parties().tracking!;
    const registered = await registerParcels(t.database.db, tracker, t.clock.now(), {
      batch_size: 50,
    });
    expect(registered.failed).toBe(0);
    expect([...easypost.trackers.values()].map((tr) => tr.tracking_code)).toContain(tracking);
    // Registered once: the next run has nothing to do for it.
    await registerParcels(t.database.db, tracker, t.clock.now(), { batch_size: 50 });
    expect(
      [...easypost.trackers.values()].filter((tr) => tr.tracking_code === tracking),
    ).toHaveLength(1);

    const forged = easypost.webhook(
      easypost.trackerEvent({ status: 'delivered', tracking_code: tracking }),
      'not-the-webhook-secret-at-all',
    );
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/easypost',
      headers: forged.headers,
      payload: forged.body,
    });
    expect(refused.statusCode).toBe(401);
    expect((await api.get(`/v1/returns/${c.id}`, shop.staff)).body.status).toBe('in_transit');
    const notOurs = await t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/shippo',
      headers: forged.headers,
      payload: forged.body,
    });
    expect(notOurs.statusCode).toBe(404);

    const delivered = await trackerWebhook('delivered', tracking);
    expect(delivered.statusCode).toBe(200);
    expect((await api.get(`/v1/returns/${c.id}`, shop.staff)).body.status).toBe('delivered');
  });

  it('refunds the card through Stripe with the refund row key, settled by its signed webhook', async () => {
    const shop = await createShop(t.app);
    const payment = stripe.addPayment({
      amount: 100_000,
      currency: 'usd',
      refunds: { status: 'pending' },
    });
    const order = await createOrder(t.app, shop, { payment_reference: payment.payment_intent });
    const c = await openCase(shop, 'refund_only', order);
    const approved = await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    expect(approved.body.status).toBe('refund_pending');

    const options = refundWorkerOptions({
      db: t.database.db,
      clock: t.clock,
      config: t.config,
      logger: quiet,
    });
    expect(await executeDueRefunds(t.database.db, t.clock.now(), options)).toMatchObject({
      pending: 1,
    });
    const created = stripe.createdRefunds();
    const ours = created.find((r) => r.payment_intent === payment.payment_intent)!;
    expect(ours.amount).toBe(approved.body.refund_amount);
    expect(ours.metadata).toMatchObject({ refund_id: expect.stringMatching(/^rfd_/) });

    // Stripe settles it and says so.
    const settled = stripe.settle(ours.id, { status: 'succeeded' });
    const payload = stripe.event('charge.refund.updated', settled);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/stripe/refunds',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': stripe.sign(payload, { secret: 'whsec_wrongwrongwrong' }),
      },
      payload,
    });
    expect(forged.statusCode).toBe(401);
    const hook = await t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/stripe/refunds',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripe.sign(payload) },
      payload,
    });
    expect(hook.statusCode, hook.body).toBe(200);
    expect(hook.json().results).toEqual([
      {
        refund_id: expect.stringMatching(/^rfd_/),
        provider_reference: ours.id,
        recorded: 'succeeded',
      },
    ]);
    const done = (await api.get(`/v1/returns/${c.id}`, shop.buyer)).body;
    expect(done).toMatchObject({ status: 'refunded' });
    // The webhook again, or the worker again: nothing is paid twice.
    await t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/stripe/refunds',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripe.sign(payload) },
      payload,
    });
    await executeDueRefunds(t.database.db, t.clock.now(), options);
    expect(
      stripe.createdRefunds().filter((r) => r.payment_intent === payment.payment_intent),
    ).toHaveLength(1);
  });

  it("a refund Stripe fails shows the provider's reason to the agent", async () => {
    const shop = await createShop(t.app);
    const payment = stripe.addPayment({
      amount: 100_000,
      currency: 'usd',
      refunds: { status: 'failed', failure_reason: 'expired_or_canceled_card' },
    });
    const order = await createOrder(t.app, shop, { payment_reference: payment.payment_intent });
    const c = await openCase(shop, 'refund_only', order);
    await api.post(`/v1/returns/${c.id}/approve`, shop.staff, {});
    const options = refundWorkerOptions({
      db: t.database.db,
      clock: t.clock,
      config: t.config,
      logger: quiet,
    });
    expect(await executeDueRefunds(t.database.db, t.clock.now(), options)).toMatchObject({
      failed: 1,
    });
    const seen = (await api.get(`/v1/returns/${c.id}`, shop.agent)).body;
    expect(seen.status).toBe('refund_failed');
    expect(seen.refund_failure).toMatch(/expired_or_canceled_card/);
  });
});

const SHIPPO_KEY = `shippo_test_${'0123456789abcdef0123'.repeat(2)}`;
const SHIPPO_SECRET = 'shippo-webhook-secret-0123456789';

describe.each(ENGINES)('Shippo labels and tracking against its stand-in [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let shippo: ShippoStandIn;
  beforeAll(async () => {
    shippo = await new ShippoStandIn(SHIPPO_KEY).start();
    t = await startTestApp(engine, {
      SENDBACK_LABEL_PROVIDER: 'shippo',
      SENDBACK_TRACKING_PROVIDER: 'shippo',
      SHIPPO_API_KEY: SHIPPO_KEY,
      SHIPPO_WEBHOOK_SECRET: SHIPPO_SECRET,
      SHIPPO_API_BASE: shippo.url,
    });
    api = client(t.app);
  });
  afterAll(async () => {
    await t.close();
    await shippo.close();
  });

  async function trackUpdated(tracking: string, status: string, objectId: string) {
    const body = shippo.trackUpdated({
      carrier: 'usps',
      tracking_number: tracking,
      status,
      status_date: t.clock.now().toISOString(),
      status_details: `Scan: ${status}`,
      object_id: objectId,
    });
    return t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/shippo',
      headers: shippo.signWebhook(body, SHIPPO_SECRET, new Date()),
      payload: body,
    });
  }

  it('buys a return label once, and its track_updated scans ship and deliver the case', async () => {
    const shop = await createShop(t.app);
    await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
      return_postage: 'prepaid_label',
    });
    const order = await createOrder(t.app, shop);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Arrived cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    await api.post(`/v1/returns/${c.body.id}/approve`, shop.staff, {});
    const run = () =>
      buyDueLabels(t.database.db, t.clock.now(), {
        provider: outsideParties(t.config.providers).labels,
        max_attempts: 3,
        backoff_base_seconds: 1,
        parcel: DEFAULT_PARCEL,
      });
    expect(await run()).toMatchObject({ purchased: 1 });
    expect(shippo.purchases).toBe(1);
    const label = (await api.get(`/v1/returns/${c.body.id}`, shop.buyer)).body.label;
    expect(label).toMatchObject({
      status: 'purchased',
      provider: 'shippo',
      cost: 758,
      currency: 'USD',
    });

    const forged = shippo.trackUpdated({
      carrier: 'usps',
      tracking_number: label.tracking_number,
      status: 'DELIVERED',
      status_date: t.clock.now().toISOString(),
      status_details: 'Delivered',
      object_id: 'forged',
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/provider_events/shippo',
      headers: shippo.signWebhook(forged, 'a-different-secret-entirely', new Date()),
      payload: forged,
    });
    expect(refused.statusCode).toBe(401);

    expect((await trackUpdated(label.tracking_number, 'TRANSIT', 'trk_1')).statusCode).toBe(200);
    expect((await api.get(`/v1/returns/${c.body.id}`, shop.staff)).body.status).toBe('in_transit');
    expect((await trackUpdated(label.tracking_number, 'DELIVERED', 'trk_2')).statusCode).toBe(200);
    expect((await api.get(`/v1/returns/${c.body.id}`, shop.staff)).body.status).toBe('delivered');
  });
});
