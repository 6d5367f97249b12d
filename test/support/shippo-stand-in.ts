/**
 * A local stand-in for the parts of Shippo's API that src/adapters/shippo.ts uses, written from
 * Shippo's documentation and the request/response models of the official `shippo` SDK (2.18.0,
 * node_modules/shippo/src/models), which are generated from Shippo's OpenAPI document:
 * - Authentication: `Authorization: ShippoToken <key>`, as in every request example of the
 *   documents below; HTTP status codes, https://docs.goshippo.com/docs/api_concepts/apihttpstatuscodes/
 *   (the documents give no error body schema: 401 answers `{"detail": "..."}` and 400 field
 *   errors `{"field": {"sub": ["..."]}}`, the shapes Shippo's API is known to answer).
 * - Shipments (`POST /shipments`, `GET /shipments/{id}`) with rates, and return shipments
 *   (https://docs.goshippo.com/docs/shipments/returns/: `extra.is_return`, Shippo swaps the
 *   addresses for the label).
 * - Transactions: https://docs.goshippo.com/api-reference/transactions/create-a-shipping-label
 *   (`POST /transactions` buys a rate) and
 *   https://docs.goshippo.com/api-reference/transactions/list-all-shipping-labels
 *   (`GET /transactions`, filtered by `rate` and `object_status`); a transaction's `rate` is
 *   answered as the CoreRate object those examples show.
 * - Tracks (`POST /tracks`), https://docs.goshippo.com/docs/tracking/tracking/ .
 * - Webhooks (`track_updated` carrying a Track object), https://docs.goshippo.com/docs/tracking/webhooks/
 *   signed as in the HMAC section of https://docs.goshippo.com/docs/tracking/webhooksecurity/ :
 *   `Shippo-Auth-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * Not covered: pagination beyond one page, address validation, customs, refunds, batches,
 * carrier accounts, async (QUEUED) purchases, test-mode tracking tokens.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { simulatedTrackingNumber } from '../../src/adapters/simulated-labels.ts';

export type Fault =
  /** Answers 500 without doing the work. */
  | 'server_error'
  /** Answers 429 (rate limited). */
  | 'rate_limited'
  /** Never answers (until the stand-in closes): the client's timeout fires. */
  | 'hang'
  /** Closes the socket without an answer, before doing the work. */
  | 'drop'
  /** Does the work (a purchase is made), then closes the socket without an answer. */
  | 'drop_after_commit'
  /** `POST /transactions` answers a failed purchase (status ERROR, an address message). */
  | 'address_error'
  /** Answers 400 with field errors, as for a missing required field. */
  | 'bad_request';

interface StoredRate {
  object_id: string;
  shipment: string;
  provider: string;
  servicelevel: { name: string; token: string };
  amount: string;
  currency: string;
}

interface StoredTransaction {
  object_id: string;
  rate: string;
  status: 'SUCCESS' | 'ERROR';
  metadata: string;
  tracking_number?: string;
  messages: { source: string; code: string; text: string }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface TrackUpdatedInput {
  carrier: string;
  tracking_number: string;
  status: string;
  substatus?: string;
  status_date: string;
  status_details: string;
  object_id: string;
}

const EPOCH = '2024-05-01T10:00:00.000Z';

export class ShippoStandIn {
  readonly apiKey: string;
  url = '';
  /** Successful purchases (labels paid for). */
  purchases = 0;
  readonly requests: RecordedRequest[] = [];
  readonly shipments = new Map<string, Record<string, unknown>>();
  readonly rates = new Map<string, StoredRate>();
  readonly transactions: StoredTransaction[] = [];
  readonly tracks: { carrier: string; tracking_number: string }[] = [];
  /** Downloads of label and QR files. */
  fileRequests = 0;
  /** When set, the 401 answer repeats the token it was given (as some APIs do). */
  echoTokenOn401 = false;
  /** Shippo's documented example links a QR code PDF; a PNG is served unless this is 'pdf'. */
  qrCodeFormat: 'png' | 'pdf' = 'png';
  /** Rates offered for every new shipment. */
  rateTable: { provider: string; name: string; token: string; amount: string }[] = [
    { provider: 'USPS', name: 'Priority Mail', token: 'usps_priority', amount: '9.85' },
    { provider: 'USPS', name: 'Ground Advantage', token: 'usps_ground_advantage', amount: '7.58' },
    { provider: 'UPS', name: 'Ground', token: 'ups_ground', amount: '12.4' },
  ];

  private readonly faults: { fault: Fault; method: string | undefined; path: string }[] = [];
  private readonly server = createServer((req, res) => {
    void this.handle(req, res);
  });
  private counter = 0;

