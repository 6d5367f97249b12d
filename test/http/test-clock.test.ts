import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/app/ids.ts';
import { sweepDeadlines } from '../../src/app/sweep-deadlines.ts';
import { deliverDueWebhooks } from '../../src/app/webhooks/deliver.ts';
import { enqueueWebhookEvent } from '../../src/app/webhooks/enqueue.ts';
import { signPayload, verifySignature } from '../../src/app/webhooks/signature.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createLogger } from '../../src/logger.ts';
import { clockFor } from '../../src/runtime.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const CARRIER_SECRET = 'carrier-secret-for-the-clock-test';
const ENV = {
  SENDBACK_CARRIER_SECRET: CARRIER_SECRET,
  // The webhook receiver below listens on 127.0.0.1.
  SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on',
};
const operator = { authorization: `Bearer ${ADMIN_TOKEN}` };
const DAY_S = 24 * 3600;

/**
 * Another node on the same database, as `sendback serve` builds it (its clock from `clockFor`):
 * its own app, clock and memory, sharing only the database.
 */
async function startNode(t: TestApp): Promise<App> {
  const database: Database = await openDatabase({ url: t.database.url, poolSize: 2 });
  const config = loadConfig({
    SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SENDBACK_CLOCK: 'manual',
    ...ENV,
  });
  const logger = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
  const app = await buildApp({ config, database, clock: clockFor(config, database.db), logger });
  await app.ready();
  return app;
}

async function clockOf(app: App): Promise<{ now: string; frozen: boolean }> {
  const res = await app.inject({ method: 'GET', url: '/v1/test_clock', headers: operator });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function advance(app: App, seconds: number): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/test_clock/advance',
    headers: operator,
    payload: { seconds },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().now;
}

