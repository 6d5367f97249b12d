import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  decimalToMinorUnits,
  EasyPostLabels,
  EasyPostTracking,
  parcelOf,
  TRACKER_STATUS,
} from '../../src/adapters/easypost.ts';
import type { LabelRequest, PurchasedLabel } from '../../src/adapters/labels.ts';
import { WebhookRefused } from '../../src/adapters/tracking.ts';
import { EasyPostStandIn, signWebhookBody } from '../support/easypost-stand-in.ts';

const API_KEY = 'EZTKstandin0123456789abcdef';
const SECRET = 'whsec-ﬁle-ℌ-secret'; // characters NFKD changes, to prove both sides normalise

let standIn: EasyPostStandIn;

beforeAll(async () => {
  standIn = await EasyPostStandIn.start({ apiKey: API_KEY, webhookSecret: SECRET });
});
afterAll(async () => {
  await standIn.close();
});
afterEach(() => {
  standIn.releaseBuys();
});

function labels(options: Partial<ConstructorParameters<typeof EasyPostLabels>[0]> = {}) {
  return new EasyPostLabels({
    apiKey: API_KEY,
    baseUrl: standIn.baseUrl,
    timeoutMs: 2_000,
    ...options,
  });
}

function tracking(options: Partial<ConstructorParameters<typeof EasyPostTracking>[0]> = {}) {
  return new EasyPostTracking({
    apiKey: API_KEY,
    webhookSecret: SECRET,
    baseUrl: standIn.baseUrl,
    timeoutMs: 2_000,
    ...options,
  });
}

let keySeq = 0;
function request(): LabelRequest {
  keySeq += 1;
  return {
    idempotency_key: `evt_label_${keySeq}`,
    case_id: `case_${keySeq}`,
    from: {
      name: 'Bea Buyer',
      line1: '179 N Harbor Dr',
      city: 'Redondo Beach',
      region: 'CA',
      postal_code: '90277',
      country: 'US',
      phone: '3105551234',
    },
    to: {
      name: 'Shop Returns',
      line1: '417 Montgomery Street',
      line2: '5th Floor',
      city: 'San Francisco',
      region: 'CA',
      postal_code: '94104',
      country: 'US',
    },
    parcel: { weight_grams: 1000, length_cm: 30, width_cm: 20, height_cm: 10 },
  };
}

async function prepared(provider: EasyPostLabels, req: LabelRequest): Promise<string> {
  const outcome = await provider.prepare(req);
  if (outcome.status !== 'prepared') throw new Error(`prepare failed: ${outcome.error}`);
  return outcome.shipment_reference;
}

async function bought(provider: EasyPostLabels, ref: string, req: LabelRequest) {
  const outcome = await provider.buy(ref, req);
  if (outcome.status !== 'purchased') throw new Error(`buy failed: ${outcome.error}`);
  return outcome.label;
}

function pdfHeader(label: PurchasedLabel): string {
  return Buffer.from(label.label_pdf.subarray(0, 5)).toString('latin1');
}