  constructor(apiKey = 'shippo_test_standin_0123456789abcdef') {
    this.apiKey = apiKey;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${String(port)}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` API requests to `path` (a prefix), with `method` if given, meet the fault. */
  failNext(fault: Fault, where: { times?: number; method?: string; path?: string } = {}): void {
    for (let i = 0; i < (where.times ?? 1); i++) {
      this.faults.push({ fault, method: where.method, path: where.path ?? '/' });
    }
  }

  /** Shippo's webhook headers for the body, signed with the shared secret at time `at`. */
  signWebhook(rawBody: string, secret: string, at: Date): Record<string, string> {
    const t = String(Math.floor(at.getTime() / 1000));
    const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
    return { 'content-type': 'application/json', 'shippo-auth-signature': `t=${t},v1=${v1}` };
  }

  /** A `track_updated` webhook body: the event and the Track object. */
  trackUpdated(input: TrackUpdatedInput): string {
    const status = {
      object_created: input.status_date,
      object_updated: input.status_date,
      object_id: input.object_id,
      status: input.status,
      status_details: input.status_details,
      status_date: input.status_date,
      ...(input.substatus
        ? { substatus: { code: input.substatus, text: input.substatus, action_required: false } }
        : {}),
      location: { city: 'Reno', state: 'NV', zip: '89502', country: 'US' },
    };
    return JSON.stringify({
      event: 'track_updated',
      test: true,
      data: {
        carrier: input.carrier,
        tracking_number: input.tracking_number,
        messages: [],
        tracking_status: status,
        tracking_history: [status],
      },
    });
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(6, '0')}`;
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => path.startsWith(f.path) && (f.method === undefined || f.method === method),
    );
    if (index < 0) return undefined;
    return this.faults.splice(index, 1)[0]!.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const raw = await readBody(req);

    // Files behind label_url / qr_code_url are pre-signed links: no Authorization.
    const file = /^\/files\/(txn_\d+)(_qr)?\.(pdf|png)$/.exec(path);
    if (req.method === 'GET' && file) {
      this.fileRequests += 1;
      return this.serveFile(res, file[1]!, file[2] ? 'qr' : 'label', file[3]!);
    }

    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return json(res, 400, { detail: 'JSON parse error' });
    }
    const authorization = req.headers.authorization;
    this.requests.push({ method: req.method ?? '', path, authorization, body });

    if (authorization !== `ShippoToken ${this.apiKey}`) {
      const given = authorization ?? '';
      return json(res, 401, {
        detail: this.echoTokenOn401 ? `Invalid token: ${given}` : 'Invalid token.',
      });
    }

