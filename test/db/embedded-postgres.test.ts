import { type ChildProcess, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runningEmbeddedPid, runningEmbeddedUrl } from '../../src/db/embedded-postgres.ts';
import { ADMIN_TOKEN } from '../support/app.ts';
import { type Served, spawnServe, stopProcess } from '../support/serve.ts';

/**
 * The embedded default as a new user meets it: `sendback serve` with no DATABASE_URL, as separate
 * processes, killed the ways machines and people kill them.
 */
const folders: string[] = [];
const children: ChildProcess[] = [];

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sendback-embedded-'));
  // Run as root (CI), PostgreSQL runs as an unprivileged account that must reach the folder.
  chmodSync(dir, 0o755);
  folders.push(dir);
  return join(dir, 'data');
}

const env = (dataDir: string) => ({
  ...process.env,
  DATABASE_URL: '',
  SENDBACK_DATA_DIR: dataDir,
  SENDBACK_ADMIN_TOKEN: ADMIN_TOKEN,
  SENDBACK_RATE_LIMIT_WRITES: '100000',
  SENDBACK_WORKERS: 'off',
  PORT: '0',
  LOG_LEVEL: 'info',
});

async function serve(dataDir: string): Promise<Served> {
  const served = await spawnServe(env(dataDir));
  children.push(served.child);
  return served;
}

function cli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['bin/sendback.js', ...args], {
    env: env(dataDir),
    encoding: 'utf8',
    timeout: 90_000,
  });
}

const stop = stopProcess;

/**
 * Creates `n` shops through the API, one request after another; resolves to the names the server
 * acknowledged (201) before it stopped answering.
 */
async function writeShops(url: string, prefix: string, n: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${prefix} ${String(i).padStart(4, '0')}`;
    let res: Response;
    try {
      res = await fetch(`${url}/v1/sellers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, time_zone: 'UTC', region: 'US' }),
      });
    } catch {
      break; // the server is gone
    }
    if (res.status === 201) acknowledged.push(name);
  }
  return acknowledged;
}

