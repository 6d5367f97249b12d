/**
 * A local stand-in for the part of Stripe's API the refund gateway uses, written from Stripe's
 * documentation (not from its SDK or any mock server):
 * - API reference, Refunds: "Create a refund" (POST /v1/refunds) and "Retrieve a refund"
 *   (GET /v1/refunds/:id), and "The Refund object": https://docs.stripe.com/api/refunds
 * - API reference, Authentication (Bearer or Basic with the secret key):
 *   https://docs.stripe.com/api/authentication
 * - API reference, Errors (`{ error: { type, code, message, param } }`, status codes):
 *   https://docs.stripe.com/api/errors and https://docs.stripe.com/error-codes
 * - API reference, Idempotent requests: https://docs.stripe.com/api/idempotent_requests
 * - API reference, Request IDs (`Request-Id` header): https://docs.stripe.com/api/request_ids
 * - Webhooks, "Verify webhook signatures manually": https://docs.stripe.com/webhooks#verify-manually
 *   and the Event object: https://docs.stripe.com/api/events/object
 * - Currencies (minor units; what the gateway converts to): https://docs.stripe.com/currencies
 *
 * Covered: form-encoded bodies with bracket notation; the secret key check (401 in Stripe's
 * error shape, the key masked as Stripe masks it); creating a refund against a PaymentIntent or a
 * Charge it knows, with the unrefunded amount tracked (`amount_too_large`,
 * `charge_already_refunded`, `resource_missing`); retrieving a refund; Idempotency-Key on POST
 * (the first answer is saved once the endpoint starts executing and replayed with
 * `Idempotent-Replayed: true`; the same key with other parameters is a 400 `idempotency_error`;
 * a key whose first request is still executing is a 409); refunds that settle later; faults for
 * the next N requests; webhook events signed with Node's crypto as Stripe documents.
 *
 * Not covered: every other endpoint and parameter (expand, reason, customer balance refunds,
 * Connect headers), list pagination, key expiry after 24 hours, API version differences, Stripe's
 * own amount limits and currency rules (the gateway converts amounts before they get here), and
 * refunds of uncaptured or disputed payments. Two details are assumptions where the reference is
 * silent: a `currency` that differs from the payment's is refused with `param: 'currency'`, and
 * the error messages are paraphrases of Stripe's rather than its exact words.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

/** A Refund object with the fields Stripe's reference shows for card refunds. */
export interface StandInRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  destination_details: { type: 'card'; card: { type: 'refund' } };
  failure_reason?: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
  reason: string | null;
  receipt_number: string | null;
  source_transfer_reversal: string | null;
  status: RefundStatus;
  transfer_reversal: string | null;
}

/** What a new refund on a payment does first: settle at once, wait, or fail at once. */
export type RefundBehaviour =
  | { status: 'succeeded' }
  | { status: 'pending' | 'requires_action' }
  | { status: 'failed'; failure_reason: string };

interface Payment {
  charge: string;
  payment_intent: string | null;
  amount: number;
  currency: string;
  refunded: number;
  behaviour: RefundBehaviour;
}

export type Fault =
  /** Answers 500 before the endpoint runs: nothing happens, nothing is saved under the key. */
  | 'server_error'
  /** Answers 429 rate_limit before the endpoint runs. */
  | 'rate_limit'
  /** Runs the endpoint (the refund exists, its answer is saved) but never answers. */
  | 'hang'
  /** Runs the endpoint, then closes the socket without answering. */
  | 'drop';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number | 'no answer';
  idempotencyKey?: string;
  replayed: boolean;
  stripeVersion?: string;
  params: Params;
}

type Params = { [key: string]: string | Params | string[] };

interface Saved {
  path: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
}

interface Answer {
  status: number;
  body: unknown;
}