    const fault = this.takeFault(req.method ?? '', path);
    if (fault === 'hang') return;
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'server_error') return json(res, 500, { detail: 'Internal server error' });
    if (fault === 'rate_limited') return json(res, 429, { detail: 'Request was throttled.' });
    if (fault === 'bad_request') {
      return json(res, 400, { address_to: { zip: ['This field is required.'] } });
    }

    const answer = this.route(req.method ?? '', path, url.searchParams, body, fault);
    if (fault === 'drop_after_commit') {
      req.socket.destroy();
      return;
    }
    return json(res, answer.status, answer.body);
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    fault: Fault | undefined,
  ): { status: number; body: unknown } {
    const input = (body ?? {}) as Record<string, unknown>;
    if (method === 'POST' && path === '/shipments') return this.createShipment(input);
    const shipment = /^\/shipments\/(\w+)$/.exec(path);
    if (method === 'GET' && shipment) {
      const found = this.shipments.get(shipment[1]!);
      return found ? { status: 200, body: found } : notFound();
    }
    if (method === 'POST' && path === '/transactions') return this.buyRate(input, fault);
    if (method === 'GET' && path === '/transactions') return this.listTransactions(query);
    if (method === 'POST' && path === '/tracks') return this.createTrack(input);
    return notFound();
  }

  private createShipment(input: Record<string, unknown>): { status: number; body: unknown } {
    const from = input['address_from'] as Record<string, unknown> | undefined;
    const to = input['address_to'] as Record<string, unknown> | undefined;
    const parcels = input['parcels'] as Record<string, unknown>[] | undefined;
    if (!from || !to || !parcels?.length) {
      return { status: 400, body: { parcels: ['This field is required.'] } };
    }
    const objectId = this.nextId('shp_');
    const rates = this.rateTable.map((row) => {
      const rate: StoredRate = {
        object_id: this.nextId('rate_'),
        shipment: objectId,
        provider: row.provider,
        servicelevel: { name: row.name, token: row.token },
        amount: row.amount,
        currency: 'USD',
      };
      this.rates.set(rate.object_id, rate);
      return {
        ...rate,
        amount_local: rate.amount,
        currency_local: 'USD',
        attributes: [],
        carrier_account: `ca_${row.provider.toLowerCase()}`,
        object_created: EPOCH,
        object_owner: 'standin@example.com',
        messages: [],
      };
    });
    const stored = {
      object_id: objectId,
      object_created: EPOCH,
      object_updated: EPOCH,
      object_owner: 'standin@example.com',
      status: 'SUCCESS',
      metadata: input['metadata'] ?? '',
      extra: input['extra'] ?? {},
      address_from: { ...from, object_id: this.nextId('adr_') },
      address_to: { ...to, object_id: this.nextId('adr_') },
      parcels: parcels.map((p) => ({ ...p, object_id: this.nextId('prc_') })),
      carrier_accounts: [],
      messages: [],
      rates,
    };
    this.shipments.set(objectId, stored);
    return { status: 201, body: stored };
  }

  private buyRate(
    input: Record<string, unknown>,
    fault: Fault | undefined,
  ): { status: number; body: unknown } {
    const rate = this.rates.get(String(input['rate']));
    if (!rate) return { status: 400, body: { rate: ['Rate not found.'] } };
    const transaction: StoredTransaction = {
      object_id: this.nextId('txn_'),
      rate: rate.object_id,
      status: fault === 'address_error' ? 'ERROR' : 'SUCCESS',
      metadata: String(input['metadata'] ?? ''),
      messages:
        fault === 'address_error'
          ? [
              {
                source: rate.provider,
                code: 'address_error',
                text: 'The address as submitted could not be found. Please check for excessive abbreviations in the street address line or in the City name.',
              },
            ]
          : [],
    };
    if (transaction.status === 'SUCCESS') {
      transaction.tracking_number = simulatedTrackingNumber(transaction.object_id);
      this.purchases += 1;
    }
    this.transactions.push(transaction);
    return { status: 201, body: this.transactionBody(transaction) };
  }

  private listTransactions(query: URLSearchParams): { status: number; body: unknown } {
    const rate = query.get('rate');
    const objectStatus = query.get('object_status');
    const results = this.transactions
      .filter((t) => (rate ? t.rate === rate : true))
      .filter((t) => (objectStatus ? t.status === objectStatus : true))
      .map((t) => this.transactionBody(t));
    return { status: 200, body: { next: null, previous: null, results } };
  }

  private transactionBody(t: StoredTransaction): Record<string, unknown> {
    const rate = this.rates.get(t.rate)!;
    const success = t.status === 'SUCCESS';
    return {
      object_id: t.object_id,
      object_state: 'VALID',
      object_created: EPOCH,
      object_updated: EPOCH,
      object_owner: 'standin@example.com',
      status: t.status,
      rate: {
        object_id: rate.object_id,
        amount: rate.amount,
        amount_local: rate.amount,
        currency: rate.currency,
        currency_local: rate.currency,
        provider: rate.provider,
        carrier_account: `ca_${rate.provider.toLowerCase()}`,
        servicelevel_name: rate.servicelevel.name,
        servicelevel_token: rate.servicelevel.token,
      },
      metadata: t.metadata,
      label_file_type: 'PDF',
      messages: t.messages,
      test: true,
      ...(success
        ? {
            tracking_number: t.tracking_number,
            tracking_status: 'PRE_TRANSIT',
            label_url: `${this.url}/files/${t.object_id}.pdf`,
            ...(rate.provider === 'USPS'
              ? { qr_code_url: `${this.url}/files/${t.object_id}_qr.${this.qrCodeFormat}` }
              : {}),
          }
        : {}),
    };
  }

  private createTrack(input: Record<string, unknown>): { status: number; body: unknown } {
    const carrier = input['carrier'];
    const trackingNumber = input['tracking_number'];
    if (typeof carrier !== 'string' || typeof trackingNumber !== 'string') {
      return { status: 400, body: { tracking_number: ['This field is required.'] } };
    }
    this.tracks.push({ carrier, tracking_number: trackingNumber });
    return {
      status: 200,
      body: {
        carrier,
        tracking_number: trackingNumber,
        messages: [],
        tracking_history: [],
        tracking_status: {
          object_created: EPOCH,
          object_updated: EPOCH,
          object_id: this.nextId('trk_'),
          status: 'UNKNOWN',
          status_details: '',
        },
      },
    };
  }

  private async serveFile(
    res: ServerResponse,
    id: string,
    what: 'qr' | 'label',
    format: string,
  ): Promise<void> {
    const transaction = this.transactions.find((t) => t.object_id === id && t.status === 'SUCCESS');
    if (!transaction?.tracking_number) return json(res, 404, { detail: 'Not found.' });
    if (what === 'qr' && format === 'png') {
      const png = await QRCode.toBuffer(transaction.tracking_number, { type: 'png' });
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(await labelPdf(transaction));
  }
}

async function labelPdf(transaction: StoredTransaction): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([288, 432]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('Shippo stand-in label', { x: 20, y: 400, size: 12, font });
  page.drawText(transaction.tracking_number ?? '', { x: 20, y: 380, size: 12, font });
  return Buffer.from(await pdf.save());
}

function notFound(): { status: number; body: unknown } {
  return { status: 404, body: { detail: 'Not found.' } };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startShippoStandIn(apiKey?: string): Promise<ShippoStandIn> {
  return new ShippoStandIn(apiKey).start();
}
