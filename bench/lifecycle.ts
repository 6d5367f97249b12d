/**
 * Lifecycle benchmark (issue 8, items 1 and 4).
 *
 *   npm run bench:lifecycle [-- --engine both|postgres|embedded] [--vus 4] [--lifecycles 1000]
 *                              [--warmup 1000] [--pool 4] [--rounds 3] [--ceilings all|minimal|replay] [--nodes 1,2]
 *                              [--cpu-prof DIR | --alloc-prof DIR]
 *                              [--node-options="--max-old-space-size=100"] [--tsx] [--print-only]
 *
 * For each engine: starts the server (bench/server.ts: `sendback serve` plus bench-only routes) as
 * a child process on a database of its own (`postgres`: a new database on the system PostgreSQL;
 * `embedded`: no DATABASE_URL, so the server starts its own PostgreSQL in a fresh data folder), creates shops, people and delivered orders through the
 * API, then `--vus` virtual users each run self-ship lifecycles back to back over HTTP until
 * `--lifecycles` are done (after `--warmup` lifecycles that are not measured): request, approve, ship, mark received, carrier delivered (a signed
 * carrier event), accept package, refund executed (one run of the refund worker in the server).
 * It reports lifecycles per second, p50/p99 per command (end to end and the server's own time
 * from Server-Timing) and the RSS, sampled from /proc every 100 ms: the server's, and with the
 * embedded database the server's plus every process of its PostgreSQL.
 *
 * `--nodes 1,2` runs the system PostgreSQL once per count of node processes (each `sendback
 * serve` with its own pool on the same database, the virtual users spread over them): one node
 * against two on one machine. RSS is the first node's; CPU is every node's.
 *
 * The minimal-SQL ceiling (issue 21, the headline ratio app / minimal): the same lifecycle written
 * by hand as the fewest statements that keep the app's guarantees (bench/lib/minimal.ts), run by
 * `--vus` connections on fresh orders, taking turns with the app like the replays.
 *
 * The raw-SQL ceiling: one lifecycle's statements are captured in the server (PostgreSQL), then
 * replayed on the same database without HTTP by `--vus` connections, each lifecycle on a fresh
 * order: once as the app sends them (named where the app prepares them, src/db/prepared.ts;
 * the others unnamed, planned each time) and once with every statement named and prepared. The
 * app and the two replays take turns in `--rounds` slices, so a change in the machine's other
 * load weighs on both sides of the ratio. With --engine both, the capture made on PostgreSQL is
 * replayed on the embedded server too. The ratio app / ceiling is the headline; CPU per lifecycle (server, PostgreSQL
 * backends, driver, everything else) is read from /proc to say where the time goes.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { signPayload } from '../src/app/webhooks/signature.ts';
import { PipelinedClient } from '../src/db/client.ts';
import { runningEmbeddedPid, runningEmbeddedUrl } from '../src/db/embedded-postgres.ts';
import { type CpuUse, cpuMeter } from './lib/cpu.ts';
import { Client, expectStatus } from './lib/http.ts';
import { load, machine } from './lib/machine.ts';
import { MinimalExecutor, type MinimalResult, minimalTexts, runMinimal } from './lib/minimal.ts';
import {
  backendPids,
  createDatabase,
  dropDatabase,
  settle as settleSystemPostgres,
  uniqueName,
} from './lib/pg.ts';
import { sampleTreeMemory } from './lib/process-tree.ts';
import {
  type Executor,
  LifecycleTemplate,
  type ReplayResult,
  replay,
  type Step,
} from './lib/replay.ts';
import { writeSection } from './lib/results.ts';
import {
  CARRIER_SECRET,
  nodeArgsOption,
  type ServerProcess,
  sampleMemory,
  serverMode,
  startServer,
} from './lib/server.ts';
import { ms, since, summarize, table } from './lib/stats.ts';
import { admin, type BenchOrder, bearer, createWorld, upsTrackingNumber } from './lib/world.ts';
import type { CapturedStatement } from './server.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    vus: { type: 'string', default: '4' },
    lifecycles: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '1000' },
    pool: { type: 'string', default: '4' },
    'log-level': { type: 'string', default: 'info' },
    'max-seconds': { type: 'string', default: '180' },
    rounds: { type: 'string', default: '3' },
    ceilings: { type: 'string', default: 'all' },
    nodes: { type: 'string', default: '1' },
    'cpu-prof': { type: 'string' },
    'alloc-prof': { type: 'string' },
    'node-options': { type: 'string' },
    tsx: { type: 'boolean', default: false },
    'print-only': { type: 'boolean', default: false },
  },
});
const VUS = Number(args.vus);
const WARMUP = Number(args.warmup);
const POOL = Number(args.pool);
/** How the server runs: as `npm start` runs it unless --tsx; --node-options adds node flags. */
const SERVER = {
  tsx: args.tsx ?? false,
  nodeArgs: nodeArgsOption(args['node-options']),
};
const MAX_SECONDS = Number(args['max-seconds']);
const ROUNDS = Number(args.rounds);
/** Which ceilings run beside the app: the minimal SQL and the captured replays, or one of them. */
const CEILINGS = args.ceilings ?? 'all';
if (!['all', 'minimal', 'replay'].includes(CEILINGS))
  throw new Error(`unknown --ceilings ${CEILINGS}`);
