/**
 * A local stand-in for EasyPost's API (v2), for the adapter tests. Written from EasyPost's public
 * documentation, not from any SDK or client code:
 * - Authentication (API key as the HTTP Basic user name, no password):
 *   https://www.easypost.com/docs/api#authentication
 * - Shipments (create, retrieve, buy; `reference`, `options.label_format`, `carrier_accounts`):
 *   https://docs.easypost.com/docs/shipments
 * - Returns (`is_return: true` with the outbound addresses; EasyPost swaps to/from):
 *   https://docs.easypost.com/docs/shipments/returns
 * - Forms (`POST /shipments/:id/forms`, `label_qr_code`, USPS only, after purchase):
 *   https://docs.easypost.com/docs/shipments/forms and https://docs.easypost.com/guides/form-guide
 * - Trackers (create; `status`, `tracking_details`): https://docs.easypost.com/docs/trackers
 * - Events and Webhooks (`description` is the event type, `result` the object; HMAC-SHA256 of the
 *   body under the NFKD-normalised webhook secret, hex, prefixed `hmac-sha256-hex=`, in the
 *   `X-Hmac-Signature` header): https://docs.easypost.com/docs/events,
 *   https://docs.easypost.com/docs/webhooks, https://docs.easypost.com/guides/webhooks-guide
 * - Errors (`{ error: { code, message, errors: [] } }`, status codes; codes such as
 *   ADDRESS.VERIFY.FAILURE and SHIPMENT.POSTAGE.EXISTS for buying a bought shipment):
 *   https://docs.easypost.com/docs/errors and https://docs.easypost.com/guides/errors-guide
 *
 * Where the documents do not say (the HTTP status of SHIPMENT.POSTAGE.EXISTS, the words of
 * messages), it answers 422 and messages of its own.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';

/**
 * What the next API request meets: `none` (answered normally; to aim a later fault at the second
 * request of a sequence), an error answer, no answer at all (`hang`), a closed connection before
 * (`drop`) or after the work was done (`lose_response`).
 */
export type Fault = 'none' | 'http_500' | 'http_429' | 'hang' | 'drop' | 'lose_response';

type Json = Record<string, unknown>;

export interface StandInRate {
  carrier: string;
  service: string;
  carrier_account_id: string;
  rate: string;
  currency: string;
}

/** Rated on every shipment (or those of the accounts the shipment names). */
export const STAND_IN_RATES: readonly StandInRate[] = [
  {
    carrier: 'UPS',
    service: 'Ground',
    carrier_account_id: 'ca_ups',
    rate: '9.10',
    currency: 'USD',
  },
  {
    carrier: 'USPS',
    service: 'GroundAdvantage',
    carrier_account_id: 'ca_usps',
    rate: '7.58',
    currency: 'USD',
  },
  {
    carrier: 'FedEx',
    service: 'FEDEX_GROUND',
    carrier_account_id: 'ca_fedex',
    rate: '12.40',
    currency: 'USD',
  },
  {
    carrier: 'DHLExpress',
    service: 'ExpressWorldwide',
    carrier_account_id: 'ca_dhl',
    rate: '31.05',
    currency: 'USD',
  },
];

const KNOWN_CARRIERS = new Set(['USPS', 'UPS', 'FedEx', 'DHLExpress']);

export interface StandInShipment extends Json {
  id: string;
  object: 'Shipment';
  is_return: boolean;
  reference: string | null;
  to_address: Json;
  from_address: Json;
  parcel: Json;
  options: Json;
  rates: Json[];
  selected_rate: Json | null;
  postage_label: Json | null;
  tracking_code: string | null;
  forms: Json[];
  messages: Json[];
}

function easypostId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

function error(code: string, message: string, errors: unknown[] = []): Json {
  return { error: { code, message, errors } };
}

/** EasyPost's signature of a webhook body under `secret`, as its Webhooks guide describes it. */
export function signWebhookBody(body: Buffer, secret: string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return `hmac-sha256-hex=${createHmac('sha256', key).update(body).digest('hex')}`;
}

