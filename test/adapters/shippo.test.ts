import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTrackingNumber } from '../../src/adapters/carriers.ts';
import type { BuyOutcome, LabelRequest, PurchasedLabel } from '../../src/adapters/labels.ts';
import {
  decimalToMinorUnits,
  ShippoLabels,
  type ShippoLabelsOptions,
  ShippoTracking,
} from '../../src/adapters/shippo.ts';
import { WebhookRefused } from '../../src/adapters/tracking.ts';
import { type ShippoStandIn, startShippoStandIn } from '../support/shippo-stand-in.ts';

const SECRET = 'whsec_standin_shared_secret';
const NOW = new Date('2024-05-02T12:00:00.000Z');

function labelRequest(overrides: Partial<LabelRequest> = {}): LabelRequest {
  return {
    idempotency_key: 'case_7:label_requested:3',
    case_id: 'case_7',
    from: {
      name: 'Wei Zhang',
      line1: '88 Buyer Lane',
      city: 'Portland',
      region: 'OR',
      postal_code: '97201',
      country: 'US',
      email: 'wei@example.com',
    },
    to: {
      name: 'Hippo Goods Returns',
      line1: '500 Warehouse Rd',
      line2: 'Dock 4',
      city: 'Reno',
      region: 'NV',
      postal_code: '89502',
      country: 'US',
    },
    parcel: { weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 },
    ...overrides,
  };
}

let standIn: ShippoStandIn;

beforeEach(async () => {
  standIn = await startShippoStandIn();
});

afterEach(async () => {
  await standIn.close();
});

function labels(options: Partial<ShippoLabelsOptions> = {}): ShippoLabels {
  return new ShippoLabels({
    apiKey: standIn.apiKey,
    serverURL: standIn.url,
    timeoutMs: 2_000,
    ...options,
  });
}

async function prepared(provider: ShippoLabels, request = labelRequest()): Promise<string> {
  const outcome = await provider.prepare(request);
  if (outcome.status !== 'prepared') throw new Error(outcome.error);
  return outcome.shipment_reference;
}

function purchased(outcome: BuyOutcome): PurchasedLabel {
  if (outcome.status !== 'purchased') throw new Error(`not purchased: ${outcome.error}`);
  return outcome.label;
}

