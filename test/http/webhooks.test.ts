import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/app/ids.ts';
import { presentRefundRow } from '../../src/app/record-case-change.ts';
import {
  type DeliverOptions,
  DISABLE_AFTER_CONSECUTIVE_FAILURES,
  deliverDueWebhooks,
  RETRY_WINDOW_MS,
  retryDelayMs,
} from '../../src/app/webhooks/deliver.ts';
import { enqueueWebhookEvent } from '../../src/app/webhooks/enqueue.ts';
import { signPayload, verifySignature } from '../../src/app/webhooks/signature.ts';
import type { Resolve } from '../../src/app/webhooks/targets.ts';
import { loadConfig } from '../../src/config.ts';
import { refunds, webhookDeliveries, webhookEndpoints } from '../../src/db/schema.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, createUser, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

describe('webhook signatures', () => {
  const secret = 'whsec_test_secret';
  const body = JSON.stringify({ id: 'evt_1', type: 'return.approved', data: { a: 1 } });
  const t = 1_772_442_000;

  it('verifies what it signs, in the documented format', () => {
    const header = signPayload(secret, body, t);
    expect(header).toMatch(/^t=1772442000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, t)).toBe(true);
    expect(verifySignature(secret, body, header, t + 299)).toBe(true);
  });

  it('refuses a wrong secret, a tampered body, a stale or future timestamp', () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature('whsec_other', body, header, t)).toBe(false);
    expect(verifySignature(secret, body.replace('"a":1', '"a":2'), header, t)).toBe(false);
    expect(verifySignature(secret, `${body} `, header, t)).toBe(false);
    expect(verifySignature(secret, body, header, t + 301)).toBe(false);
    expect(verifySignature(secret, body, header, t - 301)).toBe(false);
    expect(verifySignature(secret, body, header, t + 3600, 7200)).toBe(true);
    // The timestamp is signed: moving it to pass the tolerance check breaks the signature.
    const moved = header.replace(`t=${t}`, `t=${t + 1000}`);
    expect(verifySignature(secret, body, moved, t + 1000)).toBe(false);
  });

  it('refuses malformed headers and accepts any one of several v1 signatures', () => {
    const header = signPayload(secret, body, t);
    const v1 = header.split('v1=')[1]!;
    for (const bad of [undefined, null, '', 'garbage', `v1=${v1}`, `t=${t}`, `t=abc,v1=${v1}`]) {
      expect(verifySignature(secret, body, bad, t)).toBe(false);
    }
    expect(verifySignature(secret, body, `t=${t},v1=${'0'.repeat(64)},v1=${v1}`, t)).toBe(true);
    expect(verifySignature(secret, body, `t=${t},v0=abc,v1=${v1}`, t)).toBe(true);
  });

  it('backs off exponentially with bounded jitter, at most 6 h a step', () => {
    expect(retryDelayMs(1, () => 0)).toBe(60_000);
    expect(retryDelayMs(2, () => 0)).toBe(120_000);
    expect(retryDelayMs(5, () => 0)).toBe(16 * 60_000);
    expect(retryDelayMs(1, () => 0.999)).toBeLessThan(75_001);
    expect(retryDelayMs(12, () => 0)).toBe(6 * 3600_000);
    expect(retryDelayMs(40, () => 0.5)).toBe(6 * 3600_000);
  });
});

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

/** A webhook receiver on 127.0.0.1 that verifies signatures like a marketplace would. */
interface Receiver {
  url: string;
  secret: string;
  received: Received[];
  /** Status answers, consumed in order; afterwards `otherwise`. */
  answers: number[];
  otherwise: number | ((body: string) => number);
  /** The body of answers that are not 2xx. */
  errorBody: string;
  /** Extra headers of every answer. */
  answerHeaders: Record<string, string>;
  /** Never answer (to exercise the timeout). */
  hang: boolean;
  close(): Promise<void>;
}

