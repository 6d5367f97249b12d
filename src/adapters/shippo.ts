import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressCreateRequest, Rate, Shippo, Track, Transaction } from 'shippo';
import { minorUnits } from '../domain/money.ts';
import { carrierKey, ownEntry } from './carriers.ts';
import { type CredentialCheck, credentialCheckOf } from './credentials.ts';
import type {
  BuyOutcome,
  LabelFailure,
  LabelProvider,
  LabelRequest,
  PostalAddress,
  PrepareOutcome,
  PurchasedLabel,
} from './labels.ts';
import { onFirstUse } from './on-first-use.ts';
import {
  type RegisterOutcome,
  type TrackingProvider,
  type TrackingUpdate,
  type TrackingUpdateStatus,
  WebhookRefused,
} from './tracking.ts';

/**
 * Shippo through its official SDK (`shippo` on npm): prepaid return labels and tracking.
 *
 * Documents followed (docs.goshippo.com):
 * - Returns, https://docs.goshippo.com/docs/shipments/returns/ : a return label is a Shipment with
 *   `extra.is_return = true` and the addresses of the outbound shipment, NOT swapped: Shippo swaps
 *   them, so the outbound `address_to` (the buyer) becomes the label's sender. We therefore send
 *   the shop's address as `address_from` and the buyer's as `address_to`.
 * - HTTP status codes, https://docs.goshippo.com/docs/api_concepts/apihttpstatuscodes/ .
 * - Transactions API reference: `GET /transactions?rate=` lists the purchases of one rate, which is
 *   how `buy` avoids a second purchase (see `buy`).
 * - Tracking, https://docs.goshippo.com/docs/tracking/tracking/ (`POST /tracks`), and Webhooks,
 *   https://docs.goshippo.com/docs/tracking/webhooks/ (`track_updated` carries a Track object).
 * - Webhook security, https://docs.goshippo.com/docs/tracking/webhooksecurity/ : see
 *   `verifyShippoSignature`.
 */

/** Retries are the app's job (its outbox asks again later); the SDK answers each call once. */
const NO_SDK_RETRIES = { strategy: 'none' } as const;
const DEFAULT_TIMEOUT_MS = 15_000;

/** The SDK's error classes once it is loaded: an error thrown before then is not one of them. */
let shippoErrors: typeof import('shippo/models/errors/index.js') | undefined;

/** The SDK, loaded when a Shippo provider is first used (not at start). */
const loadShippo = onFirstUse(async () => {
  const [sdk, errors] = await Promise.all([
    import('shippo'),
    import('shippo/models/errors/index.js'),
  ]);
  shippoErrors = errors;
  return sdk.Shippo;
});

/** The client, made on first use. */
function shippoClient(
  apiKey: string,
  serverURL: string | undefined,
  timeoutMs: number,
): () => Promise<Shippo> {
  // The SDK's own hook adds the `ShippoToken ` prefix only to keys that start with `shippo_`;
  // adding it here sends the header Shippo documents for any key.
  const header = apiKey.startsWith('ShippoToken ') ? apiKey : `ShippoToken ${apiKey}`;
  return onFirstUse(async () => {
    const Shippo = await loadShippo();
    return new Shippo({
      apiKeyHeader: header,
      ...(serverURL ? { serverURL } : {}),
      timeoutMs,
      retryConfig: NO_SDK_RETRIES,
    });
  });
}

export interface ShippoLabelsOptions {
  apiKey: string;
  /** Defaults to https://api.goshippo.com (the SDK's server). */
  serverURL?: string;
  timeoutMs?: number;
  /**
   * Downloads the label and QR files Shippo links to. The default is a plain GET with the
   * timeout: the links are pre-signed, and our API key must never go to a file host.
   */
  fetchLabel?: (url: string) => Promise<Uint8Array>;
}

export class ShippoLabels implements LabelProvider {
  readonly name = 'shippo';
  private readonly client: () => Promise<Shippo>;
  private readonly apiKey: string;
  private readonly fetchFile: (url: string) => Promise<Uint8Array>;

  constructor(options: ShippoLabelsOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.apiKey = options.apiKey;
    this.client = shippoClient(options.apiKey, options.serverURL, timeoutMs);
    this.fetchFile = options.fetchLabel ?? ((url) => fetchBytes(url, timeoutMs));
  }

