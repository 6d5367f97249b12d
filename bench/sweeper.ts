/**
 * Sweeper benchmark (issue 8, item 3).
 *
 *   npm run bench:sweeper [-- --cases 100000] [--sweepers 1,3] [--batch 200] [--cpu-prof DIR]
 *                            [--print-only]
 *
 * On `BENCH_DATABASE_URL`'s server (the system PostgreSQL by default; an embedded server's URL
 * works as well), for each sweeper count: a database of its own with `--cases` due cases. Template
 * cases are made through the API (in process) in the open states with a deadline, in the mix
 * below, then copied in SQL (each copy on an order of its own, with its lines, events and thread);
 * the clock is then past every deadline. Each sweeper is a process of its own
 * (bench/sweeper-node.ts, its own pool), as on separate nodes, all started at once. Reported: expiries per second
 * (cases / wall time from the start to the last sweeper's end), batches, statements per batch.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { ManualClock } from '../src/app/clock.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase, queryRows } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { type App, buildApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { cloneCase } from './lib/clone.ts';
import { cpuMeter } from './lib/cpu.ts';
import { load, machine } from './lib/machine.ts';
import { backendPids, createDatabase, dropDatabase, uniqueName } from './lib/pg.ts';
import { writeSection } from './lib/results.ts';
import { ADMIN_TOKEN } from './lib/server.ts';
import { table } from './lib/stats.ts';
import { upsTrackingNumber } from './lib/world.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    sweepers: { type: 'string', default: '1,3' },
    shops: { type: 'string', default: '20' },
    batch: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'print-only': { type: 'boolean', default: false },
  },
});
/** Batch sizes to try (`--batch 200,500`); none: advanceOverdueCases' default. */
const BATCHES: (number | undefined)[] = args.batch
  ? args.batch.split(',').map(Number)
  : [undefined];
const SHOPS = Number(args.shops);

/** Share of each open state among the due cases (their expiries differ in work). */
const MIX: { state: string; share: number; expiry: string }[] = [
  { state: 'requested', share: 0.3, expiry: 'auto-approved (→ awaiting_shipment, new deadline)' },
  { state: 'awaiting_shipment', share: 0.3, expiry: 'closed, not shipped' },
  { state: 'in_transit', share: 0.2, expiry: 'refund_pending (a refund is booked)' },
  { state: 'delivered', share: 0.1, expiry: 'refund_pending (a refund is booked)' },
  { state: 'rejected', share: 0.1, expiry: 'closed, rejected' },
];

const T0 = new Date('2026-03-02T09:00:00Z');
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function post(app: App, url: string, headers: Record<string, string>, payload: object) {
  const res = await app.inject({ method: 'POST', url, headers, payload });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * One case per shop and state of the mix, made through the API; answers their ids. The due cases
 * are spread over `shops` shops, as a sweeper's batch is on a real platform (the analytics rollup
 * that case events feed is kept per shop and day: one shop would make every batch update the same
 * few rollup rows).
 */
async function makeTemplates(
  database: Database,
  shops: number,
): Promise<{ state: string; id: string }[]> {
  const config = loadConfig({
    SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
    SENDBACK_CLOCK: 'manual',
    LOG_LEVEL: 'silent',
    SENDBACK_RATE_LIMIT_WRITES: '1000000',
  });
  const app = await buildApp({
    config,
    database: { ...database, close: async () => {} },
    clock: new ManualClock(T0),
    logger: createLogger('silent'),
  });
  await app.ready();
  const templates: { state: string; id: string }[] = [];
  try {
    for (let shop = 0; shop < shops; shop++) {
      const seller = await post(app, '/v1/sellers', admin, {
        name: `Sweeper Shop ${shop + 1}`,
        time_zone: 'America/New_York',
        region: 'US',
      });
      const person = async (role: string) =>
        post(app, '/v1/users', admin, {
          email: `${role}.${shop}.${Date.now()}@bench.sendback.test`,
          name: role,
          role,
          ...(role === 'seller' ? { seller_id: seller.id } : {}),
          api_key: true,
        });
      const staff = { authorization: `Bearer ${(await person('seller')).api_key}` };
      const buyerUser = await person('buyer');
      const buyer = { authorization: `Bearer ${buyerUser.api_key}` };
      for (const [k, { state }] of MIX.entries()) {
        const order = await post(app, '/v1/orders', admin, {
          external_id: `sweeper-template-${shop}-${k}`,
          seller_id: seller.id,
          buyer_id: buyerUser.user.id,
          currency: 'USD',
          placed_at: '2026-02-20T10:00:00Z',
          delivered_at: '2026-02-25T15:00:00Z',
          shipping_amount: 599,
          payment_reference: 'pay_sim_123',
          lines: [
            { sku: 'MUG-01', title: 'Mug', category: 'kitchen', quantity: 2, unit_price: 1800 },
            { sku: 'TEE-M', title: 'Tee', category: 'apparel', quantity: 1, unit_price: 2500 },
          ],
        });
        const c = await post(app, '/v1/returns', buyer, {
          order_id: order.id,
          reason: 'damaged',
          description: 'Arrived cracked.',
          lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
        });
        const go = (command: string, who: Record<string, string>, body: object = {}) =>
          post(app, `/v1/returns/${c.id}/${command}`, who, body);
        if (state === 'rejected') {
          await go('reject', staff, { reason: 'insufficient_evidence', note: 'No photos.' });
        }
        if (['awaiting_shipment', 'in_transit', 'delivered'].includes(state)) {
          await go('approve', staff);
        }
        if (['in_transit', 'delivered'].includes(state)) {
          // One parcel, one order: each template its own number.
          await go('ship', buyer, {
            carrier: 'UPS',
            tracking_number: upsTrackingNumber(templates.length),
          });
        }
        if (state === 'delivered') await go('mark_received', staff);
        templates.push({ state, id: c.id });
      }
    }
    return templates;
  } finally {
    await app.close();
  }
}