describe('ShippoLabels', () => {
  it('prepares a return shipment: addresses as Shippo documents for returns, grams and cm, the key as metadata', async () => {
    const provider = labels();
    const reference = await prepared(provider);

    const sent = standIn.requests.find((r) => r.method === 'POST' && r.path === '/shipments');
    expect(sent?.authorization).toBe(`ShippoToken ${standIn.apiKey}`);
    expect(sent?.body).toMatchObject({
      extra: { is_return: true },
      async: false,
      metadata: 'case_7:label_requested:3',
      // Not swapped: Shippo makes the outbound address_to (the buyer) the label's sender.
      address_from: { name: 'Hippo Goods Returns', street2: 'Dock 4', zip: '89502', state: 'NV' },
      address_to: { name: 'Wei Zhang', street1: '88 Buyer Lane', zip: '97201', country: 'US' },
      parcels: [
        {
          mass_unit: 'g',
          weight: '900',
          distance_unit: 'cm',
          length: '30',
          width: '20',
          height: '10',
        },
      ],
    });
    expect(standIn.shipments.has(reference)).toBe(true);
  });

  it('buys the cheapest rate once and answers the label PDF, tracking number, QR and cost in minor units', async () => {
    const provider = labels();
    const reference = await prepared(provider);
    const label = purchased(await provider.buy(reference, labelRequest()));

    expect(Buffer.from(label.label_pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(label).toMatchObject({
      carrier: 'USPS',
      service: 'Ground Advantage',
      cost: 758,
      currency: 'USD',
    });
    expect(checkTrackingNumber('USPS', label.tracking_number).ok).toBe(true);
    expect(label.provider_reference).toBe(standIn.transactions[0]?.object_id);
    expect(Buffer.from(label.qr_code_png!.subarray(0, 4)).toString('latin1')).toBe('\x89PNG');
    expect(standIn.purchases).toBe(1);
    const bought = standIn.requests.find((r) => r.method === 'POST' && r.path === '/transactions');
    expect(bought?.body).toMatchObject({
      label_file_type: 'PDF',
      async: false,
      metadata: 'case_7:label_requested:3',
    });
    const boughtRate = (bought?.body as { rate?: string } | undefined)?.rate;
    const cheapest = standIn.rates.get(String(boughtRate));
    expect(cheapest?.amount).toBe('7.58');
  });

  it('passes no QR code on when Shippo links a PDF instead of a PNG', async () => {
    standIn.qrCodeFormat = 'pdf';
    const provider = labels();
    const label = purchased(await provider.buy(await prepared(provider), labelRequest()));
    expect(label.qr_code_png).toBeUndefined();
    expect(standIn.fileRequests).toBe(2);
  });

  it('answers the same label after a crash that lost the purchase answer, and pays once', async () => {
    const provider = labels();
    const reference = await prepared(provider);
    standIn.failNext('drop_after_commit', { method: 'POST', path: '/transactions' });

    const lost = await provider.buy(reference, labelRequest());
    expect(lost).toMatchObject({ status: 'failed', retryable: true });
    expect(standIn.purchases).toBe(1);

    const again = purchased(await provider.buy(reference, labelRequest()));
    const once = purchased(await provider.buy(reference, labelRequest()));
    expect(standIn.purchases).toBe(1);
    expect(again.provider_reference).toBe(standIn.transactions[0]?.object_id);
    expect(once.tracking_number).toBe(again.tracking_number);
    expect(
      standIn.requests.filter((r) => r.method === 'POST' && r.path === '/transactions'),
    ).toHaveLength(1);
  });

  it('retries a failed label download without buying again', async () => {
    let calls = 0;
    const provider = labels({
      fetchLabel: async (url) => {
        calls += 1;
        if (calls === 1) throw new Error('socket hang up');
        return new Uint8Array(await (await fetch(url)).arrayBuffer());
      },
    });
    const reference = await prepared(provider);
    expect(await provider.buy(reference, labelRequest())).toMatchObject({
      status: 'failed',
      retryable: true,
      error: expect.stringContaining('could not download the label'),
    });
    const label = purchased(await provider.buy(reference, labelRequest()));
    expect(label.cost).toBe(758);
    expect(standIn.purchases).toBe(1);
  });

  it.each([
    ['server_error', /HTTP 500/],
    ['rate_limited', /HTTP 429/],
    ['drop', /did not answer/],
  ] as const)('a %s is retryable', async (fault, message) => {
    const provider = labels();
    const reference = await prepared(provider);
    standIn.failNext(fault, { method: 'POST', path: '/transactions' });
    expect(await provider.buy(reference, labelRequest())).toMatchObject({
      status: 'failed',
      retryable: true,
      error: expect.stringMatching(message),
    });
    expect(standIn.purchases).toBe(0);
    purchased(await provider.buy(reference, labelRequest()));
    expect(standIn.purchases).toBe(1);
  });

  it('a timeout is retryable', async () => {
    const provider = labels({ timeoutMs: 300 });
    standIn.failNext('hang', { path: '/shipments' });
    const started = Date.now();
    expect(await provider.prepare(labelRequest())).toMatchObject({
      status: 'failed',
      retryable: true,
      error: expect.stringContaining('RequestTimeoutError'),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a failed purchase (an address Shippo's carrier refuses) is not retryable and says why", async () => {
    const provider = labels();
    const reference = await prepared(provider);
    standIn.failNext('address_error', { method: 'POST', path: '/transactions' });
    expect(await provider.buy(reference, labelRequest())).toEqual({
      status: 'failed',
      retryable: false,
      error: expect.stringContaining('The address as submitted could not be found'),
    });
    expect(standIn.purchases).toBe(0);
  });

  it('a 400 is not retryable and carries the field errors', async () => {
    standIn.failNext('bad_request', { path: '/shipments' });
    expect(await labels().prepare(labelRequest())).toEqual({
      status: 'failed',
      retryable: false,
      error: 'Shippo answered HTTP 400: address_to.zip: This field is required.',
    });
  });

  it('a wrong key is not retryable and never shows the key', async () => {
    const wrongKey = 'shippo_live_wrongwrongwrong0123456789';
    standIn.echoTokenOn401 = true;
    const provider = new ShippoLabels({ apiKey: wrongKey, serverURL: standIn.url });
    const outcome = await provider.prepare(labelRequest());
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    const error = outcome.status === 'failed' ? outcome.error : '';
    expect(error).toContain('Shippo refused the API key');
    expect(error).not.toContain(wrongKey);
    expect(error).not.toContain('wrongwrongwrong');
    expect(standIn.requests[0]?.authorization).toBe(`ShippoToken ${wrongKey}`);

    const buy = await provider.buy('shp_000001', labelRequest());
    expect(buy).toMatchObject({ status: 'failed', retryable: false });
    expect(JSON.stringify(buy)).not.toContain(wrongKey);
  });

  it('an unknown shipment is not retryable', async () => {
    expect(await labels().buy('shp_missing', labelRequest())).toMatchObject({
      status: 'failed',
      retryable: false,
      error: expect.stringContaining('HTTP 404'),
    });
  });
});

describe('decimalToMinorUnits', () => {
  it('moves the decimal point exactly', () => {
    expect(decimalToMinorUnits('7.58', 'USD')).toBe(758);
    expect(decimalToMinorUnits('12.4', 'USD')).toBe(1240);
    expect(decimalToMinorUnits('5', 'USD')).toBe(500);
    expect(decimalToMinorUnits('0.29', 'USD')).toBe(29); // 0.29 * 100 is 28.999... as a float
    expect(decimalToMinorUnits('1200.00', 'JPY')).toBe(1200);
    expect(decimalToMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(decimalToMinorUnits('7.500', 'USD')).toBe(750);
    expect(() => decimalToMinorUnits('7.505', 'USD')).toThrow(RangeError);
    expect(() => decimalToMinorUnits('-1', 'USD')).toThrow(RangeError);
    expect(() => decimalToMinorUnits('1e3', 'USD')).toThrow(RangeError);
  });
});

describe('ShippoTracking', () => {
  function tracking(secret = SECRET): ShippoTracking {
    return new ShippoTracking({
      apiKey: standIn.apiKey,
      webhookSecret: secret,
      serverURL: standIn.url,
      timeoutMs: 2_000,
    });
  }

  function webhook(
    status: string,
    substatus?: string,
    overrides: Partial<Parameters<ShippoStandIn['trackUpdated']>[0]> = {},
  ): string {
    return standIn.trackUpdated({
      carrier: 'usps',
      tracking_number: '9205590164917312751089',
      status,
      ...(substatus ? { substatus } : {}),
      status_date: '2024-05-02T09:30:00Z',
      status_details: 'Arrived at USPS Regional Facility, Reno NV',
      object_id: 'trk_0042',
      ...overrides,
    });
  }

  async function parse(body: string, headers = standIn.signWebhook(body, SECRET, NOW)) {
    return tracking().parseWebhook(headers, Buffer.from(body), NOW);
  }

  it('registers a tracking number with the carrier token Shippo expects', async () => {
    expect(await tracking().register('USPS', '9205590164917312751089')).toEqual({
      status: 'registered',
      reference: 'usps/9205590164917312751089',
    });
    expect(await tracking().register('DHL Express', '1234567890')).toMatchObject({
      status: 'registered',
    });
    // A carrier named like an Object member goes by its own name, as any carrier Shippo's
    // table does not list.
    await tracking().register('__proto__', 'NPROTO000111');
    expect(standIn.tracks).toEqual([
      { carrier: 'usps', tracking_number: '9205590164917312751089' },
      { carrier: 'dhl_express', tracking_number: '1234567890' },
      { carrier: '__proto__', tracking_number: 'NPROTO000111' },
    ]);
  });

  it('answers a failed registration: retryable on 5xx, not on a wrong key', async () => {
    standIn.failNext('server_error', { path: '/tracks' });
    expect(await tracking().register('usps', '9205590164917312751089')).toMatchObject({
      status: 'failed',
      retryable: true,
    });
    const wrong = new ShippoTracking({
      apiKey: 'shippo_test_nope',
      webhookSecret: SECRET,
      serverURL: standIn.url,
    });
    const refused = await wrong.register('usps', '9205590164917312751089');
    expect(refused).toMatchObject({ status: 'failed', retryable: false });
    expect(JSON.stringify(refused)).not.toContain('shippo_test_nope');
  });

  it('maps a track_updated event to one update with a stable id', async () => {
    const [update] = await parse(webhook('TRANSIT'));
    expect(update).toEqual({
      event_id: expect.stringMatching(/^shippo_[0-9a-f]{32}$/),
      carrier: 'USPS',
      tracking_number: '9205590164917312751089',
      status: 'in_transit',
      occurred_at: new Date('2024-05-02T09:30:00Z'),
      description: 'Arrived at USPS Regional Facility, Reno NV',
    });
    const [again] = await parse(webhook('TRANSIT'));
    expect(again?.event_id).toBe(update?.event_id);
    const [later] = await parse(
      webhook('TRANSIT', undefined, { status_date: '2024-05-02T11:00:00Z' }),
    );
    expect(later?.event_id).not.toBe(update?.event_id);
    const [delivered] = await parse(webhook('DELIVERED'));
    expect(delivered?.event_id).not.toBe(update?.event_id);
  });

  it.each([
    ['TRANSIT', undefined, 'in_transit'],
    ['TRANSIT', 'package_accepted', 'accepted'],
    ['TRANSIT', 'package_departed', 'in_transit'],
    ['TRANSIT', 'address_issue', 'exception'],
    ['TRANSIT', 'package_damaged', 'exception'],
    ['DELIVERED', 'delivered', 'delivered'],
    ['RETURNED', 'return_to_sender', 'returned_to_sender'],
    ['FAILURE', 'package_lost', 'lost'],
    ['FAILURE', 'package_disposed', 'lost'],
    ['FAILURE', 'package_undeliverable', 'exception'],
    ['FAILURE', undefined, 'exception'],
  ] as const)('%s (%s) becomes %s', async (status, substatus, ours) => {
    const updates = await parse(webhook(status, substatus));
    expect(updates.map((u) => u.status)).toEqual([ours]);
  });

  it.each(['PRE_TRANSIT', 'UNKNOWN'])('%s gives no update', async (status) => {
    expect(await parse(webhook(status))).toEqual([]);
  });

  it('answers no update for other events', async () => {
    const body = JSON.stringify({
      event: 'transaction_created',
      test: true,
      data: { object_id: 'txn_1', status: 'SUCCESS' },
    });
    expect(await parse(body)).toEqual([]);
  });

  it('refuses a tampered body', async () => {
    const body = webhook('DELIVERED');
    const headers = standIn.signWebhook(body, SECRET, NOW);
    const tampered = body.replace('9205590164917312751089', '9205590164917312751096');
    await expect(parse(tampered, headers)).rejects.toBeInstanceOf(WebhookRefused);
  });

  it('refuses a signature made with another secret', async () => {
    const body = webhook('DELIVERED');
    await expect(parse(body, standIn.signWebhook(body, 'another_secret', NOW))).rejects.toThrow(
      WebhookRefused,
    );
  });

  it('refuses a missing or malformed signature header', async () => {
    const body = webhook('DELIVERED');
    await expect(parse(body, { 'content-type': 'application/json' })).rejects.toThrow(
      /missing shippo-auth-signature/,
    );
    await expect(parse(body, { 'shippo-auth-signature': 'v1=abc' })).rejects.toThrow(
      WebhookRefused,
    );
    await expect(
      parse(body, { 'shippo-auth-signature': `t=${String(NOW.getTime() / 1000)},v1=zz` }),
    ).rejects.toThrow(WebhookRefused);
  });

  it('refuses a stale signature (a replay)', async () => {
    const body = webhook('DELIVERED');
    const old = new Date(NOW.getTime() - 10 * 60_000);
    await expect(parse(body, standIn.signWebhook(body, SECRET, old))).rejects.toThrow(/stale/);
    const recent = new Date(NOW.getTime() - 60_000);
    expect(await parse(body, standIn.signWebhook(body, SECRET, recent))).toHaveLength(1);
  });

  it('reads the header whatever its case', async () => {
    const body = webhook('DELIVERED');
    const signed = standIn.signWebhook(body, SECRET, NOW)['shippo-auth-signature']!;
    expect(await parse(body, { 'Shippo-Auth-Signature': signed })).toHaveLength(1);
  });

  it('refuses a signed body that is not JSON', async () => {
    const body = '{"event": "track_updated", ';
    await expect(parse(body)).rejects.toThrow(/not JSON/);
  });

  it('refuses a signed track_updated without a status date', async () => {
    const body = JSON.stringify({
      event: 'track_updated',
      data: {
        carrier: 'usps',
        tracking_number: '9205590164917312751089',
        tracking_status: { status: 'DELIVERED', status_details: 'Delivered' },
      },
    });
    await expect(parse(body)).rejects.toThrow(WebhookRefused);
  });
});