const WITH_MINIMAL = CEILINGS !== 'replay';
if (args['cpu-prof'] && args['alloc-prof']) {
  throw new Error('--cpu-prof and --alloc-prof profile the same run: give one');
}
const WITH_REPLAY = CEILINGS !== 'minimal';
/** Node processes serving the app on the system PostgreSQL, one run per count (`--nodes 1,2`). */
const NODE_COUNTS = (args.nodes ?? '1').split(',').map(Number);
type Engine = 'postgres' | 'embedded';
const engines: Engine[] =
  args.engine === 'both'
    ? ['embedded', 'postgres']
    : args.engine === 'postgres' || args.engine === 'embedded'
      ? [args.engine]
      : [];
if (!engines.length) throw new Error(`unknown engine ${args.engine}`);

const COMMANDS = [
  'request',
  'approve',
  'ship',
  'mark_received',
  'carrier_delivered',
  'accept_package',
  'refund_executed',
] as const;
type CommandName = (typeof COMMANDS)[number];

interface Timings {
  endToEnd: Record<CommandName, number[]>;
  server: Record<CommandName, number[]>;
  lifecycles: number[];
}

const emptyTimings = (): Timings => ({
  endToEnd: Object.fromEntries(COMMANDS.map((c) => [c, []])) as unknown as Timings['endToEnd'],
  server: Object.fromEntries(COMMANDS.map((c) => [c, []])) as unknown as Timings['server'],
  lifecycles: [],
});

let serial = 0;
const cores = () => availableParallelism();

/**
 * One self-ship lifecycle on `order`. `between` runs before and after each command (used to
 * capture the statements of each command separately).
 */
async function lifecycle(
  http: Client,
  order: BenchOrder,
  timings: Timings | null,
  hooks: { before?: () => Promise<void>; after?: (name: CommandName) => Promise<void> } = {},
): Promise<{ trackingNumber: string; carrierEventId: string }> {
  const n = ++serial;
  const trackingNumber = upsTrackingNumber(n);
  const carrierEventId = `bench-cev-${String(n).padStart(9, '0')}`;
  const buyer = bearer(order.buyer.token);
  const staff = bearer(order.staff.token);
  let caseId = '';
  const started = process.hrtime.bigint();
  const step = async (name: CommandName, call: () => ReturnType<Client['request']>) => {
    await hooks.before?.();
    const answer = await call();
    await hooks.after?.(name);
    if (timings) {
      timings.endToEnd[name].push(answer.ms);
      if (answer.serverMs !== undefined) timings.server[name].push(answer.serverMs);
    }
    return answer;
  };
  const command = async (name: CommandName, who: Record<string, string>, status: string) => {
    const res = await step(name, () =>
      http.request('POST', `/v1/returns/${caseId}/${name}`, { headers: who, body: {} }),
    );
    const body = expectStatus(res, 200, name).body;
    if (body.status !== status) throw new Error(`${name}: status ${body.status}, not ${status}`);
  };

  const requested = await step('request', () =>
    http.request('POST', '/v1/returns', {
      headers: buyer,
      body: {
        order_id: order.id,
        reason: 'damaged',
        description: 'Arrived with a crack along the handle.',
        lines: [{ order_line_id: order.lineIds[0], quantity: 1 }],
        refund_destination: 'original_payment',
      },
    }),
  );
  caseId = expectStatus(requested, 201, 'request').body.id;
  await command('approve', staff, 'awaiting_shipment');
  const shipped = await step('ship', () =>
    http.request('POST', `/v1/returns/${caseId}/ship`, {
      headers: buyer,
      body: { carrier: 'UPS', tracking_number: trackingNumber },
    }),
  );
  if (expectStatus(shipped, 200, 'ship').body.status !== 'in_transit') throw new Error('ship');
  await command('mark_received', staff, 'delivered');
  const event = JSON.stringify({
    events: [
      {
        event_id: carrierEventId,
        carrier: 'UPS',
        tracking_number: trackingNumber,
        status: 'delivered',
        occurred_at: new Date(Date.now() - 1000).toISOString(),
      },
    ],
  });
  const delivered = await step('carrier_delivered', () =>
    http.request('POST', '/v1/carrier_events', {
      headers: { 'sendback-signature': signPayload(CARRIER_SECRET, event, Date.now() / 1000) },
      raw: event,
    }),
  );
  const applied = expectStatus(delivered, 200, 'carrier event').body.results[0].applied[0];
  if (applied?.command !== 'carrier_delivered') {
    throw new Error(`carrier event: ${JSON.stringify(applied)}`);
  }
  await command('accept_package', staff, 'refund_pending');
  const refunded = await step('refund_executed', () =>
    http.request('POST', '/bench/refunds/run', { headers: admin, body: { batch_size: 1 } }),
  );
  expectStatus(refunded, 200, 'refund worker');
  timings?.lifecycles.push(since(started));
  return { trackingNumber, carrierEventId };
}