  /**
   * Creates the return Shipment and answers its id. Creating a shipment pays nothing, and Shippo
   * has no idempotency key for it: asking twice (a crash before the app stored the reference)
   * leaves an unused shipment behind, never a second label.
   */

  async checkCredentials(): Promise<CredentialCheck> {
    return checkShippoKey(await this.client(), this.apiKey);
  }
  async prepare(request: LabelRequest): Promise<PrepareOutcome> {
    try {
      const client = await this.client();
      const shipment = await client.shipments.create({
        addressFrom: shippoAddress(request.to),
        addressTo: shippoAddress(request.from),
        parcels: [
          {
            massUnit: 'g',
            weight: String(request.parcel.weight_grams),
            distanceUnit: 'cm',
            length: String(request.parcel.length_cm),
            width: String(request.parcel.width_cm),
            height: String(request.parcel.height_cm),
          },
        ],
        extra: { isReturn: true, reference1: request.case_id },
        metadata: request.idempotency_key,
        async: false,
      });
      if (shipment.status === 'ERROR') {
        return failed(false, messagesText(shipment.messages) || 'Shippo could not rate it');
      }
      return { status: 'prepared', shipment_reference: shipment.objectId };
    } catch (error) {
      return this.failure(error);
    }
  }

  /**
   * Buys the cheapest rate of the shipment, once. Shippo takes no idempotency key on purchases,
   * so before buying we list the transactions of that rate (`GET /transactions?rate=`): a
   * successful one is the label bought the first time, and is answered again. The rate is chosen
   * deterministically from the shipment's fixed list of rates, so a retry looks at the same rate.
   * Limits: a purchase still in flight when we list (two workers at once) is not seen; the app
   * runs one worker per label request. A purchase of another rate of this shipment made outside
   * Sendback is not seen either.
   */
  async buy(shipmentReference: string, request: LabelRequest): Promise<BuyOutcome> {
    try {
      const client = await this.client();
      const shipment = await client.shipments.get(shipmentReference);
      if (shipment.status === 'QUEUED' || shipment.status === 'WAITING') {
        return failed(true, 'Shippo is still rating the shipment');
      }
      const rate = cheapestRate(shipment.rates);
      if (!rate) {
        return failed(false, messagesText(shipment.messages) || 'Shippo offered no rate');
      }

      const earlier = await client.transactions.list({ rate: rate.objectId, results: 100 });
      const purchases = earlier.results ?? [];
      let transaction = purchases.find((t) => t.status === 'SUCCESS');
      if (!transaction && purchases.some((t) => t.status === 'QUEUED' || t.status === 'WAITING')) {
        return failed(true, 'Shippo is still processing the purchase');
      }
      transaction ??= await client.transactions.create({
        rate: rate.objectId,
        labelFileType: 'PDF',
        async: false,
        metadata: request.idempotency_key,
      });

      if (transaction.status === 'ERROR') {
        return failed(false, messagesText(transaction.messages) || 'Shippo refused the purchase');
      }
      if (transaction.status !== 'SUCCESS') {
        return failed(true, `Shippo's purchase is ${transaction.status ?? 'pending'}`);
      }
      return { status: 'purchased', label: await this.labelOf(transaction, rate) };
    } catch (error) {
      return this.failure(error);
    }
  }

