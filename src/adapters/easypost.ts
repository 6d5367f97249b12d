import type EasyPostModule from '@easypost/api';
import { minorUnits } from '../domain/money.ts';
import { carrierKey, ownEntry } from './carriers.ts';
import { type CredentialCheck, credentialCheckOf } from './credentials.ts';
import type {
  BuyOutcome,
  LabelFailure,
  LabelProvider,
  LabelRequest,
  Parcel,
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
 * EasyPost through its official SDK (@easypost/api): prepaid return labels (Shipments bought with
 * `is_return`) and tracking (Trackers, and the signed `tracker.*` webhook Events).
 *
 * Two things about SDK 8.9.0 shape this file:
 * - its `timeout` option is stored but never applied to a request, so the timeout is set on each
 *   superagent request through the SDK's documented `requestMiddleware` hook;
 * - its error classes are not exported, so errors are recognised by their fields (`statusCode`,
 *   `code`, `errors`) rather than by `instanceof`.
 */

/**
 * The SDK's client class. Its typings are a CommonJS declaration, so under NodeNext TypeScript
 * types the default import as the module object; at run time the ESM build's default export is
 * the class itself. Both are accepted.
 */
type EasyPostClass = typeof EasyPostModule.default;
type EasyPostClient = InstanceType<EasyPostClass>;
/** The SDK, loaded when an EasyPost provider is first used (not at start). */
const loadEasyPost = onFirstUse(async (): Promise<EasyPostClass> => {
  const sdk = (await import('@easypost/api')).default;
  return (
    (sdk as unknown as { default?: EasyPostClass }).default ?? (sdk as unknown as EasyPostClass)
  );
});

const DEFAULT_TIMEOUT_MS = 20_000;
const GRAMS_PER_OUNCE = 28.349523125;
const CM_PER_INCH = 2.54;
/** The code EasyPost answers when a shipment that already has postage is bought again. */
const POSTAGE_EXISTS = 'SHIPMENT.POSTAGE.EXISTS';

export interface EasyPostLabelsOptions {
  apiKey: string;
  /** The API's base, `https://api.easypost.com/v2/` unless given (a stand-in in tests). */
  baseUrl?: string;
  timeoutMs?: number;
  /** EasyPost carrier account ids (`ca_...`) to rate and buy with; all of the account's if unset. */
  carrierAccounts?: string[];
  /** Downloads a label or form file; a plain GET with the timeout unless given. */
  fetchLabel?: (url: string) => Promise<Uint8Array>;
}

export interface EasyPostTrackingOptions {
  apiKey: string;
  /** The secret set on the EasyPost Webhook; it signs every Event sent to it. */
  webhookSecret: string;
  baseUrl?: string;
  timeoutMs?: number;
}

// The fields of EasyPost's objects this adapter reads, as the API documents them.

interface EpRate {
  id: string;
  carrier: string;
  carrier_account_id?: string;
  service: string;
  rate: string;
  currency: string;
}

interface EpPostageLabel {
  label_url?: string | null;
  label_pdf_url?: string | null;
  label_file_type?: string | null;
}

interface EpForm {
  form_type: string;
  form_url?: string | null;
}

interface EpMessage {
  carrier?: string;
  message?: string;
}

interface EpShipment {
  id: string;
  rates?: EpRate[];
  selected_rate?: EpRate | null;
  postage_label?: EpPostageLabel | null;
  tracking_code?: string | null;
  forms?: EpForm[] | null;
  messages?: EpMessage[] | null;
}

interface EpTrackingDetail {
  message?: string | null;
  status?: string | null;
  datetime?: string | null;
}

interface EpTracker {
  id: string;
  object?: string;
  tracking_code: string;
  carrier?: string | null;
  status?: string | null;
  updated_at?: string | null;
  tracking_details?: EpTrackingDetail[] | null;
}

interface EpEvent {
  id?: string;
  object?: string;
  description?: string;
  created_at?: string;
  result?: EpTracker;
}

/** A superagent request, as far as the timeout hook needs it. */
interface TimedRequest {
  timeout(limits: { response: number; deadline: number }): unknown;
}

/** The client, made on first use. */
function clientFor(
  apiKey: string,
  baseUrl: string | undefined,
  timeoutMs: number,
): () => Promise<EasyPostClient> {
  return onFirstUse(async () => {
    const EasyPost = await loadEasyPost();
    return new EasyPost(apiKey, {
      ...(baseUrl ? { baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/` } : {}),
      timeout: timeoutMs,
      // The SDK keeps `timeout` but never sets it on a request (8.9.0): set it here, per request.
      requestMiddleware: (request: TimedRequest) => {
        request.timeout({ response: timeoutMs, deadline: timeoutMs });
        return request;
      },
    });
  });
}

/** EasyPost's Address from ours. */
function addressOf(a: PostalAddress): Record<string, string> {
  return {
    name: a.name,
    street1: a.line1,
    ...(a.line2 ? { street2: a.line2 } : {}),
    city: a.city,
    ...(a.region ? { state: a.region } : {}),
    zip: a.postal_code,
    country: a.country,
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
  };
}

/** Up to the next tenth: a parcel is never declared lighter or smaller than it is. */
function ceilTenth(value: number): number {
  return Math.ceil(Math.round(value * 1e6) / 1e5) / 10;
}

/** EasyPost's Parcel (ounces and inches) from ours (grams and centimetres). */
export function parcelOf(p: Parcel): {
  weight: number;
  length: number;
  width: number;
  height: number;
} {
  return {
    weight: ceilTenth(p.weight_grams / GRAMS_PER_OUNCE),
    length: ceilTenth(p.length_cm / CM_PER_INCH),
    width: ceilTenth(p.width_cm / CM_PER_INCH),
    height: ceilTenth(p.height_cm / CM_PER_INCH),
  };
}

/**
 * A decimal amount as EasyPost writes it ("7.58") in minor units of `currency`, exactly: digits
 * are moved, never multiplied as floats. Digits beyond the currency's minor unit round up, so the
 * cost reported is never less than the postage.
 */
export function decimalToMinorUnits(amount: string, currency: string): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${amount}`);
  const digits = minorUnits(currency);
  const fraction = match[2] ?? '';
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  const dropped = fraction.slice(digits);
  let units = BigInt(`${match[1]}${kept}`);
  if (/[1-9]/.test(dropped)) units += 1n;
  if (units > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`amount too large: ${amount}`);
  return Number(units);
}

/** The error's fields as the SDK's ApiError subclasses carry them. */
interface ApiErrorLike {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  timeout?: unknown;
}

function fieldErrors(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e) => {
    if (typeof e === 'string') return [e];
    if (e && typeof e === 'object') {
      const { field, message } = e as { field?: unknown; message?: unknown };
      if (typeof message === 'string') {
        return [typeof field === 'string' ? `${field}: ${message}` : message];
      }
    }
    return [];
  });
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * An SDK failure as the port's `failed`: EasyPost's own code and message (and field errors) when
 * the API answered; retryable for timeouts, network faults, 408, 429 and 5xx. The API key is
 * removed from any text that could echo it.
 */
const CREDENTIAL_PROBE = 'shp_00000000000000000000000000000000';

/** One authenticated read of a shipment that does not exist: 404 accepted, 401 refused. */
async function checkEasyPostKey(client: EasyPostClient, apiKey: string): Promise<CredentialCheck> {
  try {
    await client.Shipment.retrieve(CREDENTIAL_PROBE);
    return { status: 'accepted' };
  } catch (error) {
    const status = (error as ApiErrorLike | undefined)?.statusCode;
    return credentialCheckOf(
      typeof status === 'number' ? status : undefined,
      failureOf(error, apiKey).error,
    );
  }
}

export function failureOf(error: unknown, apiKey: string): LabelFailure {
  const e = (error ?? {}) as ApiErrorLike;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  let failure: LabelFailure;
  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const code = typeof e.code === 'string' ? e.code : `HTTP_${status}`;
    const details = fieldErrors(e.errors).filter((d) => d !== message);
    failure = {
      status: 'failed',
      retryable: status >= 500 || status === 429 || status === 408,
      error: `EasyPost ${status} ${code}: ${[message, ...details].join('; ')}`,
    };
  } else if (
    typeof e.timeout === 'number' ||
    (e.code === 'ECONNABORTED' && /timeout/i.test(message))
  ) {
    failure = {
      status: 'failed',
      retryable: true,
      error: `EasyPost did not answer in time: ${message}`,
    };
  } else if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) {
    failure = {
      status: 'failed',
      retryable: true,
      error: `EasyPost unreachable (${e.code}): ${message}`,
    };
  } else {
    // No answer we can read (a dropped connection, a proxy's HTML page): asking again is safe,
    // because every step is idempotent on the shipment.
    failure = { status: 'failed', retryable: true, error: `EasyPost request failed: ${message}` };
  }
  return { ...failure, error: redact(failure.error, apiKey) };
}

/** Removes the key from text; a key too short to be real would only garble the words. */
function redact(text: string, secret: string): string {
  return secret.length >= 8 ? text.split(secret).join('[api key]') : text;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as ApiErrorLike | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function compareDecimals(a: string, b: string): number {
  const [ai = '0', af = ''] = a.trim().split('.');
  const [bi = '0', bf = ''] = b.trim().split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, '0'));
  const y = BigInt(bi + bf.padEnd(width, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The cheapest rate, compared exactly; only the given carrier accounts' when some are given. */
function lowestRate(
  rates: readonly EpRate[],
  accounts: readonly string[] | undefined,
): EpRate | undefined {
  const usable = rates.filter(
    (r) =>
      /^\d+(\.\d+)?$/.test(r.rate ?? '') &&
      (!accounts?.length ||
        (r.carrier_account_id !== undefined && accounts.includes(r.carrier_account_id))),
  );
  return usable.reduce<EpRate | undefined>(
    (best, r) => (!best || compareDecimals(r.rate, best.rate) < 0 ? r : best),
    undefined,
  );
}

function labelPdfUrl(label: EpPostageLabel | null | undefined): string | undefined {
  if (!label) return undefined;
  if (label.label_pdf_url) return label.label_pdf_url;
  if (label.label_url && label.label_file_type === 'application/pdf') return label.label_url;
  return undefined;
}

async function plainFetch(url: string, timeoutMs: number): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET label answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function startsWithPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && Buffer.from(bytes.subarray(0, 4)).toString('latin1') === '%PDF';
}

/**
 * Prepaid return labels bought from EasyPost. `prepare` creates the return Shipment (rated, not
 * paid); `buy` pays its lowest rate once: a shipment that already has postage answers the label
 * bought the first time.
 */
export class EasyPostLabels implements LabelProvider {
  readonly name = 'easypost';
  private readonly client: () => Promise<EasyPostClient>;
  private readonly apiKey: string;
  private readonly carrierAccounts: string[] | undefined;
  private readonly fetchFile: (url: string) => Promise<Uint8Array>;

  constructor(options: EasyPostLabelsOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.client = clientFor(options.apiKey, options.baseUrl, timeoutMs);
    this.apiKey = options.apiKey;
    this.carrierAccounts = options.carrierAccounts?.length ? options.carrierAccounts : undefined;
    this.fetchFile = options.fetchLabel ?? ((url) => plainFetch(url, timeoutMs));
  }

  /** One authenticated read of a shipment that does not exist: 404 accepted, 401 refused. */
  async checkCredentials(): Promise<CredentialCheck> {
    return checkEasyPostKey(await this.client(), this.apiKey);
  }

  async prepare(request: LabelRequest): Promise<PrepareOutcome> {
    try {
      const client = await this.client();
      const shipment = (await client.Shipment.create({
        // For a return, EasyPost takes the addresses of the outbound parcel and swaps them itself
        // (docs: Returns): to_address is the buyer, from_address the shop, and the label it
        // prints runs from the buyer to the shop's return address.
        is_return: true,
        to_address: addressOf(request.from),
        from_address: addressOf(request.to),
        parcel: parcelOf(request.parcel),
        reference: request.idempotency_key,
        options: { label_format: 'PDF' },
        ...(this.carrierAccounts ? { carrier_accounts: this.carrierAccounts } : {}),
      })) as unknown as EpShipment;
      return { status: 'prepared', shipment_reference: shipment.id };
    } catch (error) {
      return failureOf(error, this.apiKey);
    }
  }

  async buy(shipmentReference: string, _request: LabelRequest): Promise<BuyOutcome> {
    let shipment: EpShipment;
    try {
      const client = await this.client();
      shipment = (await client.Shipment.retrieve(shipmentReference)) as unknown as EpShipment;
      if (!hasPostage(shipment)) shipment = await this.buyLowestRate(shipment);
    } catch (error) {
      return failureOf(error, this.apiKey);
    }
    if (!hasPostage(shipment)) {
      const reasons = (shipment.messages ?? []).map(
        (m) => `${m.carrier ?? '?'}: ${m.message ?? ''}`,
      );
      return {
        status: 'failed',
        retryable: false,
        error: redact(`EasyPost offered no rate to buy. ${reasons.join('; ')}`.trim(), this.apiKey),
      };
    }
    return this.labelOf(shipment);
  }

  /** Buys the cheapest rate; when the shipment was bought meanwhile, answers it as bought. */
  private async buyLowestRate(shipment: EpShipment): Promise<EpShipment> {
    const rate = lowestRate(shipment.rates ?? [], this.carrierAccounts);
    if (!rate) return shipment;
    const client = await this.client();
    try {
      return (await client.Shipment.buy(shipment.id, rate.id)) as unknown as EpShipment;
    } catch (error) {
      if (codeOf(error) !== POSTAGE_EXISTS) throw error;
      // Another attempt bought it between our read and our purchase: never buy a second label.
      return (await client.Shipment.retrieve(shipment.id)) as unknown as EpShipment;
    }
  }

  private async labelOf(shipment: EpShipment): Promise<BuyOutcome> {
    const rate = shipment.selected_rate;
    const url = labelPdfUrl(shipment.postage_label);
    if (!rate || !url) {
      return {
        status: 'failed',
        retryable: false,
        error: `EasyPost shipment ${shipment.id} has postage but no PDF label`,
      };
    }
    let cost: number;
    try {
      cost = decimalToMinorUnits(rate.rate, rate.currency);
    } catch (error) {
      return { status: 'failed', retryable: false, error: `EasyPost rate: ${String(error)}` };
    }
    let pdf: Uint8Array;
    try {
      pdf = await this.fetchFile(url);
    } catch (error) {
      return failureOf(error, this.apiKey);
    }
    if (!startsWithPdf(pdf)) {
      return { status: 'failed', retryable: false, error: 'EasyPost label is not a PDF file' };
    }
    const label: PurchasedLabel = {
      provider_reference: shipment.id,
      carrier: rate.carrier,
      service: rate.service,
      tracking_number: shipment.tracking_code ?? '',
      cost,
      currency: rate.currency,
      label_pdf: pdf,
    };
    const qr = await this.qrCodeOf(shipment);
    if (qr) label.qr_code_png = qr;
    return { status: 'purchased', label };
  }

  /**
   * The USPS Label Broker QR code (a `label_qr_code` Form) for drop-off without a printer. EasyPost
   * offers it for USPS only and after purchase. Best effort: without it the app draws its own.
   */
  private async qrCodeOf(shipment: EpShipment): Promise<Uint8Array | undefined> {
    if (shipment.selected_rate?.carrier !== 'USPS') return undefined;
    try {
      let form = shipment.forms?.find((f) => f.form_type === 'label_qr_code');
      if (!form?.form_url) {
        const client = await this.client();
        const withForm = (await client.Shipment.generateForm(
          shipment.id,
          'label_qr_code',
        )) as unknown as EpShipment;
        form = withForm.forms?.find((f) => f.form_type === 'label_qr_code');
      }
      if (!form?.form_url) return undefined;
      const png = await this.fetchFile(form.form_url);
      return isPng(png) ? png : undefined;
    } catch {
      return undefined;
    }
  }
}

function hasPostage(shipment: EpShipment): boolean {
  return Boolean(shipment.postage_label && shipment.tracking_code);
}

function isPng(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length > signature.length && signature.every((b, i) => bytes[i] === b);
}

/** Our carrier names (carriers.ts keys) as EasyPost spells them; others are left to detection. */
const EASYPOST_CARRIER: Readonly<Record<string, string>> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHLExpress',
};

const OUR_CARRIER: Readonly<Record<string, string>> = {
  USPS: 'USPS',
  UPS: 'UPS',
  FedEx: 'FedEx',
  DHLExpress: 'DHL',
};

/**
 * EasyPost Tracker `status` → our status. `undefined`: no update.
 * - pre_transit: the label's data reached the carrier, the parcel did not; recording it would
 *   count a label that was never posted as carrier news.
 * - out_for_delivery, available_for_pickup: still on the way to the shop (waiting at a counter is
 *   not delivered).
 * - return_to_sender: the carrier sends it back to the buyer.
 * - failure (delivery failed), cancelled (label voided), error (the carrier reports a problem
 *   with the number): a person must look.
 * - unknown: EasyPost has no news yet.
 */
export const TRACKER_STATUS: Readonly<Record<string, TrackingUpdateStatus | undefined>> = {
  pre_transit: undefined,
  in_transit: 'in_transit',
  out_for_delivery: 'in_transit',
  available_for_pickup: 'in_transit',
  delivered: 'delivered',
  return_to_sender: 'returned_to_sender',
  failure: 'exception',
  cancelled: 'exception',
  error: 'exception',
  unknown: undefined,
};

const TRACKER_EVENTS = new Set(['tracker.created', 'tracker.updated']);

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}

function validDate(text: string | null | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The carrier's latest scan: the tracking detail with the latest time (EasyPost lists oldest first). */
function latestDetail(details: readonly EpTrackingDetail[]): EpTrackingDetail | undefined {
  let latest: EpTrackingDetail | undefined;
  let latestAt = Number.NEGATIVE_INFINITY;
  for (const detail of details) {
    const at = validDate(detail.datetime)?.getTime();
    if (at !== undefined && at >= latestAt) {
      latest = detail;
      latestAt = at;
    }
  }
  return latest;
}

/**
 * EasyPost tracking: registers Trackers and reads `tracker.created` / `tracker.updated` Events,
 * verified with EasyPost's HMAC scheme through the SDK's `Utils.validateWebhook`.
 */
export class EasyPostTracking implements TrackingProvider {
  readonly name = 'easypost';
  private readonly client: () => Promise<EasyPostClient>;
  private readonly apiKey: string;
  private readonly webhookSecret: string;

  constructor(options: EasyPostTrackingOptions) {
    this.client = clientFor(
      options.apiKey,
      options.baseUrl,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    this.apiKey = options.apiKey;
    this.webhookSecret = options.webhookSecret;
  }

  /** One authenticated read of a shipment that does not exist: 404 accepted, 401 refused. */
  async checkCredentials(): Promise<CredentialCheck> {
    return checkEasyPostKey(await this.client(), this.apiKey);
  }

  async register(carrier: string, trackingNumber: string): Promise<RegisterOutcome> {
    const easypostCarrier = ownEntry(EASYPOST_CARRIER, carrierKey(carrier));
    try {
      const client = await this.client();
      const tracker = (await client.Tracker.create({
        tracking_code: trackingNumber,
        // Without a carrier EasyPost detects it from the number.
        ...(easypostCarrier ? { carrier: easypostCarrier } : {}),
      })) as unknown as EpTracker;
      return { status: 'registered', reference: tracker.id };
    } catch (error) {
      return failureOf(error, this.apiKey);
    }
  }

  async parseWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): Promise<TrackingUpdate[]> {
    const signature = headerValue(headers, 'x-hmac-signature');
    if (!signature) throw new WebhookRefused('missing X-Hmac-Signature header');
    const client = await this.client();
    let event: EpEvent;
    try {
      // The SDK checks `hmac-sha256-hex=` + HMAC-SHA256(NFKD(secret), body) in constant time and
      // parses the body only when it matches (it also throws for JSON it cannot parse).
      event = client.Utils.validateWebhook(
        rawBody,
        { 'x-hmac-signature': signature },
        this.webhookSecret,
      ) as EpEvent;
    } catch {
      throw new WebhookRefused('EasyPost webhook signature does not match');
    }
    if (!event || typeof event !== 'object')
      throw new WebhookRefused('webhook body is not an Event');
    if (!TRACKER_EVENTS.has(event.description ?? '')) return [];
    const tracker = event.result;
    if (tracker?.object !== 'Tracker' || !tracker.tracking_code) return [];
    const status = TRACKER_STATUS[tracker.status ?? 'unknown'];
    if (!status) return [];
    const detail = latestDetail(tracker.tracking_details ?? []);
    const occurredAt =
      validDate(detail?.datetime) ??
      validDate(tracker.updated_at) ??
      validDate(event.created_at) ??
      now;
    const update: TrackingUpdate = {
      event_id: `${event.id ?? tracker.id}:${tracker.status}:${occurredAt.toISOString()}`,
      carrier: OUR_CARRIER[tracker.carrier ?? ''] ?? tracker.carrier ?? 'unknown',
      tracking_number: tracker.tracking_code,
      status,
      occurred_at: occurredAt,
    };
    if (detail?.message) update.description = detail.message;
    return [update];
  }
}
