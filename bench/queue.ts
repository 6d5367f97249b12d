/**
 * Seller-queue benchmark (issue 8, item 2).
 *
 *   npm run bench:queue [-- --cases 1000000] [--sellers 1000] [--requests 3000] [--drop] [--fresh]
 *                          [--shops 50] [--cpu-prof DIR | --alloc-prof DIR] [--node-options="…"]
 *                          [--parse-pages] [--print-only]
 *
 * Uses the PostgreSQL database `sendback_bench_queue` (BENCH_QUEUE_DB to change): when it holds
 * fewer than `--cases` cases it is created and loaded with `sendback seed-demo --cases N` (1M cases
 * take about 4 minutes on 2 cores), then kept for the next run; `--fresh` drops it first, `--drop`
 * drops it after the run. It then starts the server (bench/server.ts), gives sampled shops a staff
 * member with an API key, and asks, one request at a time over keep-alive HTTP:
 *
 * - the queue page: `GET /v1/returns?status=…&sort=due_at&limit=50`, first pages and the pages
 *   after them (`cursor`), for one open state and for all the open states with a deadline;
 * - the case detail: `GET /v1/returns/{id}` of cases from those pages.
 *
 * It reports p50/p99 server-side (the `Server-Timing: app;dur=` header) and end to end, and the
 * PostgreSQL plans (EXPLAIN ANALYZE) of the statements those requests sent, captured in the server,
 * and the same statements timed alone from a bare client (a floor the machine sets at that moment).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cpuOf } from './lib/cpu.ts';
import { Client, expectStatus } from './lib/http.ts';
import { load, machine } from './lib/machine.ts';
import { createDatabase, databaseExists, databaseUrl, dropDatabase } from './lib/pg.ts';
import { writeSection } from './lib/results.ts';
import { nodeArgsOption, ROOT, sampleMemory, serverMode, startServer } from './lib/server.ts';
import { ms, summarize, table } from './lib/stats.ts';
import { admin, bearer, createPerson, type Person } from './lib/world.ts';
import type { CapturedStatement } from './server.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    sellers: { type: 'string', default: '1000' },
    requests: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '2000' },
    shops: { type: 'string', default: '50' },
    drop: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'alloc-prof': { type: 'string' },
    'node-options': { type: 'string' },
    'print-only': { type: 'boolean', default: false },
    'parse-pages': { type: 'boolean', default: false },
  },
});
const CASES = Number(args.cases);
const REQUESTS = Number(args.requests);
const PARSE_PAGES = args['parse-pages'];
const DB = process.env['BENCH_QUEUE_DB'] || 'sendback_bench_queue';
const url = databaseUrl(DB);

const OPEN_WITH_DEADLINE = [
  'requested',
  'partial_offer',
  'rejected',
  'awaiting_shipment',
  'in_transit',
  'delivered',
  'package_rejected',
];

async function countCases(): Promise<number> {
  if (!(await databaseExists(DB))) return -1;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query(`select to_regclass('public.return_cases') as t`);
    if (!table.rows[0]?.t) return 0;
    const r = await client.query<{ n: string }>('select count(*) as n from return_cases');
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Loads the cases with the product's own bulk loader, as an operator would. */
function seed(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin', 'sendback.js'),
        'seed-demo',
        '--cases',
        String(CASES),
        '--sellers',
        args.sellers!,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('exit', (code) =>
      code === 0 ? resolve((Date.now() - started) / 1000) : reject(new Error(`seed exit ${code}`)),
    );
  });
}

async function vacuumAnalyze(): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}

interface Sample {
  endToEnd: number[];
  server: number[];
}
const sample = (): Sample => ({ endToEnd: [], server: [] });