  private async labelOf(transaction: Transaction, rate: Rate): Promise<PurchasedLabel> {
    if (!transaction.objectId || !transaction.trackingNumber || !transaction.labelUrl) {
      throw new IncompleteAnswer('Shippo answered a purchase without its label');
    }
    const labelPdf = await this.download(transaction.labelUrl, 'label');
    if (Buffer.from(labelPdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
      throw new DownloadFailed('the label file is not a PDF');
    }
    // Shippo issues drop-off QR codes for some USPS returns; its documented example links a PDF,
    // so only a PNG is passed on (the port wants PNG; without one the app draws its own).
    const qrCode = transaction.qrCodeUrl
      ? await this.download(transaction.qrCodeUrl, 'QR code')
      : undefined;
    const qrCodePng = qrCode && isPng(qrCode) ? qrCode : undefined;
    return {
      provider_reference: transaction.objectId,
      carrier: rate.provider,
      service: rate.servicelevel.name ?? rate.servicelevel.token ?? 'unknown',
      tracking_number: transaction.trackingNumber,
      cost: decimalToMinorUnits(rate.amount, rate.currency),
      currency: rate.currency,
      label_pdf: labelPdf,
      ...(qrCodePng ? { qr_code_png: qrCodePng } : {}),
    };
  }

  private async download(url: string, what: string): Promise<Uint8Array> {
    try {
      return await this.fetchFile(url);
    } catch (error) {
      throw new DownloadFailed(`could not download the ${what}: ${describe(error)}`);
    }
  }

  private failure(error: unknown): LabelFailure {
    return scrub(shippoFailure(error), this.apiKey);
  }
}

const CREDENTIAL_PROBE = '00000000000000000000000000000000';

/** One authenticated read of a shipment that does not exist: 404 accepted, 401 refused. */
async function checkShippoKey(client: Shippo, apiKey: string): Promise<CredentialCheck> {
  try {
    await client.shipments.get(CREDENTIAL_PROBE);
    return { status: 'accepted' };
  } catch (error) {
    const status =
      shippoErrors && error instanceof shippoErrors.ShippoError ? error.statusCode : undefined;
    return credentialCheckOf(status, scrub(shippoFailure(error), apiKey).error);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

class IncompleteAnswer extends Error {}
/** The label is bought; only its file is missing. Asking again finds the purchase and retries. */
class DownloadFailed extends Error {}

function failed(retryable: boolean, error: string): LabelFailure {
  return { status: 'failed', retryable, error };
}

/** Network errors, timeouts, 429 and 5xx are worth asking again; 4xx need a person. */
function shippoFailure(error: unknown): LabelFailure {
  if (error instanceof DownloadFailed) return failed(true, error.message);
  if (error instanceof IncompleteAnswer) return failed(false, error.message);
  if (error instanceof RangeError) return failed(false, error.message);
  const errors = shippoErrors;
  if (!errors) return failed(true, describe(error));
  const { HTTPClientError, ResponseValidationError, SDKValidationError, ShippoError } = errors;
  if (error instanceof HTTPClientError) {
    // RequestTimeoutError, ConnectionError, RequestAbortedError, UnexpectedClientError.
    return failed(true, `Shippo did not answer (${error.name})`);
  }
  if (error instanceof ShippoError) {
    const status = error.statusCode;
    const retryable = status === 429 || status >= 500 || status === 408;
    const detail = shippoErrorText(error.body);
    const prefix =
      status === 401 ? 'Shippo refused the API key' : `Shippo answered HTTP ${String(status)}`;
    return failed(retryable, detail ? `${prefix}: ${detail}` : prefix);
  }
  if (error instanceof ResponseValidationError || error instanceof SDKValidationError) {
    return failed(false, "Shippo's answer did not have the documented shape");
  }
  return failed(true, describe(error));
}

/** Shippo's error bodies are `{"detail": "..."}` or field errors `{"field": ["..."]}`. */
function shippoErrorText(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.slice(0, 200);
  }
  const texts: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') texts.push(path ? `${path}: ${value}` : value);
    else if (Array.isArray(value)) for (const item of value) walk(item, path);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        walk(inner, key === 'detail' || key === 'text' ? path : path ? `${path}.${key}` : key);
      }
    }
  };
  walk(parsed, '');
  return texts.join('; ').slice(0, 500);
}