/** The shops whose name starts with `prefix`, read straight from the running server. */
async function shopsNamed(dataDir: string, prefix: string): Promise<string[]> {
  const url = runningEmbeddedUrl(dataDir, 'sendback');
  if (!url) throw new Error('no embedded server runs');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ name: string }>(
      'select name from sellers where name like $1 order by name',
      [`${prefix}%`],
    );
    return r.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function until(check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  for (const child of children.splice(0)) await stop(child, 'SIGKILL');
  for (const dir of folders.splice(0)) {
    // The postmaster of this test's own folder (checked against /proc), and its workers.
    const pid = runningEmbeddedPid(join(dir, 'data'));
    if (pid) {
      process.kill(-pid, 'SIGKILL');
      await until(() => runningEmbeddedPid(join(dir, 'data')) === null);
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the embedded PostgreSQL server [embedded]', () => {
  it('is created on first start, durable, on a socket in the data folder, not run as root, and stopped with the node', async () => {
    const dataDir = dataFolder();
    const a = await serve(dataDir);
    expect(a.output()).toMatch(/Creating the embedded PostgreSQL database/);
    const postmaster = runningEmbeddedPid(dataDir)!;
    expect(postmaster).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(readFileSync(join(dataDir, 'postgres.log'), 'utf8')).toMatch(
      /ready to accept connections/,
    );

    const client = new pg.Client({ connectionString: runningEmbeddedUrl(dataDir, 'sendback')! });
    await client.connect();
    const setting = async (name: string) =>
      (await client.query<{ s: string }>(`select current_setting('${name}') as s`)).rows[0]?.s;
    expect(await setting('fsync')).toBe('on');
    expect(await setting('synchronous_commit')).toBe('on');
    expect(await setting('full_page_writes')).toBe('on');
    expect(await setting('listen_addresses')).toBe('');
    expect(await setting('unix_socket_directories')).toBe(join(dataDir, 'pg'));
    expect(await setting('server_version')).toMatch(/^18\./);
    await client.end();
    // PostgreSQL never runs as root: as root, the server runs it as `nobody` (SENDBACK_PG_USER).
    const uid = Number(
      /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${postmaster}/status`, 'utf8'))?.[1],
    );
    if (process.getuid?.() === 0) expect(uid).not.toBe(0);
    else expect(uid).toBe(process.getuid?.());

    await stop(a.child, 'SIGTERM');
    expect(a.child.exitCode).toBe(0);
    await until(() => runningEmbeddedPid(dataDir) === null);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('after kill -9 of the node, the next start adopts the orphaned server with every acknowledged write', async () => {
    const dataDir = dataFolder();
    const a = await serve(dataDir);
    const before = await writeShops(a.url, 'Kill node', 25);
    expect(before).toHaveLength(25);
    const postmaster = runningEmbeddedPid(dataDir);
    await stop(a.child, 'SIGKILL');
    // PostgreSQL outlives the node, as the same server.
    expect(runningEmbeddedPid(dataDir)).toBe(postmaster);

    const b = await serve(dataDir);
    expect(b.output()).toMatch(/Using the embedded PostgreSQL already running/);
    expect(runningEmbeddedPid(dataDir)).toBe(postmaster);
    expect(await shopsNamed(dataDir, 'Kill node')).toEqual([...before].sort());
    const after = await writeShops(b.url, 'Kill node again', 5);
    expect(await shopsNamed(dataDir, 'Kill node again')).toEqual([...after].sort());
    await stop(b.child, 'SIGTERM');
    await until(() => runningEmbeddedPid(dataDir) === null);
  }, 180_000);

  it('after kill -9 of the node and of PostgreSQL, crash recovery brings back every acknowledged write', async () => {
    const dataDir = dataFolder();
    const a = await serve(dataDir);
    // Writes in flight when everything dies: only the acknowledged ones must come back.
    const acknowledged = await writeShops(a.url, 'Kill all', 40);
    const inFlight = writeShops(a.url, 'In flight', 2000);
    await new Promise((r) => setTimeout(r, 500));
    const postmaster = runningEmbeddedPid(dataDir)!;
    a.child.kill('SIGKILL');
    process.kill(-postmaster, 'SIGKILL'); // the postmaster and every backend, at once
    const acknowledgedInFlight = await inFlight;
    expect(acknowledgedInFlight.length).toBeGreaterThan(0);
    await until(() => runningEmbeddedPid(dataDir) === null);

    const b = await serve(dataDir);
    expect(runningEmbeddedPid(dataDir)).not.toBe(postmaster);
    expect(readFileSync(join(dataDir, 'postgres.log'), 'utf8')).toMatch(
      /database system was interrupted|not properly shut down/,
    );
    expect(await shopsNamed(dataDir, 'Kill all')).toEqual([...acknowledged].sort());
    const recovered = await shopsNamed(dataDir, 'In flight');
    process.stdout.write(
      `crash of node and PostgreSQL: ${acknowledged.length} + ${acknowledgedInFlight.length} ` +
        `writes acknowledged, ${acknowledged.length + recovered.length} recovered\n`,
    );
    // Everything acknowledged is there (at most one more: committed, its answer lost in the kill).
    for (const name of acknowledgedInFlight) expect(recovered).toContain(name);
    expect(recovered.length - acknowledgedInFlight.length).toBeLessThanOrEqual(1);
    expect(cli(dataDir, 'verify').stdout).toMatch(/All records verify/);
    await stop(b.child, 'SIGTERM');
  }, 180_000);

  it('is started again when it dies under a running node, which then answers as before', async () => {
    const dataDir = dataFolder();
    const a = await serve(dataDir);
    expect(await writeShops(a.url, 'Before the crash', 5)).toHaveLength(5);
    const postmaster = runningEmbeddedPid(dataDir)!;
    process.kill(-postmaster, 'SIGKILL');
    await until(() => {
      const now = runningEmbeddedPid(dataDir);
      return now !== null && now !== postmaster;
    });
    expect(a.output()).toMatch(/stopped unexpectedly; starting it again/);
    // The pool replaces its dead connections: the node serves on without a restart.
    let written: string[] = [];
    for (let i = 0; i < 20 && written.length < 3; i++) {
      written = await writeShops(a.url, `After the crash ${i}`, 3);
      if (written.length < 3) await new Promise((r) => setTimeout(r, 500));
    }
    expect(written).toHaveLength(3);
    expect(await shopsNamed(dataDir, 'Before the crash')).toHaveLength(5);
    await stop(a.child, 'SIGTERM');
    await until(() => runningEmbeddedPid(dataDir) === null);
  }, 120_000);

  it('one folder, one server: two nodes share it, the CLI goes through it, and the last to leave stops it', async () => {
    const dataDir = dataFolder();
    const a = await serve(dataDir);
    const b = await serve(dataDir);
    expect(b.output()).toMatch(/Using the embedded PostgreSQL already running/);
    const postmaster = runningEmbeddedPid(dataDir);

    // A write on one node is read on the other.
    const created = await fetch(`${a.url}/v1/sellers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Two nodes', time_zone: 'UTC', region: 'US' }),
    });
    const { id } = (await created.json()) as { id: string };
    const seen = await fetch(`${b.url}/v1/sellers/${id}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as { name: string }).name).toBe('Two nodes');

    // verify, sweep and migrate on the same folder connect to it, and leave it running.
    const firstBatch = await writeShops(b.url, 'Around verify', 10);
    for (const command of ['verify', 'sweep', 'migrate']) {
      const run = cli(dataDir, command);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).toMatch(/Using the embedded PostgreSQL already running/);
      expect(runningEmbeddedPid(dataDir)).toBe(postmaster);
    }
    const secondBatch = await writeShops(a.url, 'Around verify, later', 10);
    expect(secondBatch).toHaveLength(10);

    // The first node leaves: the server stays for the second one.
    await stop(a.child, 'SIGTERM');
    expect(a.output()).toMatch(/Leaving the embedded PostgreSQL running/);
    expect(runningEmbeddedPid(dataDir)).toBe(postmaster);
    expect(await writeShops(b.url, 'After a left', 3)).toHaveLength(3);

    // The node is killed; the next start still sees every write acknowledged around the CLI runs.
    await stop(b.child, 'SIGKILL');
    const c = await serve(dataDir);
    expect(await shopsNamed(dataDir, 'Around verify')).toHaveLength(20);
    expect(await shopsNamed(dataDir, 'After a left')).toHaveLength(3);
    expect(firstBatch).toHaveLength(10);
    await stop(c.child, 'SIGTERM');
    await until(() => runningEmbeddedPid(dataDir) === null);

    // With no server running, a CLI command starts it and stops it again.
    const run = cli(dataDir, 'verify');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/All records verify/);
    expect(runningEmbeddedPid(dataDir)).toBeNull();
  }, 240_000);

  it('two nodes started at the same instant on a new folder create one cluster and share it', async () => {
    const dataDir = dataFolder();
    const [a, b] = await Promise.all([serve(dataDir), serve(dataDir)]);
    const postmaster = runningEmbeddedPid(dataDir);
    expect(postmaster).not.toBeNull();
    const started = [a, b].filter((n) => /Started the embedded PostgreSQL/.test(n.output()));
    expect(started).toHaveLength(1);
    expect(await writeShops(a.url, 'Same instant a', 3)).toHaveLength(3);
    expect(await writeShops(b.url, 'Same instant b', 3)).toHaveLength(3);
    expect(await shopsNamed(dataDir, 'Same instant')).toHaveLength(6);
    // The demo data was seeded once.
    const client = new pg.Client({ connectionString: runningEmbeddedUrl(dataDir, 'sendback')! });
    await client.connect();
    const shops = await client.query(
      "select count(*)::int as n from sellers where name not like 'Same instant%'",
    );
    await client.end();
    expect(shops.rows[0]?.n).toBe(3);
    await Promise.all([stop(a.child, 'SIGTERM'), stop(b.child, 'SIGTERM')]);
    await until(() => runningEmbeddedPid(dataDir) === null);
  }, 180_000);

  it('refuses a folder made by PGlite, and says in one line why a start failed', async () => {
    const dataDir = dataFolder();
    mkdirSync(join(dataDir, 'pgdata'), { recursive: true });
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), '17\n');
    const refused = cli(dataDir, 'serve');
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/PGlite.*Nothing was changed.*move that folder away/);
    expect(existsSync(join(dataDir, 'pg'))).toBe(false);

    // A cluster this PostgreSQL cannot read: the reason comes from PostgreSQL's own log.
    const broken = dataFolder();
    expect(cli(broken, 'migrate').status).toBe(0);
    writeFileSync(join(broken, 'pg', 'PG_VERSION'), '12\n');
    const failed = cli(broken, 'migrate');
    expect(failed.status).toBe(1);
    const line = failed.stderr.trim().split('\n');
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/did not start: .*(incompatible|version 12).*log: /);
  }, 120_000);
});
