import { is, type SQL, sql } from 'drizzle-orm';
import {
  drizzle as drizzleNodePg,
  NodePgSession,
  NodePgTransaction,
} from 'drizzle-orm/node-postgres';
import {
  type PgDatabase,
  type PgDialect,
  type PgQueryResultHKT,
  PgTransaction,
} from 'drizzle-orm/pg-core';
import pg from 'pg';
import { NamingClient, PipelinedClient } from './client.ts';
import type { EmbeddedServer } from './embedded-postgres.ts';
import { carrySettings, configureDb, preparedQuery, runText } from './prepared.ts';

/**
 * What repositories and use cases work with: the whole database or an open transaction. Without
 * Drizzle's relational queries (`db.query`), which nothing uses: given the schema, Drizzle builds
 * one query builder per table for every transaction it opens.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  readonly db: Db;
  /** The connection string the pool uses. */
  readonly url: string;
  /** The embedded server this process uses (no DATABASE_URL), or null for an external one. */
  readonly embedded: EmbeddedServer | null;
  close(): Promise<void>;
  /**
   * Calls `onPayload` for each NOTIFY on `channel` (sent by any node, delivered on commit).
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** PostgreSQL connection string. */
  url: string;
  poolSize?: number;
  /**
   * Run the prepared queries under statement names (the default). Off for poolers that hand a
   * transaction any server connection (PgBouncer in transaction mode, RDS Proxy): a name
   * prepared on one connection does not exist on the next.
   */
  namedStatements?: boolean;
  /** The embedded server behind `url`: released (stopped when nobody else uses it) on close. */
  embedded?: EmbeddedServer;
}

// PostgreSQL returns int8 and numeric as strings by default; counts and sums here stay far below
// 2^53, so parsing them as numbers keeps the types honest.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const named = options.namedStatements ?? true;
  const pool = new pg.Pool({
    Client: named ? NamingClient : PipelinedClient,
    connectionString: options.url,
    max: options.poolSize ?? 8,
    // A statement that hangs must not hold a row lock forever.
    statement_timeout: 30_000,
  });
  // An idle client error (the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzleNodePg({ client: pool }) as unknown as Db;
  configureDb(db, { namedStatements: named });
  try {
    await checkPreparedQueries(db);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const url = options.url;
  const embedded = options.embedded ?? null;
  return {
    db,
    url,
    embedded,
    close: async () => {
      await pool.end();
      await embedded?.release();
    },
    listen: (channel, onPayload) => listenOnPostgres(url, channel, onPayload),
  };
}

/**
 * LISTEN needs a connection of its own (a pooled one would be handed to others). If it drops,
 * it reconnects after a second; notifications sent meanwhile are missed, which only delays a
 * screen refresh: live updates are a convenience, the data is always read fresh.
 */
async function listenOnPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async (first: boolean): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    let retried = false;
    const retry = () => {
      if (stopped || retried) return;
      retried = true;
      setTimeout(() => void connect(false), 1000).unref();
    };
    next.on('error', () => {
      void next.end().catch(() => {});
      retry();
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      await next.end().catch(() => {});
      // The server is restarting (or was just restarted): keep trying until it answers.
      if (first) throw err;
      retry();
      return;
    }
    client = next;
  };
  await connect(true);
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

/**
 * Independent reads, side by side on the pool (each on a connection of its own, so their round
 * trips overlap), or in a transaction, whose one connection takes them in one write
 * (PipelinedClient#together): PostgreSQL runs them one after another, in the order given, so a
 * read placed after a locking statement starts after its locks were granted.
 */
export async function readTogether<T extends unknown[]>(
  db: Db,
  reads: [...{ [K in keyof T]: () => Promise<T[K]> }],
): Promise<T> {
  if (is(db, PgTransaction)) {
    const client = pipelinedClientOf(db);
    if (client) return client.together<T>(reads);
    const out: unknown[] = [];
    for (const read of reads) out.push(await read());
    return out as T;
  }
  return (await Promise.all(reads.map((read) => read()))) as T;
}

/**
 * PostgreSQL's SQLSTATE of a failed statement: on the error itself, or on its cause (Drizzle wraps
 * the driver's error, and a statement behind a failed one sent ahead carries that one's error).
 */
export function sqlStateOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The transaction's own connection, when it is one of ours (every pooled one is). */
function pipelinedClientOf(db: Db): PipelinedClient | undefined {
  if (!is(db, PgTransaction)) return undefined;
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  return client instanceof PipelinedClient ? client : undefined;
}

