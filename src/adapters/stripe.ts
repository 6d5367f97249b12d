/**
 * Refunds to the original payment through Stripe, with the official SDK, and Stripe's signed
 * refund webhooks. Written from Stripe's API reference (Refunds, Errors, Idempotent requests),
 * https://docs.stripe.com/webhooks#verify-events and https://docs.stripe.com/currencies.
 */
import type Stripe from 'stripe';
import { minorUnits } from '../domain/money.ts';
import { type CredentialCheck, credentialCheckOf } from './credentials.ts';
import { onFirstUse } from './on-first-use.ts';
import type {
  GatewayResult,
  PaymentGateway,
  PaymentWebhooks,
  RefundRequest,
  RefundUpdate,
} from './payments.ts';
import { WebhookRefused } from './tracking.ts';

/** The SDK's error classes once it is loaded: an error thrown before then is not one of them. */
let stripeErrors: typeof Stripe.errors | undefined;

/** The SDK, loaded when a Stripe gateway or webhook is first used (not at start). */
const loadStripe = onFirstUse(async () => {
  const sdk = (await import('stripe')).default;
  stripeErrors = sdk.errors;
  return sdk;
});

/** Refund statuses as the API reference lists them for the Refund object. */
export const STRIPE_REFUND_STATUSES = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'canceled',
] as const;

/**
 * How long to wait before asking again about a refund Stripe has not settled. A card refund is
 * usually pending for seconds to minutes; one that needs the customer to act (a bank transfer
 * refund waiting for account details) takes days. The webhook normally reports sooner.
 */
export const CHECK_PENDING_AFTER_SECONDS = 15 * 60;
export const CHECK_REQUIRES_ACTION_AFTER_SECONDS = 6 * 60 * 60;

// Stripe's amount rules (https://docs.stripe.com/currencies, "Minor units in API amounts" and
// "Special cases"). Amounts go in the currency's smallest unit, but Stripe's list differs from
// ISO 4217's minor units:
// - zero-decimal currencies are sent as whole units. MGA is zero-decimal at Stripe but has two
//   ISO minor units, so an MGA amount must be whole ariary;
// - three-decimal currencies are sent in thousandths, but the last digit must be 0;
// - ISK stays two-decimal in the API (100 = 1 krona) while only whole kronur are accepted, so its
//   ISO amount (0 minor units) is multiplied by 100;
// - HUF and TWD are treated as zero-decimal only for payouts (amounts divisible by 100); charges
//   and refunds take two-decimal amounts, so refunds are sent unchanged;
// - UGX is zero-decimal at Stripe, as in ISO 4217; its special case concerns payouts, not refunds.
const ZERO_DECIMAL = new Set(
  'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' '),
);
const THREE_DECIMAL = new Set('BHD JOD KWD OMR TND'.split(' '));
const TWO_DECIMAL_WHOLE_UNITS = new Set(['ISK']);

function stripeDecimals(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/**
 * Our amount (ISO 4217 minor units) in Stripe's units, or why Stripe cannot take it. A currency
 * whose ISO minor units are not 2 and that Stripe's currencies page does not list (IQD, LYD, CLF,
 * UYW, UYI) is refused: its unit at Stripe is unknown, and guessing would move the decimal point.
 */
export function toStripeAmount(
  amount: number,
  currency: string,
): { ok: true; amount: number } | { ok: false; error: string } {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    return { ok: false, error: `refund amount must be a positive integer, got ${amount}` };
  }
  let iso: number;
  try {
    iso = minorUnits(currency);
  } catch {
    return { ok: false, error: `unknown currency ${currency}` };
  }
  const listed = ZERO_DECIMAL.has(currency) || THREE_DECIMAL.has(currency);
  if (iso !== 2 && !listed && !TWO_DECIMAL_WHOLE_UNITS.has(currency)) {
    return { ok: false, error: `Stripe does not list ${currency} among its currencies` };
  }
  const decimals = stripeDecimals(currency);
  let converted = amount;
  if (decimals > iso) converted = amount * 10 ** (decimals - iso);
  if (decimals < iso) {
    const divisor = 10 ** (iso - decimals);
    if (amount % divisor !== 0) {
      return {
        ok: false,
        error: `${amount} ${currency} minor units cannot be refunded: Stripe takes ${currency} in whole units only`,
      };
    }
    converted = amount / divisor;
  }
  if (THREE_DECIMAL.has(currency) && converted % 10 !== 0) {
    return {
      ok: false,
      error: `${amount} ${currency} minor units cannot be refunded: Stripe requires ${currency} amounts to end in 0`,
    };
  }
  if (TWO_DECIMAL_WHOLE_UNITS.has(currency) && converted % 100 !== 0) {
    return {
      ok: false,
      error: `${currency} amounts at Stripe must be whole units (divisible by 100)`,
    };
  }
  if (!Number.isSafeInteger(converted)) {
    return { ok: false, error: `${amount} ${currency} is too large for Stripe` };
  }
  return { ok: true, amount: converted };
}

