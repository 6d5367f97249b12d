/**
 * What `sendback serve` runs (migrations, the app, the configured database and clock), plus two
 * bench-only operator routes that the benchmarks drive over HTTP:
 *
 * - `POST /bench/refunds/run {batch_size}`: one run of the refund worker (`executeDueRefunds`), as
 *   the `refunds` worker job would do inside `serve`, so "refund executed" is measured in the
 *   server process on its own pool (the embedded database has one connection: nothing else can).
 * - `POST /bench/capture/start` and `/stop`: record every SQL statement (text and parameters) the
 *   app sends to PostgreSQL meanwhile, to replay them without HTTP for the raw-SQL ceiling.
 *
 * Started by the benchmarks only (bench/lib/server.ts); never part of the product.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { PerformanceObserver, constants as perf } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import pg from 'pg';
import { executeDueRefunds } from '../src/app/execute-refunds.ts';
import { refundWorkerOptions } from '../src/app/workers.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { requireRole } from '../src/http/auth.ts';
import { createLogger, stdoutDestination } from '../src/logger.ts';
import { clockFor, openConfiguredDatabase } from '../src/runtime.ts';

export interface CapturedStatement {
  /** Which pooled connection ran it (statements of one transaction share one). */
  connection: number;
  text: string;
  /** Parameters as pg sends them (strings or null). */
  values: (string | null)[];
  /** Sent under a statement name (the app's prepared queries, src/db/prepared.ts). */
  prepared: boolean;
  /**
   * Sent in one write with another statement, without a wait of its own (src/db/client.ts): a
   * `begin` with the statement after it, or a statement of a pipelined read behind the first.
   */
  carried?: boolean;
}

const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (value: unknown) => unknown;
};

let captured: CapturedStatement[] | null = null;
const connectionIds = new WeakMap<object, number>();
let nextConnection = 1;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: object,
  ...args: unknown[]
) {
  if (captured) {
    const [first, second] = args;
    const config =
      typeof first === 'string'
        ? { text: first }
        : (first as { text: string; name?: string | undefined });
    const values = Array.isArray(second)
      ? second
      : ((first as { values?: unknown[] }).values ?? []);
    let id = connectionIds.get(this);
    if (!id) {
      id = nextConnection++;
      connectionIds.set(this, id);
    }
    // A statement that carries the transaction's `begin` (src/db/client.ts) sends it too.
    if ((first as { beginsTransaction?: boolean }).beginsTransaction) {
      captured.push({ connection: id, text: 'begin', values: [], prepared: false, carried: true });
    }
    const client = this as {
      pipeline?: boolean;
      _activeQuery?: unknown;
      _sentQueryQueue?: unknown[];
    };
    const behindAnother =
      client.pipeline === true &&
      (client._activeQuery != null || (client._sentQueryQueue?.length ?? 0) > 0);
    captured.push({
      ...(behindAnother ? { carried: true } : {}),
      connection: id,
      text: config.text,
      values: values.map((v) => {
        const p = prepareValue(v);
        return p === null || p === undefined ? null : String(p);
      }),
      prepared: 'name' in config && Boolean(config.name),
    });
  }
  return query.apply(this, args);
};

const config = loadConfig();
const logger = createLogger(config.logLevel, stdoutDestination(config.logBufferBytes));
const database = await openConfiguredDatabase(config);
await migrate(database.db);
const clock = clockFor(config, database.db);
const app = await buildApp({ config, database, clock, logger });
const refunds = refundWorkerOptions({ db: database.db, clock, config, logger });

app.post('/bench/refunds/run', async (request) => {
  requireRole(request, 'operator');
  const body = (request.body ?? {}) as { batch_size?: number };
  return executeDueRefunds(database.db, clock.now(), {
    ...refunds,
    batch_size: body.batch_size ?? 1,
  });
});
app.get('/bench/memory', async (request) => {
  requireRole(request, 'operator');
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  // With --expose-gc (experiments only), ?gc=1 collects first: what is live, not what is garbage.
  const gc = (globalThis as { gc?: () => void }).gc;
  if ((request.query as { gc?: string }).gc && gc) gc();
  const m = process.memoryUsage();
  return {
    rss: mb(m.rss),
    heap_total: mb(m.heapTotal),
    heap_used: mb(m.heapUsed),
    external: mb(m.external),
    array_buffers: mb(m.arrayBuffers),
    spaces: Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]),
    ),
  };
});
// The garbage collector's pauses since the last call (and from then on anew): how many, and how
// long, young-generation scavenges apart from the rest (marking, compaction). A request that meets
// a pause waits it out, so they set a latency's tail.
let gcPauses = { minor: [] as number[], other: [] as number[] };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    (kind === perf.NODE_PERFORMANCE_GC_MINOR ? gcPauses.minor : gcPauses.other).push(
      entry.duration,
    );
  }
}).observe({ entryTypes: ['gc'] });
app.post('/bench/gc', async (request) => {
  requireRole(request, 'operator');
  const pauses = gcPauses;
  gcPauses = { minor: [], other: [] };
  return pauses;
});
// CPU profile of a window (the measured run), written as a .cpuprofile file for bench:profile;
// with `allocations`, a sampled allocation profile (every allocation, garbage included: what the
// garbage collector has to work through) as a .heapprofile file instead.
let profiler: { session: Session; allocations: boolean } | null = null;
app.post('/bench/profile/start', async (request) => {
  requireRole(request, 'operator');
  const allocations = Boolean((request.body as { allocations?: boolean } | null)?.allocations);
  const session = new Session();
  session.connect();
  if (allocations) {
    await session.post('HeapProfiler.enable');
    // Newer than @types/node's protocol types: without them only the live objects are sampled.
    const garbageToo = {
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    };
    await session.post('HeapProfiler.startSampling', { samplingInterval: 16_384, ...garbageToo });
  } else {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
  profiler = { session, allocations };
  return { profiling: true };
});
app.post('/bench/profile/stop', async (request) => {
  requireRole(request, 'operator');
  const { file } = request.body as { file: string };
  if (!profiler) return { written: null };
  const { session, allocations } = profiler;
  const { profile } = allocations
    ? await session.post('HeapProfiler.stopSampling')
    : await session.post('Profiler.stop');
  session.disconnect();
  profiler = null;
  writeFileSync(file, JSON.stringify(profile));
  return { written: file };
});
app.post('/bench/capture/start', async (request) => {
  requireRole(request, 'operator');
  captured = [];
  return { capturing: true };
});
// The stop request's own statements (its clock refresh) are not the captured command's: the
// capture ends where that request arrives, before Fastify's hooks run.
let stoppedAt: number | null = null;
app.server.prependListener('request', (req: { url?: string }) => {
  if (req.url === '/bench/capture/stop' && captured) stoppedAt = captured.length;
});
app.post('/bench/capture/stop', async (request) => {
  requireRole(request, 'operator');
  const statements = (captured ?? []).slice(0, stoppedAt ?? undefined);
  captured = null;
  stoppedAt = null;
  return { statements };
});

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
await app.listen({ port: config.port, host: config.host });
process.stdout.write(`bench server listening on ${config.host}:${config.port}\n`);