export interface StripeStandInOptions {
  secretKey?: string;
  webhookSecret?: string;
  /** The clock for `created` fields; the real one when absent. */
  now?: () => Date;
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function stripeError(
  status: number,
  type: string,
  message: string,
  extra: { code?: string; param?: string } = {},
): Answer {
  return {
    status,
    body: {
      error: {
        type,
        message,
        ...(extra.code
          ? { code: extra.code, doc_url: `https://docs.stripe.com/error-codes/${extra.code}` }
          : {}),
        ...(extra.param ? { param: extra.param } : {}),
      },
    },
  };
}

/**
 * Parses `application/x-www-form-urlencoded` with Stripe's bracket notation:
 * `metadata[refund_id]=r1` is `{ metadata: { refund_id: 'r1' } }`, `expand[]=a` and
 * `expand[0]=a` are lists.
 */
export function parseForm(body: string): Params {
  const out: Params = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = name.split('[').map((part, i) => (i === 0 ? part : part.replace(/]$/, '')));
    let node: Params = out;
    for (let i = 0; i < path.length - 1; i++) {
      const part = path[i]!;
      const next = path[i + 1]!;
      if (next === '' || /^\d+$/.test(next)) {
        const list = node[part];
        if (Array.isArray(list)) list.push(value);
        else node[part] = [value];
        node = {};
        break;
      }
      const child = node[part];
      if (typeof child === 'object' && !Array.isArray(child)) {
        node = child;
      } else {
        const fresh: Params = {};
        node[part] = fresh;
        node = fresh;
      }
    }
    const last = path[path.length - 1]!;
    if (last !== '' && !/^\d+$/.test(last)) node[last] = value;
  }
  return out;
}

