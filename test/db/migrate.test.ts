import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/database.ts';
import { migrate, migrationsAreCurrent } from '../../src/db/migrate.ts';
import { MIGRATIONS_FOLDER } from '../../src/paths.ts';
import { createTestDatabase, ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

const total = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;

describe('the migrations shipped', () => {
  it('are dated in their order: a database that has the earlier ones applies each later one', () => {
    // migrate() applies what is dated after the last migration a database ran; drizzle-kit dates
    // a new one by the clock, which can fall before hand-set dates of earlier ones.
    const dates = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map(
      (m) => m.folderMillis,
    );
    expect(dates.length).toBeGreaterThan(1);
    dates.slice(1).forEach((date, i) => {
      expect(date).toBeGreaterThan(dates[i]!);
    });
  });
});

describe.each(ENGINES)('migrations [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(() => database.close());

  it('are current on a migrated database, and a second run applies nothing', async () => {
    expect(await migrationsAreCurrent(database.db)).toBe(true);
    expect(await migrate(database.db)).toEqual({ applied: 0, total });
    expect(await migrate(database.db)).toEqual({ applied: 0, total });
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(rows[0]?.n).toBe(total);
  });
});

describe.each(ENGINES)('migrations on an empty database [%s]', (engine) => {
  it('two concurrent migrate runs on an empty database end with one schema', async () => {
    const { url, drop } = await createTestDatabase(engine, { empty: true });
    const a = await openDatabase({ url, poolSize: 2 });
    const b = await openDatabase({ url, poolSize: 2 });
    try {
      const results = await Promise.all([migrate(a.db), migrate(b.db)]);
      expect(results.map((r) => r.applied).sort()).toEqual([0, total]);
      const rows = await queryRows<{ n: number }>(
        a.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(rows[0]?.n).toBe(total);
      expect(await migrationsAreCurrent(b.db)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await drop();
    }
  });
});