async function startReceiver(nowSeconds: () => number): Promise<Receiver> {
  const hanging = new Set<() => void>();
  const receiver: Receiver = {
    url: '',
    secret: '',
    received: [],
    answers: [],
    otherwise: 200,
    errorBody: 'nope',
    answerHeaders: {},
    hang: false,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['sendback-signature'];
      receiver.received.push({
        path: req.url ?? '',
        headers: req.headers,
        body,
        verified: verifySignature(
          receiver.secret,
          body,
          typeof header === 'string' ? header : undefined,
          nowSeconds(),
        ),
      });
      if (receiver.hang) {
        hanging.add(() => res.destroy());
        return;
      }
      const status =
        receiver.answers.shift() ??
        (typeof receiver.otherwise === 'function' ? receiver.otherwise(body) : receiver.otherwise);
      res
        .writeHead(status, { 'content-type': 'text/plain', ...receiver.answerHeaders })
        .end(status < 300 ? 'ok' : receiver.errorBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hooks/sendback`;
  receiver.close = async () => {
    for (const end of hanging) end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

describe.each(ENGINES)('signed webhooks [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let operator: { token: string };
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    // The receivers listen on 127.0.0.1.
    t = await startTestApp(engine, { SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on' });
    api = client(t.app);
    operator = { token: ADMIN_TOKEN };
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t.close();
  });

  // Signatures carry real time (receivers check them against their own clock), not the test clock.
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const deliver = (options: Partial<DeliverOptions> = {}) =>
    deliverDueWebhooks(t.database.db, t.clock.now(), { allowPrivateTargets: true, ...options });

  /** A fresh shop with a receiver and an endpoint for it (so tests do not see each other's events). */
  async function setUp(
    events?: string[],
  ): Promise<{ shop: Shop; receiver: Receiver; endpoint: Json }> {
    const shop = await createShop(t.app);
    const receiver = await startReceiver(nowSeconds);
    receivers.push(receiver);
    const created = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: receiver.url,
      ...(events ? { events } : {}),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    receiver.secret = created.body.secret;
    return { shop, receiver, endpoint: created.body };
  }

  async function emit(sellerId: string, type = 'return.approved') {
    const now = t.clock.now();
    const event = {
      id: newId('evt', now),
      type,
      seller_id: sellerId,
      created_at: now,
      data: { case: { id: newId('ret', now), status: 'awaiting_shipment' }, note: 'café ✓' },
    };
    const count = await enqueueWebhookEvent(t.database.db, event, now);
    return { event, count };
  }

  async function deliveriesOf(endpointId: string, who: { token: string }) {
    const res = await api.get(`/v1/webhook_endpoints/${endpointId}/deliveries`, who);
    expect(res.status).toBe(200);
    return res.body.data as Json[];
  }

  async function advanceTo(at: string | Date) {
    const ms = new Date(at).getTime() - t.clock.now().getTime();
    if (ms > 0) t.clock.advance(ms / 1000);
  }

  it('a seller creates, lists, reads and deletes its endpoints; the secret is whsec_', async () => {
    const { shop, endpoint, receiver } = await setUp(['return.*', 'refund.*']);
    expect(endpoint).toMatchObject({
      seller_id: shop.seller.id,
      url: receiver.url,
      events: ['return.*', 'refund.*'],
      status: 'enabled',
      consecutive_failures: 0,
      disabled_at: null,
    });
    expect(endpoint.id).toMatch(/^whe_[0-9a-z]{26}$/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = await api.get('/v1/webhook_endpoints', shop.staff);
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: Json) => e.id)).toEqual([endpoint.id]);
    expect(list.body.data[0].secret).toBeUndefined();
    expect(list.body.next_cursor).toBeNull();

    const one = await api.get(`/v1/webhook_endpoints/${endpoint.id}`, shop.staff);
    expect(one.body).toMatchObject({ id: endpoint.id, secret: endpoint.secret });

    const second = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: 'https://marketplace.example/hooks',
    });
    expect(second.status).toBe(201);
    const page1 = await api.get('/v1/webhook_endpoints?limit=1', shop.staff);
    expect(page1.body.data.map((e: Json) => e.id)).toEqual([second.body.id]);
    const page2 = await api.get(
      `/v1/webhook_endpoints?limit=1&cursor=${page1.body.next_cursor}`,
      shop.staff,
    );
    expect(page2.body.data.map((e: Json) => e.id)).toEqual([endpoint.id]);

    // Operators see every shop's endpoints.
    const all = await api.get('/v1/webhook_endpoints?limit=200', operator);
    expect(all.body.data.map((e: Json) => e.id)).toEqual(
      expect.arrayContaining([endpoint.id, second.body.id]),
    );

    const gone = await api.send(
      'DELETE',
      `/v1/webhook_endpoints/${second.body.id}`,
      shop.staff.token,
    );
    expect(gone.status).toBe(204);
    expect((await api.get(`/v1/webhook_endpoints/${second.body.id}`, shop.staff)).status).toBe(404);
    const after = await api.get('/v1/webhook_endpoints', shop.staff);
    expect(after.body.data.map((e: Json) => e.id)).toEqual([endpoint.id]);
  });

  it('refuses bad input with the failing fields, and writes nothing', async () => {
    const shop = await createShop(t.app);
    const other = await createShop(t.app);
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/x' }, 'body.url'],
      [{ url: 'not a url' }, 'body.url'],
      [{ url: `https://example.com/${'x'.repeat(2000)}` }, 'body.url'],
      [{ url: 'https://example.com/h', events: ['retrun.*'] }, 'body.events.0'],
      [{ url: 'https://example.com/h', events: ['return.approved', 'Return!'] }, 'body.events.1'],
      [{ url: 'https://example.com/h', seller_id: other.seller.id }, 'body.seller_id'],
    ];
    for (const [payload, path] of cases) {
      const res = await api.post('/v1/webhook_endpoints', shop.staff, payload);
      expect(res.status, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors.map((e: Json) => e.path).join(' ')).toContain(path);
    }
    expect((await api.get('/v1/webhook_endpoints', shop.staff)).body.data).toEqual([]);
  });

  it('buyers and agents get 403; another shop gets 404; operators reach every endpoint', async () => {
    const { shop, endpoint } = await setUp();
    const { event } = await emit(shop.seller.id);
    const [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery.event_id).toBe(event.id);
    const other = await createShop(t.app);
    const base = `/v1/webhook_endpoints/${endpoint.id}`;
    const routes: [string, string, unknown?][] = [
      ['GET', base],
      ['GET', `${base}/deliveries`],
      ['POST', `${base}/enable`, {}],
      ['POST', `${base}/deliveries/${delivery.id}/redeliver`, {}],
      ['DELETE', base],
    ];
    for (const who of [shop.buyer, shop.agent]) {
      expect((await api.get('/v1/webhook_endpoints', who)).status).toBe(403);
      const created = await api.post('/v1/webhook_endpoints', who, { url: 'https://x.example/h' });
      expect(created.status).toBe(403);
      for (const [method, url, payload] of routes) {
        const res = await api.send(method as 'GET', url, who.token, payload);
        expect(res.status, `${method} ${url}`).toBe(403);
      }
    }
    for (const [method, url, payload] of routes) {
      const res = await api.send(method as 'GET', url, other.staff.token, payload);
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    expect((await api.get('/v1/webhook_endpoints', other.staff)).body.data).toEqual([]);
    expect((await api.get(base, operator)).status).toBe(200);
    expect((await api.get(`${base}/deliveries`, operator)).body.data).toHaveLength(1);
    expect((await api.get(base, { token: 'nope' })).status).toBe(401);
    // A delivery id under the wrong endpoint is not found either.
    const mine = await setUp();
    const res = await api.post(
      `/v1/webhook_endpoints/${mine.endpoint.id}/deliveries/${delivery.id}/redeliver`,
      mine.shop.staff,
      {},
    );
    expect(res.status).toBe(404);
    await deliver();
  });

  it('an operator endpoint gets every shop (or one shop); a seller endpoint only its own', async () => {
    const a = await setUp();
    const b = await createShop(t.app);
    const everyShop = await api.post('/v1/webhook_endpoints', operator, {
      url: 'https://operator.example/all',
      events: ['return.*'],
    });
    expect(everyShop.status).toBe(201);
    expect(everyShop.body.seller_id).toBeNull();
    const oneShop = await api.post('/v1/webhook_endpoints', operator, {
      url: 'https://operator.example/b',
      seller_id: b.seller.id,
    });
    expect(oneShop.body.seller_id).toBe(b.seller.id);
    const shopBSees = await api.get('/v1/webhook_endpoints', b.staff);
    expect(shopBSees.body.data.map((e: Json) => e.id)).toEqual([oneShop.body.id]);

    expect((await emit(a.shop.seller.id)).count).toBe(2); // a's own endpoint and the operator's
    expect((await emit(b.seller.id)).count).toBe(2); // the operator's two
    expect((await emit(b.seller.id, 'message.created')).count).toBe(1); // not `return.*`
    for (const e of [everyShop.body, oneShop.body]) {
      expect((await api.send('DELETE', `/v1/webhook_endpoints/${e.id}`, ADMIN_TOKEN)).status).toBe(
        204,
      );
      expect((await api.get(`/v1/webhook_endpoints/${e.id}/deliveries`, operator)).status).toBe(
        404,
      );
    }
    const rows = await t.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, everyShop.body.id));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.status === 'failed' && r.lastError === 'endpoint deleted')).toBe(
      true,
    );
    await deliver();
  });

  it('case commands through the API are delivered, signed, with the event id', async () => {
    const { shop, receiver, endpoint } = await setUp(['return.*']);
    const now = t.clock.now();
    const order = await createOrder(t.app, shop, {
      placed_at: new Date(now.getTime() - 5 * 86_400_000).toISOString(),
      delivered_at: new Date(now.getTime() - 86_400_000).toISOString(),
    });
    const requested = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Arrived with a crack along the handle.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const approved = await api.post(`/v1/returns/${requested.body.id}/approve`, shop.staff, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const result = await deliver();
    expect(result.failed).toBe(0);
    const types = receiver.received.map((r) => r.headers['sendback-event-type']);
    expect(types).toEqual(expect.arrayContaining(['return.requested', 'return.approved']));
    for (const r of receiver.received) {
      expect(r.verified).toBe(true);
      const payload = JSON.parse(r.body);
      expect(r.headers['sendback-event-id']).toBe(payload.id);
      expect(payload.type).toBe(r.headers['sendback-event-type']);
      expect(JSON.stringify(payload)).toContain(requested.body.id);
    }
    const events = await api.get(`/v1/returns/${requested.body.id}/events`, shop.staff);
    const eventIds = events.body.data.map((e: Json) => e.id);
    for (const r of receiver.received) expect(eventIds).toContain(r.headers['sendback-event-id']);
    const deliveries = await deliveriesOf(endpoint.id, shop.staff);
    expect(deliveries.length).toBe(receiver.received.length);
    expect(deliveries.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
  });

  it('a refund booked by an acceptance is delivered as refund.created, as it is stored', async () => {
    const { shop, receiver } = await setUp(['refund.*']);
    const order = await createOrder(t.app, shop);
    const requested = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Arrived with a crack along the handle.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    const id = requested.body.id;
    const steps: [string, { token: string }, object][] = [
      ['approve', shop.staff, {}],
      ['ship', shop.buyer, { carrier: 'UPS', tracking_number: upsTracking(`refund-${id}`) }],
      ['mark_received', shop.staff, {}],
      ['accept_package', shop.staff, {}],
    ];
    for (const [command, who, body] of steps) {
      const res = await api.post(`/v1/returns/${id}/${command}`, who, body);
      expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expect((await deliver()).failed).toBe(0);
    const created = receiver.received.map((r) => JSON.parse(r.body));
    expect(created.map((p) => p.type)).toEqual(['refund.created']);
    const stored = await t.database.db.select().from(refunds).where(eq(refunds.caseId, id));
    expect(stored).toHaveLength(1);
    expect(created[0].data.refund).toEqual(presentRefundRow(stored[0]!));
    expect(created[0].data.case).toMatchObject({ id, status: 'refund_pending' });
  });

  it('sends the exact body, signed over "t.body", with the documented headers', async () => {
    const { shop, receiver, endpoint } = await setUp();
    const { event } = await emit(shop.seller.id);
    const lines: unknown[] = [];
    const log = { info: (o: object) => lines.push(o), warn: (o: object) => lines.push(o) };
    const result = await deliver({ log });
    expect(result).toMatchObject({ succeeded: 1, failed: 0 });
    expect(lines).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.verified).toBe(true);
    expect(got!.path).toBe('/hooks/sendback');
    expect(got!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Sendback-Webhooks/1',
      'sendback-event-id': event.id,
      'sendback-event-type': 'return.approved',
    });
    const signature = String(got!.headers['sendback-signature']);
    const signedAt = Number(/^t=(\d+),/.exec(signature)?.[1]);
    expect(Math.abs(signedAt - nowSeconds())).toBeLessThan(30);
    expect(signature).toBe(signPayload(receiver.secret, got!.body, signedAt));
    const [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(got!.body).toBe(JSON.stringify(delivery.payload));
    expect(JSON.parse(got!.body)).toEqual({
      id: event.id,
      type: 'return.approved',
      created_at: event.created_at.toISOString(),
      data: event.data,
    });
    expect(delivery).toMatchObject({
      id: expect.stringMatching(/^whd_/),
      status: 'succeeded',
      attempts: 1,
      last_status_code: 200,
      last_error: null,
      next_attempt_at: null,
      delivered_at: t.clock.now().toISOString(),
    });
    // Delivered once: nothing more is due.
    expect((await deliver()).attempted).toBe(0);
    expect(receiver.received).toHaveLength(1);
    // Neither the secret nor the signature reaches the logs.
    expect(JSON.stringify([lines, t.logs])).not.toContain(receiver.secret);
    expect(JSON.stringify([lines, t.logs])).not.toContain(signature.split('v1=')[1]);
  });

  it('retries a 500 after the backoff with the same event id, not before', async () => {
    const { shop, receiver, endpoint } = await setUp();
    receiver.answers = [500];
    const { event } = await emit(shop.seller.id);
    const start = t.clock.now();
    expect(await deliver()).toMatchObject({ attempted: 1, failed: 1, succeeded: 0 });
    let [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status_code: 500,
      last_error: 'unexpected_status',
    });
    const waitMs = new Date(delivery.next_attempt_at).getTime() - start.getTime();
    expect(waitMs).toBeGreaterThanOrEqual(60_000);
    expect(waitMs).toBeLessThanOrEqual(75_000);
    const ep = await api.get(`/v1/webhook_endpoints/${endpoint.id}`, shop.staff);
    expect(ep.body.consecutive_failures).toBe(1);

    t.clock.advance(59);
    await deliver();
    expect(receiver.received).toHaveLength(1);

    await advanceTo(delivery.next_attempt_at);
    expect(await deliver()).toMatchObject({ succeeded: 1 });
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.verified).toBe(true);
    expect(second!.headers['sendback-event-id']).toBe(event.id);
    expect(second!.headers['sendback-event-id']).toBe(first!.headers['sendback-event-id']);
    expect(second!.body).toBe(first!.body);
    // Each attempt is signed when it is sent, at real time (both within this second or two).
    const signedAt = (h: IncomingHttpHeaders) =>
      Number(/^t=(\d+),/.exec(String(h['sendback-signature']))?.[1]);
    expect(signedAt(second!.headers)).toBeGreaterThanOrEqual(signedAt(first!.headers));
    [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, last_status_code: 200 });
    const after = await api.get(`/v1/webhook_endpoints/${endpoint.id}`, shop.staff);
    expect(after.body.consecutive_failures).toBe(0);
  });

  it('a receiver that does not answer in time is a failed attempt', async () => {
    const { shop, receiver, endpoint } = await setUp();
    receiver.hang = true;
    await emit(shop.seller.id);
    expect(await deliver({ timeoutMs: 200 })).toMatchObject({ attempted: 1, failed: 1 });
    const [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: null });
    expect(delivery.last_error).toBe('timeout');
    receiver.hang = false;
    await advanceTo(delivery.next_attempt_at);
    expect(await deliver()).toMatchObject({ succeeded: 1 });
  });

  it('a failed attempt keeps the status or an error kind, never what the receiver answered', async () => {
    const { shop, receiver, endpoint } = await setUp();
    receiver.answers = [500, 302];
    receiver.errorBody = 'FATAL: no pg_hba.conf entry for host 10.0.0.7, user "postgres" (s3cr3t)';
    receiver.answerHeaders = { location: 'http://169.254.169.254/latest/meta-data/' };
    await emit(shop.seller.id);
    const lines: object[] = [];
    const log = { info: (o: object) => lines.push(o), warn: (o: object) => lines.push(o) };
    expect(await deliver({ log })).toMatchObject({ attempted: 1, failed: 1 });
    let [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery).toMatchObject({ last_status_code: 500, last_error: 'unexpected_status' });
    const seen = [JSON.stringify(delivery)];
    // A redirect is a failed attempt too, and is not followed.
    await advanceTo(delivery.next_attempt_at);
    expect(await deliver({ log })).toMatchObject({ attempted: 1, failed: 1 });
    [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery).toMatchObject({ last_status_code: 302, last_error: 'unexpected_status' });
    expect(receiver.received).toHaveLength(2);
    seen.push(JSON.stringify([delivery, lines, t.logs]));
    for (const text of seen) {
      expect(text).not.toContain('s3cr3t');
      expect(text).not.toContain('pg_hba');
      expect(text).not.toContain('169.254');
    }

    // Nothing listening: the kind of failure only, not the system's message.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nobody = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: `http://127.0.0.1:${port}/hooks`,
    });
    expect(nobody.status).toBe(201);
    await emit(shop.seller.id, 'refund.succeeded');
    await deliver();
    const [refused] = await deliveriesOf(nobody.body.id, shop.staff);
    expect(refused).toMatchObject({ last_status_code: null, last_error: 'connection_failed' });

    // Attempts recorded before there were kinds kept the answer's start: it is not shown either.
    const legacy: [string, string][] = [
      ['HTTP 500: FATAL: no pg_hba.conf entry for host 10.0.0.7 (s3cr3t)', 'unexpected_status'],
      ['timed out after 10000 ms', 'timeout'],
      ['fetch failed: ECONNREFUSED', 'connection_failed'],
    ];
    for (const [text, kind] of legacy) {
      await t.database.db
        .update(webhookDeliveries)
        .set({ lastError: text })
        .where(eq(webhookDeliveries.id, refused.id));
      const [shown] = await deliveriesOf(nobody.body.id, shop.staff);
      expect(shown.last_error).toBe(kind);
    }
    // Their pending retries are given up, so later tests count only their own attempts.
    for (const id of [endpoint.id, nobody.body.id]) {
      expect(
        (await api.send('DELETE', `/v1/webhook_endpoints/${id}`, shop.staff.token)).status,
      ).toBe(204);
    }
  });

  it('a delivery failing for 3 days is failed, and the endpoint is disabled', async () => {
    const { shop, receiver, endpoint } = await setUp();
    receiver.otherwise = 503;
    await emit(shop.seller.id);
    const created = t.clock.now().getTime();
    let delivery: Json;
    for (let i = 0; i < 60; i++) {
      await deliver();
      [delivery] = await deliveriesOf(endpoint.id, shop.staff);
      if (delivery.status !== 'pending') break;
      // Nothing goes out before the backoff has elapsed.
      t.clock.advance(10);
      expect((await deliver()).attempted).toBe(0);
      await advanceTo(delivery.next_attempt_at);
    }
    expect(delivery.status).toBe('failed');
    expect(delivery.last_status_code).toBe(503);
    expect(t.clock.now().getTime() - created).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(t.clock.now().getTime() - created).toBeLessThan(RETRY_WINDOW_MS + 60_000);
    expect(receiver.received.length).toBe(delivery.attempts);
    expect(delivery.attempts).toBeGreaterThanOrEqual(DISABLE_AFTER_CONSECUTIVE_FAILURES);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['sendback-event-id'])).size).toBe(1);

    const disabled = await api.get(`/v1/webhook_endpoints/${endpoint.id}`, shop.staff);
    expect(disabled.body).toMatchObject({
      status: 'disabled',
      disabled_at: t.clock.now().toISOString(),
    });
    expect(disabled.body.consecutive_failures).toBe(delivery.attempts);
    // A disabled endpoint gets no new events, and a redelivery waits for it to be enabled.
    expect((await emit(shop.seller.id)).count).toBe(0);
    const refused = await api.post(
      `/v1/webhook_endpoints/${endpoint.id}/deliveries/${delivery.id}/redeliver`,
      shop.staff,
      {},
    );
    expect(refused.status).toBe(409);

    const enabled = await api.post(`/v1/webhook_endpoints/${endpoint.id}/enable`, shop.staff, {});
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({
      status: 'enabled',
      disabled_at: null,
      consecutive_failures: 0,
    });
    receiver.otherwise = 200;
    const again = await api.post(
      `/v1/webhook_endpoints/${endpoint.id}/deliveries/${delivery.id}/redeliver`,
      shop.staff,
      {},
    );
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: delivery.id, status: 'pending', attempts: 0 });
    expect(await deliver()).toMatchObject({ succeeded: 1 });
    const [done] = await deliveriesOf(endpoint.id, shop.staff);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(receiver.received.at(-1)!.headers['sendback-event-id']).toBe(delivery.event_id);
  });

  it('one failing event does not disable an endpoint that other events reach', async () => {
    const { shop, receiver, endpoint } = await setUp();
    const poison = await emit(shop.seller.id, 'return.rejected');
    receiver.otherwise = (body) => (body.includes(poison.event.id) ? 500 : 200);
    let delivery: Json;
    for (let i = 0; i < 60; i++) {
      await emit(shop.seller.id);
      await deliver();
      const rows = await deliveriesOf(endpoint.id, shop.staff);
      delivery = rows.find((d) => d.event_id === poison.event.id);
      if (delivery.status !== 'pending') break;
      await advanceTo(delivery.next_attempt_at);
    }
    expect(delivery.status).toBe('failed');
    const ep = await api.get(`/v1/webhook_endpoints/${endpoint.id}`, shop.staff);
    expect(ep.body.status).toBe('enabled');
  });

  it('redeliver sends a delivered event again, with the same event id', async () => {
    const { shop, receiver, endpoint } = await setUp();
    const { event } = await emit(shop.seller.id);
    await deliver();
    const [delivery] = await deliveriesOf(endpoint.id, shop.staff);
    expect(delivery.status).toBe('succeeded');
    const res = await api.post(
      `/v1/webhook_endpoints/${endpoint.id}/deliveries/${delivery.id}/redeliver`,
      shop.staff,
      {},
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      id: delivery.id,
      status: 'pending',
      next_attempt_at: t.clock.now().toISOString(),
      delivered_at: null,
    });
    t.clock.advance(5);
    expect(await deliver()).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((r) => r.headers['sendback-event-id'])).toEqual([
      event.id,
      event.id,
    ]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('deliveries are listed newest first in cursor pages', async () => {
    const { shop, endpoint } = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await emit(shop.seller.id)).event.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.get(
        `/v1/webhook_endpoints/${endpoint.id}/deliveries?limit=2${q}`,
        shop.staff,
      );
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((d: Json) => d.event_id));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const bad = await api.get(
      `/v1/webhook_endpoints/${endpoint.id}/deliveries?cursor=nonsense`,
      shop.staff,
    );
    expect(bad.status).toBe(422);
    await deliver();
  });

  it('workers running at once send each delivery once', async () => {
    const { shop, receiver } = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await emit(shop.seller.id)).event.id);
    const results = await Promise.all([deliver({ limit: 5 }), deliver({ limit: 5 }), deliver()]);
    const attempted = results.reduce((n, r) => n + r.attempted, 0);
    await deliver();
    const got = receiver.received.map((r) => String(r.headers['sendback-event-id']));
    expect(attempted).toBeLessThanOrEqual(12);
    expect(got.sort()).toEqual([...ids].sort());
  });

  it('an operator user (not only the admin token) manages endpoints too', async () => {
    const op = await createUser(t.app, 'operator');
    const created = await api.post('/v1/webhook_endpoints', op, { url: 'http://127.0.0.1:9/x' });
    expect(created.status).toBe(201);
    expect(
      (await api.send('DELETE', `/v1/webhook_endpoints/${created.body.id}`, op.token)).status,
    ).toBe(204);
  });
});