interface SweepRun {
  engine: string;
  sweepers: number;
  batch: number | undefined;
  cases: number;
  seconds: number;
  perSecond: number;
  batches: number;
  errors: number;
  statements: number | null;
  sweeperCpuMs: number | null;
  postgresCpuMs: number | null;
  machineBusy: number | null;
  left: number;
  load: string;
  prepareSeconds: number;
}

async function prepare(database: Database, cases: number): Promise<Date> {
  await migrate(database.db);
  const templates = await makeTemplates(database, SHOPS);
  let next = 1;
  let included = 0;
  for (const [k, m] of MIX.entries()) {
    const n = k === MIX.length - 1 ? cases - included : Math.round(cases * m.share);
    const mine = templates.filter((t) => t.state === m.state);
    for (const [i, t] of mine.entries()) {
      // Each template is one of the due cases: its share, less one, in copies.
      const share = Math.round(((i + 1) * n) / mine.length) - Math.round((i * n) / mine.length);
      await cloneCase(database.db, t.id, next, next + share - 2);
      next += Math.max(0, share - 1);
    }
    included += n;
  }
  const [due] = await queryRows<{ max: string; n: number }>(
    database.db,
    sql`select max(due_at)::text as max, count(*)::int as n from return_cases where due_at is not null`,
  );
  if (due!.n !== cases) throw new Error(`expected ${cases} due cases, have ${due!.n}`);
  await database.db.execute(sql`vacuum analyze`);
  return new Date(new Date(due!.max).getTime() + 86_400_000);
}

