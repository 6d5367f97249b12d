import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { is, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { setNamedStatements } from './prepared.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/**
 * What repositories and use cases work with: the whole database or an open transaction.
 * Both drivers (PGlite and node-postgres) produce this same type, so every query is written once.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  close(): Promise<void>;
  /**
   * Calls `onPayload` for each NOTIFY on `channel` (sent by any node, delivered on commit).
   * Resolves to a function that stops listening.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory (persisted on disk); ignored with `url`. */
  dataDir?: string | undefined;
  /** An already-open PGlite instance (tests load one from a prepared dump). */
  pglite?: PGlite;
  poolSize?: number;
  /**
   * Run the prepared queries under statement names (the default). Off for poolers that hand a
   * transaction any server connection (PgBouncer in transaction mode, RDS Proxy): a name
   * prepared on one connection does not exist on the next.
   */
  namedStatements?: boolean;
}

// PostgreSQL returns int8 and numeric as strings by default; counts and sums here stay far below
// 2^53, so parsing them as numbers keeps the types honest across both engines.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export async function openDatabase(options: OpenOptions): Promise<Database> {
  setNamedStatements(options.namedStatements ?? true);
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 8,
      // A statement that hangs must not hold a row lock forever.
      statement_timeout: 30_000,
    });
    // An idle client error (the server restarted) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    const url = options.url;
    return {
      engine: 'postgres',
      db,
      close: () => pool.end(),
      listen: (channel, onPayload) => listenOnPostgres(url, channel, onPayload),
    };
  }
  // The embedded database's modules are loaded only when it is used: PGlite's weighs about 40 MB
  // of memory that a node on PostgreSQL has no use for.
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  let client = options.pglite;
  if (!client) {
    const dataDir = options.dataDir ?? './.sendback';
    mkdirSync(dataDir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    client = await PGlite.create({ dataDir: `${dataDir}/pgdata` });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const pglite = client;
  return {
    engine: 'pglite',
    db,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
    listen: async (channel, onPayload) => {
      const stop = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
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
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (n) => {
      if (n.channel === channel && n.payload) onPayload(n.payload);
    });
    next.on('error', () => {
      void next.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}

/**
 * Independent reads, side by side on the pool (each on a connection of its own, so their round
 * trips overlap), or one after another in a transaction, whose one connection takes one query
 * at a time.
 */
export async function readTogether<T extends unknown[]>(
  db: Db,
  reads: [...{ [K in keyof T]: () => Promise<T[K]> }],
): Promise<T> {
  if (is(db, PgTransaction)) {
    const out: unknown[] = [];
    for (const read of reads) out.push(await read());
    return out as T;
  }
  return (await Promise.all(reads.map((read) => read()))) as T;
}

/** Rows of a raw SQL query, the same way on both engines. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
