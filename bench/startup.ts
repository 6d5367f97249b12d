/**
 * Start-up benchmark (issue 15, item 8).
 *
 *   npm run bench:startup [-- --restarts 3] [--idle-seconds 10] [--print-only]
 *
 * Runs `npm start` exactly as a new user does, with no DATABASE_URL and a data folder of its own
 * (a fresh temporary `SENDBACK_DATA_DIR`): the first start (the embedded database created,
 * migrated and seeded with the demo data; the UI already built), then `--restarts` restarts
 * (SIGTERM, wait for the exit, `npm start` again). Each start is timed from the spawn of `npm` to
 * the first 200 from `/readyz`; after `--idle-seconds` of idling, the memory of everything that
 * serves is summed: the server's node process and, when the embedded database is a PostgreSQL
 * server, its postmaster and every worker (RSS, and PSS, which counts pages shared between the
 * PostgreSQL processes once). The `npm` wrapper process is left out: it only waits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load, machine } from './lib/machine.ts';
import { postmasterOf, processTree, treeMemory } from './lib/process-tree.ts';
import { writeSection } from './lib/results.ts';
import { freePort, ROOT } from './lib/server.ts';
import { table } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    restarts: { type: 'string', default: '3' },
    'idle-seconds': { type: 'string', default: '10' },
    'print-only': { type: 'boolean', default: false },
  },
});
const RESTARTS = Number(args.restarts);
const IDLE_MS = Number(args['idle-seconds']) * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Start {
  label: string;
  seconds: number;
  stopSeconds?: number;
  nodeRssMb: number;
  totalRssMb: number;
  totalPssMb: number;
  processes: number;
}

async function start(env: Record<string, string>) {
  const started = process.hrtime.bigint();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${env['PORT']}/readyz`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Number(process.hrtime.bigint() - started) > 300e9) throw new Error('no answer in 300 s');
    await sleep(50);
  }
  return { child, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function stop(child: ChildProcess): Promise<number> {
  const t = process.hrtime.bigint();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  // npm exits at once; the server in its process group finishes its shutdown (and stops its
  // PostgreSQL) before it exits: wait for the whole group.
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      break;
    }
    await sleep(20);
  }
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function measure(
  child: ChildProcess,
  pgData: string,
): Omit<Start, 'label' | 'seconds' | 'stopSeconds'> {
  // The server is npm's descendant running node; npm itself only waits for it.
  const postmaster = postmasterOf(pgData);
  const database = postmaster ? processTree([postmaster]) : [];
  const tree = processTree([child.pid!]).filter(
    (pid) => pid !== child.pid && !database.includes(pid),
  );
  const node = treeMemory(tree, false);
  const all = treeMemory([...tree, ...(postmaster ? [postmaster] : [])]);
  return {
    nodeRssMb: node.rssMb,
    totalRssMb: all.rssMb,
    totalPssMb: all.pssMb,
    processes: all.processes,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'sendback-bench-start-'));
// Run as root, the embedded PostgreSQL runs as an unprivileged account that must reach it.
chmodSync(dataDir, 0o755);
const env = {
  PORT: String(await freePort()),
  HOST: '127.0.0.1',
  SENDBACK_DATA_DIR: join(dataDir, 'data'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
};
const pgData = join(env.SENDBACK_DATA_DIR, 'pg');
const starts: Start[] = [];
try {
  if (!existsSync(join(ROOT, 'web', 'dist'))) {
    process.stdout.write('Building the UI first (npm run build:web), so starts time the server\n');
    await new Promise<void>((resolve, reject) =>
      spawn('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' })
        .once('exit', (code) => (code === 0 ? resolve() : reject(new Error('build:web failed'))))
        .once('error', reject),
    );
  }
  let previousStop: number | undefined;
  for (let i = 0; i <= RESTARTS; i++) {
    const label = i === 0 ? 'first start (database created, demo data seeded)' : `restart ${i}`;
    const { child, seconds } = await start(env);
    process.stdout.write(`${label}: ready in ${seconds.toFixed(2)} s; idling\n`);
    await sleep(IDLE_MS);
    const memory = measure(child, pgData);
    starts.push({
      label,
      seconds,
      ...(previousStop === undefined ? {} : { stopSeconds: previousStop }),
      ...memory,
    });
    previousStop = await stop(child);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const restarts = starts.slice(1).map((s) => s.seconds);
const section = `## Start-up and idle memory (issue 15)

${await machine()}
- load after the run: ${load()}
- command: \`npm run bench:startup -- --restarts ${RESTARTS} --idle-seconds ${IDLE_MS / 1000}\`

\`npm start\` with no \`DATABASE_URL\` on a fresh data folder, then restarted ${RESTARTS} times;
memory after ${IDLE_MS / 1000} s idle: the server's node process and every process of the embedded
database (RSS sums count pages the PostgreSQL processes share once per process; PSS splits them).

${table(
  [
    'start',
    'ready in (s)',
    'previous stop (s)',
    'node RSS (MB)',
    'total RSS (MB)',
    'total PSS (MB)',
    'processes',
  ],
  starts.map((s) => [
    s.label,
    s.seconds.toFixed(2),
    s.stopSeconds === undefined ? '-' : s.stopSeconds.toFixed(2),
    s.nodeRssMb.toFixed(0),
    s.totalRssMb.toFixed(0),
    s.totalPssMb.toFixed(0),
    s.processes,
  ]),
)}

Restart: ${restarts.length ? `${Math.min(...restarts).toFixed(2)}–${Math.max(...restarts).toFixed(2)} s` : '-'}.
`;
process.stdout.write(`\n${section}\n`);
if (!args['print-only']) writeSection('startup', section);
