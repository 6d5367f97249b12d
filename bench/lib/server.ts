import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build-server.ts';

const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH, '..');

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const CARRIER_SECRET = 'bench-carrier-secret-0123456789';

/** A port nobody listens on right now (on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Memory {
  /** Resident set size now, in MB. */
  rssMb: number;
  /** Peak resident set size of the process so far (VmHWM), in MB. */
  hwmMb: number;
}

export function memoryOf(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak seen and VmHWM. */
export function sampleMemory(pid: number, everyMs = 100) {
  let peakRss = 0;
  let last: Memory | undefined;
  const samples: number[] = [];
  const tick = () => {
    const m = memoryOf(pid);
    if (!m) return;
    last = m;
    samples.push(m.rssMb);
    peakRss = Math.max(peakRss, m.rssMb);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop() {
      tick();
      clearInterval(timer);
      return { peakRssMb: peakRss, hwmMb: last?.hwmMb ?? 0, lastRssMb: last?.rssMb ?? 0, samples };
    },
  };
}

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `bench/server.ts` (what `sendback serve` runs, plus the bench-only routes) as a child
 * process on a free port and waits for /readyz. Its logs go to /dev/null unless `logFile`.
 */
export async function startServer(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number; tsx?: boolean } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  // --node-options come after npm start's flags, so that they can override one (V8 takes the last).
  const program = options.tsx
    ? [...(options.nodeArgs ?? []), '--import', 'tsx', join(BENCH, 'server.ts')]
    : [...START_NODE_FLAGS, ...(options.nodeArgs ?? []), (await bundle()).file];
  const child = spawn(process.execPath, program, {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      SENDBACK_CLOCK: 'manual',
      SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
      SENDBACK_WORKERS: 'off',
      SENDBACK_RATE_LIMIT_WRITES: '1000000',
      SENDBACK_CARRIER_SECRET: CARRIER_SECRET,
      SENDBACK_SIM_CARRIER: 'off',
      SENDBACK_SIM_SETTLE_SECONDS: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** The node flags `npm start` runs the server with (from package.json's start script). */
export const START_NODE_FLAGS: string[] = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

/** The node flags a benchmark's `--node-options="…"` gives the server (none when absent). */
export function nodeArgsOption(value: string | undefined): string[] {
  return value ? value.split(' ') : [];
}

/** How the benchmarks' server runs, for the reports. */
export function serverMode(options: { tsx?: boolean; nodeArgs?: string[] }): string {
  const flags = [...(options.tsx ? [] : START_NODE_FLAGS), ...(options.nodeArgs ?? [])];
  return (
    (options.tsx
      ? 'the TypeScript sources through tsx (`--tsx`)'
      : 'bundled, as `npm start` runs it (scripts/build-server.ts)') +
    (flags.length ? `, node flags \`${flags.join(' ')}\`` : '')
  );
}

let bundled: { file: string; remove: () => void } | undefined;

/**
 * bench/server.ts and the sources it imports bundled into one JavaScript file, as `npm start`
 * runs the server (scripts/build-server.ts): no TypeScript loader. Built once per benchmark run,
 * under .tmp/ in the project (where it finds the project's folder and node_modules).
 */
async function bundle(): Promise<{ file: string; remove: () => void }> {
  if (bundled) return bundled;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'bench-bundle-'));
  const file = await buildServer(join(BENCH, 'server.ts'), join(dir, 'server.mjs'));
  bundled = { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
  process.once('exit', () => bundled?.remove());
  return bundled;
}
