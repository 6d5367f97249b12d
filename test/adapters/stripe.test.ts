import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RefundRequest } from '../../src/adapters/payments.ts';
import {
  CHECK_PENDING_AFTER_SECONDS,
  CHECK_REQUIRES_ACTION_AFTER_SECONDS,
  StripeGateway,
  type StripeGatewayOptions,
  StripeRefundWebhooks,
  toStripeAmount,
} from '../../src/adapters/stripe.ts';
import { WebhookRefused } from '../../src/adapters/tracking.ts';
import { type RefundBehaviour, StripeStandIn } from '../support/stripe-stand-in.ts';

const NOW = new Date('2031-03-04T05:06:07Z');

let stripe: StripeStandIn;
let counter = 0;

beforeEach(async () => {
  stripe = await StripeStandIn.start();
});
afterEach(async () => {
  await stripe.close();
});

function gateway(options: Partial<StripeGatewayOptions> = {}): StripeGateway {
  return new StripeGateway({
    secretKey: stripe.secretKey,
    ...stripe.connection,
    maxNetworkRetries: 0,
    timeoutMs: 2_000,
    ...options,
  });
}

function refundOf(
  payment: { amount: number; currency: string; direct?: boolean; refunds?: RefundBehaviour },
  overrides: Partial<RefundRequest> = {},
): RefundRequest {
  const paid = stripe.addPayment(payment);
  counter++;
  return {
    refund_id: `ref_${counter}`,
    idempotency_key: `refund-key-${counter}`,
    amount: payment.amount,
    currency: payment.currency,
    buyer_id: 'buyer_1',
    seller_id: 'seller_1',
    payment_reference: paid.payment_intent ?? paid.charge,
    ...overrides,
  };
}

function creates() {
  return stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
}