export class EasyPostStandIn {
  readonly shipments = new Map<string, StandInShipment>();
  readonly trackers = new Map<string, Json>();
  /** Every purchase that took place (one per shipment at most). */
  purchases = 0;
  /** Second purchases refused with SHIPMENT.POSTAGE.EXISTS. */
  refusedRepurchases = 0;
  private faults: Fault[] = [];
  private rejectAddresses = 0;
  private held: { release: () => void }[] = [];
  private holdBuys = false;
  private readonly files = new Map<string, { type: string; bytes: Uint8Array }>();
  private trackingSeq = 0;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly apiKey: string,
    readonly webhookSecret: string,
  ) {}

  static async start(options: { apiKey: string; webhookSecret: string }): Promise<EasyPostStandIn> {
    let standIn: EasyPostStandIn | undefined;
    const server = createServer((req, res) => {
      standIn?.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, error('INTERNAL_SERVER_ERROR', String(e)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new EasyPostStandIn(
      server,
      `http://127.0.0.1:${port}`,
      options.apiKey,
      options.webhookSecret,
    );
    return standIn;
  }

  /** The base URL to give the SDK, as `https://api.easypost.com/v2/` would be. */
  get baseUrl(): string {
    return `${this.origin}/v2/`;
  }

  async close(): Promise<void> {
    for (const h of this.held) h.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` API requests meet `fault` (label and form downloads are not affected). */
  failNext(fault: Fault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.faults.push(fault);
  }

  /** The next shipment creation fails address verification (422 ADDRESS.VERIFY.FAILURE). */
  rejectNextAddress(): void {
    this.rejectAddresses += 1;
  }

  /** Holds purchases until `releaseBuys`, so that tests can line up concurrent purchases. */
  startHoldingBuys(): void {
    this.holdBuys = true;
  }

  async waitForHeldBuys(count: number): Promise<void> {
    while (this.held.length < count) await new Promise((r) => setTimeout(r, 5));
  }

  releaseBuys(): void {
    this.holdBuys = false;
    const held = this.held;
    this.held = [];
    for (const h of held) h.release();
  }

  /** A webhook delivery of an Event, signed as EasyPost signs it (with Node's crypto, not the SDK). */
  webhook(
    event: Json,
    secret: string = this.webhookSecret,
  ): { headers: Record<string, string>; body: Buffer } {
    const body = Buffer.from(JSON.stringify(event), 'utf8');
    return {
      headers: {
        'content-type': 'application/json',
        'x-hmac-signature': signWebhookBody(body, secret),
      },
      body,
    };
  }

  /** A `tracker.updated` (or `tracker.created`) Event for a Tracker in `status`. */
  trackerEvent(options: {
    status: string;
    tracking_code: string;
    carrier?: string;
    description?: 'tracker.updated' | 'tracker.created';
    details?: { status: string; message: string; datetime: string }[];
    updated_at?: string;
    event_id?: string;
  }): Json {
    const now = '2025-06-02T10:00:00Z';
    return {
      object: 'Event',
      id: options.event_id ?? easypostId('evt'),
      mode: 'test',
      description: options.description ?? 'tracker.updated',
      created_at: now,
      updated_at: now,
      status: 'pending',
      previous_attributes: { status: 'in_transit' },
      pending_urls: [],
      completed_urls: [],
      result: {
        object: 'Tracker',
        id: easypostId('trk'),
        mode: 'test',
        tracking_code: options.tracking_code,
        status: options.status,
        status_detail: 'unknown',
        carrier: options.carrier ?? 'USPS',
        // A float, as EasyPost writes weights. The SDK (8.9.0) rewrites integer weights in the body
        // (`"weight": 16` as `16.0`) before it computes the HMAC, so a body signed as received
        // with an integer weight would not verify.
        weight: 17.6,
        est_delivery_date: null,
        signed_by: null,
        created_at: '2025-06-01T08:00:00Z',
        updated_at: options.updated_at ?? now,
        tracking_details: (options.details ?? []).map((d) => ({
          object: 'TrackingDetail',
          message: d.message,
          description: '',
          status: d.status,
          status_detail: 'unknown',
          datetime: d.datetime,
          source: options.carrier ?? 'USPS',
          tracking_location: { object: 'TrackingLocation', city: null, state: null },
        })),
        fees: [],
      },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const file = this.files.get(url.pathname);
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length });
      res.end(Buffer.from(file.bytes));
      return;
    }
    if (!url.pathname.startsWith('/v2/')) return send(res, 404, error('NOT_FOUND', 'Not found'));

    const fault = this.faults.shift();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'hang') return; // Never answers; the client's timeout must end it.
    if (fault === 'http_500') {
      return send(res, 500, error('INTERNAL_SERVER_ERROR', 'Something went wrong on our side'));
    }
    if (fault === 'http_429') {
      return send(res, 429, error('RATE_LIMITED', 'Too many requests, slow down'));
    }

    // Before the key check, as the real API would read the body anyway.
    const raw = await readBody(req);
    if (!this.authorized(req)) {
      // Echoes the key it was given so the tests can prove the adapter never passes it on.
      const presented = presentedKey(req);
      return send(
        res,
        401,
        error('UNAUTHORIZED', `The API key '${presented}' is not valid. Please check it.`),
      );
    }
    let body: Json = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as Json;
      } catch {
        return send(res, 400, error('BAD_REQUEST', 'The request body is not valid JSON'));
      }
    }

    const answer = await this.route(req.method ?? 'GET', url.pathname, body);
    if (fault === 'lose_response') {
      // The work is done (a purchase counts), but the answer never arrives.
      req.socket.destroy();
      return;
    }
    send(res, answer.status, answer.body);
  }

  private authorized(req: IncomingMessage): boolean {
    return presentedKey(req) === this.apiKey;
  }

  private async route(
    method: string,
    path: string,
    body: Json,
  ): Promise<{ status: number; body: Json }> {
    if (method === 'POST' && path === '/v2/shipments') return this.createShipment(body);
    if (method === 'POST' && path === '/v2/trackers') return this.createTracker(body);
    const shipmentPath = /^\/v2\/shipments\/([^/]+)(?:\/(buy|forms))?$/.exec(path);
    if (shipmentPath) {
      const shipment = this.shipments.get(shipmentPath[1] ?? '');
      if (!shipment) {
        return {
          status: 404,
          body: error('NOT_FOUND', 'The requested resource could not be found.'),
        };
      }
      const action = shipmentPath[2];
      if (method === 'GET' && !action) return { status: 200, body: shipment };
      if (method === 'POST' && action === 'buy') return this.buy(shipment, body);
      if (method === 'POST' && action === 'forms') return this.createForm(shipment, body);
    }
    return { status: 404, body: error('NOT_FOUND', 'The requested resource could not be found.') };
  }

  private createShipment(body: Json): { status: number; body: Json } {
    const params = body['shipment'] as Json | undefined;
    if (!params || typeof params !== 'object') {
      return {
        status: 422,
        body: error('PARAMETER.REQUIRED', 'Missing required parameter: shipment'),
      };
    }
    const to = params['to_address'] as Json | undefined;
    const from = params['from_address'] as Json | undefined;
    const parcel = params['parcel'] as Json | undefined;
    if (!to || !from || !parcel) {
      return {
        status: 422,
        body: error('SHIPMENT.INVALID_PARAMS', 'to_address, from_address and parcel are required'),
      };
    }
    if (this.rejectAddresses > 0) {
      this.rejectAddresses -= 1;
      return {
        status: 422,
        body: error('ADDRESS.VERIFY.FAILURE', 'Address not found', [
          { field: 'address', message: 'Address not found', suggestion: null },
          { field: 'street1', message: 'House number is missing', suggestion: null },
        ]),
      };
    }
    const isReturn = params['is_return'] === true;
    const id = easypostId('shp');
    const accounts = Array.isArray(params['carrier_accounts'])
      ? (params['carrier_accounts'] as unknown[]).map((a) =>
          typeof a === 'object' && a ? (a as Json)['id'] : a,
        )
      : [];
    const rates = STAND_IN_RATES.filter(
      (r) => accounts.length === 0 || accounts.includes(r.carrier_account_id),
    ).map((r) => ({ object: 'Rate', id: easypostId('rate'), shipment_id: id, mode: 'test', ...r }));
    const shipment: StandInShipment = {
      id,
      object: 'Shipment',
      mode: 'test',
      status: 'unknown',
      is_return: isReturn,
      reference: typeof params['reference'] === 'string' ? params['reference'] : null,
      // A return swaps the outbound addresses: the parcel leaves from the given to_address.
      to_address: { object: 'Address', id: easypostId('adr'), ...(isReturn ? from : to) },
      from_address: { object: 'Address', id: easypostId('adr'), ...(isReturn ? to : from) },
      parcel: { object: 'Parcel', id: easypostId('prcl'), ...parcel },
      options: { currency: 'USD', ...((params['options'] as Json | undefined) ?? {}) },
      rates,
      selected_rate: null,
      postage_label: null,
      tracking_code: null,
      forms: [],
      messages: [],
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    };
    this.shipments.set(id, shipment);
    return { status: 201, body: shipment };
  }

  private async buy(
    shipment: StandInShipment,
    body: Json,
  ): Promise<{ status: number; body: Json }> {
    const rateId = (body['rate'] as Json | undefined)?.['id'];
    const rate = shipment.rates.find((r) => r['id'] === rateId);
    const tracking = this.trackingNumber(String(rate?.['carrier'] ?? ''));
    const pdf = await labelPdf(tracking, shipment);
    if (this.holdBuys) {
      await new Promise<void>((release) => this.held.push({ release }));
    }
    // From here on nothing is awaited, so two purchases released together cannot both find the
    // shipment unbought.
    if (shipment.postage_label) {
      this.refusedRepurchases += 1;
      return {
        status: 422,
        body: error(
          'SHIPMENT.POSTAGE.EXISTS',
          'This shipment already has postage: a shipment can be bought once',
        ),
      };
    }
    if (!rate) {
      return {
        status: 422,
        body: error('SHIPMENT.INVALID_PARAMS', 'The rate is not one of this shipment'),
      };
    }
    const format = String(shipment.options['label_format'] ?? 'PNG').toUpperCase();
    const labelPath = `/files/postage_label/${shipment.id}.pdf`;
    this.files.set(labelPath, { type: 'application/pdf', bytes: pdf });
    shipment.selected_rate = rate;
    shipment.tracking_code = tracking;
    shipment.postage_label = {
      object: 'PostageLabel',
      id: easypostId('pl'),
      label_date: new Date().toISOString(),
      label_file_type: format === 'PDF' ? 'application/pdf' : 'image/png',
      label_size: '4x6',
      label_url: `${this.origin}${labelPath}`,
      label_pdf_url: format === 'PDF' ? `${this.origin}${labelPath}` : null,
      label_zpl_url: null,
      label_epl2_url: null,
    };
    this.purchases += 1;
    return { status: 200, body: shipment };
  }

  private async createForm(
    shipment: StandInShipment,
    body: Json,
  ): Promise<{ status: number; body: Json }> {
    const type = (body['form'] as Json | undefined)?.['type'];
    if (type !== 'label_qr_code') {
      return {
        status: 422,
        body: error('SHIPMENT.INVALID_PARAMS', 'This stand-in makes label_qr_code forms only'),
      };
    }
    if (!shipment.postage_label || shipment.selected_rate?.['carrier'] !== 'USPS') {
      return {
        status: 422,
        body: error('SHIPMENT.INVALID_PARAMS', 'A label QR code needs a purchased USPS shipment'),
      };
    }
    const path = `/files/forms/${shipment.id}-qr.png`;
    if (!this.files.has(path)) {
      const png = await QRCode.toBuffer(`USPS-LABEL-BROKER:${shipment.tracking_code}`);
      this.files.set(path, { type: 'image/png', bytes: new Uint8Array(png) });
      shipment.forms.push({
        object: 'Form',
        id: easypostId('form'),
        mode: 'test',
        form_type: 'label_qr_code',
        form_url: `${this.origin}${path}`,
        submitted_electronically: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      });
    }
    return { status: 201, body: shipment };
  }

  private createTracker(body: Json): { status: number; body: Json } {
    const params = body['tracker'] as Json | undefined;
    const code = params?.['tracking_code'];
    if (typeof code !== 'string' || code === '') {
      return { status: 422, body: error('TRACKER.INVALID_PARAMS', 'tracking_code is required') };
    }
    const carrier = params?.['carrier'];
    if (carrier !== undefined && !KNOWN_CARRIERS.has(String(carrier))) {
      return {
        status: 422,
        body: error('TRACKER.UNSUPPORTED_CARRIER', `Carrier ${String(carrier)} is not supported`),
      };
    }
    // The same number and carrier again answers the Tracker already made.
    const existing = [...this.trackers.values()].find(
      (t) => t['tracking_code'] === code && t['carrier'] === (carrier ?? 'USPS'),
    );
    if (existing) return { status: 200, body: existing };
    const tracker: Json = {
      object: 'Tracker',
      id: easypostId('trk'),
      mode: 'test',
      tracking_code: code,
      carrier: carrier ?? 'USPS',
      status: 'unknown',
      tracking_details: [],
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    };
    this.trackers.set(String(tracker['id']), tracker);
    return { status: 201, body: tracker };
  }

  private trackingNumber(carrier: string): string {
    this.trackingSeq += 1;
    const n = String(this.trackingSeq).padStart(8, '0');
    if (carrier === 'UPS') return `1Z999AA1${n}`;
    return `94001000000000${n}`;
  }
}

function presentedKey(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1]) return '';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function labelPdf(tracking: string, shipment: StandInShipment): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([288, 432]); // 4 x 6 inches
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = [
    'STAND-IN RETURN LABEL (not postage)',
    `FROM ${String(shipment.from_address['name'] ?? '')}`,
    `TO ${String(shipment.to_address['name'] ?? '')}`,
    `TRACKING ${tracking}`,
  ];
  lines.forEach((line, i) => {
    page.drawText(line, { x: 18, y: 400 - i * 20, size: 10, font });
  });
  return doc.save();
}