/** A Stripe refund's state as the refund worker understands it. */
export function resultOfRefund(
  refund: Pick<Stripe.Refund, 'id' | 'status' | 'failure_reason'>,
): GatewayResult {
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', reference: refund.id };
    case 'failed':
      return {
        status: 'failed',
        retryable: false,
        error: `stripe refund failed: ${refund.failure_reason ?? 'unknown'}`,
      };
    case 'canceled':
      return {
        status: 'failed',
        retryable: false,
        error: `stripe refund canceled${refund.failure_reason ? `: ${refund.failure_reason}` : ''}`,
      };
    case 'requires_action':
      return {
        status: 'pending',
        reference: refund.id,
        check_after_seconds: CHECK_REQUIRES_ACTION_AFTER_SECONDS,
      };
    default:
      // 'pending', and any status a later API version adds: ask again rather than guess.
      return {
        status: 'pending',
        reference: refund.id,
        check_after_seconds: CHECK_PENDING_AFTER_SECONDS,
      };
  }
}

const KEY_PATTERN = /\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9*]+/g;

function redact(message: string, secretKey: string): string {
  const withoutKey = secretKey ? message.split(secretKey).join('[redacted]') : message;
  return withoutKey.replace(KEY_PATTERN, '[redacted key]');
}

function describe(err: InstanceType<typeof Stripe.errors.StripeError>): string {
  const status = err.statusCode ? ` ${err.statusCode}` : '';
  const code = err.code ?? err.rawType ?? err.type;
  // err.message carries "[req_...]" in front; the raw message is Stripe's own words.
  const message = (err.raw as { message?: string } | undefined)?.message ?? err.message;
  return `${code}${status}: ${message}`;
}

/** An SDK error as a failed result: retryable when trying again later can succeed. */
export function resultOfError(err: unknown, secretKey: string): GatewayResult {
  const failed = (retryable: boolean, error: string): GatewayResult => ({
    status: 'failed',
    retryable,
    error: redact(error, secretKey),
  });
  const errors = stripeErrors;
  if (!errors || !(err instanceof errors.StripeError)) {
    return failed(true, `stripe call failed: ${(err as Error)?.message ?? String(err)}`);
  }
  if (err instanceof errors.StripeConnectionError) {
    return failed(true, `stripe unreachable: ${err.message}`);
  }
  if (err instanceof errors.StripeRateLimitError) {
    return failed(true, `stripe rate limited: ${describe(err)}`);
  }
  // The SDK files a 400 idempotency_error as StripeIdempotencyError and a 409 as StripeAPIError.
  if (err instanceof errors.StripeIdempotencyError || err.rawType === 'idempotency_error') {
    // 409: another request with this key is still running at Stripe; its answer is saved under
    // the key once it finishes. A 400 means the key was first used with other parameters: a bug.
    const inProgress = err.statusCode === 409 || /in-progress|in progress/i.test(err.message);
    return inProgress
      ? failed(true, `stripe is still processing this refund: ${describe(err)}`)
      : failed(false, `stripe idempotency key reused with other parameters: ${describe(err)}`);
  }
  if (err instanceof errors.StripeAuthenticationError) {
    return failed(false, `stripe refused the API key: ${describe(err)}`);
  }
  if (err instanceof errors.StripePermissionError) {
    return failed(false, `stripe permission denied: ${describe(err)}`);
  }
  if (err instanceof errors.StripeInvalidRequestError || err instanceof errors.StripeCardError) {
    return failed(false, `stripe rejected the refund: ${describe(err)}`);
  }
  // StripeAPIError and anything unnamed: 5xx, 409 conflicts, an answer that was not JSON (no
  // status at all): all on Stripe's side, so worth another attempt.
  const status = err.statusCode;
  const retryable = status === undefined || status >= 500 || status === 409;
  return failed(retryable, `stripe error: ${describe(err)}`);
}