describe('StripeGateway: refunds', () => {
  it('refunds a PaymentIntent once, with the key, the amount, the currency and our refund id', async () => {
    const request = refundOf({ amount: 2599, currency: 'USD' });

    const result = await gateway().execute(request, NOW);

    const [refund] = stripe.createdRefunds();
    expect(result).toEqual({ status: 'succeeded', reference: refund!.id });
    expect(refund!.id).toMatch(/^re_/);
    expect(stripe.refundsCreated).toBe(1);
    expect(refund).toMatchObject({
      amount: 2599,
      currency: 'usd',
      payment_intent: request.payment_reference,
      metadata: { refund_id: request.refund_id },
      status: 'succeeded',
    });
    const [sent] = creates();
    expect(sent).toMatchObject({
      idempotencyKey: request.idempotency_key,
      stripeVersion: Stripe.API_VERSION,
      params: {
        payment_intent: request.payment_reference,
        amount: '2599',
        currency: 'usd',
        metadata: { refund_id: request.refund_id },
      },
    });
    expect(sent!.params['charge']).toBeUndefined();
  });

  it('refunds a Charge by its ch_ id', async () => {
    const request = refundOf({ amount: 1000, currency: 'EUR', direct: true });
    expect(request.payment_reference).toMatch(/^ch_/);

    const result = await gateway().execute(request, NOW);

    expect(result.status).toBe('succeeded');
    expect(creates()[0]!.params).toMatchObject({ charge: request.payment_reference });
    expect(creates()[0]!.params['payment_intent']).toBeUndefined();
  });

  it('refuses a payment reference that is not a PaymentIntent or a Charge, without calling Stripe', async () => {
    const request = refundOf({ amount: 1000, currency: 'USD' }, { payment_reference: 'sim_42' });

    const result = await gateway().execute(request, NOW);

    expect(result).toMatchObject({ status: 'failed', retryable: false });
    expect(result.status === 'failed' && result.error).toContain('"sim_42"');
    expect(stripe.requests).toHaveLength(0);
  });

  it('retried after a 500 with the same key, refunds once', async () => {
    const request = refundOf({ amount: 1500, currency: 'USD' });
    stripe.failNext('server_error');

    const first = await gateway().execute(request, NOW);
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect(stripe.refundsCreated).toBe(0);

    const second = await gateway().execute(request, NOW);
    expect(second.status).toBe('succeeded');
    expect(stripe.refundsCreated).toBe(1);
    expect(creates().map((r) => r.idempotencyKey)).toEqual([
      request.idempotency_key,
      request.idempotency_key,
    ]);
  });

  it("lets the SDK's own retries reuse the key after a 500", async () => {
    const request = refundOf({ amount: 1500, currency: 'USD' });
    stripe.failNext('server_error');

    const result = await gateway({ maxNetworkRetries: 2 }).execute(request, NOW);

    expect(result.status).toBe('succeeded');
    expect(creates().map((r) => [r.status, r.idempotencyKey])).toEqual([
      [500, request.idempotency_key],
      [200, request.idempotency_key],
    ]);
    expect(stripe.refundsCreated).toBe(1);
  });

  it('after a timeout (Stripe made the refund, the answer never came), the retry gets that refund', async () => {
    const request = refundOf({ amount: 4200, currency: 'USD' });
    stripe.failNext('hang');

    const first = await gateway({ timeoutMs: 300 }).execute(request, NOW);
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect(first.status === 'failed' && first.error).toMatch(/timeout/i);
    expect(stripe.refundsCreated).toBe(1);

    const second = await gateway({ timeoutMs: 300 }).execute(request, NOW);
    expect(second).toEqual({ status: 'succeeded', reference: stripe.createdRefunds()[0]!.id });
    expect(stripe.refundsCreated).toBe(1);
    expect(creates().at(-1)!.replayed).toBe(true);
  });

  it('after dropped connections, the retry gets the refund the first attempt made', async () => {
    const request = refundOf({ amount: 4200, currency: 'USD' });
    // The SDK retries a reset connection once by itself, so two drops reach the gateway.
    stripe.failNext('drop', 2);

    const first = await gateway().execute(request, NOW);
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect(creates()).toHaveLength(2);

    const second = await gateway().execute(request, NOW);
    expect(second).toEqual({ status: 'succeeded', reference: stripe.createdRefunds()[0]!.id });
    expect(stripe.refundsCreated).toBe(1);
    expect(creates().map((r) => r.replayed)).toEqual([false, true, true]);
  });

  it('one dropped connection is absorbed by the SDK retrying with the same key', async () => {
    const request = refundOf({ amount: 990, currency: 'GBP' });
    stripe.failNext('drop');

    const result = await gateway().execute(request, NOW);

    expect(result.status).toBe('succeeded');
    expect(stripe.refundsCreated).toBe(1);
    expect(creates().map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      [request.idempotency_key, false],
      [request.idempotency_key, true],
    ]);
  });

  it('two attempts racing with one key make one refund; the loser is told to retry', async () => {
    const request = refundOf({ amount: 700, currency: 'USD' });
    stripe.slowDownCreates(300);

    const results = await Promise.all([
      gateway().execute(request, NOW),
      gateway().execute(request, NOW),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
    const lost = results.find((r) => r.status === 'failed');
    expect(lost).toMatchObject({ retryable: true });
    expect(lost?.status === 'failed' && lost.error).toContain('still processing');
    expect(stripe.refundsCreated).toBe(1);
  });

  it('the same key with another amount is a final failure, not a second refund', async () => {
    const request = refundOf({ amount: 5000, currency: 'USD' });
    await gateway().execute({ ...request, amount: 2000 }, NOW);

    const result = await gateway().execute(request, NOW);

    expect(result).toMatchObject({ status: 'failed', retryable: false });
    expect(result.status === 'failed' && result.error).toContain('idempotency');
    expect(stripe.refundsCreated).toBe(1);
  });

  it('reports a pending refund, then its success when asked by its reference', async () => {
    const request = refundOf({ amount: 3000, currency: 'USD', refunds: { status: 'pending' } });

    const first = await gateway().execute(request, NOW);
    const refundId = stripe.createdRefunds()[0]!.id;
    expect(first).toEqual({
      status: 'pending',
      reference: refundId,
      check_after_seconds: CHECK_PENDING_AFTER_SECONDS,
    });

    stripe.settle(refundId, { status: 'succeeded' });
    const later = await gateway().execute({ ...request, provider_reference: refundId }, NOW);

    expect(later).toEqual({ status: 'succeeded', reference: refundId });
    expect(stripe.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v1/refunds/${refundId}`,
    });
    expect(stripe.refundsCreated).toBe(1);
  });

  it('reports a refund waiting for the customer as pending, asked about less often', async () => {
    const request = refundOf({
      amount: 3000,
      currency: 'USD',
      refunds: { status: 'requires_action' },
    });

    const result = await gateway().execute(request, NOW);

    expect(result).toMatchObject({
      status: 'pending',
      check_after_seconds: CHECK_REQUIRES_ACTION_AFTER_SECONDS,
    });
  });

  it('a pending refund that fails later is a final failure with its failure_reason', async () => {
    const request = refundOf({ amount: 3000, currency: 'USD', refunds: { status: 'pending' } });
    await gateway().execute(request, NOW);
    const refundId = stripe.createdRefunds()[0]!.id;
    stripe.settle(refundId, { status: 'failed', failure_reason: 'lost_or_stolen_card' });

    const result = await gateway().execute({ ...request, provider_reference: refundId }, NOW);

    expect(result).toEqual({
      status: 'failed',
      retryable: false,
      error: 'stripe refund failed: lost_or_stolen_card',
    });
  });

  it('a declined refund is a final failure with its failure_reason', async () => {
    const request = refundOf({
      amount: 3000,
      currency: 'USD',
      refunds: { status: 'failed', failure_reason: 'expired_or_canceled_card' },
    });

    const result = await gateway().execute(request, NOW);

    expect(result).toEqual({
      status: 'failed',
      retryable: false,
      error: 'stripe refund failed: expired_or_canceled_card',
    });
  });

  it('refuses an over-refund with amount_too_large, finally', async () => {
    const request = refundOf({ amount: 1000, currency: 'USD' }, { amount: 1001 });

    const result = await gateway().execute(request, NOW);

    expect(result).toMatchObject({ status: 'failed', retryable: false });
    expect(result.status === 'failed' && result.error).toContain('amount_too_large');
    expect(stripe.refundsCreated).toBe(0);
  });

  it('refuses a refund of a fully refunded payment with charge_already_refunded, finally', async () => {
    const request = refundOf({ amount: 1000, currency: 'USD' });
    expect((await gateway().execute(request, NOW)).status).toBe('succeeded');

    const again = await gateway().execute(
      { ...request, refund_id: 'ref_other', idempotency_key: 'another-key' },
      NOW,
    );

    expect(again).toMatchObject({ status: 'failed', retryable: false });
    expect(again.status === 'failed' && again.error).toContain('charge_already_refunded');
    expect(stripe.refundsCreated).toBe(1);
  });

  it('an unknown payment is a final failure naming resource_missing', async () => {
    const request = refundOf(
      { amount: 1000, currency: 'USD' },
      { payment_reference: 'pi_unknown' },
    );

    const result = await gateway().execute(request, NOW);

    expect(result).toMatchObject({ status: 'failed', retryable: false });
    expect(result.status === 'failed' && result.error).toContain('resource_missing');
  });

  it('a refund reference of another refund is refused', async () => {
    const request = refundOf({ amount: 1000, currency: 'USD' });
    await gateway().execute(request, NOW);
    const refundId = stripe.createdRefunds()[0]!.id;

    const result = await gateway().execute(
      { ...request, refund_id: 'ref_someone_else', provider_reference: refundId },
      NOW,
    );

    expect(result).toMatchObject({ status: 'failed', retryable: false });
  });

  it('429 and 500 are retryable', async () => {
    const request = refundOf({ amount: 1000, currency: 'USD' });
    stripe.failNext('rate_limit');
    stripe.failNext('server_error');

    const limited = await gateway().execute(request, NOW);
    const broken = await gateway().execute(request, NOW);

    expect(limited).toMatchObject({ status: 'failed', retryable: true });
    expect(limited.status === 'failed' && limited.error).toContain('rate_limit');
    expect(broken).toMatchObject({ status: 'failed', retryable: true });
    expect(broken.status === 'failed' && broken.error).toContain('500');
    expect(stripe.refundsCreated).toBe(0);
  });

  it('a wrong secret key is a final failure that does not show the key', async () => {
    const wrongKey = 'sk_test_thisIsNotTheRightKey9876';
    const request = refundOf({ amount: 1000, currency: 'USD' });

    const result = await gateway({ secretKey: wrongKey }).execute(request, NOW);

    expect(result).toMatchObject({ status: 'failed', retryable: false });
    const error = result.status === 'failed' ? result.error : '';
    expect(error).toContain('401');
    expect(error).not.toContain(wrongKey);
    expect(error).not.toContain('9876');
    expect(stripe.requests[0]!.status).toBe(401);
    expect(stripe.refundsCreated).toBe(0);
  });
});

describe('StripeGateway: amounts in Stripe units', () => {
  it('sends a zero-decimal currency (JPY) as whole yen', async () => {
    const request = refundOf({ amount: 5000, currency: 'JPY' });

    const result = await gateway().execute(request, NOW);

    expect(result.status).toBe('succeeded');
    expect(creates()[0]!.params).toMatchObject({ amount: '5000', currency: 'jpy' });
    expect(stripe.createdRefunds()[0]).toMatchObject({ amount: 5000, currency: 'jpy' });
  });

  it('sends two-decimal minor units unchanged (EUR, and HUF whose special case is payouts)', async () => {
    const eur = refundOf({ amount: 1234, currency: 'EUR' });
    const huf = refundOf({ amount: 105_050, currency: 'HUF' });

    await gateway().execute(eur, NOW);
    await gateway().execute(huf, NOW);

    expect(creates().map((r) => [r.params['amount'], r.params['currency']])).toEqual([
      ['1234', 'eur'],
      ['105050', 'huf'],
    ]);
  });

  it('converts where Stripe differs from ISO 4217 and refuses what it cannot express', () => {
    expect(toStripeAmount(500, 'ISK')).toEqual({ ok: true, amount: 50_000 });
    expect(toStripeAmount(12_300, 'MGA')).toEqual({ ok: true, amount: 123 });
    expect(toStripeAmount(12_345, 'MGA')).toMatchObject({ ok: false });
    expect(toStripeAmount(1230, 'KWD')).toEqual({ ok: true, amount: 1230 });
    expect(toStripeAmount(1235, 'KWD')).toMatchObject({ ok: false });
    expect(toStripeAmount(7000, 'UGX')).toEqual({ ok: true, amount: 7000 });
    expect(toStripeAmount(1000, 'IQD')).toMatchObject({ ok: false });
    expect(toStripeAmount(0, 'USD')).toMatchObject({ ok: false });
    expect(toStripeAmount(100, 'XXY')).toMatchObject({ ok: false });
  });

  it('an amount Stripe cannot take is a final failure with a clear message, never sent', async () => {
    const request = refundOf({ amount: 12_345, currency: 'KWD' });

    const result = await gateway().execute(request, NOW);

    expect(result).toEqual({
      status: 'failed',
      retryable: false,
      error: '12345 KWD minor units cannot be refunded: Stripe requires KWD amounts to end in 0',
    });
    expect(stripe.requests).toHaveLength(0);
  });
});

describe('StripeRefundWebhooks', () => {
  function webhooks(secret = stripe.webhookSecret) {
    return new StripeRefundWebhooks({ webhookSecret: secret });
  }

  async function settledRefund(outcome: Parameters<StripeStandIn['settle']>[1]) {
    const request = refundOf({ amount: 3000, currency: 'USD', refunds: { status: 'pending' } });
    await gateway().execute(request, NOW);
    return stripe.settle(stripe.createdRefunds()[0]!.id, outcome);
  }

  it('maps a signed charge.refund.updated to a RefundUpdate', async () => {
    const refund = await settledRefund({ status: 'failed', failure_reason: 'insufficient_funds' });
    const body = stripe.event('charge.refund.updated', refund, { status: 'pending' });

    const updates = await webhooks().parseWebhook(
      { 'stripe-signature': stripe.sign(body, { at: NOW }) },
      Buffer.from(body),
      NOW,
    );

    expect(updates).toEqual([
      {
        provider_reference: refund.id,
        result: {
          status: 'failed',
          retryable: false,
          error: 'stripe refund failed: insufficient_funds',
        },
      },
    ]);
  });

  it('maps refund.updated (succeeded) and refund.created (pending)', async () => {
    const refund = await settledRefund({ status: 'succeeded' });
    const updated = stripe.event('refund.updated', refund);
    const created = stripe.event('refund.created', { ...refund, status: 'pending' });
    const parse = (body: string) =>
      webhooks().parseWebhook(
        { 'stripe-signature': stripe.sign(body, { at: NOW }) },
        Buffer.from(body),
        NOW,
      );

    expect(await parse(updated)).toEqual([
      { provider_reference: refund.id, result: { status: 'succeeded', reference: refund.id } },
    ]);
    expect(await parse(created)).toEqual([
      {
        provider_reference: refund.id,
        result: {
          status: 'pending',
          reference: refund.id,
          check_after_seconds: CHECK_PENDING_AFTER_SECONDS,
        },
      },
    ]);
  });

  it('judges the timestamp against the given now, not the real clock', async () => {
    const refund = await settledRefund({ status: 'succeeded' });
    const body = stripe.event('charge.refund.updated', refund);
    const longAgo = new Date('2001-01-01T00:00:00Z');

    const updates = await webhooks().parseWebhook(
      { 'stripe-signature': stripe.sign(body, { at: longAgo }) },
      Buffer.from(body),
      new Date(longAgo.getTime() + 60_000),
    );

    expect(updates).toHaveLength(1);
  });

  it('refuses a tampered body, a wrong secret, a missing header and a stale or future timestamp', async () => {
    const refund = await settledRefund({ status: 'succeeded' });
    const body = stripe.event('charge.refund.updated', refund);
    const signature = stripe.sign(body, { at: NOW });
    const tampered = body.replace(`"amount": ${refund.amount}`, `"amount": ${refund.amount * 10}`);
    expect(tampered).not.toBe(body);
    const refused = (promise: Promise<unknown>) => expect(promise).rejects.toThrow(WebhookRefused);

    await refused(
      webhooks().parseWebhook({ 'stripe-signature': signature }, Buffer.from(tampered), NOW),
    );
    await refused(
      webhooks('whsec_not_the_endpoint_secret').parseWebhook(
        { 'stripe-signature': signature },
        Buffer.from(body),
        NOW,
      ),
    );
    await refused(webhooks().parseWebhook({}, Buffer.from(body), NOW));
    await refused(
      webhooks().parseWebhook({ 'stripe-signature': 'garbage' }, Buffer.from(body), NOW),
    );
    const stale = stripe.sign(body, { at: new Date(NOW.getTime() - 301_000) });
    await expect(
      webhooks().parseWebhook({ 'stripe-signature': stale }, Buffer.from(body), NOW),
    ).rejects.toThrow(/tolerance/i);
    const future = stripe.sign(body, { at: new Date(NOW.getTime() + 301_000) });
    await refused(webhooks().parseWebhook({ 'stripe-signature': future }, Buffer.from(body), NOW));
  });

  it('accepts a timestamp within the tolerance', async () => {
    const refund = await settledRefund({ status: 'succeeded' });
    const body = stripe.event('charge.refund.updated', refund);
    const recent = stripe.sign(body, { at: new Date(NOW.getTime() - 299_000) });

    const updates = await webhooks().parseWebhook(
      { 'stripe-signature': recent },
      Buffer.from(body),
      NOW,
    );

    expect(updates).toHaveLength(1);
  });

  it('refuses a signed body that is not JSON', async () => {
    const body = 'not json';

    await expect(
      webhooks().parseWebhook(
        { 'stripe-signature': stripe.sign(body, { at: NOW }) },
        Buffer.from(body),
        NOW,
      ),
    ).rejects.toThrow(WebhookRefused);
  });

  it('gives nothing for an event that is not about a refund', async () => {
    const body = stripe.event('payment_intent.succeeded', {
      id: 'pi_123',
      object: 'payment_intent',
      status: 'succeeded',
    });

    const updates = await webhooks().parseWebhook(
      { 'stripe-signature': stripe.sign(body, { at: NOW }) },
      Buffer.from(body),
      NOW,
    );

    expect(updates).toEqual([]);
  });
});