/** A key must never reach a log or a seller's screen, even if an answer echoes it. */
function scrub(failure: LabelFailure, apiKey: string): LabelFailure {
  if (!apiKey) return failure;
  return { ...failure, error: failure.error.split(apiKey).join('[redacted]') };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function messagesText(messages: { text?: string | undefined }[] | undefined): string {
  return (messages ?? [])
    .map((m) => m.text)
    .filter((text): text is string => Boolean(text))
    .join('; ');
}

function shippoAddress(address: PostalAddress): AddressCreateRequest {
  return {
    name: address.name,
    street1: address.line1,
    ...(address.line2 ? { street2: address.line2 } : {}),
    city: address.city,
    ...(address.region ? { state: address.region } : {}),
    zip: address.postal_code,
    country: address.country,
    ...(address.phone ? { phone: address.phone } : {}),
    ...(address.email ? { email: address.email } : {}),
  };
}

/** The lowest amount (exactly, in minor units); ties go to the smaller id, so a retry agrees. */
function cheapestRate(rates: Rate[]): Rate | undefined {
  const priced = rates.flatMap((rate) => {
    try {
      return [{ rate, minor: decimalToMinorUnits(rate.amount, rate.currency) }];
    } catch {
      return [];
    }
  });
  priced.sort((a, b) => a.minor - b.minor || (a.rate.objectId < b.rate.objectId ? -1 : 1));
  return priced[0]?.rate;
}

/**
 * Shippo's amounts are decimal strings ("7.50"). They become integer minor units by moving the
 * decimal point in the string, never through a float. More decimals than the currency has are
 * accepted only when they are zeros.
 */
export function decimalToMinorUnits(amount: string, currency: string): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${amount}`);
  const digits = minorUnits(currency);
  const fraction = match[2] ?? '';
  if (/[1-9]/.test(fraction.slice(digits))) {
    throw new RangeError(`${amount} ${currency} has more decimals than the currency`);
  }
  const minor =
    BigInt(match[1]!) * 10n ** BigInt(digits) +
    BigInt(fraction.slice(0, digits).padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${amount}`);
  return Number(minor);
}

async function fetchBytes(url: string, timeoutMs: number): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
  return new Uint8Array(await response.arrayBuffer());
}

export interface ShippoTrackingOptions {
  apiKey: string;
  /** The HMAC secret Shippo shares for webhook signatures (provisioned by Shippo on request). */
  webhookSecret: string;
  serverURL?: string;
  timeoutMs?: number;
  /** How far a signature's timestamp may be from `now` (default five minutes). */
  toleranceSeconds?: number;
}

/** Our carrier names to Shippo's carrier tokens, and back. */
const SHIPPO_CARRIER: Record<string, string> = {
  usps: 'usps',
  ups: 'ups',
  fedex: 'fedex',
  dhl: 'dhl_express',
  ontrac: 'ontrac',
};
const OUR_CARRIER: Record<string, string> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl_express: 'DHL',
  ontrac: 'OnTrac',
};

export class ShippoTracking implements TrackingProvider {
  readonly name = 'shippo';
  private readonly client: () => Promise<Shippo>;
  private readonly apiKey: string;
  private readonly webhookSecret: string;
  private readonly toleranceSeconds: number;

  constructor(options: ShippoTrackingOptions) {
    this.apiKey = options.apiKey;
    this.webhookSecret = options.webhookSecret;
    this.toleranceSeconds = options.toleranceSeconds ?? 300;
    this.client = shippoClient(
      options.apiKey,
      options.serverURL,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  /** `POST /tracks`: Shippo then sends `track_updated` webhooks for the number. */

  async checkCredentials(): Promise<CredentialCheck> {
    return checkShippoKey(await this.client(), this.apiKey);
  }
  async register(carrier: string, trackingNumber: string): Promise<RegisterOutcome> {
    const key = carrierKey(carrier);
    const token = ownEntry(SHIPPO_CARRIER, key) ?? key;
    try {
      const client = await this.client();
      const track: Track = await client.trackingStatus.create({
        carrier: token,
        trackingNumber,
      });
      return { status: 'registered', reference: `${track.carrier}/${track.trackingNumber}` };
    } catch (error) {
      const failure = scrub(shippoFailure(error), this.apiKey);
      return { status: 'failed', retryable: failure.retryable, error: failure.error };
    }
  }

  async parseWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): Promise<TrackingUpdate[]> {
    verifyShippoSignature(headers, rawBody, this.webhookSecret, now, this.toleranceSeconds);
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new WebhookRefused('the body is not JSON');
    }
    if (!isObject(payload) || payload['event'] !== 'track_updated') return [];
    return trackUpdates(payload['data']);
  }
}

export const SHIPPO_SIGNATURE_HEADER = 'shippo-auth-signature';

/**
 * Shippo's HMAC webhook security (the "HMAC" section of
 * https://docs.goshippo.com/docs/tracking/webhooksecurity/, enabled per account by Shippo): each
 * webhook carries `Shippo-Auth-Signature: t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256, keyed with the shared secret, of `<t>.<the raw body>`. We recompute it on the
 * exact bytes received, compare in constant time, and refuse timestamps further than the
 * tolerance from `now` (replays). The other options that page offers (an IP allowlist, a token in
 * the webhook URL's query) cannot be checked here: the port sees headers and body only.
 */