/** Canonical JSON (sorted keys), to compare a retry's parameters with the first request's. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class StripeStandIn {
  readonly secretKey: string;
  readonly webhookSecret: string;
  readonly requests: LoggedRequest[] = [];
  private readonly now: () => Date;
  private readonly payments = new Map<string, Payment>();
  private readonly refunds = new Map<string, StandInRefund>();
  private readonly saved = new Map<string, Saved>();
  private readonly executing = new Set<string>();
  private faults: Fault[] = [];
  private slowMs = 0;
  private server?: Server;
  port = 0;

  constructor(options: StripeStandInOptions = {}) {
    this.secretKey = options.secretKey ?? `sk_test_${randomBytes(18).toString('hex')}`;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
    this.now = options.now ?? (() => new Date());
  }

  static async start(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
    const standIn = new StripeStandIn(options);
    await standIn.listen();
    return standIn;
  }

  /** What a StripeGateway needs to talk to this stand-in. */
  get connection(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http' };
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.send(res, stripeError(500, 'api_error', String(err)), '');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // Hung requests and idle keep-alive sockets would hold close() open.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A charge that can be refunded, paid through a PaymentIntent unless `direct`. */
  addPayment(payment: {
    amount: number;
    currency: string;
    direct?: boolean;
    refunds?: RefundBehaviour;
  }): { payment_intent: string | null; charge: string } {
    const charge = id('ch');
    const payment_intent = payment.direct ? null : id('pi');
    const entry: Payment = {
      charge,
      payment_intent,
      amount: payment.amount,
      currency: payment.currency.toLowerCase(),
      refunded: 0,
      behaviour: payment.refunds ?? { status: 'succeeded' },
    };
    this.payments.set(charge, entry);
    if (payment_intent) this.payments.set(payment_intent, entry);
    return { payment_intent, charge };
  }

  /** The next `count` requests meet this fault instead of (or after) the endpoint. */
  failNext(fault: Fault, count = 1): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  /** Every create holds its idempotency key this long before answering (to race two attempts). */
  slowDownCreates(ms: number): void {
    this.slowMs = ms;
  }

  /** Refunds the stand-in created, in order. */
  createdRefunds(): StandInRefund[] {
    return [...this.refunds.values()];
  }

  refund(refundId: string): StandInRefund | undefined {
    return this.refunds.get(refundId);
  }

  /** A pending refund reaches its final state, as Stripe moves it when the card network answers. */
  settle(
    refundId: string,
    outcome: { status: 'succeeded' } | { status: 'failed' | 'canceled'; failure_reason: string },
  ): StandInRefund {
    const refund = this.refunds.get(refundId);
    if (!refund) throw new Error(`no refund ${refundId}`);
    refund.status = outcome.status;
    if (outcome.status !== 'succeeded') {
      refund.failure_reason = outcome.failure_reason;
      // A failed refund gives the amount back to the charge (Stripe's "failed refunds").
      const payment = this.payments.get(refund.charge);
      if (payment) payment.refunded -= refund.amount;
    }
    return structuredClone(refund);
  }

  /** An Event object as Stripe delivers it to a webhook endpoint. */
  event(type: string, object: unknown, previous?: Record<string, unknown>): string {
    return JSON.stringify(
      {
        id: id('evt'),
        object: 'event',
        api_version: this.lastStripeVersion() ?? null,
        created: Math.floor(this.now().getTime() / 1000),
        data: { object, ...(previous ? { previous_attributes: previous } : {}) },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      },
      null,
      2,
    );
  }

  /**
   * The `Stripe-Signature` header for a payload, per Stripe's documented scheme: `t=<unix
   * seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>`.
   */
  sign(payload: string, options: { at?: Date; secret?: string } = {}): string {
    const t = Math.floor((options.at ?? this.now()).getTime() / 1000);
    const v1 = createHmac('sha256', options.secret ?? this.webhookSecret)
      .update(`${t}.${payload}`, 'utf8')
      .digest('hex');
    return `t=${t},v1=${v1}`;
  }

  /** Requests that created a refund (not replays, not refused ones). */
  get refundsCreated(): number {
    return this.refunds.size;
  }

  private lastStripeVersion(): string | undefined {
    return this.requests.findLast((r) => r.stripeVersion)?.stripeVersion;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const params = method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(raw);
    const idempotencyKey = header(req, 'idempotency-key');
    const log: LoggedRequest = {
      method,
      path: url.pathname,
      status: 'no answer',
      idempotencyKey,
      replayed: false,
      stripeVersion: header(req, 'stripe-version'),
      params,
    };
    this.requests.push(log);
    const requestId = id('req');

    const fault = this.faults.shift();
    if (fault === 'server_error') {
      log.status = 500;
      return this.send(
        res,
        stripeError(500, 'api_error', 'Something went wrong on our end.'),
        requestId,
      );
    }
    if (fault === 'rate_limit') {
      log.status = 429;
      return this.send(
        res,
        stripeError(
          429,
          'invalid_request_error',
          'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
          { code: 'rate_limit' },
        ),
        requestId,
      );
    }

    const auth = this.authenticate(req);
    if (auth) {
      log.status = auth.status;
      return this.send(res, auth, requestId);
    }

    // Idempotency applies to POST; GET and DELETE are idempotent by definition.
    let answer: Answer;
    let replayedFrom: string | undefined;
    if (method === 'POST' && idempotencyKey) {
      const paramsText = canonical(params);
      const saved = this.saved.get(idempotencyKey);
      if (saved && (saved.path !== url.pathname || saved.params !== paramsText)) {
        answer = stripeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        );
      } else if (saved) {
        answer = { status: saved.status, body: JSON.parse(saved.body) };
        replayedFrom = saved.requestId;
      } else if (this.executing.has(idempotencyKey)) {
        answer = stripeError(
          409,
          'idempotency_error',
          `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
        );
      } else {
        this.executing.add(idempotencyKey);
        try {
          if (this.slowMs > 0) await new Promise((r) => setTimeout(r, this.slowMs));
          answer = this.route(method, url.pathname, params);
        } finally {
          this.executing.delete(idempotencyKey);
        }
        // Saved once the endpoint ran, whatever it answered (Stripe saves 4xx and 500s too).
        this.saved.set(idempotencyKey, {
          path: url.pathname,
          params: paramsText,
          status: answer.status,
          body: JSON.stringify(answer.body),
          requestId,
        });
      }
    } else {
      answer = this.route(method, url.pathname, params);
    }

    log.replayed = replayedFrom !== undefined;
    if (fault === 'hang') return; // The answer is saved; the client waits until it gives up.
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    log.status = answer.status;
    const extra: Record<string, string> = {};
    if (idempotencyKey && method === 'POST') extra['Idempotency-Key'] = idempotencyKey;
    if (replayedFrom) {
      extra['Idempotent-Replayed'] = 'true';
      extra['Original-Request'] = replayedFrom;
    }
    this.send(res, answer, requestId, extra);
  }

  private authenticate(req: IncomingMessage): Answer | undefined {
    const authorization = header(req, 'authorization') ?? '';
    let key: string | undefined;
    if (authorization.startsWith('Bearer ')) key = authorization.slice('Bearer '.length).trim();
    if (authorization.startsWith('Basic ')) {
      key = Buffer.from(authorization.slice('Basic '.length), 'base64').toString().split(':')[0];
    }
    if (!key) {
      return stripeError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (key !== this.secretKey || !key.startsWith('sk_test_')) {
      // Stripe shows only the key's mode prefix and last four characters.
      const mode = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
      const masked = `${mode}${'*'.repeat(Math.max(0, key.length - mode.length - 4))}${key.slice(-4)}`;
      return stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${masked}`, {
        code: 'api_key_invalid',
      });
    }
    return undefined;
  }

  private route(method: string, path: string, params: Params): Answer {
    if (method === 'POST' && path === '/v1/refunds') return this.createRefund(params);
    const match = /^\/v1\/refunds\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) {
      const refund = this.refunds.get(decodeURIComponent(match[1]!));
      if (!refund) {
        return stripeError(404, 'invalid_request_error', `No such refund: '${match[1]}'`, {
          code: 'resource_missing',
          param: 'id',
        });
      }
      return { status: 200, body: refund };
    }
    return stripeError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${path}).`,
    );
  }

  private createRefund(params: Params): Answer {
    const charge = typeof params['charge'] === 'string' ? params['charge'] : undefined;
    const intent =
      typeof params['payment_intent'] === 'string' ? params['payment_intent'] : undefined;
    if (!charge && !intent) {
      return stripeError(
        400,
        'invalid_request_error',
        'One of the following params should be provided for this request: payment_intent or charge.',
        { code: 'parameter_missing' },
      );
    }
    if (charge && intent) {
      return stripeError(
        400,
        'invalid_request_error',
        'You cannot specify both payment_intent and charge.',
        { code: 'parameter_invalid_string', param: 'charge' },
      );
    }
    const reference = (charge ?? intent)!;
    const payment = this.payments.get(reference);
    const kind = charge ? 'charge' : 'payment_intent';
    if (!payment || (intent && payment.payment_intent !== intent)) {
      return stripeError(404, 'invalid_request_error', `No such ${kind}: '${reference}'`, {
        code: 'resource_missing',
        param: kind,
      });
    }
    const rawAmount = params['amount'];
    const remaining = payment.amount - payment.refunded;
    let amount = remaining;
    if (rawAmount !== undefined) {
      if (typeof rawAmount !== 'string' || !/^\d+$/.test(rawAmount)) {
        return stripeError(400, 'invalid_request_error', `Invalid integer: ${String(rawAmount)}`, {
          code: 'parameter_invalid_integer',
          param: 'amount',
        });
      }
      amount = Number(rawAmount);
      if (amount < 1) {
        return stripeError(
          400,
          'invalid_request_error',
          'This value must be greater than or equal to 1.',
          { code: 'parameter_invalid_integer', param: 'amount' },
        );
      }
    }
    const currency = params['currency'];
    if (currency !== undefined && currency !== payment.currency) {
      return stripeError(
        400,
        'invalid_request_error',
        `The currency ${String(currency)} does not match the currency of the ${kind} (${payment.currency}).`,
        { code: 'parameter_invalid_string', param: 'currency' },
      );
    }
    if (remaining <= 0) {
      return stripeError(
        400,
        'invalid_request_error',
        `Charge ${payment.charge} has already been refunded.`,
        { code: 'charge_already_refunded', param: kind },
      );
    }
    if (amount > remaining) {
      return stripeError(
        400,
        'invalid_request_error',
        `Refund amount (${amount} ${payment.currency}) is greater than unrefunded amount on charge (${remaining} ${payment.currency})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }
    const metadata = params['metadata'];
    const behaviour = payment.behaviour;
    const refund: StandInRefund = {
      id: id('re'),
      object: 'refund',
      amount,
      balance_transaction: id('txn'),
      charge: payment.charge,
      created: Math.floor(this.now().getTime() / 1000),
      currency: payment.currency,
      destination_details: { type: 'card', card: { type: 'refund' } },
      metadata:
        metadata && typeof metadata === 'object' && !Array.isArray(metadata)
          ? (Object.fromEntries(
              Object.entries(metadata).filter(([, v]) => typeof v === 'string'),
            ) as Record<string, string>)
          : {},
      payment_intent: payment.payment_intent,
      reason: typeof params['reason'] === 'string' ? params['reason'] : null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: behaviour.status,
      transfer_reversal: null,
      ...(behaviour.status === 'failed' ? { failure_reason: behaviour.failure_reason } : {}),
    };
    if (behaviour.status !== 'failed') payment.refunded += amount;
    this.refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }

  private send(
    res: ServerResponse,
    answer: Answer,
    requestId: string,
    extra: Record<string, string> = {},
  ): void {
    const body = JSON.stringify(answer.body, null, 2);
    res.writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Request-Id': requestId,
      'Stripe-Version': this.lastStripeVersion() ?? '',
      ...extra,
    });
    res.end(body);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