export interface StripeGatewayOptions {
  secretKey: string;
  /** For a stand-in or a proxy; Stripe's own API host when absent. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /**
   * Per HTTP attempt. The refund worker leases a refund for 60 s, so attempts × timeout should
   * stay below that: 20 s and one SDK retry by default.
   */
  timeoutMs?: number;
  /** Retries the SDK makes itself, with the same idempotency key (it also retries a reset once). */
  maxNetworkRetries?: number;
}

/**
 * Refunds the buyer's original payment. Every create carries the refund's idempotency key, so
 * Stripe answers a repeated attempt with the refund the first attempt made instead of a second
 * one; an attempt that already has Stripe's refund id only asks about it.
 */
export class StripeGateway implements PaymentGateway {
  readonly destination = 'original_payment' as const;
  private readonly secretKey: string;
  /** The SDK's client, made on first use. */
  private readonly client: () => Promise<Stripe>;

  constructor(options: StripeGatewayOptions) {
    this.secretKey = options.secretKey;
    this.client = onFirstUse(async () => {
      const sdk = await loadStripe();
      return new sdk(options.secretKey, {
        // The API version every request and every expected webhook payload follows: the one this
        // SDK release (stripe 23.2.0) is generated for, so its types describe what Stripe answers.
        // Configure the webhook endpoint in Stripe's dashboard on the same version. Upgrading the
        // SDK moves it.
        apiVersion: sdk.API_VERSION,
        host: options.host,
        port: options.port,
        protocol: options.protocol,
        timeout: options.timeoutMs ?? 20_000,
        maxNetworkRetries: options.maxNetworkRetries ?? 1,
        telemetry: false,
        appInfo: { name: 'Sendback' },
      });
    });
  }

  /** One authenticated read of a refund that does not exist: 404 accepted, 401 refused. */
  async checkCredentials(): Promise<CredentialCheck> {
    // Outside the try: an SDK that cannot load stops the start, as a failed import did.
    const client = await this.client();
    try {
      await client.refunds.retrieve('re_sendback_credential_check');
      return { status: 'accepted' };
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      const answer = resultOfError(err, this.secretKey);
      return credentialCheckOf(
        typeof status === 'number' ? status : undefined,
        answer.status === 'failed' ? answer.error : 'no answer',
      );
    }
  }
  async execute(request: RefundRequest, _now: Date): Promise<GatewayResult> {
    if (request.provider_reference) return this.ask(request, request.provider_reference);
    return this.create(request);
  }

  private async ask(request: RefundRequest, refundId: string): Promise<GatewayResult> {
    let refund: Stripe.Refund;
    try {
      refund = await (await this.client()).refunds.retrieve(refundId);
    } catch (err) {
      return resultOfError(err, this.secretKey);
    }
    const owner = refund.metadata?.['refund_id'];
    if (owner && owner !== request.refund_id) {
      return {
        status: 'failed',
        retryable: false,
        error: `stripe refund ${refund.id} belongs to refund ${owner}, not ${request.refund_id}`,
      };
    }
    return resultOfRefund(refund);
  }