async function remaining(database: Database, now: Date): Promise<number> {
  const [left] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from return_cases where due_at <= ${now.toISOString()}::timestamptz`,
  );
  return left!.n;
}

/** A database with `cases` due cases, to copy for each run; answers its name and the clock. */
async function preparePostgres(cases: number) {
  const name = uniqueName('sendback_bench_sweep_tpl');
  const url = await createDatabase(name);
  const database = await openDatabase({ url, poolSize: 2 });
  const t0 = Date.now();
  try {
    const now = await prepare(database, cases);
    return { name, now, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await database.close();
  }
}

/** One run on a fresh copy (CREATE DATABASE … TEMPLATE) of the prepared database. */
async function runPostgres(
  sweepers: number,
  batch: number | undefined,
  prepared: { name: string; now: Date; seconds: number },
): Promise<SweepRun> {
  const name = uniqueName('sendback_bench_sweep');
  const url = await createDatabase(name, prepared.name);
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    const { now, seconds: prepareSeconds } = prepared;
    const cases = await remaining(database, now);
    const here = dirname(fileURLToPath(import.meta.url));
    const nodes = await Promise.all(
      Array.from({ length: sweepers }, (_, i) => {
        const child = fork(join(here, 'sweeper-node.ts'), [], {
          env: { ...process.env, DATABASE_URL: url },
          execArgv: [
            '--import',
            'tsx',
            ...(args['cpu-prof']
              ? [
                  '--cpu-prof',
                  '--cpu-prof-dir',
                  join(args['cpu-prof'], `postgres-${sweepers}-${i}`),
                ]
              : []),
          ],
        });
        return new Promise<typeof child>((resolve, reject) => {
          child.once('message', () => resolve(child));
          child.once('exit', (code) => reject(new Error(`sweeper exited ${code}`)));
        });
      }),
    );
    const loadAtStart = load();
    process.stdout.write(`[postgres] ${cases} due cases; ${sweepers} sweeper(s) go\n`);
    const meter = cpuMeter(undefined, () => backendPids(name));
    const started = process.hrtime.bigint();
    const results = await Promise.all(
      nodes.map(
        (child) =>
          new Promise<{
            expired: number;
            errors: number;
            batches: number;
            statements: number;
            cpuMs: number;
          }>((resolve) => {
            child.once('message', (m) => resolve(m as never));
            child.send({ now: now.toISOString(), ...(batch ? { batch_size: batch } : {}) });
          }),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = await meter.stop();
    await Promise.all(
      nodes.map((child) => {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ close: true });
        return exited;
      }),
    );
    const expired = results.reduce((s, r) => s + r.expired, 0);
    const batches = results.reduce((s, r) => s + r.batches, 0);
    return {
      engine: 'postgres',
      sweepers,
      batch,
      cases: expired,
      seconds,
      perSecond: expired / seconds,
      batches,
      errors: results.reduce((s, r) => s + r.errors, 0),
      statements: results.reduce((s, r) => s + r.statements, 0),
      sweeperCpuMs: results.reduce((s, r) => s + r.cpuMs, 0),
      postgresCpuMs: cpu.postgresMs,
      machineBusy: cpu.machineMs / (cpu.wallMs * availableParallelism()),
      left: await remaining(database, now),
      load: loadAtStart,
      prepareSeconds,
    };
  } finally {
    await database.close();
    await dropDatabase(name);
  }
}

const command = `npm run bench:sweeper${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const machineInfo = await machine();
const runs: SweepRun[] = [];
const report = (r: SweepRun) =>
  process.stdout.write(
    `[${r.engine}] ${r.sweepers} sweeper(s): ${r.cases} expired in ${r.seconds.toFixed(1)} s = ` +
      `${r.perSecond.toFixed(0)}/s, batch ${r.batch ?? 'default'} (${r.errors} errors, ` +
      `${r.left} still due)\n`,
  );
{
  const prepared = await preparePostgres(Number(args.cases));
  try {
    for (const n of args.sweepers!.split(',').map(Number)) {
      for (const batch of BATCHES) {
        runs.push(await runPostgres(n, batch, prepared));
        report(runs.at(-1)!);
      }
    }
  } finally {
    await dropDatabase(prepared.name);
  }
}

const out: string[] = [];
out.push('## Sweeper: expiring due cases');
out.push('');
out.push(machineInfo);
out.push(`- command: \`${command}\``);
out.push(
  `- due cases, by state (share: what expiry does): ${MIX.map((m) => `\`${m.state}\` ${m.share * 100} % (${m.expiry})`).join('; ')}. ` +
    `Spread over ${SHOPS} shops, each case on an order of its own. Batch size ` +
    `${args.batch ?? 'default (advanceOverdueCases)'}; no webhook endpoints; the analytics ` +
    'rollup triggers (migration 0006) on. Each PostgreSQL sweeper is a process of its own with its ' +
    'own pool (2 connections); every run starts from a copy (`CREATE DATABASE … TEMPLATE`) of one ' +
    'prepared database, made and `vacuum analyze`d before the clock starts.',
);
out.push('');
const base = runs.find((r) => r.engine === 'postgres' && r.sweepers === 1);
// Baseline for a row: the first 1-sweeper run with the same batch size.
const baseFor = (r: SweepRun) =>
  runs.find((b) => b.engine === 'postgres' && b.sweepers === 1 && b.batch === r.batch) ?? base;
out.push(
  table(
    [
      'engine',
      'sweepers',
      'expired',
      'seconds',
      'expiries/s',
      'vs 1 sweeper',
      'batch size',
      'batches',
      'statements per batch',
      'CPU ms per 1,000: sweepers',
      'PostgreSQL',
      'machine busy',
      'errors',
      'still due',
      'load at start',
    ],
    runs.map((r) => [
      r.engine,
      r.sweepers,
      r.cases.toLocaleString('en-US'),
      r.seconds.toFixed(1),
      `**${Math.round(r.perSecond).toLocaleString('en-US')}**`,
      r.engine === 'postgres' && baseFor(r)
        ? `${(r.perSecond / baseFor(r)!.perSecond).toFixed(2)}×`
        : '-',
      r.batch ?? 'default',
      r.batches,
      r.statements === null ? '-' : (r.statements / r.batches).toFixed(1),
      r.sweeperCpuMs === null ? '-' : ((1000 * r.sweeperCpuMs) / r.cases).toFixed(0),
      r.postgresCpuMs === null ? '-' : ((1000 * r.postgresCpuMs) / r.cases).toFixed(0),
      r.machineBusy === null ? '-' : `${(100 * r.machineBusy).toFixed(0)} %`,
      r.errors,
      r.left,
      r.load,
    ]),
  ),
);
out.push('');
out.push('Target: at least 5,000 expiries per second on PostgreSQL.');
const markdown = out.join('\n');
if (!args['print-only']) writeSection('sweeper', markdown);
process.stdout.write(`\n${markdown}\n`);
