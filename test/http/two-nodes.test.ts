import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { verifyRecords } from '../../src/app/verify-records.ts';
import { type Database, openDatabase, queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { createTestDatabase, ENGINES } from '../support/db.ts';
import type { Json } from '../support/http.ts';
import { spawnServe, stopProcess } from '../support/serve.ts';

/**
 * Sibling cases of one order moved at the same instant from two nodes (and a deadline sweeper
 * holding siblings at the same time) must never refund more than the order paid. The nodes are two
 * `sendback serve` processes on one database, on the embedded server and on the system PostgreSQL.
 */
const NODE_ENV = {
  SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
  SENDBACK_RATE_LIMIT_WRITES: '100000',
  SENDBACK_RATE_LIMIT_LOGIN: '100000',
  SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
};

interface Node {
  url: string;
  stop(): Promise<void>;
}

async function spawnNode(databaseUrl: string): Promise<Node> {
  const { url, child } = await spawnServe({
    ...NODE_ENV,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    SENDBACK_ATTACHMENTS_DIR: mkdtempSync(join(tmpdir(), 'sendback-files-')),
  });
  return { url, stop: () => stopProcess(child, 'SIGTERM') };
}

describe.each(ENGINES)('two nodes, sibling cases at once [%s]', (engine) => {
  let database: Database;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  let nodes: Node[] = [];

  beforeAll(async () => {
    // Two server processes (`sendback serve`) on one database, and this process's sweeper.
    const created = await createTestDatabase(engine);
    databaseUrl = created.url;
    dropDatabase = created.drop;
    database = await openDatabase({ url: created.url, poolSize: 4 });
    nodes = await Promise.all([spawnNode(created.url), spawnNode(created.url)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await database.close();
    await dropDatabase();
  });

  async function call(node: Node, token: string, path: string, body: object) {
    const res = await fetch(`${node.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }
  async function must(node: Node, token: string, path: string, body: object) {
    const res = await call(node, token, path, body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A shop made on `node`, and a way to add people (each with a password and an API key). */
  async function shopOn(node: Node, name: string) {
    const seller = await must(node, ADMIN_TOKEN, '/v1/sellers', {
      name,
      time_zone: 'UTC',
      region: 'US',
    });
    const person = async (role: string, sellerId?: string) => {
      const email = `${role}-${Math.random().toString(36).slice(2)}@example.test`;
      const created = await must(node, ADMIN_TOKEN, '/v1/users', {
        email,
        name: `${name} ${role}`,
        role,
        ...(sellerId ? { seller_id: sellerId } : {}),
        password: 'correct horse battery',
        api_key: true,
      });
      return { id: created.user.id as string, token: created.api_key as string, email };
    };
    return { seller, person };
  }

  it('20 orders of 2-3 sibling cases approved, offers accepted and swept at once: no order over-refunded', async () => {
    const [a, b] = nodes as [Node, Node];
    const { seller, person } = await shopOn(a, 'Two Node Goods');
    const staff = (await person('seller', seller.id)).token;
    const buyerPerson = await person('buyer');
    const buyer = buyerPerson.token;

    const now = Date.now();
    const orders: { id: string; cases: string[]; kind: 'approve' | 'offer' | 'sweep' }[] = [];
    // The orders the sweeper takes come first, so their cases fall due before all the others.
    for (let i = 19; i >= 0; i--) {
      const lineCount = 2 + (i % 2);
      const order = await must(a, ADMIN_TOKEN, '/v1/orders', {
        external_id: `two-node-${i}-${now}`,
        seller_id: seller.id,
        buyer_id: buyerPerson.id,
        currency: 'USD',
        placed_at: new Date(now - 10 * 86_400_000).toISOString(),
        delivered_at: new Date(now - 2 * 86_400_000).toISOString(),
        shipping_amount: 1000,
        order_discount_amount: 0,
        payment_reference: `pay_two_node_${i}`,
        lines: Array.from({ length: lineCount }, (_, n) => ({
          sku: `SKU-${n}`,
          title: `Item ${n}`,
          category: 'electronics',
          quantity: 1,
          unit_price: 10_000,
          tax_amount: 800,
        })),
      });
      const cases: string[] = [];
      for (const line of order.lines as { id: string }[]) {
        const created = await must(i % 2 ? b : a, buyer, '/v1/returns', {
          order_id: order.id,
          type: 'refund_only',
          reason: 'defective',
          description: 'It does not turn on.',
          lines: [{ order_line_id: line.id, quantity: 1 }],
        });
        cases.push(created.id);
      }
      orders.push({ id: order.id, cases, kind: i < 8 ? 'approve' : i < 14 ? 'offer' : 'sweep' });
    }
    const ofKind = (kind: string) => orders.filter((o) => o.kind === kind).map((o) => o.id);
    // The offers are made first, one at a time; the buyer then accepts them all at once.
    for (const o of orders.filter((o) => o.kind === 'offer')) {
      for (const id of o.cases) {
        await must(a, staff, `/v1/returns/${id}/offer_partial_refund`, { amount: 10_000 });
      }
    }

    const moves: Promise<{ status: number; body: Json }>[] = [];
    let turn = 0;
    const nodeFor = () => (turn++ % 2 ? b : a);
    for (const o of orders) {
      if (o.kind === 'approve') {
        for (const id of o.cases)
          moves.push(call(nodeFor(), staff, `/v1/returns/${id}/approve`, {}));
      } else if (o.kind === 'offer') {
        for (const id of o.cases) {
          moves.push(call(nodeFor(), buyer, `/v1/returns/${id}/accept_offer`, {}));
        }
      } else {
        // One sibling by hand; the sweeper auto-approves the others (their review is overdue).
        moves.push(call(nodeFor(), staff, `/v1/returns/${o.cases[0]}/approve`, {}));
      }
    }
    const [due] = await queryRows<{ swept: Date; others: Date }>(
      database.db,
      sql`select max(due_at) filter (where order_id = any(${sql.param(ofKind('sweep'))}::text[])) as swept,
          min(due_at) filter (where not order_id = any(${sql.param(ofKind('sweep'))}::text[])) as others
        from return_cases`,
    );
    const sweepAt = new Date(new Date(due!.swept).getTime() + 1);
    expect(sweepAt.getTime()).toBeLessThan(new Date(due!.others).getTime());
    const sweep = advanceOverdueCases(database.db, sweepAt);
    const answers = await Promise.all(moves);
    const swept = await sweep;
    // Every move is either done or refused for a reason (a case the sweeper took first): no 5xx.
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    // The only refusals: a sibling the sweeper approved first.
    const refused = answers.filter((r) => r.status !== 200).map((r) => r.body['code']);
    expect(refused.every((code) => code === 'transition_not_allowed')).toBe(true);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThan(30);
    expect(swept.expired).toBeGreaterThan(0);

    const overRefunded = await queryRows<{ order_id: string; paid: number; refunded: number }>(
      database.db,
      sql`select o.id as order_id, o.total_paid::bigint as paid,
          sum(r.amount - r.shipping_reimbursement)::bigint as refunded
        from refunds r join orders o on o.id = r.order_id
        where r.status <> 'failed'
        group by o.id, o.total_paid
        having sum(r.amount - r.shipping_reimbursement) > o.total_paid`,
    );
    expect(overRefunded).toEqual([]);
    // Every order got money back, and the whole-order shipping was refunded at most once.
    const perOrder = await queryRows<{ order_id: string; refunded: number }>(
      database.db,
      sql`select order_id, sum(amount)::bigint as refunded from refunds group by order_id`,
    );
    expect(perOrder.length).toBe(20);

    const report = await verifyRecords(database.db);
    expect(report.problems).toEqual([]);
    if (databaseUrl) {
      const cli = spawnSync(process.execPath, ['bin/sendback.js', 'verify'], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      });
      expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    }
  }, 180_000);

  /** A delivered order of `count` lines (one item of 100.00 each) at the shop, for the buyer. */
  function deliveredOrder(
    node: Node,
    sellerId: string,
    buyerId: string,
    label: string,
    count: number,
  ) {
    return must(node, ADMIN_TOKEN, '/v1/orders', {
      external_id: `${label}-${Date.now()}`,
      seller_id: sellerId,
      buyer_id: buyerId,
      currency: 'USD',
      placed_at: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      delivered_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      shipping_amount: 0,
      order_discount_amount: 0,
      payment_reference: `pay_${label}`,
      lines: Array.from({ length: count }, (_, n) => ({
        sku: `SKU-${n}`,
        title: `Item ${n}`,
        category: 'electronics',
        quantity: 1,
        unit_price: 10_000,
        tax_amount: 0,
      })),
    });
  }

  /** Logs in on `node` and revokes the person's API key there; the session it leaves. */
  async function revokeKeyOn(node: Node, email: string) {
    const login = await fetch(`${node.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    expect(login.status).toBe(201);
    const cookie = /sendback_session=[^;]+/.exec(String(login.headers.get('set-cookie')))![0];
    const csrf = ((await login.json()) as Json)['csrf_token'] as string;
    const keys = await fetch(`${node.url}/v1/me/api_keys`, { headers: { cookie } });
    const [key] = ((await keys.json()) as { data: { id: string }[] }).data;
    const revoked = await fetch(`${node.url}/v1/me/api_keys/${key!.id}`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(revoked.status).toBe(204);
    return { cookie, csrf };
  }

  it('a credential one node knows, ended on the other: the next write on the first is 401 and writes nothing', async () => {
    const [a, b] = nodes as [Node, Node];
    const { seller, person } = await shopOn(a, 'Known Keys Goods');
    const staff = await person('seller', seller.id);
    const buyer = await person('buyer');
    const order = await deliveredOrder(a, seller.id, buyer.id, 'known-keys', 3);
    const lines = (order.lines as { id: string }[]).map((l) => l.id);
    const request = (line: string) => ({
      order_id: order.id,
      type: 'refund_only',
      reason: 'defective',
      description: 'It does not turn on.',
      lines: [{ order_line_id: line, quantity: 1 }],
    });
    // Writes on node a that used what it knew of their credential (GET /metrics).
    const known = async () => {
      const text = await (
        await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      ).text();
      return Number(/sendback_credentials_total\{source="known"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const knownBefore = await known();
    // Node a learns both keys: each has written there once; the second request is known.
    const first = await must(a, buyer.token, '/v1/returns', request(lines[0]!));
    const second = await must(a, buyer.token, '/v1/returns', request(lines[1]!));
    expect((await known()) - knownBefore).toBe(1);
    await must(a, staff.token, `/v1/returns/${first.id}/approve`, {});
    const state = async (id: string) => {
      const res = await fetch(`${a.url}/v1/returns/${id}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body)).toBe(200);
      return { status: body['status'], version: body['version'] };
    };
    const unchanged = await state(second.id);
    const events = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from case_events where case_id = ${second.id}`,
        )
      )[0]!.n;
    const eventsBefore = await events();

    // On node b, the staff member logs in and revokes their key.
    const { cookie, csrf } = await revokeKeyOn(b, staff.email);

    // Node a still knows the key: the command is refused in its own transaction, twice over. The
    // first names a case that does not exist: the key is checked before the case is looked for.
    const missing = `${second.id.slice(0, -6)}zzzzzz`;
    for (const id of [missing, second.id]) {
      const refused = await call(a, staff.token, `/v1/returns/${id}/approve`, {});
      expect(refused.status).toBe(401);
      expect(refused.body['code']).toBe('unauthenticated');
    }
    // The first was refused in its transaction, the second on reading the key: it was forgotten.
    expect((await known()) - knownBefore).toBe(2);
    expect(await state(second.id)).toEqual(unchanged);
    expect(await events()).toBe(eventsBefore);

    // The session from node b works on node a; logged out on b, its next write on a is refused.
    const withCookie = (node: Node, method: string, path: string, body?: object) =>
      fetch(`${node.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const offered = await withCookie(a, 'POST', `/v1/returns/${second.id}/approve`, {});
    expect(offered.status).toBe(200);
    const third = await must(a, buyer.token, '/v1/returns', request(lines[2]!));
    expect((await withCookie(b, 'DELETE', '/v1/session')).status).toBe(204);
    const afterLogout = await withCookie(a, 'POST', `/v1/returns/${third.id}/approve`, {});
    expect(afterLogout.status).toBe(401);
    expect((await state(third.id)).status).toBe('requested');

    // The buyer disabled on node b: their next request on node a files nothing.
    await must(b, ADMIN_TOKEN, `/v1/users/${buyer.id}/disable`, {});
    const cases = async () =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from return_cases where order_id = ${order.id}`,
        )
      )[0]!.n;
    const casesBefore = await cases();
    const filed = await call(a, buyer.token, '/v1/returns', request(lines[0]!));
    expect(filed.status).toBe(401);
    expect(await cases()).toBe(casesBefore);
    const withdraw = await call(a, buyer.token, `/v1/returns/${third.id}/withdraw`, {});
    expect(withdraw.status).toBe(401);
    expect((await state(third.id)).status).toBe('requested');
    // The approve after the logout and the request were known (refused in their transactions).
    expect((await known()) - knownBefore).toBe(5);
  }, 120_000);

  it('a credential one node knows, ended on the other: its next read on the first is 401 and shows nothing', async () => {
    const [a, b] = nodes as [Node, Node];
    const { seller, person } = await shopOn(a, 'Known Readers Goods');
    const staff = await person('seller', seller.id);
    const buyer = await person('buyer');
    const order = await deliveredOrder(a, seller.id, buyer.id, 'known-readers', 1);
    const filed = await must(a, buyer.token, '/v1/returns', {
      order_id: order.id,
      type: 'refund_only',
      reason: 'defective',
      description: 'It does not turn on.',
      lines: [{ order_line_id: (order.lines as { id: string }[])[0]!.id, quantity: 1 }],
    });
    const metric = async (source: 'known' | 'read') => {
      const text = await (
        await fetch(`${a.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      ).text();
      const found = new RegExp(`sendback_credentials_total\\{source="${source}"\\} (\\d+)`).exec(
        text,
      );
      return Number(found?.[1] ?? 0);
    };
    const get = (path: string, headers: Record<string, string>) =>
      fetch(`${a.url}${path}`, { headers });
    const key = { authorization: `Bearer ${staff.token}` };
    const queue = `/v1/returns?status=requested&status=awaiting_shipment&sort=due_at`;

    // Node a learns the key on its first read; the reads after it are known and answered in full.
    expect((await get(queue, key)).status).toBe(200);
    const knownBefore = await metric('known');
    const head = await fetch(`${a.url}/v1/returns/${filed.id}/events`, {
      method: 'HEAD',
      headers: key,
    });
    expect(head.status).toBe(200);
    const page = await get(queue, key);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { data: Json[] }).data.map((c) => c['id'])).toEqual([filed.id]);
    const detail = await get(`/v1/returns/${filed.id}`, key);
    expect(detail.status).toBe(200);
    expect(detail.headers.get('etag')).toBeTruthy();
    expect(((await detail.json()) as Json)['id']).toBe(filed.id);
    const timeline = await get(`/v1/returns/${filed.id}/events`, key);
    expect(timeline.status).toBe(200);
    expect((await metric('known')) - knownBefore).toBe(4);
    // A case that does not exist: still the read's own answer while the key works.
    expect((await get('/v1/returns/ret_01kaaaaaaaaaaaaaaaaaaaaaaa', key)).status).toBe(404);
    expect((await metric('known')) - knownBefore).toBe(5);

    // On node b, the staff member logs in and revokes the key.
    const { cookie, csrf } = await revokeKeyOn(b, staff.email);

    // Node a still knows the key: the read is refused, with nothing of the case in the answer.
    const refused = await get(`/v1/returns/${filed.id}`, key);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('etag')).toBeNull();
    const problem = (await refused.json()) as Json;
    expect(Object.keys(problem).sort()).toEqual([
      'code',
      'detail',
      'instance',
      'status',
      'title',
      'type',
    ]);
    expect(problem['code']).toBe('unauthenticated');
    expect((await metric('known')) - knownBefore).toBe(6);
    // Forgotten: the next reads read the key, and find it revoked. A 404 is no longer told apart.
    expect((await get(queue, key)).status).toBe(401);
    expect((await get('/v1/returns/ret_01kaaaaaaaaaaaaaaaaaaaaaaa', key)).status).toBe(401);
    expect((await metric('known')) - knownBefore).toBe(6);

    // The session from node b, known on node a by its reads, logged out on b: refused on a.
    expect((await get(queue, { cookie })).status).toBe(200);
    expect((await get(queue, { cookie })).status).toBe(200);
    expect((await metric('known')) - knownBefore).toBe(7);
    const logout = await fetch(`${b.url}/v1/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(logout.status).toBe(204);
    // A HEAD of the timeline, known, answers as its GET would: 401.
    const afterLogout = await fetch(`${a.url}/v1/returns/${filed.id}/events`, {
      method: 'HEAD',
      headers: { cookie },
    });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.headers.get('etag')).toBeNull();
    expect((await metric('known')) - knownBefore).toBe(8);
  }, 120_000);
});
