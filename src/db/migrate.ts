import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_FOLDER } from '../paths.ts';
import { type Db, inTransaction, queryRows } from './database.ts';

// Any constant works; it only has to be the same on every node and not used for anything else.
const MIGRATION_LOCK_KEY = 7_365_201_001;

function migrationFiles() {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
}

export interface MigrationResult {
  applied: number;
  total: number;
}

/**
 * Applies pending migrations in one transaction. The transaction first takes an advisory lock, so
 * two nodes starting together run one after the other: the second finds nothing left to do.
 * The bookkeeping table is drizzle's own (`drizzle.__drizzle_migrations`), so `drizzle-kit` tools
 * still understand the database.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  const migrations = migrationFiles();
  return inTransaction(db, async (tx) => {
    // A migration rewrites whole tables (a new column filled for every case): it takes as long
    // as the data needs, not the 30 s a request's statement is given; so does a second node's
    // wait for the lock while the first one migrates.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key,
        hash text not null,
        created_at bigint
      )`);
    const [last] = await queryRows<{ created_at: number | string }>(
      tx,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const lastMillis = last ? Number(last.created_at) : -1;
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastMillis) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
      applied++;
    }
    return { applied, total: migrations.length };
  });
}

/** True when every migration shipped with this build has been applied. */
export async function migrationsAreCurrent(db: Db): Promise<boolean> {
  const migrations = migrationFiles();
  const newest = migrations.at(-1);
  if (!newest) return true;
  try {
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations where created_at >= ${newest.folderMillis}`,
    );
    return (rows[0]?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