async function setClock(app: App, body: object, headers: Record<string, string> = operator) {
  return app.inject({ method: 'POST', url: '/v1/test_clock', headers, payload: body });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('the test clock is kept in the database [%s]', (engine) => {
  let t: TestApp;
  let other: App;
  let shop: Shop;
  beforeAll(async () => {
    t = await startTestApp(engine, ENV);
    other = await startNode(t);
    shop = await createShop(t.app);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('two nodes on one database show the same time, whichever moved it', async () => {
    const start = await clockOf(t.app);
    expect(await clockOf(other)).toEqual(start);
    const moved = await advance(t.app, 3600);
    expect(Date.parse(moved) - Date.parse(start.now)).toBe(3600_000);
    expect((await clockOf(other)).now).toBe(moved);
    // The other way round, and the time every request of the node uses, not only this route.
    const back = await advance(other, 60);
    expect((await clockOf(t.app)).now).toBe(back);
    expect(t.clock.now().toISOString()).toBe(back);
    const me = await other.inject({ method: 'GET', url: '/v1/me', headers: operator });
    expect(me.json().server_time).toBe(back);
  });

  it('a restarted node keeps the time', async () => {
    const before = await advance(t.app, 2 * DAY_S);
    await other.close();
    other = await startNode(t);
    expect((await clockOf(other)).now).toBe(before);
  });

  it('is set to an exact instant, frozen there or running on; operators only', async () => {
    const frozen = await setClock(t.app, { frozen: true, now: '2031-01-15T08:30:00Z' });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.json()).toEqual({
      now: '2031-01-15T08:30:00.000Z',
      kind: 'manual',
      frozen: true,
    });
    await sleep(30);
    expect(await clockOf(other)).toEqual(frozen.json());
    expect(await clockOf(t.app)).toEqual(frozen.json());
    // Advancing a frozen clock moves it and keeps it frozen.
    expect(await advance(other, 90)).toBe('2031-01-15T08:31:30.000Z');
    expect((await clockOf(t.app)).frozen).toBe(true);

    // Running on from where it stands.
    const running = await setClock(other, { frozen: false });
    expect(running.statusCode, running.body).toBe(200);
    expect(running.json().frozen).toBe(false);
    await sleep(50);
    const later = Date.parse((await clockOf(t.app)).now);
    expect(later).toBeGreaterThan(Date.parse('2031-01-15T08:31:30.000Z'));
    expect(later).toBeLessThan(Date.parse('2031-01-15T08:32:30.000Z'));
    expect((await clockOf(t.app)).frozen).toBe(false);

    // Frozen again where it stands.
    const held = await setClock(t.app, { frozen: true });
    await sleep(30);
    expect((await clockOf(other)).now).toBe(held.json().now);

    expect(
      (await setClock(t.app, { frozen: true }, { authorization: `Bearer ${shop.staff.token}` }))
        .statusCode,
    ).toBe(403);
    expect((await setClock(t.app, { frozen: true, now: 'tomorrow' })).statusCode).toBe(422);
    expect((await setClock(t.app, { frozen: true, speed: 2 })).statusCode).toBe(422);
    expect((await setClock(t.app, {})).statusCode).toBe(422);
  });

  it('`sendback sweep` (its clock and code) sweeps at the time the nodes show', async () => {
    // Far past real time, so a sweep at real time would find nothing due.
    await setClock(t.app, { frozen: true, now: '2032-06-01T09:00:00Z' });
    const api = client(t.app);
    const order = await createOrder(t.app, shop, {
      placed_at: '2032-05-20T10:00:00Z',
      delivered_at: '2032-05-25T15:00:00Z',
    });
    const created = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Dented.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const due = Date.parse(created.body.due_at);
    await advance(other, Math.ceil((due - Date.parse((await clockOf(other)).now)) / 1000));

    // What the CLI does: its own clock from the configuration, on the same database.
    const cli = clockFor(loadConfig({ SENDBACK_CLOCK: 'manual' }), t.database.db);
    const swept = await sweepDeadlines(t.database.db, cli);
    expect(swept.now.toISOString()).toBe(new Date(due).toISOString());
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const after = await api.get(`/v1/returns/${created.body.id}`, shop.staff);
    expect(after.body.status).toBe('awaiting_shipment');
  });

  it('webhooks are signed, and carrier signatures checked, at real time, not the test clock', async () => {
    await setClock(t.app, { frozen: true, now: '2033-03-01T12:00:00Z' });
    await advance(t.app, 30 * DAY_S);
    const testNow = Date.parse((await clockOf(t.app)).now);
    expect(Math.abs(testNow - Date.now())).toBeGreaterThan(DAY_S * 1000);

    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const api = client(t.app);
      const endpoint = await api.post('/v1/webhook_endpoints', shop.staff, {
        url: `http://127.0.0.1:${port}/hook`,
      });
      expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
      const now = t.clock.now();
      await enqueueWebhookEvent(
        t.database.db,
        {
          id: newId('evt', now),
          type: 'return.approved',
          seller_id: shop.seller.id,
          created_at: now,
          data: { case: { id: newId('ret', now) } },
        },
        now,
      );
      // The receiver is on 127.0.0.1.
      const options = { allowPrivateTargets: true, limit: 10 };
      const result = await deliverDueWebhooks(t.database.db, t.clock.now(), options);
      expect(result).toMatchObject({ succeeded: 1 });
      const [got] = received;
      const header = String(got!.headers['sendback-signature']);
      const signedAt = Number(/^t=(\d+),/.exec(header)?.[1]);
      expect(Math.abs(signedAt * 1000 - Date.now())).toBeLessThan(60_000);
      expect(
        verifySignature((endpoint.body as Json).secret, got!.body, header, Date.now() / 1000),
      ).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    const carrier = async (signedAtSeconds: number) => {
      const body = JSON.stringify({
        events: [
          {
            event_id: `clock-${signedAtSeconds}`,
            carrier: 'UPS',
            tracking_number: '1Z999AA10123456784',
            status: 'in_transit',
            occurred_at: new Date(testNow).toISOString(),
          },
        ],
      });
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/carrier_events',
        headers: {
          'content-type': 'application/json',
          'sendback-signature': signPayload(CARRIER_SECRET, body, signedAtSeconds),
        },
        payload: body,
      });
      return res.statusCode;
    };
    expect(await carrier(Math.floor(Date.now() / 1000))).toBe(200);
    expect(await carrier(Math.floor(testNow / 1000))).toBe(401);
  });
});

describe.each(ENGINES)('the test clock without SENDBACK_CLOCK=manual [%s]', (engine) => {
  it('has no routes', async () => {
    const t = await startTestApp(engine, { SENDBACK_CLOCK: 'system' });
    try {
      for (const [method, url, payload] of [
        ['GET', '/v1/test_clock', undefined],
        ['POST', '/v1/test_clock', { frozen: true }],
        ['POST', '/v1/test_clock/advance', { seconds: 60 }],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: operator, payload });
        expect(res.statusCode).toBe(404);
      }
    } finally {
      await t.close();
    }
  });
});