/** Runs the refund worker until nothing is due. */
async function drainRefunds(http: Client): Promise<void> {
  for (;;) {
    const res = await http.request('POST', '/bench/refunds/run', {
      headers: admin,
      body: { batch_size: 50 },
    });
    if (expectStatus(res, 200, 'drain refunds').body.claimed === 0) break;
  }
}

/** Runs the refund worker until nothing is due, then counts the cases by state. */
async function settle(http: Client): Promise<Record<string, number>> {
  await drainRefunds(http);
  const counts: Record<string, number> = {};
  for (const status of ['refunded', 'refund_pending', 'refund_failed', 'delivered']) {
    let cursor: string | null = null;
    let n = 0;
    do {
      const query: string = `/v1/returns?status=${status}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = expectStatus(await http.request('GET', query, { headers: admin }), 200, 'list');
      n += page.body.data.length;
      cursor = page.body.next_cursor;
    } while (cursor);
    counts[status] = n;
  }
  return counts;
}

interface EngineRun {
  engine: Engine;
  /** Node processes serving the run (the virtual users spread over them). */
  nodes: number;
  /** `postgres`, `postgres, 2 nodes`, … */
  label: string;
  lifecycles: number;
  seconds: number;
  perSecond: number;
  timings: Timings;
  memory: { peakRssMb: number; hwmMb: number; startRssMb: number; endRssMb: number };
  /** The server and its embedded PostgreSQL together (embedded only). */
  total?: {
    startRssMb: number;
    peakRssMb: number;
    endRssMb: number;
    startPssMb: number;
    peakPssMb: number;
  };
  states: Record<string, number>;
  steps?: Step[];
  ceilings: { label: string; result: ReplayResult; connections: number; cpu: CpuUse }[];
  /** The hand-written minimal SQL of the same lifecycle (bench/lib/minimal.ts). */
  minimal?: { result: MinimalResult; cpu: CpuUse };
  cpu: CpuUse;
  statementCount?: number;
  transactionCount?: number;
  unmapped?: string[];
  load: string;
}

async function runEngine(
  engine: Engine,
  count: number,
  capturedSteps: Step[] | undefined,
  nodes = 1,
): Promise<EngineRun> {
  const dbName = uniqueName('sendback_bench_lc');
  const dataDir = mkdtempSync(join(tmpdir(), 'sendback-bench-'));
  // Run as root, the embedded PostgreSQL runs as an unprivileged account that must reach it.
  chmodSync(dataDir, 0o755);
  const systemUrl = engine === 'postgres' ? await createDatabase(dbName) : undefined;
  let url = systemUrl;
  let server: ServerProcess | undefined;
  const others: ServerProcess[] = [];
  try {
    const env = {
      ...(systemUrl ? { DATABASE_URL: systemUrl } : { DATABASE_URL: '' }),
      SENDBACK_DATA_DIR: dataDir,
      SENDBACK_ATTACHMENTS_DIR: join(dataDir, 'attachments'),
      SENDBACK_DB_POOL_SIZE: String(POOL),
      LOG_LEVEL: args['log-level']!,
      // The clock a deployment runs: the lifecycle needs no test time (the manual clock is for
      // walking deadlines, and reads its shared state once per request).
      SENDBACK_CLOCK: 'system',
    };
    server = await startServer(env, SERVER);
    // More nodes on the same database (as `sendback serve` on each): started after the first has
    // migrated it; the virtual users take turns over them.
    for (let i = 1; i < nodes; i++) others.push(await startServer(env, SERVER));
    const http = new Client(server.url, VUS + 2);
    const clients = [http, ...others.map((o) => new Client(o.url, VUS + 2))];
    const serverPids = () => [server!.pid, ...others.map((o) => o.pid)];
    // The embedded server the node started, found through its data folder like any tool would.
    const embeddedAdmin = engine === 'embedded' ? runningEmbeddedUrl(dataDir) : null;
    if (engine === 'embedded') url = runningEmbeddedUrl(dataDir, 'sendback') ?? undefined;
    if (engine === 'embedded' && !url) throw new Error('the embedded PostgreSQL is not running');
    const roots = () => [
      server!.pid,
      ...(engine === 'embedded' ? [runningEmbeddedPid(dataDir) ?? 0] : []),
    ];
    // Lifecycles before the measured run, spread over the users: long enough for V8 to have
    // optimized the hot path (a server that has been up a while), which 20 were not: TurboFan was
    // still compiling new hot functions through the measured run, a seventh of its CPU.
    const perUser = Math.ceil(WARMUP / VUS);
    const warmup = perUser * VUS;
    // Orders: warm-up, one captured lifecycle, the measured run, and the replays of the ceiling.
    const replays = (WITH_REPLAY ? 2 : 0) + (WITH_MINIMAL ? 1 : 0);
    const orders = await createWorld(
      http,
      { sellers: 10, buyers: 40, orders: warmup + 1 + count * (1 + replays) },
      `${engine}-${Date.now().toString(36)}`,
    );
    process.stdout.write(`[${engine}] ${orders.length} orders ready; warming up\n`);
    let next = 0;
    const take = () => orders[next++]!;
    await Promise.all(
      Array.from({ length: VUS }, async () => {
        for (let i = 0; i < perUser; i++) await lifecycle(http, take(), null);
      }),
    );

    // One lifecycle alone, its statements captured command by command (on the first engine).
    let steps = capturedSteps;
    if (!steps) {
      // A lifecycle's refund run pays the refund due first, which in the warm-up can be another
      // user's: left due, it would be the one the captured run pays, and the replay would then
      // settle a case it never moved.
      await drainRefunds(http);
      const order = take();
      const captured: Step[] = [];
      const ids = await lifecycle(http, order, null, {
        before: async () => {
          await http.request('POST', '/bench/capture/start', { headers: admin, body: {} });
        },
        after: async (name) => {
          const res = await http.request('POST', '/bench/capture/stop', {
            headers: admin,
            body: {},
          });
          captured.push({ name, statements: res.body.statements as CapturedStatement[] });
        },
      });
      steps = captured;
      capturedSubjectForOtherEngines = { order, ...ids };
    }

    // The ceiling: the captured statements, replayed on fresh orders without HTTP.
    const template =
      WITH_REPLAY && steps && capturedSubjectForOtherEngines
        ? new LifecycleTemplate(steps, capturedSubjectForOtherEngines)
        : undefined;
    const subjects = (n: number) =>
      Array.from({ length: n }, () => {
        serial++;
        return {
          order: take(),
          trackingNumber: upsTrackingNumber(serial),
          carrierEventId: `bench-cev-${String(serial).padStart(9, '0')}`,
        };
      });
    const modes = [
      { label: 'as the app sends them', prepared: false },
      { label: 'prepared statements', prepared: true },
    ];
    const backends = async () =>
      embeddedAdmin ? backendPids('sendback', embeddedAdmin) : backendPids(dbName);
    const ceilings: EngineRun['ceilings'] = [];
    const executors = template
      ? await Promise.all(
          modes.map(() => Promise.all(Array.from({ length: VUS }, () => postgresExecutor(url!)))),
        )
      : [];

    // The app and the replays take turns, a slice at a time, so that a change in the machine's
    // other load during the run weighs on both sides of the ratio alike.
    const minimalExecutors = WITH_MINIMAL
      ? await Promise.all(Array.from({ length: VUS }, () => MinimalExecutor.open(url!, REPLAY_APP)))
      : [];
    let minimal: EngineRun['minimal'];
    const rounds = template || WITH_MINIMAL ? ROUNDS : 1;
    process.stdout.write(
      `[${engine}] measuring ${count} lifecycles with ${VUS} users` +
        (rounds > 1 ? `, in ${rounds} rounds alternating with the replays\n` : '\n'),
    );
    const timings = emptyTimings();
    const loadAtStart = load();
    const startRss = sampleMemory(server.pid, 100).stop().lastRssMb;
    const sampler = sampleMemory(server.pid, 100);
    // The benchmark's own connections (replays, CPU probes) are not the app's memory.
    let benchBackends: number[] = [];
    const refreshBenchBackends = async () => {
      if (!embeddedAdmin) return;
      const c = new pg.Client({ connectionString: embeddedAdmin });
      await c.connect();
      const r = await c.query<{ pid: number }>(
        'select pid from pg_stat_activity where application_name = $1 or pid = pg_backend_pid()',
        [REPLAY_APP],
      );
      await c.end();
      benchBackends = r.rows.map((row) => Number(row.pid));
    };
    await refreshBenchBackends();
    const benchTimer = setInterval(() => void refreshBenchBackends().catch(() => {}), 1000);
    const startTotal = sampleTreeMemory(roots, 100, () => benchBackends).stop();
    const totalSampler = sampleTreeMemory(roots, 100, () => benchBackends);
    const profileDir = args['cpu-prof'] ?? args['alloc-prof'];
    if (profileDir) {
      await http.request('POST', '/bench/profile/start', {
        headers: admin,
        body: { allocations: !args['cpu-prof'] },
      });
    }
    let seconds = 0;
    let cpu: CpuUse | undefined;
    const add = (a: CpuUse | undefined, b: CpuUse): CpuUse =>
      a
        ? (Object.fromEntries(
            Object.entries(a).map(([k, v]) => [k, v + b[k as keyof CpuUse]]),
          ) as CpuUse)
        : b;
    const deadline = Date.now() + MAX_SECONDS * 1000;
    for (let round = 0; round < rounds; round++) {
      const slice =
        Math.round(((round + 1) * count) / rounds) - Math.round((round * count) / rounds);
      const meter = cpuMeter(serverPids(), backends);
      const started = process.hrtime.bigint();
      let begun = 0;
      await Promise.all(
        Array.from({ length: VUS }, async (_, vu) => {
          while (begun < slice && Date.now() < deadline) {
            begun++;
            await lifecycle(clients[vu % clients.length]!, take(), timings);
          }
        }),
      );
      seconds += since(started) / 1000;
      cpu = add(cpu, await meter.stop());
      if (WITH_MINIMAL) {
        const minimalMeter = cpuMeter(undefined, backends);
        const result = await runMinimal(minimalExecutors, subjects(slice), MAX_SECONDS);
        const minimalCpu = await minimalMeter.stop();
        minimal = minimal
          ? {
              result: {
                ...result,
                lifecycles: minimal.result.lifecycles + result.lifecycles,
                seconds: minimal.result.seconds + result.seconds,
                perSecond: 0,
              },
              cpu: add(minimal.cpu, minimalCpu),
            }
          : { result, cpu: minimalCpu };
      }
      for (const [m, mode] of modes.entries()) {
        if (!executors[m]) continue;
        const replayMeter = cpuMeter(undefined, backends);
        const result = await replay(template!, executors[m], subjects(slice), {
          prepared: mode.prepared,
          maxSeconds: MAX_SECONDS,
        });
        const replayCpu = await replayMeter.stop();
        const c = ceilings[m];
        if (!c) {
          ceilings[m] = { label: mode.label, result, connections: VUS, cpu: replayCpu };
        } else {
          c.result = {
            lifecycles: c.result.lifecycles + result.lifecycles,
            seconds: c.result.seconds + result.seconds,
            perSecond: 0,
            latencies: [...c.result.latencies, ...result.latencies],
          };
          c.cpu = add(c.cpu, replayCpu);
        }
      }
    }
    for (const c of ceilings) c.result.perSecond = c.result.lifecycles / c.result.seconds;
    if (minimal) minimal.result.perSecond = minimal.result.lifecycles / minimal.result.seconds;
    await Promise.all([...executors.flat(), ...minimalExecutors].map((e) => e.close()));
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      const kind = args['cpu-prof'] ? 'cpuprofile' : 'heapprofile';
      const file = resolve(profileDir, `lifecycle-${engine}.${kind}`);
      await http.request('POST', '/bench/profile/stop', { headers: admin, body: { file } });
      process.stdout.write(`[${engine}] profile of the run: ${file}\n`);
    }
    const heap = (await http.request('GET', '/bench/memory', { headers: admin })).body;
    process.stdout.write(`[${engine}] server memory after the run: ${JSON.stringify(heap)}\n`);
    const mem = sampler.stop();
    const total = totalSampler.stop();
    clearInterval(benchTimer);
    const done = timings.lifecycles.length;
    process.stdout.write(
      `[${engine}] ${done} lifecycles in ${seconds.toFixed(1)} s: ${(done / seconds).toFixed(1)}/s, ` +
        `peak RSS ${mem.peakRssMb.toFixed(0)} MB` +
        (engine === 'embedded'
          ? `, with PostgreSQL ${total.peakRssMb.toFixed(0)} MB (PSS ${total.peakPssMb.toFixed(0)} MB)\n`
          : '\n'),
    );
    if (minimal) {
      process.stdout.write(
        `[${engine}] minimal SQL: ${minimal.result.perSecond.toFixed(1)} lifecycles/s, ` +
          `ratio app / minimal ${(done / seconds / minimal.result.perSecond).toFixed(2)}\n`,
      );
    }
    for (const c of ceilings) {
      process.stdout.write(
        `[${engine}] ceiling (${c.label}): ${c.result.perSecond.toFixed(1)} lifecycles/s\n`,
      );
    }
    const states = await settle(http);
    for (const c of clients) c.close();
    await Promise.all(others.map((o) => o.stop()));
    await server.stop();
    server = undefined;

    return {
      engine,
      nodes,
      label: nodes > 1 ? `${engine}, ${nodes} nodes` : engine,
      lifecycles: done,
      seconds,
      perSecond: done / seconds,
      timings,
      cpu: cpu!,
      memory: {
        peakRssMb: mem.peakRssMb,
        hwmMb: mem.hwmMb,
        startRssMb: startRss,
        endRssMb: mem.lastRssMb,
      },
      ...(engine === 'embedded'
        ? {
            total: {
              startRssMb: startTotal.lastRssMb,
              peakRssMb: total.peakRssMb,
              endRssMb: total.lastRssMb,
              startPssMb: startTotal.lastPssMb,
              peakPssMb: total.peakPssMb,
            },
          }
        : {}),
      states,
      ...(steps ? { steps } : {}),
      ceilings,
      ...(minimal ? { minimal } : {}),
      ...(steps
        ? {
            statementCount: countStatements(steps),
            transactionCount: steps
              .flatMap((s) => s.statements)
              .filter((s) => /^\s*begin/i.test(s.text)).length,
          }
        : {}),
      ...(template ? { unmapped: [...template.unmapped] } : {}),
      load: loadAtStart,
    };
  } finally {
    await Promise.all(others.map((o) => o.stop()));
    await server?.stop();
    if (systemUrl) await dropDatabase(dbName);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let capturedSubjectForOtherEngines:
  | { order: BenchOrder; trackingNumber: string; carrierEventId: string }
  | undefined;

/** The replays' connections name themselves, so that their backends are not counted as the app's. */
const REPLAY_APP = 'sendback-bench-replay';

/** A replay sends what the app sends, in the same writes (src/db/client.ts). */
async function postgresExecutor(url: string): Promise<Executor> {
  const client = new PipelinedClient({ connectionString: url, application_name: REPLAY_APP });
  client.on('error', () => {});
  await client.connect();
  return {
    run: (s, name) =>
      s.values.length
        ? client.query({ text: s.text, values: s.values, ...(name ? { name } : {}) })
        : client.query(s.text),
    together: (runs) => client.together(runs),
    close: () => client.end(),
  };
}

/** Statements of the captured lifecycle, when it was captured but not replayed. */
function countStatements(steps: Step[] | undefined): number | undefined {
  return steps?.reduce((n, s) => n + s.statements.length, 0);
}

/** Round trips to PostgreSQL: statements, less those carried in another's write (CapturedStatement). */
function roundTrips(steps: Step[]): number {
  return steps.reduce((n, s) => n + s.statements.filter((x) => !x.carried).length, 0);
}

function report(runs: EngineRun[], machineInfo: string, command: string): string {
  const out: string[] = [];
  out.push('## Lifecycle: self-ship lifecycles over HTTP, and its two SQL ceilings');
  out.push('');
  out.push(machineInfo);
  out.push(`- command: \`${command}\``);
  out.push(
    `- ${VUS} virtual users, each running lifecycles back to back on orders of its own, after ${WARMUP} unmeasured lifecycles (V8 optimizing the hot path) ` +
      `(10 shops, 40 buyers); server pool ${POOL} connections; log level ` +
      `${args['log-level']}; server on 127.0.0.1, workers off, system clock` +
      `; the server runs ${serverMode(SERVER)}` +
      `. The app and the replays took turns in ${ROUNDS} rounds. \`embedded\` is the default ` +
      'a new user gets (no DATABASE_URL: the server starts the PostgreSQL 18 that npm installed, ' +
      'durable settings); `postgres` is the system PostgreSQL.',
  );
  out.push(
    '- lifecycle: `request` → `approve` → `ship` (UPS, checked tracking number) → ' +
      '`mark_received` → `carrier_delivered` (HMAC-signed `POST /v1/carrier_events`) → ' +
      '`accept_package` → `refund_executed` (one refund-worker run in the server, ' +
      '`executeDueRefunds`, simulated card processor settling at once). The seller marks the ' +
      "parcel received before the carrier's delivery scan arrives: the state table allows " +
      '`mark_received` only from `in_transit`, so the carrier event comes second and is recorded ' +
      'on the delivered case (`parcel_delivered`).',
  );
  out.push('');
  const ratioRows: (string | number)[][] = [];
  out.push(
    table(
      [
        'engine',
        'lifecycles',
        'seconds',
        'lifecycles/s',
        'lifecycle p50 ms',
        'lifecycle p99 ms',
        'peak RSS MB (VmHWM)',
        'with its PostgreSQL: start / peak RSS MB (PSS)',
        'load during run',
      ],
      runs.map((r) => {
        const l = summarize(r.timings.lifecycles);
        return [
          r.label,
          r.lifecycles,
          r.seconds.toFixed(1),
          `**${r.perSecond.toFixed(1)}**`,
          ms(l.p50),
          ms(l.p99),
          `${r.memory.peakRssMb.toFixed(0)} (${r.memory.hwmMb.toFixed(0)})`,
          r.total
            ? `${r.total.startRssMb.toFixed(0)} / **${r.total.peakRssMb.toFixed(0)}** ` +
              `(PSS ${r.total.startPssMb.toFixed(0)} / ${r.total.peakPssMb.toFixed(0)})`
            : '- (shared server)',
          r.load,
        ];
      }),
    ),
  );
  out.push('');
  const pgSteps = runs.find((r) => r.steps);
  out.push(
    'Headline: **app / minimal SQL**, the app over HTTP against the same lifecycle written by ' +
      'hand as the fewest statements that keep its guarantees (`bench/lib/minimal.ts`: nine ' +
      'transactions, prepared, row locks, hash-chained events and thread lines, outbox, refund ' +
      'row with its idempotency key), run by ' +
      `${VUS} connections taking turns with the app; beside it the older ratio against a replay ` +
      "of the app's own captured statements.",
  );
  out.push('');
  out.push(
    table(
      [
        'engine',
        'app lifecycles/s',
        'app statements / lifecycle',
        'server CPU ms / lifecycle',
        'minimal SQL lifecycles/s',
        'minimal statements / lifecycle',
        '**app / minimal**',
        'replay (as sent) lifecycles/s',
        'app / replay',
      ],
      runs.map((r) => {
        const replayed = r.ceilings[0];
        return [
          r.label,
          r.perSecond.toFixed(1),
          pgSteps?.statementCount ?? '-',
          (r.cpu.serverMs / r.lifecycles).toFixed(1),
          r.minimal ? r.minimal.result.perSecond.toFixed(1) : '-',
          r.minimal ? r.minimal.result.statements.toFixed(0) : '-',
          r.minimal ? `**${(r.perSecond / r.minimal.result.perSecond).toFixed(2)}**` : '-',
          replayed ? replayed.result.perSecond.toFixed(1) : '-',
          replayed ? (r.perSecond / replayed.result.perSecond).toFixed(2) : '-',
        ];
      }),
    ),
  );
  out.push('');
  for (const r of runs) {
    out.push(`### ${r.label}: latency per command (ms)`);
    out.push('');
    out.push(
      table(
        [
          'command',
          'n',
          'p50 end to end',
          'p99 end to end',
          'p50 server (Server-Timing)',
          'p99 server',
        ],
        COMMANDS.map((c) => {
          const e = summarize(r.timings.endToEnd[c]);
          const s = summarize(r.timings.server[c]);
          return [`\`${c}\``, e.n, ms(e.p50), ms(e.p99), ms(s.p50), ms(s.p99)];
        }),
      ),
    );
    out.push('');
    out.push(
      `Server RSS: ${r.memory.startRssMb.toFixed(0)} MB before the run, peak ` +
        `${r.memory.peakRssMb.toFixed(0)} MB during it (sampled every 100 ms), ` +
        `${r.memory.endRssMb.toFixed(0)} MB at its end; VmHWM over the process's life ` +
        `${r.memory.hwmMb.toFixed(0)} MB. ` +
        `${r.memory.hwmMb < 200 ? 'Under' : '**Over**'} the 200 MB target. ` +
        `Cases after the run: ${Object.entries(r.states)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}.`,
    );
    out.push('');
    for (const c of r.ceilings) {
      ratioRows.push([
        r.label,
        c.label,
        c.connections,
        c.result.lifecycles,
        c.result.perSecond.toFixed(1),
        r.perSecond.toFixed(1),
        `**${(r.perSecond / c.result.perSecond).toFixed(2)}**`,
      ]);
    }
  }
  out.push('### Raw-SQL ceiling and ratio app / ceiling');
  out.push('');
  const pgRun = runs.find((r) => r.steps);
  if (pgRun?.steps) {
    out.push(
      `The app's statements for one lifecycle were captured in the server (a wrapper on ` +
        `\`pg.Client.prototype.query\`, one lifecycle run alone after the warm-up): ` +
        `**${pgRun.statementCount} statements in ${pgRun.transactionCount} transactions, ` +
        `${roundTrips(pgRun.steps)} round trips** (writes the server waits on: a transaction's ` +
        '`begin` goes in one write with its first statement, and statements that need no answer ' +
        'from each other, such as a lock and the read behind it, go together; src/db/client.ts). ' +
        (WITH_REPLAY
          ? `They were replayed without HTTP by ${VUS} connections (one per virtual user), ` +
            'each lifecycle on a fresh order with fresh ids.'
          : 'Not replayed in this run (`--ceilings minimal`).') +
        (pgRun.unmapped?.length ? ` Ids left as captured: ${pgRun.unmapped.join(', ')}.` : ''),
    );
    out.push('');
    out.push(
      table(
        ['command', 'statements', 'round trips', 'of them prepared by the app', 'transactions'],
        pgRun.steps.map((s) => [
          `\`${s.name}\``,
          s.statements.length,
          roundTrips([s]),
          s.statements.filter((x) => x.prepared).length,
          s.statements.filter((x) => /^\s*begin/i.test(x.text)).length,
        ]),
      ),
    );
    out.push('');
  }
  out.push(
    table(
      [
        'engine',
        'replay',
        'connections',
        'lifecycles',
        'ceiling lifecycles/s',
        'app lifecycles/s',
        'app / ceiling',
      ],
      ratioRows,
    ),
  );
  out.push('');
  out.push(
    'CPU per lifecycle (ms; from /proc: the server process, the PostgreSQL backends of the ' +
      "benchmark's database, the driver (this benchmark's process: HTTP client or replay " +
      'connections), and the whole machine, other people included; busy = share of both cores).',
  );
  out.push('');
  const cpuRow = (engine: string, what: string, n: number, c: CpuUse) => {
    const others = c.machineMs - c.serverMs - c.postgresMs - c.driverMs;
    return [
      engine,
      what,
      c.serverMs ? `${(c.serverMs / n).toFixed(1)} (${(c.serverSystemMs / n).toFixed(1)})` : '-',
      (c.postgresMs / n).toFixed(1),
      `${(c.driverMs / n).toFixed(1)} (${(c.driverSystemMs / n).toFixed(1)})`,
      (Math.max(0, others) / n).toFixed(1),
      `${((100 * c.machineMs) / (c.wallMs * cores())).toFixed(0)} %`,
    ];
  };
  out.push(
    table(
      [
        'engine',
        'run',
        'server (kernel)',
        'PostgreSQL backends',
        'driver (kernel)',
        'everything else',
        'machine busy',
      ],
      runs.flatMap((r) => [
        cpuRow(r.label, 'app over HTTP', r.lifecycles, r.cpu),
        ...(r.minimal
          ? [cpuRow(r.label, 'minimal SQL', r.minimal.result.lifecycles, r.minimal.cpu)]
          : []),
        ...r.ceilings.map((c) => cpuRow(r.label, `replay, ${c.label}`, c.result.lifecycles, c.cpu)),
      ]),
    ),
  );
  out.push('');
  const embedded = runs.find((r) => r.engine === 'embedded');
  const system = runs.find((r) => r.engine === 'postgres' && r.nodes === 1);
  const twoNodes = runs.find((r) => r.engine === 'postgres' && r.nodes > 1);
  if (system && twoNodes) {
    out.push(
      `${twoNodes.nodes} nodes / 1 node on the system PostgreSQL, lifecycles/s: ` +
        `**${(twoNodes.perSecond / system.perSecond).toFixed(2)}** ` +
        `(${twoNodes.perSecond.toFixed(1)} / ${system.perSecond.toFixed(1)}); server CPU per lifecycle ` +
        `${(twoNodes.cpu.serverMs / twoNodes.lifecycles).toFixed(1)} ms (all nodes) / ` +
        `${(system.cpu.serverMs / system.lifecycles).toFixed(1)} ms; machine busy ` +
        `${((100 * twoNodes.cpu.machineMs) / (twoNodes.cpu.wallMs * cores())).toFixed(0)} % / ` +
        `${((100 * system.cpu.machineMs) / (system.cpu.wallMs * cores())).toFixed(0)} %.`,
    );
    out.push('');
  }
  if (embedded && system) {
    out.push(
      `Embedded / system PostgreSQL lifecycles/s: **${(embedded.perSecond / system.perSecond).toFixed(2)}** ` +
        `(${embedded.perSecond.toFixed(1)} / ${system.perSecond.toFixed(1)}).`,
    );
    out.push('');
  }
  out.push(
    'Targets: app / minimal SQL at least 0.3 (issue 21), app / replay at least 0.5, on ' +
      'PostgreSQL; server RSS under 200 MB; embedded ' +
      'lifecycles/s at least 0.9 of the system PostgreSQL, node and PostgreSQL together at most ' +
      '350 MB at the peak.',
  );
  if (pgRun?.steps) {
    out.push('');
    out.push('<details><summary>The captured statements of one lifecycle</summary>');
    out.push('');
    out.push('```sql');
    for (const s of pgRun.steps) {
      out.push(`-- ${s.name}`);
      for (const st of s.statements) {
        out.push(`${st.text.replace(/\s+/g, ' ').trim()};${st.prepared ? ' -- prepared' : ''}`);
      }
    }
    out.push('```');
    out.push('');
    out.push('</details>');
  }
  if (WITH_MINIMAL) {
    out.push('');
    out.push('<details><summary>The minimal SQL of one lifecycle (bench/lib/minimal.ts)</summary>');
    out.push('');
    out.push('```sql');
    for (const m of minimalTexts()) {
      out.push(`-- ${m.name}`);
      out.push(`${m.text.replace(/\s+/g, ' ').trim()};`);
    }
    out.push('```');
    out.push('');
    out.push('</details>');
  }
  return out.join('\n');
}

const command = `npm run bench:lifecycle${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const machineInfo = await machine();
const runs: EngineRun[] = [];
for (const engine of engines) {
  // Several nodes share one database: on the system PostgreSQL only (an embedded server is one
  // node's own).
  for (const nodes of engine === 'postgres' ? NODE_COUNTS : [1]) {
    const count = Number(args.lifecycles);
    await settleSystemPostgres();
    runs.push(await runEngine(engine, count, runs.find((r) => r.steps)?.steps, nodes));
  }
}
const markdown = report(runs, machineInfo, command);
if (!args['print-only']) writeSection('lifecycle', markdown);
process.stdout.write(`\n${markdown}\n`);