const command = `npm run bench:queue${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const machineInfo = await machine();

if (args.fresh) await dropDatabase(DB);
let seeded = await countCases();
let seedSeconds: number | null = null;
if (seeded < CASES) {
  if (seeded === -1) await createDatabase(DB);
  else if (seeded > 0) {
    throw new Error(`${DB} holds ${seeded} cases, fewer than ${CASES}: run with --fresh`);
  }
  process.stdout.write(`seeding ${CASES} cases into ${DB}\n`);
  seedSeconds = await seed();
  await vacuumAnalyze();
  seeded = await countCases();
}
process.stdout.write(`${DB} holds ${seeded} cases\n`);

const dataDir = mkdtempSync(join(tmpdir(), 'sendback-bench-'));
const server = await startServer(
  {
    DATABASE_URL: url,
    SENDBACK_DB_POOL_SIZE: '4',
    SENDBACK_DATA_DIR: dataDir,
    SENDBACK_ATTACHMENTS_DIR: join(dataDir, 'attachments'),
    // The clock a deployment runs (as bench:lifecycle): the manual test clock reads its shared
    // state once per request, a statement no deployment sends.
    SENDBACK_CLOCK: 'system',
  },
  { nodeArgs: nodeArgsOption(args['node-options']) },
);
const memory = sampleMemory(server.pid, 100);
const http = new Client(server.url, 2);
const results: Record<string, Sample> = {};
const cpuPerRequest: Record<string, number> = {};
const gcPerKind: Record<string, { requests: number; minor: number[]; other: number[] }> = {};
const plans: { label: string; text: string; plan: string }[] = [];
/** The statements of one request sent alone from a bare client, timed (see `alone` below). */
const floors: { label: string; statements: number; times: number[] }[] = [];
let loadDuring = '';
try {
  // Shops picked at random; each gets a staff member with an API key (the bulk loader's staff
  // have none). Sequential ids keep the pick the same between runs of one database.
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const shops = (
    await db.query<{ id: string }>(
      `select id from sellers where name like '% %' order by md5(id) limit $1`,
      [Number(args.shops)],
    )
  ).rows.map((r) => r.id);
  const staff: Person[] = [];
  for (const [i, sellerId] of shops.entries()) {
    staff.push(
      await createPerson(http, 'seller', `queue${i}.${Date.now().toString(36)}`, sellerId),
    );
  }

  const queries: { label: string; query: string }[] = [
    { label: 'queue, one state (`requested`)', query: 'status=requested&sort=due_at&limit=50' },
    {
      label: 'queue, every open state with a deadline',
      query: `${OPEN_WITH_DEADLINE.map((s) => `status=${s}`).join('&')}&sort=due_at&limit=50`,
    },
  ];

  /**
   * What the walk needs of a page: the cursor to the next one and its first three cases' ids.
   * Read from the text (the cursor closes it; each entry opens with its id: PostgreSQL writes
   * a document's shortest keys first) rather than parsed whole: parsing each 60 KB page, and
   * collecting after it, kept the client on one of the two cores the server and its database
   * share, and lengthened the server's own tail (the every-open-state p99 5.1–6.3 ms with
   * every page parsed against 3.2–4.4 ms without, bench/RESULTS.md). With `parse`, the page is
   * parsed as well and both readings must agree: every page of the warm-up, and every page with
   * `--parse-pages` (the client as it was, to compare).
   */
  const pageFacts = (
    text: string,
    parse: boolean,
  ): { next_cursor: string | null; ids: string[] } => {
    const cursor = /"next_cursor":(null|"[^"]*")}$/.exec(text)?.[1];
    const ids: string[] = [];
    for (const m of text.matchAll(/[[,]\{"id": ?"(ret_[0-9a-z]+)"/g)) {
      ids.push(m[1]!);
      if (ids.length === 3) break;
    }
    if (cursor === undefined) throw new Error(`not a page: ${text.slice(0, 200)}`);
    const facts = { next_cursor: JSON.parse(cursor) as string | null, ids };
    if (parse) {
      const body = JSON.parse(text) as { data: { id: string }[]; next_cursor: string | null };
      const parsed = { next_cursor: body.next_cursor, ids: body.data.slice(0, 3).map((c) => c.id) };
      if (JSON.stringify(parsed) !== JSON.stringify(facts)) {
        throw new Error(`page read wrong: ${JSON.stringify(facts)} is ${JSON.stringify(parsed)}`);
      }
    }
    return facts;
  };

  /** The server's garbage-collection pauses since the last call (bench/server.ts). */
  const gcPauses = async (): Promise<{ minor: number[]; other: number[] }> =>
    (await http.request('POST', '/bench/gc', { headers: admin, body: {} })).body;

  // Walks: for each request, the next shop; the page after the previous one of that shop until
  // the queue's end, then the first page again. Detail: the cases the pages showed.
  const run = async (label: string, n: number, measure: boolean) => {
    const cursors = new Map<string, string | null>();
    const caseIds: { who: Person; id: string }[] = [];
    for (const q of queries) {
      const first = sample();
      const next = sample();
      if (measure) await gcPauses();
      const cpu0 = cpuOf(server.pid);
      for (let i = 0; i < n; i++) {
        const who = staff[i % staff.length]!;
        const key = `${q.label}|${who.id}`;
        const cursor = cursors.get(key) ?? null;
        const res = expectStatus(
          await http.request(
            'GET',
            `/v1/returns?${q.query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { headers: bearer(who.token), text: true },
          ),
          200,
          label,
        );
        const s = cursor ? next : first;
        s.endToEnd.push(res.ms);
        s.server.push(res.serverMs ?? Number.NaN);
        const page = pageFacts(res.body, !measure || PARSE_PAGES);
        cursors.set(key, page.next_cursor);
        for (const id of page.ids) caseIds.push({ who, id });
      }
      if (measure) {
        results[`${q.label}: first page`] = first;
        results[`${q.label}: next page (cursor)`] = next;
        cpuPerRequest[q.label] = (cpuOf(server.pid) - cpu0) / n;
        gcPerKind[q.label] = { requests: n, ...(await gcPauses()) };
      }
    }
    const detail = sample();
    if (measure) await gcPauses();
    const cpu0 = cpuOf(server.pid);
    for (let i = 0; i < n; i++) {
      const { who, id } = caseIds[(i * 7919) % caseIds.length]!;
      const res = expectStatus(
        await http.request('GET', `/v1/returns/${id}`, { headers: bearer(who.token) }),
        200,
        'detail',
      );
      detail.endToEnd.push(res.ms);
      detail.server.push(res.serverMs ?? Number.NaN);
    }
    if (measure) {
      results['case detail'] = detail;
      cpuPerRequest['case detail'] = (cpuOf(server.pid) - cpu0) / n;
      gcPerKind['case detail'] = { requests: n, ...(await gcPauses()) };
    }
    return caseIds;
  };
  process.stdout.write('warming up\n');
  // Long enough for V8 to have optimized the path (a server up for a while): with 300, TurboFan
  // was still compiling through the measured requests.
  await run('warm-up', Number(args.warmup), false);
  loadDuring = load();
  process.stdout.write(`measuring ${REQUESTS} requests of each kind, one at a time\n`);
  const profileDir = args['cpu-prof'] ?? args['alloc-prof'];
  if (profileDir) {
    await http.request('POST', '/bench/profile/start', {
      headers: admin,
      body: { allocations: !args['cpu-prof'] },
    });
  }
  const caseIds = await run('measure', REQUESTS, true);
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    const file = resolve(profileDir, args['cpu-prof'] ? 'queue.cpuprofile' : 'queue.heapprofile');
    await http.request('POST', '/bench/profile/stop', { headers: admin, body: { file } });
    process.stdout.write(`profile of the run: ${file}\n`);
  }
  const heap = (await http.request('GET', '/bench/memory', { headers: admin })).body;
  process.stdout.write(`server memory after the run: ${JSON.stringify(heap)}\n`);
  if (args['node-options']?.includes('--expose-gc')) {
    const live = (await http.request('GET', '/bench/memory?gc=1', { headers: admin })).body;
    process.stdout.write(`after a full collection: ${JSON.stringify(live)}\n`);
  }

  // The statements behind one request of each kind, and PostgreSQL's plans for them.
  const who = staff[0]!;
  const capture = async (label: string, path: string) => {
    await http.request('POST', '/bench/capture/start', { headers: admin, body: {} });
    const res = await http.request('GET', path, { headers: bearer(who.token) });
    expectStatus(res, 200, label);
    const stop = await http.request('POST', '/bench/capture/stop', { headers: admin, body: {} });
    const statements = stop.body.statements as CapturedStatement[];
    for (const s of statements) {
      const explained = await db.query(`explain (analyze, buffers) ${s.text}`, s.values);
      plans.push({
        label,
        text: s.text.replace(/\s+/g, ' '),
        plan: explained.rows.map((r) => r['QUERY PLAN']).join('\n'),
      });
    }
    return { res, statements };
  };
  /**
   * A floor on this machine at this moment: the statements a request sent (captured above, the
   * same values), sent again one after another from a bare client, prepared, REQUESTS times, one
   * at a time, timed by that client. No HTTP, no app: what the database and the machine's
   * scheduler alone take, in the same run as the app, to set beside its end-to-end times.
   */
  const alone = async (label: string, statements: CapturedStatement[]) => {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = process.hrtime.bigint();
      for (const [j, s] of statements.entries()) {
        await db.query({ name: `alone_${floors.length}_${j}`, text: s.text, values: s.values });
      }
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    floors.push({ label, statements: statements.length, times });
  };
  const firstPage = 'queue page (every open state), first page';
  const { res: page1, statements: page1Statements } = await capture(
    firstPage,
    `/v1/returns?${queries[1]!.query}`,
  );
  if (page1.body.next_cursor) {
    await capture(
      'queue page (every open state), next page',
      `/v1/returns?${queries[1]!.query}&cursor=${encodeURIComponent(page1.body.next_cursor)}`,
    );
  }
  const mine = caseIds.find((c) => c.who.id === who.id) ?? { id: page1.body.data[0].id };
  const detail = await capture('case detail', `/v1/returns/${mine.id}`);
  await alone(firstPage, page1Statements);
  await alone('case detail', detail.statements);
  await db.end();
} finally {
  http.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (args.drop) await dropDatabase(DB);
}
const mem = memory.stop();

