import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
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
}

export interface OpenOptions {
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory (persisted on disk); ignored with `url`. */
  dataDir?: string | undefined;
  /** An already-open PGlite instance (tests load one from a prepared dump). */
  pglite?: PGlite;
  poolSize?: number;
}

// PostgreSQL returns int8 and numeric as strings by default; counts and sums here stay far below
// 2^53, so parsing them as numbers keeps the types honest across both engines.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export async function openDatabase(options: OpenOptions): Promise<Database> {
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
    return { engine: 'postgres', db, close: () => pool.end() };
  }
  let client = options.pglite;
  if (!client) {
    const dataDir = options.dataDir ?? './.sendback';
    mkdirSync(dataDir, { recursive: true });
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
  };
}

/** Rows of a raw SQL query, the same way on both engines. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