export function verifyShippoSignature(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  secret: string,
  now: Date,
  toleranceSeconds: number,
): void {
  if (!secret) throw new WebhookRefused('no webhook secret is configured');
  const header = headerValue(headers, SHIPPO_SIGNATURE_HEADER);
  if (!header) throw new WebhookRefused(`missing ${SHIPPO_SIGNATURE_HEADER} header`);
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (key === 't') timestamp = value;
    if (key === 'v1') signatures.push(value);
  }
  if (!timestamp || !/^\d+$/.test(timestamp) || signatures.length === 0) {
    throw new WebhookRefused(`malformed ${SHIPPO_SIGNATURE_HEADER} header`);
  }
  const age = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (age > toleranceSeconds) throw new WebhookRefused('the signature timestamp is stale');

  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]+$/i.test(signature)) return false;
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookRefused('the signature does not match');
}

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
    return value;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Shippo's `tracking_status.status` and substatus codes to our statuses:
 * - PRE_TRANSIT: no update. The label exists but the carrier does not have the parcel; telling
 *   the seller it is "accepted" would be false.
 * - TRANSIT: 'accepted' when the substatus is `package_accepted` (the first scan); 'exception'
 *   when the substatus says the parcel is stuck (address_issue, package_damaged, package_held,
 *   package_undeliverable, contact_carrier, location_inaccessible); otherwise 'in_transit'.
 * - DELIVERED: 'delivered'.
 * - RETURNED: 'returned_to_sender' (for a return label, back to the buyer).
 * - FAILURE: 'lost' when the substatus is `package_lost` or `package_disposed`; else 'exception'.
 * - UNKNOWN: no update (the carrier has said nothing yet).
 */
export function ourTrackingStatus(
  status: string,
  substatus: string | undefined,
): TrackingUpdateStatus | undefined {
  switch (status) {
    case 'TRANSIT':
      if (substatus === 'package_accepted') return 'accepted';
      if (substatus && STUCK_SUBSTATUSES.has(substatus)) return 'exception';
      return 'in_transit';
    case 'DELIVERED':
      return 'delivered';
    case 'RETURNED':
      return 'returned_to_sender';
    case 'FAILURE':
      return substatus === 'package_lost' || substatus === 'package_disposed'
        ? 'lost'
        : 'exception';
    default:
      return undefined;
  }
}

const STUCK_SUBSTATUSES = new Set([
  'address_issue',
  'package_damaged',
  'package_held',
  'package_undeliverable',
  'contact_carrier',
  'location_inaccessible',
]);

function trackUpdates(data: unknown): TrackingUpdate[] {
  if (!isObject(data)) throw new WebhookRefused('track_updated without a Track object');
  const trackingNumber = data['tracking_number'];
  const carrier = data['carrier'];
  const current = data['tracking_status'];
  if (typeof trackingNumber !== 'string' || typeof carrier !== 'string' || !isObject(current)) {
    throw new WebhookRefused('track_updated without tracking_number, carrier or tracking_status');
  }
  const status = current['status'];
  if (typeof status !== 'string') throw new WebhookRefused('tracking_status without a status');
  const substatus = isObject(current['substatus']) ? current['substatus']['code'] : undefined;
  const ours = ourTrackingStatus(status, typeof substatus === 'string' ? substatus : undefined);
  if (!ours) return [];

  const statusDate = current['status_date'];
  const occurredAt = typeof statusDate === 'string' ? new Date(statusDate) : undefined;
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) {
    throw new WebhookRefused('tracking_status without a valid status_date');
  }
  const objectId = typeof current['object_id'] === 'string' ? current['object_id'] : '';
  const details = current['status_details'];
  const eventKey = [trackingNumber, status, statusDate, objectId].join('|');
  return [
    {
      event_id: `shippo_${createHash('sha256').update(eventKey).digest('hex').slice(0, 32)}`,
      carrier: OUR_CARRIER[carrier] ?? carrier,
      tracking_number: trackingNumber,
      status: ours,
      occurred_at: occurredAt,
      ...(typeof details === 'string' && details ? { description: details } : {}),
    },
  ];
}
