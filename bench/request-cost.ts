/**
 * What one request costs the server in CPU, by kind: the floor under every command (issue 21).
 *
 *   npm run bench:request-cost [-- --requests 3000] [--print-only]
 *
 * Starts the server (bench/server.ts, bundled as `npm start` runs it, system clock) on a fresh
 * database of the system PostgreSQL, makes a buyer with an API key, then sends each kind of
 * request `--requests` times from 4 keep-alive connections and reads the server's CPU time (user
 * and kernel, from /proc) before and after:
 *
 * - `GET /healthz`: Fastify's request path with the security headers, metrics and the log line;
 * - `GET /v1/returns?limit=1` as the buyer: that, plus the API key's check and one small query.
 *
 * A case command cannot be repeated on one case, so commands are measured by `bench:lifecycle`
 * (server CPU per lifecycle of 8 requests); this gives the floor under each of them. Each kind
 * is warmed up, then runs twice, in turns; the table gives both rounds.
 */
import { parseArgs } from 'node:util';
import { cpuSplitOf } from './lib/cpu.ts';
import { Client, expectStatus } from './lib/http.ts';
import { load, machine } from './lib/machine.ts';
import { createDatabase, dropDatabase, uniqueName } from './lib/pg.ts';
import { writeSection } from './lib/results.ts';
import { serverMode, startServer } from './lib/server.ts';
import { bearer, createPerson, inParallel } from './lib/world.ts';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    'print-only': { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(args.requests);
const CONNECTIONS = 4;
const WARM_UP = 5000;

const name = uniqueName('sendback_bench_cost');
const url = await createDatabase(name);
const server = await startServer({
  DATABASE_URL: url,
  SENDBACK_CLOCK: 'system',
  SENDBACK_DB_POOL_SIZE: String(CONNECTIONS),
});
const rows: string[] = [];
try {
  const http = new Client(server.url, CONNECTIONS);
  const buyer = await createPerson(http, 'buyer', `cost-buyer-${name}`);
  const kinds: { label: string; path: string; headers: Record<string, string> }[] = [
    { label: '`GET /healthz` (no caller)', path: '/healthz', headers: {} },
    {
      label: '`GET /v1/returns?limit=1` (API key, one small query)',
      path: '/v1/returns?limit=1',
      headers: bearer(buyer.token),
    },
  ];
  /** Sends `count` requests of a kind from every connection; the server's CPU meanwhile, in ms. */
  const run = async (kind: (typeof kinds)[number], count: number) => {
    const before = cpuSplitOf(server.pid);
    await inParallel(count, CONNECTIONS, async () => {
      expectStatus(await http.request('GET', kind.path, { headers: kind.headers }), 200, kind.path);
    });
    const after = cpuSplitOf(server.pid);
    return {
      total: after.user + after.system - (before.user + before.system),
      kernel: after.system - before.system,
    };
  };
  // The first thousands of requests cost twice the later ones (the JIT at work): warm up first.
  for (const kind of kinds) await run(kind, WARM_UP);
  const perKind = new Map<string, string[]>();
  for (let round = 0; round < 2; round++) {
    for (const kind of kinds) {
      const { total, kernel } = await run(kind, REQUESTS);
      const cell = `${((total * 1000) / REQUESTS).toFixed(0)} (${((kernel * 1000) / REQUESTS).toFixed(0)})`;
      perKind.set(kind.label, [...(perKind.get(kind.label) ?? []), cell]);
      process.stdout.write(`${kind.label}, round ${round + 1}: ${cell} µs per request\n`);
    }
  }
  for (const [label, cells] of perKind) rows.push(`| ${label} | ${cells.join(' | ')} |`);
} finally {
  await server.stop();
  await dropDatabase(name);
}

const section = `## Request cost: the server's CPU per request, by kind

${await machine()}
- load after the run: ${load()}
- command: \`npm run bench:request-cost${args['print-only'] ? ' -- --print-only' : ''}\`
- ${REQUESTS} requests of each kind from ${CONNECTIONS} keep-alive connections on 127.0.0.1, after ${WARM_UP} of each to warm up, twice in turns; the server ${serverMode({})}, system clock, pool ${CONNECTIONS}, log level info.

| request | round 1: µs of server CPU (kernel) | round 2 |
| --- | --- | --- |
${rows.join('\n')}

The floor under every request: a case command of \`bench:lifecycle\` costs the server its
"server CPU ms / lifecycle" over its 8 requests, so what a command spends above these figures is
its own work (its statements, the domain, hashing, the answer).
`;
process.stdout.write(`\n${section}`);
if (!args['print-only']) writeSection('request-cost', section);