describe('webhook target settings', () => {
  it('private targets are refused unless allowed; 10 endpoints per shop by default', () => {
    const defaults = loadConfig({});
    expect(defaults.webhooksAllowPrivateTargets).toBe(false);
    expect(defaults.webhooksMaxEndpointsPerShop).toBe(10);
    for (const on of ['on', 'true']) {
      const allowed = loadConfig({ SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: on });
      expect(allowed.webhooksAllowPrivateTargets).toBe(true);
    }
    expect(
      loadConfig({ SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'false' }).webhooksAllowPrivateTargets,
    ).toBe(false);
    expect(() => loadConfig({ SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'yes' })).toThrow(
      /SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS/,
    );
    expect(() => loadConfig({ SENDBACK_WEBHOOKS_MAX_ENDPOINTS_PER_SHOP: '0' })).toThrow(
      /SENDBACK_WEBHOOKS_MAX_ENDPOINTS_PER_SHOP/,
    );
  });
});

describe.each(ENGINES)('webhook targets and limits [%s]', (engine) => {
  const MAX = 3;
  let t: TestApp;
  let api: ReturnType<typeof client>;
  const operator = { token: ADMIN_TOKEN };
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    // The defaults but for the cap: private targets are refused.
    t = await startTestApp(engine, { SENDBACK_WEBHOOKS_MAX_ENDPOINTS_PER_SHOP: String(MAX) });
    api = client(t.app);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t.close();
  });

  // Signatures carry real time (receivers check them against their own clock), not the test clock.
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const deliver = (options: Partial<DeliverOptions> = {}) =>
    deliverDueWebhooks(t.database.db, t.clock.now(), { allowPrivateTargets: false, ...options });

  async function emit(sellerId: string) {
    const now = t.clock.now();
    const event = {
      id: newId('evt', now),
      type: 'return.approved',
      seller_id: sellerId,
      created_at: now,
      data: { case: { id: newId('ret', now) } },
    };
    return enqueueWebhookEvent(t.database.db, event, now);
  }

  async function deliveryOf(endpointId: string) {
    const res = await api.get(`/v1/webhook_endpoints/${endpointId}/deliveries`, operator);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    return res.body.data[0] as Json;
  }

  async function advanceTo(at: string) {
    const ms = new Date(at).getTime() - t.clock.now().getTime();
    if (ms > 0) t.clock.advance(ms / 1000);
  }

  async function endpointRows(sellerId: string) {
    return t.database.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.sellerId, sellerId));
  }

  it('refuses loopback, private, link-local, multicast and metadata URLs on body.url, writing nothing', async () => {
    const shop = await createShop(t.app);
    const forbidden = [
      // loopback, however it is spelled
      'http://127.0.0.1:5432/',
      'http://127.1/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://[::1]:8080/hooks',
      'http://[::ffff:127.0.0.1]/hooks',
      'http://[::ffff:7f00:1]/hooks',
      'http://localhost:3000/hooks',
      'http://LOCALHOST./hooks',
      'http://shop.localhost/hooks',
      // unspecified
      'http://0.0.0.0:5432/',
      'http://[::]/',
      // private, CGNAT, unique-local
      'https://10.0.0.5/hooks',
      'https://172.16.3.4/hooks',
      'https://192.168.1.10/hooks',
      'https://100.64.0.1/hooks',
      'https://[fd12:3456::1]/hooks',
      // link-local and metadata services
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://metadata/computeMetadata/v1/',
      'http://100.100.100.200/latest/meta-data/',
      // multicast and broadcast
      'http://224.0.0.1/',
      'http://[ff02::1]/',
      'http://255.255.255.255/',
      // IPv6 forms that carry an IPv4 address
      'http://[64:ff9b::7f00:1]/',
      'http://[2002:7f00:1::]/',
      // IPv4-compatible IPv6 (::/96), which ipaddr.js calls unicast: 127.0.0.1, 169.254.169.254
      'http://[::127.0.0.1]/',
      'http://[::a9fe:a9fe]/latest/meta-data/',
    ];
    const before = await t.database.db.select().from(webhookEndpoints);
    for (const url of forbidden) {
      for (const [who, payload] of [
        [shop.staff, { url }],
        [operator, { url }],
        [operator, { url, seller_id: shop.seller.id }],
      ] as const) {
        const res = await api.post('/v1/webhook_endpoints', who, payload);
        expect(res.status, url).toBe(422);
        expect(res.body.code).toBe('validation_failed');
        expect(
          res.body.errors.map((e: Json) => e.path),
          url,
        ).toEqual(['body.url']);
        expect(res.body.errors[0].message).toMatch(/public addresses only/);
      }
    }
    expect(await t.database.db.select().from(webhookEndpoints)).toHaveLength(before.length);
    expect((await api.get('/v1/webhook_endpoints', shop.staff)).body.data).toEqual([]);

    // Public addresses and names are fine.
    for (const url of [
      'https://hooks.example.com/sendback',
      'http://93.184.215.14/hooks',
      'https://[2606:4700:4700::1111]/hooks',
    ]) {
      const res = await api.post('/v1/webhook_endpoints', shop.staff, { url });
      expect(res.status, url).toBe(201);
    }
    // A user name or password in the URL would be listed back and sent with every delivery.
    for (const url of [
      'https://user:pass@hooks.example.com/',
      'https://token@hooks.example.com/',
    ]) {
      const res = await api.post('/v1/webhook_endpoints', shop.staff, { url });
      expect(res.status, url).toBe(422);
      expect(res.body.errors).toEqual([
        { path: 'body.url', message: expect.stringMatching(/password/) },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('pass@');
    }
  });

  it('a host name that resolves to a private address is refused at delivery; nothing is sent', async () => {
    const shop = await createShop(t.app);
    const receiver = await startReceiver(nowSeconds);
    receivers.push(receiver);
    const { port } = new URL(receiver.url);
    // The name passes registration: only its addresses at delivery tell where it goes.
    const created = await api.post('/v1/webhook_endpoints', shop.staff, {
      url: `http://hooks.sendback.test:${port}/hooks/sendback`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    receiver.secret = created.body.secret;
    expect(await emit(shop.seller.id)).toBe(1);

    const lookups: string[] = [];
    const resolvingTo =
      (...answer: { address: string; family: number }[]): Resolve =>
      async (host) => {
        lookups.push(host);
        return answer;
      };
    const loopback = resolvingTo({ address: '127.0.0.1', family: 4 });
    expect(await deliver({ resolve: loopback })).toMatchObject({ attempted: 1, failed: 1 });
    let delivery = await deliveryOf(created.body.id);
    expect(delivery).toMatchObject({
      status: 'pending',
      last_status_code: null,
      last_error: 'refused_target',
    });
    expect(lookups).toEqual(['hooks.sendback.test']);

    // One internal address among public ones is enough to refuse (a rebinding name answers both).
    for (const answer of [
      [
        { address: '93.184.215.14', family: 4 },
        { address: '::ffff:10.0.0.1', family: 6 },
      ],
      [{ address: '169.254.169.254', family: 4 }],
      [{ address: 'fd00:ec2::254', family: 6 }],
      [{ address: '::1', family: 6 }],
    ]) {
      await advanceTo(delivery.next_attempt_at);
      expect(await deliver({ resolve: resolvingTo(...answer) })).toMatchObject({ failed: 1 });
      delivery = await deliveryOf(created.body.id);
      expect(delivery.last_error, JSON.stringify(answer)).toBe('refused_target');
    }
    expect(receiver.received).toHaveLength(0);

    // Allowed (local development), the connection goes to the address the lookup answered.
    await advanceTo(delivery.next_attempt_at);
    expect(await deliver({ resolve: loopback, allowPrivateTargets: true })).toMatchObject({
      succeeded: 1,
    });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers.host).toBe(`hooks.sendback.test:${port}`);
    expect(receiver.received[0]!.verified).toBe(true);
  });

  it('an internal URL stored before the rule is refused at delivery too', async () => {
    const shop = await createShop(t.app);
    const receiver = await startReceiver(nowSeconds);
    receivers.push(receiver);
    const { port } = new URL(receiver.url);
    const now = t.clock.now();
    const urls = [
      receiver.url,
      `http://localhost:${port}/hooks`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ];
    for (const url of urls) {
      await t.database.db.insert(webhookEndpoints).values({
        id: newId('whe', now),
        sellerId: shop.seller.id,
        createdBy: 'usr_before_the_rule',
        url,
        secret: 'whsec_before_the_rule',
        events: [],
        status: 'enabled',
        consecutiveFailures: 0,
        createdAt: now,
      });
    }
    expect(await emit(shop.seller.id)).toBe(urls.length);
    expect(await deliver()).toMatchObject({ attempted: urls.length, failed: urls.length });
    for (const row of await endpointRows(shop.seller.id)) {
      expect(await deliveryOf(row.id)).toMatchObject({
        last_status_code: null,
        last_error: 'refused_target',
      });
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('caps live endpoints per shop (409 limit_reached); deleting one frees a place', async () => {
    const shop = await createShop(t.app);
    const add = (who: { token: string }, url: string, extra: object = {}) =>
      api.post('/v1/webhook_endpoints', who, { url, ...extra });
    const ids: string[] = [];
    for (let i = 0; i < MAX; i++) {
      const res = await add(shop.staff, `https://hooks.example.com/${i}`);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const over = await add(shop.staff, 'https://hooks.example.com/over');
    expect(over.status).toBe(409);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.body).toMatchObject({ status: 409, code: 'limit_reached' });
    expect(over.body.detail).toContain(`at most ${MAX} webhook endpoints`);
    // An operator's endpoint for the shop counts toward the shop's places.
    const forShop = await add(operator, 'https://hooks.example.com/op', {
      seller_id: shop.seller.id,
    });
    expect(forShop.status).toBe(409);
    expect(await endpointRows(shop.seller.id)).toHaveLength(MAX);

    // Another shop has places of its own.
    const other = await createShop(t.app);
    expect((await add(other.staff, 'https://hooks.example.com/other')).status).toBe(201);

    // A deleted endpoint frees its place; creations racing for the last place: one wins.
    expect(
      (await api.send('DELETE', `/v1/webhook_endpoints/${ids[0]}`, shop.staff.token)).status,
    ).toBe(204);
    const racing = await Promise.all(
      [1, 2, 3].map((i) => add(shop.staff, `https://hooks.example.com/race/${i}`)),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const live = (await endpointRows(shop.seller.id)).filter((r) => r.deletedAt === null);
    expect(live).toHaveLength(MAX);

    // Operators' every-shop endpoints are capped together, like one more shop.
    const global: string[] = [];
    for (let i = 0; i < MAX; i++) {
      const res = await add(operator, `https://hooks.example.com/all/${i}`);
      expect(res.status).toBe(201);
      global.push(res.body.id);
    }
    expect((await add(operator, 'https://hooks.example.com/all/over')).status).toBe(409);
    for (const id of global) {
      expect((await api.send('DELETE', `/v1/webhook_endpoints/${id}`, ADMIN_TOKEN)).status).toBe(
        204,
      );
    }
  });
});
