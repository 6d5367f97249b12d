import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';

/**
 * Where tests run: always on the run's embedded PostgreSQL server (the default a new user gets),
 * and on the system PostgreSQL 15 too when TEST_DATABASE_URL names it (CI does).
 */
export type Engine = 'embedded' | 'postgres';
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] || undefined;
export const ENGINES: Engine[] = TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

export type TestDatabase = Database;

function adminUrlOf(engine: Engine): string {
  if (engine === 'embedded') return inject('embeddedAdminUrl');
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  return TEST_DATABASE_URL;
}

async function withAdmin<T>(engine: Engine, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrlOf(engine) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of this test's own on `engine`'s server, migrated (cloned from the run's migrated
 * template) unless `empty`, and a way to drop it.
 */
export async function createTestDatabase(
  engine: Engine,
  options: { empty?: boolean } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sendback_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const template = options.empty ? 'template0' : inject('templates')[engine];
  if (!template) throw new Error(`no template database on ${engine}`);
  await withAdmin(engine, (c) => c.query(`create database ${name} template ${template}`));
  const url = new URL(adminUrlOf(engine));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(engine, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
        () => {},
      ),
  };
}

/** A migrated, empty database that no other test file sees. */
export async function freshDatabase(engine: Engine, poolSize = 6): Promise<TestDatabase> {
  const { url, drop } = await createTestDatabase(engine);
  const database = await openDatabase({ url, poolSize });
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