/**
 * In a transaction, sends `statement` and returns without waiting for its answer
 * (PipelinedClient#sendAhead): the statements after it share its round trip, and a failure reaches
 * the next statement and the commit. Anywhere else it is awaited.
 */
export async function sendAhead(
  db: Db,
  statement: { name?: string; text: string; values: unknown[] },
): Promise<void> {
  const client = pipelinedClientOf(db);
  if (client) client.sendAhead(statement);
  else await runText(db, statement);
}

/**
 * At the start of a transaction, has `statement` run first, in the write of the transaction's
 * first statement (PipelinedClient#withFirstStatement); anywhere else it runs now.
 */
export async function withFirstStatement(
  db: Db,
  statement: { text: string; values: unknown[] },
): Promise<void> {
  const client = pipelinedClientOf(db);
  if (client) client.withFirstStatement(statement);
  else await runText(db, statement);
}

/**
 * The statement with text `text` that withFirstStatement holds for this transaction's first
 * statement, taken back for the caller to run inside that statement (PipelinedClient
 * #takeFirstStatement); undefined when none is held, or it already ran.
 */
export function takeFirstStatement(
  db: Db,
  text: string,
): { text: string; values: unknown[] } | undefined {
  const taken = pipelinedClientOf(db)?.takeFirstStatement(text);
  return taken && { text: taken.text, values: taken.values ?? [] };
}

/**
 * Runs `work` in a transaction (or, when `db` is already one, in a savepoint) and hands it the
 * transaction as a `Db`, so repositories and use cases take either without a cast.
 *
 * Opened as Drizzle's `transaction` opens one (a pooled connection, a session and a transaction
 * object over it, `begin`, then `commit` or `rollback`, the connection released), with `begin` and
 * `commit` sent as text: Drizzle builds each as SQL, prepares and traces it, a fiftieth of the
 * server's CPU per command. A savepoint is still Drizzle's.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const { session, dialect } = db as unknown as { session: AnySession; dialect: PgDialect };
  const pool = (session as unknown as { client: unknown }).client;
  if (is(db, PgTransaction) || !(pool instanceof pg.Pool)) {
    return db.transaction((raw) => {
      const tx = raw as unknown as Db;
      carrySettings(db, tx);
      return work(tx);
    });
  }
  const client = await pool.connect();
  try {
    const tx = new NodePgTransaction(
      dialect,
      new NodePgSession(client, dialect, undefined, sessionOptions(session)),
      undefined,
    ) as unknown as Db;
    carrySettings(db, tx);
    await client.query('begin');
    try {
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback');
      throw err;
    }
  } finally {
    client.release();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a session of no particular schema.
type AnySession = NodePgSession<any, any>;

/** The options (logger, cache) a session was made with, for the sessions of its transactions. */
function sessionOptions(session: AnySession) {
  return (session as unknown as { options: ConstructorParameters<typeof NodePgSession>[3] })
    .options;
}

/** Whether the database answers (throws when it does not). */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** Rows of a raw SQL query. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const backendPid = preparedQuery<{ pid: number }[], Record<string, never>>(
  'sendback_backend_pid',
  (db) => db.select({ pid: sql<number>`pg_backend_pid()`.as('pid') }).from(sql`(select 1) as one`),
);

/**
 * Fails fast if prepared queries would run outside the caller's transaction: a future Drizzle
 * that keeps its session's client elsewhere would otherwise silently take the case locks on
 * another connection. Run once by openDatabase.
 */
export async function checkPreparedQueries(
  db: Db,
  query: (tx: Db, values: Record<string, never>) => Promise<{ pid: number }[]> = backendPid,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [prepared] = await query(tx, {});
    const [plain] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
    if (!prepared || !plain || Number(prepared.pid) !== Number(plain.pid)) {
      throw new Error(
        `A prepared query ran on PostgreSQL backend ${prepared?.pid} while its transaction holds backend ${plain?.pid}: the installed drizzle-orm no longer keeps its client where prepared.ts expects it. Install the version package.json pins.`,
      );
    }
  });
}

/**
 * Runs `work` in a read-only transaction: PostgreSQL refuses any write in it, so a what-if or a
 * report cannot change stored data whatever it calls.
 */
export function readOnly<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`set transaction read only`);
    return work(tx);
  });
}