describe('EasyPostLabels', () => {
  it('prepares a return shipment and buys its lowest rate: tracking number, PDF, cost in cents', async () => {
    const provider = labels();
    const req = request();
    const ref = await prepared(provider, req);
    expect(ref).toMatch(/^shp_[0-9a-f]{32}$/);

    const label = await bought(provider, ref, req);
    expect(label.provider_reference).toBe(ref);
    expect(label.carrier).toBe('USPS');
    expect(label.service).toBe('GroundAdvantage');
    expect(label.tracking_number).toBe(standIn.shipments.get(ref)?.tracking_code);
    expect(label.tracking_number).not.toBe('');
    expect(pdfHeader(label)).toBe('%PDF-');
    expect(label.cost).toBe(758);
    expect(label.currency).toBe('USD');
    // USPS offers a Label Broker QR code form; the adapter fetched its PNG.
    expect(
      Buffer.from(label.qr_code_png ?? [])
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  });

  it('creates the return as EasyPost documents: buyer as origin, return address as destination', async () => {
    const provider = labels();
    const req = request();
    const ref = await prepared(provider, req);
    const shipment = standIn.shipments.get(ref);
    expect(shipment?.is_return).toBe(true);
    expect(shipment?.from_address).toMatchObject({
      name: 'Bea Buyer',
      street1: '179 N Harbor Dr',
      zip: '90277',
      country: 'US',
    });
    expect(shipment?.to_address).toMatchObject({
      name: 'Shop Returns',
      street1: '417 Montgomery Street',
      street2: '5th Floor',
      zip: '94104',
    });
    expect(shipment?.reference).toBe(req.idempotency_key);
    expect(shipment?.options).toMatchObject({ label_format: 'PDF' });
    // 1000 g = 35.27 oz, 30 x 20 x 10 cm = 11.81 x 7.87 x 3.94 in, each rounded up to a tenth.
    expect(shipment?.parcel).toMatchObject({ weight: 35.3, length: 11.9, width: 7.9, height: 4 });
  });

  it('buying the same shipment again (after a crash) answers the first label: one purchase', async () => {
    const req = request();
    const ref = await prepared(labels(), req);
    const before = standIn.purchases;
    const first = await bought(labels(), ref, req);
    const again = await bought(labels(), ref, req);
    expect(standIn.purchases - before).toBe(1);
    expect(again.tracking_number).toBe(first.tracking_number);
    expect(again.cost).toBe(first.cost);
    expect(Buffer.from(again.label_pdf).equals(Buffer.from(first.label_pdf))).toBe(true);
  });

  it('a purchase whose answer was lost is answered, not bought again, on the next try', async () => {
    const provider = labels();
    const req = request();
    const ref = await prepared(provider, req);
    const before = standIn.purchases;
    // The retrieve goes through; the purchase happens but its answer never arrives.
    standIn.failNext('none');
    standIn.failNext('lose_response');
    const firstTry = provider.buy(ref, req);
    expect(await firstTry).toMatchObject({ status: 'failed', retryable: true });
    const label = await bought(provider, ref, req);
    expect(standIn.purchases - before).toBe(1);
    expect(label.tracking_number).toBe(standIn.shipments.get(ref)?.tracking_code);
  });

  it('two concurrent purchases of one shipment: EasyPost refuses the second, both answer one label', async () => {
    const req = request();
    const ref = await prepared(labels(), req);
    const before = standIn.purchases;
    const refusedBefore = standIn.refusedRepurchases;
    standIn.startHoldingBuys();
    const a = labels().buy(ref, req);
    const b = labels().buy(ref, req);
    await standIn.waitForHeldBuys(2);
    standIn.releaseBuys();
    const [one, two] = await Promise.all([a, b]);
    expect(one.status).toBe('purchased');
    expect(two.status).toBe('purchased');
    if (one.status !== 'purchased' || two.status !== 'purchased') return;
    expect(two.label.tracking_number).toBe(one.label.tracking_number);
    expect(standIn.purchases - before).toBe(1);
    // The second purchase met SHIPMENT.POSTAGE.EXISTS and was answered from the shipment.
    expect(standIn.refusedRepurchases - refusedBefore).toBe(1);
  });

  it('buys only with the configured carrier accounts (no QR code outside USPS)', async () => {
    const provider = labels({ carrierAccounts: ['ca_ups', 'ca_fedex'] });
    const req = request();
    const ref = await prepared(provider, req);
    expect(standIn.shipments.get(ref)?.rates.map((r) => r['carrier_account_id'])).toEqual([
      'ca_ups',
      'ca_fedex',
    ]);
    const label = await bought(provider, ref, req);
    expect(label).toMatchObject({ carrier: 'UPS', service: 'Ground', cost: 910 });
    expect(label.qr_code_png).toBeUndefined();
  });

  it.each([
    ['http_500', /EasyPost 500 INTERNAL_SERVER_ERROR/],
    ['http_429', /EasyPost 429 RATE_LIMITED/],
    ['drop', /EasyPost unreachable \(ECONNRESET\)/],
  ] as const)('%s is a retryable failure', async (fault, message) => {
    standIn.failNext(fault);
    const outcome = await labels().prepare(request());
    expect(outcome).toMatchObject({ status: 'failed', retryable: true });
    if (outcome.status === 'failed') expect(outcome.error).toMatch(message);
  });

  it('a request that hangs past the timeout is a retryable failure', async () => {
    standIn.failNext('hang');
    const started = Date.now();
    const outcome = await labels({ timeoutMs: 300 }).prepare(request());
    expect(outcome).toMatchObject({ status: 'failed', retryable: true });
    if (outcome.status === 'failed') expect(outcome.error).toMatch(/in time|timeout/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an address EasyPost cannot verify is not retryable and says why', async () => {
    standIn.rejectNextAddress();
    const outcome = await labels().prepare(request());
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    if (outcome.status === 'failed') {
      expect(outcome.error).toContain('ADDRESS.VERIFY.FAILURE');
      expect(outcome.error).toContain('street1: House number is missing');
    }
  });

  it('a wrong API key is not retryable and the failure never contains the key', async () => {
    const wrongKey = 'EZTKwrongkey987654321';
    const outcome = await labels({ apiKey: wrongKey }).prepare(request());
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    if (outcome.status === 'failed') {
      expect(outcome.error).toContain('UNAUTHORIZED');
      expect(outcome.error).not.toContain(wrongKey);
    }
  });

  it('a shipment EasyPost does not know is not retryable', async () => {
    const outcome = await labels().buy('shp_00000000000000000000000000000000', request());
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
  });

  it('a label that cannot be downloaded is retryable, and the retry buys nothing more', async () => {
    const req = request();
    const ref = await prepared(labels(), req);
    const before = standIn.purchases;
    const failing = labels({
      fetchLabel: async () => {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    });
    expect(await failing.buy(ref, req)).toMatchObject({ status: 'failed', retryable: true });
    const label = await bought(labels(), ref, req);
    expect(pdfHeader(label)).toBe('%PDF-');
    expect(standIn.purchases - before).toBe(1);
  });
});

describe('EasyPost units and money', () => {
  it('converts grams and centimetres to ounces and inches, rounding up to a tenth', () => {
    expect(
      parcelOf({ weight_grams: 453.59237, length_cm: 2.54, width_cm: 25.4, height_cm: 1 }),
    ).toEqual({ weight: 16, length: 1, width: 10, height: 0.4 });
  });

  it('converts decimal rates to minor units exactly', () => {
    expect(decimalToMinorUnits('7.58', 'USD')).toBe(758);
    expect(decimalToMinorUnits('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999... as a float
    expect(decimalToMinorUnits('10', 'USD')).toBe(1000);
    expect(decimalToMinorUnits('1200', 'JPY')).toBe(1200);
    expect(decimalToMinorUnits('1.5', 'KWD')).toBe(1500);
    expect(decimalToMinorUnits('7.581', 'USD')).toBe(759);
    expect(decimalToMinorUnits('7.5800', 'USD')).toBe(758);
    expect(() => decimalToMinorUnits('7,58', 'USD')).toThrow(RangeError);
  });
});

describe('EasyPostTracking', () => {
  it('registers a Tracker with EasyPost carrier names', async () => {
    const provider = tracking();
    const outcome = await provider.register('DHL Express', '1234567890');
    expect(outcome).toMatchObject({ status: 'registered' });
    if (outcome.status !== 'registered') return;
    expect(standIn.trackers.get(outcome.reference)).toMatchObject({
      tracking_code: '1234567890',
      carrier: 'DHLExpress',
    });
    for (const [ours, theirs] of [
      ['UPS', 'UPS'],
      ['usps', 'USPS'],
      ['FedEx Ground', 'FedEx'],
    ] as const) {
      const r = await provider.register(ours, `N${theirs}000111`);
      expect(r.status === 'registered' && standIn.trackers.get(r.reference)?.['carrier']).toBe(
        theirs,
      );
    }
    // A carrier named like an Object member is one EasyPost is not told: it guesses from the
    // number (the stand-in guesses USPS), where `{}` sent as the carrier would be refused.
    const odd = await provider.register('__proto__', 'NPROTO000111');
    expect(odd.status).toBe('registered');
    if (odd.status !== 'registered') return;
    expect(standIn.trackers.get(odd.reference)?.['carrier']).toBe('USPS');
  });

  it('registering a number twice is harmless', async () => {
    const provider = tracking();
    const first = await provider.register('USPS', '9400100000000000000999');
    const second = await provider.register('USPS', '9400100000000000000999');
    expect(first).toMatchObject({ status: 'registered' });
    expect(second).toEqual(first);
  });

  it('a failed registration is reported with its retryability', async () => {
    standIn.failNext('http_500');
    expect(await tracking().register('USPS', '9400100000000000000111')).toMatchObject({
      status: 'failed',
      retryable: true,
    });
    const wrong = await tracking({ apiKey: 'EZTKnope' }).register('USPS', '9400100000000000000111');
    expect(wrong).toMatchObject({ status: 'failed', retryable: false });
    expect(wrong.status === 'failed' && wrong.error).not.toContain('EZTKnope');
  });

  const NOW = new Date('2025-06-03T00:00:00Z');
  const details = [
    { status: 'pre_transit', message: 'Shipping Label Created', datetime: '2025-06-01T09:00:00Z' },
    {
      status: 'in_transit',
      message: 'Arrived at USPS facility, Kearny NJ',
      datetime: '2025-06-02T07:30:00Z',
    },
  ];

  it.each([
    ['in_transit', 'in_transit'],
    ['out_for_delivery', 'in_transit'],
    ['available_for_pickup', 'in_transit'],
    ['delivered', 'delivered'],
    ['return_to_sender', 'returned_to_sender'],
    ['failure', 'exception'],
    ['cancelled', 'exception'],
    ['error', 'exception'],
  ] as const)('tracker status %s becomes %s', async (status, ours) => {
    const event = standIn.trackerEvent({
      status,
      tracking_code: '9400100000000000000222',
      details,
    });
    const { headers, body } = standIn.webhook(event);
    const updates = await tracking().parseWebhook(headers, body, NOW);
    expect(updates).toEqual([
      {
        event_id: `${String(event['id'])}:${status}:2025-06-02T07:30:00.000Z`,
        carrier: 'USPS',
        tracking_number: '9400100000000000000222',
        status: ours,
        occurred_at: new Date('2025-06-02T07:30:00Z'),
        description: 'Arrived at USPS facility, Kearny NJ',
      },
    ]);
    expect(TRACKER_STATUS[status]).toBe(ours);
  });

  it.each(['pre_transit', 'unknown'])('tracker status %s is no update', async (status) => {
    const { headers, body } = standIn.webhook(
      standIn.trackerEvent({ status, tracking_code: '9400100000000000000222', details }),
    );
    expect(await tracking().parseWebhook(headers, body, NOW)).toEqual([]);
  });

  it('without scans, occurred_at is the tracker update time; tracker.created counts too', async () => {
    const event = standIn.trackerEvent({
      status: 'in_transit',
      tracking_code: '1Z999AA10123456784',
      carrier: 'DHLExpress',
      description: 'tracker.created',
      updated_at: '2025-06-02T12:00:00Z',
    });
    const { headers, body } = standIn.webhook(event);
    const [update] = await tracking().parseWebhook(headers, body, NOW);
    expect(update).toMatchObject({ carrier: 'DHL', occurred_at: new Date('2025-06-02T12:00:00Z') });
    expect(update?.description).toBeUndefined();
  });

  it('the same delivery twice gives the same event id', async () => {
    const { headers, body } = standIn.webhook(
      standIn.trackerEvent({
        status: 'delivered',
        tracking_code: '9400100000000000000333',
        details,
      }),
    );
    const first = await tracking().parseWebhook(headers, body, NOW);
    const again = await tracking().parseWebhook(headers, body, NOW);
    expect(again[0]?.event_id).toBe(first[0]?.event_id);
  });

  it('events that are not about trackers give no updates', async () => {
    const event = {
      object: 'Event',
      id: 'evt_0123456789abcdef0123456789abcdef',
      description: 'batch.updated',
      result: { object: 'Batch', id: 'batch_1', state: 'purchased' },
    };
    const { headers, body } = standIn.webhook(event);
    expect(await tracking().parseWebhook(headers, body, NOW)).toEqual([]);
  });

  describe('refuses', () => {
    const event = () =>
      standIn.trackerEvent({
        status: 'delivered',
        tracking_code: '9400100000000000000444',
        details,
      });

    it('a tampered body', async () => {
      const { headers, body } = standIn.webhook(event());
      const tampered = Buffer.from(body.toString('utf8').replace('"delivered"', '"in_transit"'));
      expect(tampered.equals(body)).toBe(false);
      await expect(tracking().parseWebhook(headers, tampered, NOW)).rejects.toThrow(WebhookRefused);
    });

    it('a body signed with another secret', async () => {
      const { headers, body } = standIn.webhook(event(), 'another-secret');
      await expect(tracking().parseWebhook(headers, body, NOW)).rejects.toThrow(WebhookRefused);
    });

    it('a body the adapter is configured with another secret for', async () => {
      const { headers, body } = standIn.webhook(event());
      await expect(
        tracking({ webhookSecret: 'not-the-secret' }).parseWebhook(headers, body, NOW),
      ).rejects.toThrow(WebhookRefused);
    });

    it('a missing signature header', async () => {
      const { body } = standIn.webhook(event());
      await expect(
        tracking().parseWebhook({ 'content-type': 'application/json' }, body, NOW),
      ).rejects.toThrow(WebhookRefused);
    });

    it('a signature without the hmac-sha256-hex= prefix', async () => {
      const { headers, body } = standIn.webhook(event());
      const bare = {
        'x-hmac-signature': headers['x-hmac-signature']?.replace('hmac-sha256-hex=', ''),
      };
      await expect(tracking().parseWebhook(bare, body, NOW)).rejects.toThrow(WebhookRefused);
    });

    it('a correctly signed body that is not JSON', async () => {
      const body = Buffer.from('not json {', 'utf8');
      const headers = { 'x-hmac-signature': signWebhookBody(body, SECRET) };
      await expect(tracking().parseWebhook(headers, body, NOW)).rejects.toThrow(WebhookRefused);
    });
  });

  it('accepts the signature header in any case, as the exact bytes received', async () => {
    const { headers, body } = standIn.webhook(
      standIn.trackerEvent({
        status: 'delivered',
        tracking_code: '9400100000000000000555',
        details,
      }),
    );
    const updates = await tracking().parseWebhook(
      { 'X-Hmac-Signature': headers['x-hmac-signature'] },
      body,
      NOW,
    );
    expect(updates).toHaveLength(1);
  });
});