  private async create(request: RefundRequest): Promise<GatewayResult> {
    const target = paymentTarget(request.payment_reference);
    if (!target) {
      return {
        status: 'failed',
        retryable: false,
        error: `payment reference "${request.payment_reference}" is neither a Stripe PaymentIntent (pi_...) nor a Charge (ch_...)`,
      };
    }
    const amount = toStripeAmount(request.amount, request.currency);
    if (!amount.ok) return { status: 'failed', retryable: false, error: amount.error };
    try {
      const refund = await (await this.client()).refunds.create(
        {
          ...target,
          amount: amount.amount,
          currency: request.currency.toLowerCase(),
          metadata: { refund_id: request.refund_id },
        },
        { idempotencyKey: request.idempotency_key },
      );
      return resultOfRefund(refund);
    } catch (err) {
      return resultOfError(err, this.secretKey);
    }
  }
}

function paymentTarget(
  reference: string,
): { payment_intent: string } | { charge: string } | undefined {
  if (/^pi_\w+$/.test(reference)) return { payment_intent: reference };
  if (/^ch_\w+$/.test(reference)) return { charge: reference };
  return undefined;
}

/** Events whose data.object is a Refund. */
const REFUND_EVENTS = new Set([
  'refund.created',
  'refund.updated',
  'refund.failed',
  'charge.refund.updated',
]);

export interface StripeRefundWebhooksOptions {
  /** The endpoint's signing secret, whsec_... */
  webhookSecret: string;
  /** How old (or how far ahead of `now`) a signature's timestamp may be; Stripe's default 300. */
  toleranceSeconds?: number;
}

/**
 * Stripe's refund webhooks. The SDK checks the `Stripe-Signature` header (an HMAC-SHA256 of
 * "timestamp.body" with the endpoint secret) on the exact bytes received, and the timestamp's
 * age against `now` (the SDK takes the receive time as an argument, so no real clock is read).
 * The SDK only refuses old timestamps; one more than the tolerance ahead of `now` is refused
 * here too.
 *
 * `charge.refunded` is ignored: its Charge carries no refund list by default since API version
 * 2022-11-15, and every refund's own state arrives as `charge.refund.updated` / `refund.updated`.
 */
export class StripeRefundWebhooks implements PaymentWebhooks {
  readonly name = 'stripe';
  private readonly toleranceSeconds: number;

  constructor(private readonly options: StripeRefundWebhooksOptions) {
    this.toleranceSeconds = options.toleranceSeconds ?? 300;
    // The SDK reads a tolerance of 0 as "do not check the timestamp".
    if (!(this.toleranceSeconds > 0)) throw new RangeError('toleranceSeconds must be positive');
    if (!options.webhookSecret) throw new RangeError('webhookSecret is required');
  }

  async parseWebhook(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer,
    now: Date,
  ): Promise<RefundUpdate[]> {
    const header = signatureHeader(headers);
    const timestamp = /(?:^|,)\s*t=(\d+)/.exec(header)?.[1];
    if (timestamp && Number(timestamp) - now.getTime() / 1000 > this.toleranceSeconds) {
      throw new WebhookRefused('Stripe webhook refused: the signature timestamp is in the future');
    }
    const sdk = await loadStripe();
    let event: Stripe.Event;
    try {
      event = await sdk.webhooks.constructEventAsync(
        rawBody,
        header,
        this.options.webhookSecret,
        this.toleranceSeconds,
        undefined,
        now.getTime(),
      );
    } catch (err) {
      const reason =
        err instanceof sdk.errors.StripeSignatureVerificationError
          ? err.message
          : `the body is not a Stripe event (${(err as Error).message})`;
      throw new WebhookRefused(`Stripe webhook refused: ${reason}`);
    }
    if (!REFUND_EVENTS.has(event.type)) return [];
    const refund = (event.data as { object?: Partial<Stripe.Refund> } | undefined)?.object;
    // Authentic but not about a refund we can name: nothing to report (refusing would only make
    // Stripe send it again).
    if (refund?.object !== 'refund' || typeof refund.id !== 'string') return [];
    return [
      {
        provider_reference: refund.id,
        result: resultOfRefund({
          id: refund.id,
          status: refund.status ?? null,
          failure_reason: refund.failure_reason,
        }),
      },
    ];
  }
}

function signatureHeader(headers: Record<string, string | string[] | undefined>): string {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'stripe-signature');
  const value = name ? headers[name] : undefined;
  const header = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (!header) throw new WebhookRefused('Stripe webhook refused: no Stripe-Signature header');
  return header;
}