const out: string[] = [];
out.push('## Seller queue at 1,000,000 cases');
out.push('');
out.push(machineInfo);
out.push(`- command: \`${command}\``);
out.push(
  `- database \`${DB}\`: ${seeded.toLocaleString('en-US')} cases over ${args.sellers} shops ` +
    (seedSeconds === null
      ? '(loaded by an earlier run and kept)'
      : `(loaded by \`sendback seed-demo --cases ${CASES}\` in ${seedSeconds.toFixed(0)} s, then \`vacuum analyze\`)`) +
    `; server pool 4 connections, log level info, system clock, the server run ${serverMode({})}; ${args.shops} shops' staff, one request at a ` +
    `time over keep-alive HTTP on 127.0.0.1, ${REQUESTS} requests of each kind after ${args.warmup} of each to warm up ` +
    (PARSE_PAGES
      ? '(every page parsed by the client, `--parse-pages`)'
      : '(measured pages read by the client for their cursor and first ids only, warm-up pages parsed whole and checked against that reading)') +
    '; ' +
    `load during the run: ${loadDuring}; server peak RSS ${mem.peakRssMb.toFixed(0)} MB.`,
);
out.push('');
out.push(
  table(
    ['request', 'n', 'server p50 ms', 'server p99 ms', 'end to end p50 ms', 'end to end p99 ms'],
    Object.entries(results).map(([label, s]) => {
      const server = summarize(s.server);
      const e2e = summarize(s.endToEnd);
      return [label, e2e.n, ms(server.p50), `**${ms(server.p99)}**`, ms(e2e.p50), ms(e2e.p99)];
    }),
  ),
);
out.push('');
out.push(
  `Server CPU per request (ms, from /proc; first and next pages together): ${Object.entries(
    cpuPerRequest,
  )
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join('; ')}.`,
);
out.push('');
out.push(
  table(
    [
      'requests',
      'scavenges per 1,000 requests',
      'scavenge pause p50 ms',
      'p99',
      'max',
      'other pauses (marking, compaction)',
      'their max ms',
    ],
    Object.entries(gcPerKind).map(([label, g]) => {
      const minor = summarize(g.minor);
      const other = summarize(g.other);
      return [
        label,
        ((1000 * g.minor.length) / g.requests).toFixed(0),
        ms(minor.p50),
        ms(minor.p99),
        ms(minor.max),
        g.other.length,
        ms(other.max),
      ];
    }),
  ),
);
out.push('');
out.push(
  "The garbage collector's pauses during each kind's measured requests (a `PerformanceObserver` " +
    'of `gc` entries in the server, bench/server.ts): a request that meets one waits it out.',
);
out.push('');
out.push(
  'Server-side is the `Server-Timing: app;dur=` header (src/http/server-timing.ts): from the ' +
    "request's arrival in Fastify to the serialized answer (auth, validation, queries, " +
    'serialization). Target: p99 at most 5 ms server-side.',
);
out.push('');
out.push(
  table(
    ['the statements of one request, alone', 'statements', 'n', 'p50 ms', '**p99 ms**'],
    floors.map((f) => {
      const t = summarize(f.times);
      return [f.label, f.statements, t.n, ms(t.p50), `**${ms(t.p99)}**`];
    }),
  ),
);
out.push('');
out.push(
  'A floor on this machine at this moment: the statements a request of that kind sent (captured ' +
    'in the server, the same values) sent again one after another from a bare `pg` client, ' +
    'prepared, one request at a time, after the measured run, timed by that client: no HTTP and no ' +
    "app, only PostgreSQL and the machine's scheduler. Timed from a client, it compares with the " +
    "app's end to end column, which adds HTTP and the app to the same statements.",
);
out.push('');
out.push('### Plans (EXPLAIN ANALYZE of the statements the requests sent)');
for (const p of plans) {
  out.push('');
  out.push(`${p.label}:`);
  out.push('');
  out.push('```');
  out.push(p.text);
  out.push('');
  out.push(p.plan);
  out.push('```');
}
const markdown = out.join('\n');
if (!args['print-only']) writeSection('queue', markdown);
process.stdout.write(`\n${markdown}\n`);
