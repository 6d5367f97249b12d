/**
 * Crash test (issue 9): runs the real server on PostgreSQL, drives lifecycles concurrently, kills
 * the server with SIGKILL at random moments and restarts it, then checks that nothing acknowledged
 * was lost and nothing was done twice.
 *
 *   npx tsx scripts/crash-test.ts [--lifecycles 2000] [--users 16] [--kills 3]
 *
 * Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); it
 * creates and drops a database of its own. Traffic goes to 127.0.0.1 only; it stops by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort } from '../bench/lib/server.ts';
import { RETURN_ADDRESS, upsTrackingNumber } from '../bench/lib/world.ts';
import { signPayload, verifySignature } from '../src/app/webhooks/signature.ts';

const { values } = parseArgs({
  options: {
    lifecycles: { type: 'string', default: '2000' },
    users: { type: 'string', default: '16' },
    kills: { type: 'string', default: '3' },
  },
});
const LIFECYCLES = Number(values.lifecycles);
const USERS = Number(values.users);
const KILLS = Number(values.kills);
const ADMIN = `crash-admin-${randomBytes(8).toString('hex')}`;
const CARRIER = `crash-carrier-${randomBytes(8).toString('hex')}`;
// A port free now, kept across restarts so that the clients' retries find the server again.
const PORT = await freePort();
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = `sendback_crash_${Date.now().toString(36)}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${DB}`;
const DATABASE_URL = url.toString();

const log = (msg: string) =>
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- the server, started and killed at will ---------------------------------------------------
let server: ChildProcess | null = null;
async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['bin/sendback.js', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      SENDBACK_ADMIN_TOKEN: ADMIN,
      SENDBACK_CARRIER_SECRET: CARRIER,
      SENDBACK_RATE_LIMIT_WRITES: '1000000',
      SENDBACK_SIM_SETTLE_SECONDS: '1',
      SENDBACK_SIM_CARRIER: 'off',
      SENDBACK_DB_POOL_SIZE: '6',
      // The webhook receiver listens on 127.0.0.1.
      SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/readyz`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error('server did not start');
}
function killServer(): void {
  server?.kill('SIGKILL');
  server = null;
}

// --- a webhook receiver that verifies signatures and remembers event ids ----------------------
const received = new Map<string, number>();
let webhookSecret = '';
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    const ok = verifySignature(
      webhookSecret,
      body,
      req.headers['sendback-signature'] as string,
      Date.now() / 1000,
    );
    const id = req.headers['sendback-event-id'] as string;
    if (ok && id) received.set(id, (received.get(id) ?? 0) + 1);
    res.writeHead(ok ? 204 : 400).end();
  });
});

// --- the API, with retries across crashes ------------------------------------------------------
interface Ack {
  case_id: string;
  command: string;
  version: number;
}
const acks: Ack[] = [];
let failedCalls = 0;

async function call(method: string, path: string, token: string, body?: unknown, key?: string) {
  // A command is retried with the same Idempotency-Key until the server answers: a crash between
  // commit and answer must not run it twice, and a crash before commit must not lose it.
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const res = await fetch(`${BASE}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status >= 500 || res.status === 503) {
        await sleep(200);
        continue;
      }
      // biome-ignore lint/suspicious/noExplicitAny: answers are read dynamically in this script
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    } catch {
      await sleep(200);
    }
  }
  failedCalls++;
  throw new Error(`${method} ${path} never answered`);
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${DB}`);
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  log(`database ${DB}, server on ${BASE}`);
  await startServer();

  const seller = (
    await call('POST', '/v1/sellers', ADMIN, {
      name: 'Crash Shop',
      time_zone: 'America/New_York',
      region: 'US',
    })
  ).body;
  const mk = async (role: string, extra = {}) =>
    (
      await call('POST', '/v1/users', ADMIN, {
        email: `${role}-${randomBytes(4).toString('hex')}@crash.test`,
        name: role,
        role,
        api_key: true,
        ...extra,
      })
    ).body;
  const staff = await mk('seller', { seller_id: seller.id });
  const address = await call(
    'POST',
    `/v1/sellers/${seller.id}/return_addresses`,
    staff.api_key,
    RETURN_ADDRESS,
  );
  if (address.status !== 201) throw new Error(`return address: ${address.status}`);
  const buyers = await Promise.all(Array.from({ length: USERS }, () => mk('buyer')));
  const hook = (await call('POST', '/v1/webhook_endpoints', ADMIN, { url: hookUrl })).body;
  webhookSecret = hook.secret;

  let next = 0;
  let done = 0;
  const lifecycle = async (n: number) => {
    const buyer = buyers[n % USERS]!;
    const order = (
      await call('POST', '/v1/orders', ADMIN, {
        external_id: `crash-${n}`,
        seller_id: seller.id,
        buyer_id: buyer.user.id,
        currency: 'USD',
        placed_at: new Date(Date.now() - 5 * 86400_000).toISOString(),
        delivered_at: new Date(Date.now() - 86400_000).toISOString(),
        shipping_amount: 500,
        payment_reference: `pay_${n}`,
        lines: [
          {
            sku: `SKU-${n % 20}`,
            title: 'Thing',
            category: 'misc',
            quantity: 1,
            unit_price: 2000 + n,
            tax_amount: 100,
          },
        ],
      })
    ).body;
    const created = await call(
      'POST',
      '/v1/returns',
      buyer.api_key,
      {
        order_id: order.id,
        reason: 'damaged',
        description: 'Broken.',
        lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
        refund_destination: n % 2 ? 'platform_balance' : 'original_payment',
      },
      `req-${n}`,
    );
    if (created.status !== 201) throw new Error(`request ${n}: ${created.status}`);
    const id = created.body.id as string;
    acks.push({ case_id: id, command: 'request', version: created.body.version });
    const step = async (command: string, token: string, body: unknown) => {
      const res = await call(
        'POST',
        `/v1/returns/${id}/${command}`,
        token,
        body,
        `${command}-${n}`,
      );
      if (res.status !== 200)
        throw new Error(`${command} ${n}: ${res.status} ${JSON.stringify(res.body)}`);
      acks.push({ case_id: id, command, version: res.body.version });
    };
    await step('approve', staff.api_key, {});
    await step('ship', buyer.api_key, { carrier: 'UPS', tracking_number: upsTrackingNumber(n) });
    const events = JSON.stringify({
      events: [
        {
          event_id: `carrier-${n}`,
          carrier: 'UPS',
          tracking_number: upsTrackingNumber(n),
          status: 'delivered',
          occurred_at: new Date().toISOString(),
        },
      ],
    });
    for (;;) {
      try {
        const res = await fetch(`${BASE}/v1/carrier_events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'sendback-signature': signPayload(CARRIER, events, Date.now() / 1000),
          },
          body: events,
        });
        if (res.status === 200) break;
      } catch {}
      await sleep(200);
    }
    await step('accept_package', staff.api_key, {});
    done++;
  };
  const workers = Array.from({ length: USERS }, async () => {
    while (next < LIFECYCLES) await lifecycle(next++);
  });

  // Kill the server at random moments while the lifecycles run.
  const killer = (async () => {
    for (let k = 0; k < KILLS; k++) {
      await sleep(3000 + Math.random() * 8000);
      log(`SIGKILL #${k + 1} after ${done} lifecycles (${acks.length} acknowledged commands)`);
      killServer();
      await sleep(500);
      await startServer();
    }
  })();
  await Promise.all([...workers, killer]);
  log(`all ${done} lifecycles acknowledged; waiting for refunds and webhooks to settle`);

  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(`select
      (select count(*) from refunds where status in ('pending','processing'))::int as refunds,
      (select count(*) from webhook_deliveries where status = 'pending')::int as hooks`);
    if (rows[0].refunds === 0 && rows[0].hooks === 0) break;
    await sleep(1000);
  }
  killServer();

  // --- the checks ---------------------------------------------------------------------------
  const problems: string[] = [];
  const events = await db.query(`select case_id, type, seq from case_events`);
  const byCase = new Map<string, Set<number>>();
  for (const e of events.rows) {
    const set = byCase.get(e.case_id) ?? new Set();
    set.add(e.seq);
    byCase.set(e.case_id, set);
  }
  for (const a of acks) {
    // The version a command answered with is the sequence number of the case's last event then.
    if (!byCase.get(a.case_id)?.has(a.version))
      problems.push(`lost: ${a.command} on ${a.case_id} (v${a.version})`);
  }
  const states = await db.query(
    `select state, count(*)::int as n from return_cases group by state`,
  );
  const dup = await db.query(
    `select case_id, count(*)::int as n from refunds where status = 'succeeded' group by case_id having count(*) > 1`,
  );
  for (const r of dup.rows) problems.push(`refund paid ${r.n} times for ${r.case_id}`);
  const ledger = await db.query(
    `select t.id from ledger_transactions t join ledger_entries e on e.transaction_id = t.id group by t.id having sum(e.amount) <> 0`,
  );
  for (const r of ledger.rows) problems.push(`unbalanced ledger transaction ${r.id}`);
  const sim = await db.query(`select count(*)::int as n from simulated_payments`);
  const deliveries = await db.query(`select distinct event_id from webhook_deliveries`);
  const missing = deliveries.rows.filter((r) => !received.has(r.event_id));
  for (const r of missing.slice(0, 10)) problems.push(`webhook never delivered: ${r.event_id}`);
  const verify = await new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/sendback.js', 'verify'], {
      env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'silent' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
  if (verify.code !== 0) problems.push(`sendback verify: ${verify.out}`);

  const summary = {
    lifecycles: done,
    acknowledged_commands: acks.length,
    sigkills: KILLS,
    failed_calls: failedCalls,
    case_states: Object.fromEntries(states.rows.map((r) => [r.state, r.n])),
    refunds_succeeded: (
      await db.query(`select count(*)::int as n from refunds where status='succeeded'`)
    ).rows[0].n,
    simulated_processor_bookings: sim.rows[0].n,
    webhook_events: deliveries.rows.length,
    webhook_events_received: [...received.keys()].length,
    webhook_redeliveries: [...received.values()].filter((n) => n > 1).length,
    verify: verify.out.trim().split('\n').at(-1),
    problems: problems.length,
  };
  log(JSON.stringify(summary, null, 2));
  for (const p of problems.slice(0, 30)) log(`PROBLEM ${p}`);
  await db.end();
  await admin.query(`drop database ${DB} with (force)`);
  await admin.end();
  receiver.close();
  process.exit(problems.length ? 1 : 0);
}

main().catch(async (err) => {
  killServer();
  console.error(err);
  process.exit(1);
});
