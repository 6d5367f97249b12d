import { DrizzleQueryError, eq, sql } from 'drizzle-orm';
import { NodePgPreparedQuery } from 'drizzle-orm/node-postgres';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkPreparedQueries,
  type Db,
  inTransaction,
  openDatabase,
  queryRows,
  sqlStateOf,
} from '../../src/db/database.ts';
import { preparedByIds, preparedQuery } from '../../src/db/prepared.ts';
import { sellers } from '../../src/db/schema.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

const NOW = new Date('2026-03-10T15:00:00.000Z');

const shopsById = preparedQuery('test_shops_by_id', (db) =>
  db
    .select({ id: sellers.id, name: sellers.name, createdAt: sellers.createdAt })
    .from(sellers)
    .where(sql`${sellers.id} = any(${sql.placeholder('ids')}::text[])`)
    .orderBy(sellers.id),
);

const unnamedShops = preparedQuery('test_unnamed_shops', (db) =>
  db
    .select({ id: sellers.id })
    .from(sellers)
    .where(sql`${sellers.id} = any(${sql.placeholder('ids')}::text[])`),
);

async function addShop(db: Db, id: string, name: string): Promise<void> {
  await db.insert(sellers).values({
    id,
    name,
    timeZone: 'America/New_York',
    region: 'US',
    policy: {},
    createdAt: NOW,
    updatedAt: NOW,
  });
}

describe.each(ENGINES)('prepared queries [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    await addShop(database.db, 'sel_a', 'Shop A');
    await addShop(database.db, 'sel_b', 'Shop B');
  });
  afterAll(() => database.close());

  it('run with each call’s values and map rows as the query builder does', async () => {
    const db = database.db;
    expect(await shopsById(db, { ids: ['sel_b'] })).toEqual([
      { id: 'sel_b', name: 'Shop B', createdAt: NOW },
    ]);
    expect((await shopsById(db, { ids: ['sel_a', 'sel_b'] })).map((r) => r.id)).toEqual([
      'sel_a',
      'sel_b',
    ]);
    expect(await shopsById(db, { ids: ['sel_none'] })).toEqual([]);
  });

  it("run without Drizzle's execute when they map their rows themselves", async () => {
    const execute = vi.spyOn(NodePgPreparedQuery.prototype, 'execute');
    try {
      expect(await shopsById(database.db, { ids: ['sel_a'] })).toHaveLength(1);
      expect(execute).not.toHaveBeenCalled();
    } finally {
      execute.mockRestore();
    }
  });

  it('map rows as the query builder does: nested objects, SQL fields, aliases, joins, nulls', async () => {
    const db = database.db;
    const other = alias(sellers, 'other');
    // One select of every kind of field Drizzle maps, built for each way of running it.
    const shaped = (d: Db) =>
      d
        .select({
          shop: { id: sellers.id, name: sellers.name, createdAt: sellers.createdAt },
          policy: sellers.policy,
          other: { name: other.name },
          upper: sql<string>`upper(${sellers.name})`,
          length: sql<number>`length(${sellers.name})`.mapWith(Number),
          at: sql`${sellers.updatedAt}`.mapWith(sellers.updatedAt).as('at'),
          missing: sql<string | null>`null::text`,
        })
        .from(sellers)
        .innerJoin(other, eq(other.id, sellers.id))
        .where(sql`${sellers.id} = any(${sql.placeholder('ids')}::text[])`)
        .orderBy(sellers.id);
    const prepared = preparedQuery('test_shaped_rows', shaped);
    // The left join's all-null table becomes null: Drizzle's own mapper keeps that.
    const leftJoined = (d: Db) =>
      d
        .select({ id: sellers.id, other: { id: other.id, name: other.name } })
        .from(sellers)
        .leftJoin(other, sql`${other.id} = ${sellers.id} and ${other.name} = 'Shop B'`)
        .where(sql`${sellers.id} = any(${sql.placeholder('ids')}::text[])`)
        .orderBy(sellers.id);
    const preparedLeft = preparedQuery('test_left_joined_rows', leftJoined);

    const ids = ['sel_a', 'sel_b'];
    const built = await shaped(db).execute({ ids });
    expect(built).toHaveLength(2);
    expect(built[0]).toMatchObject({
      shop: { id: 'sel_a', name: 'Shop A', createdAt: NOW },
      other: { name: 'Shop A' },
      upper: 'SHOP A',
      length: 6,
      at: NOW,
      missing: null,
    });
    expect(await prepared(db, { ids })).toEqual(built);
    await inTransaction(db, async (tx) => {
      expect(await prepared(tx, { ids })).toEqual(built);
    });
    const left = await leftJoined(db).execute({ ids });
    expect(left).toEqual([
      { id: 'sel_a', other: null },
      { id: 'sel_b', other: { id: 'sel_b', name: 'Shop B' } },
    ]);
    expect(await preparedLeft(db, { ids })).toEqual(left);
  });

  it('answer and fail as Drizzle does: a write its driver result, a failure its error', async () => {
    const db = database.db;
    const rename = (d: Db) =>
      d
        .update(sellers)
        .set({ name: sql`${sql.placeholder('name')}` })
        .where(eq(sellers.id, sql.placeholder('id')));
    const prepared = preparedQuery('test_rename_shop', rename);
    type Answer = { rowCount: number | null; command: string; rows: unknown[] };
    const byDrizzle = (await rename(db).execute({ id: 'sel_a', name: 'Shop A' })) as Answer;
    const ours = (await prepared(db, { id: 'sel_a', name: 'Shop A' })) as Answer;
    expect(ours.rowCount).toBe(1);
    expect(ours.command).toBe(byDrizzle.command);
    expect(ours.rows).toEqual(byDrizzle.rows);

    const insertShop = preparedQuery('test_insert_shop', (d: Db) =>
      d.insert(sellers).values({
        id: sql.placeholder('id'),
        name: 'Twice',
        timeZone: 'America/New_York',
        region: 'US',
        policy: {},
        createdAt: NOW,
        updatedAt: NOW,
      }),
    );
    const failure = await insertShop(db, { id: 'sel_a' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DrizzleQueryError);
    expect((failure as Error).message).toMatch(/^Failed query: insert into "sellers"/);
    expect(sqlStateOf(failure)).toBe('23505');
    await expect(shopsById(db, { ids: ['sel_a'] })).resolves.toHaveLength(1);
  });

  it('run inside a transaction on its connection: they see its uncommitted rows', async () => {
    const db = database.db;
    await expect(
      inTransaction(db, async (tx) => {
        await addShop(tx, 'sel_c', 'Shop C');
        expect((await shopsById(tx, { ids: ['sel_c'] })).map((r) => r.name)).toEqual(['Shop C']);
        // The pool's other connections do not see it yet.
        expect(await shopsById(db, { ids: ['sel_c'] })).toEqual([]);
        // PostgreSQL keeps the statement prepared under its name on this connection.
        const named = await queryRows<{ name: string }>(
          tx,
          sql`select name from pg_prepared_statements where name = 'test_shops_by_id'`,
        );
        expect(named).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await shopsById(db, { ids: ['sel_c'] })).toEqual([]);
    const [row] = await db.select().from(sellers).where(eq(sellers.id, 'sel_a'));
    expect(row?.name).toBe('Shop A');
  });

  it('run unnamed when names are off (poolers that move transactions between connections)', async () => {
    const unnamed = await openDatabase({ url: database.url, poolSize: 1, namedStatements: false });
    try {
      await inTransaction(unnamed.db, async (tx) => {
        expect(await unnamedShops(tx, { ids: ['sel_a'] })).toEqual([{ id: 'sel_a' }]);
        const named = await queryRows<{ name: string }>(
          tx,
          sql`select name from pg_prepared_statements where name = 'test_unnamed_shops'`,
        );
        expect(named).toEqual([]);
      });
      // The other database object keeps its own setting.
      await inTransaction(database.db, async (tx) => {
        await unnamedShops(tx, { ids: ['sel_a'] });
        const named = await queryRows<{ name: string }>(
          tx,
          sql`select name from pg_prepared_statements where name = 'test_unnamed_shops'`,
        );
        expect(named).toHaveLength(1);
      });
    } finally {
      await unnamed.close();
    }
  });

  it('name a statement by its text from its third use on, on every connection; never with names off', async () => {
    // A text of its own per engine: the names given by text are the process's.
    const text = `select id from sellers where id = $1 and '${engine}' <> 'x'`;
    const preparedAs = (tx: Db) =>
      queryRows<{ name: string }>(
        tx,
        sql`select name from pg_prepared_statements where statement = ${text}`,
      );
    // Through the driver, with a parameter: unnamed twice, then named, then the same name.
    const run = (db: Db) =>
      inTransaction(db, async (tx) => {
        const client = (tx as unknown as { session: { client: import('pg').PoolClient } }).session
          .client;
        const result = await client.query({ text, values: ['sel_a'] });
        expect(result.rows).toEqual([{ id: 'sel_a' }]);
        return (await preparedAs(tx)).map((r) => r.name);
      });
    const seen = [await run(database.db), await run(database.db), await run(database.db)];
    expect(seen[0]).toEqual([]);
    expect(seen[1]).toEqual([]);
    expect(seen[2]).toHaveLength(1);
    expect(seen[2]![0]).toMatch(/^s\d+$/);
    expect(await run(database.db)).toEqual(seen[2]);

    // A text without parameters (`begin`, a migration's DDL) is never named.
    const plain = `select 1 as plain_${engine}`;
    await inTransaction(database.db, async (tx) => {
      for (let use = 0; use < 4; use++) await queryRows(tx, sql.raw(plain));
      const named = await queryRows(
        tx,
        sql`select name from pg_prepared_statements where statement = ${plain}`,
      );
      expect(named).toEqual([]);
    });

    const unnamed = await openDatabase({ url: database.url, poolSize: 1, namedStatements: false });
    try {
      for (let use = 0; use < 4; use++) expect(await run(unnamed.db)).toEqual([]);
    } finally {
      await unnamed.close();
    }
  });

  it('a list of one id and a longer list give the same rows (the one-id form keeps its plan)', async () => {
    const byIds = preparedByIds('test_shops_by_ids', (db, ids) =>
      db
        .select({ id: sellers.id })
        .from(sellers)
        .where(sql`${sellers.id} = any(${ids})`)
        .orderBy(sellers.id),
    );
    expect(await byIds(database.db, ['sel_b'])).toEqual([{ id: 'sel_b' }]);
    expect(await byIds(database.db, ['sel_b', 'sel_a'])).toEqual([
      { id: 'sel_a' },
      { id: 'sel_b' },
    ]);
    expect(await byIds(database.db, ['sel_none'])).toEqual([]);
    await inTransaction(database.db, async (tx) => {
      await byIds(tx, ['sel_a']);
      await byIds(tx, ['sel_a', 'sel_b']);
      const names = await queryRows<{ name: string }>(
        tx,
        sql`select name from pg_prepared_statements where name like 'test_shops_by_ids%' order by name`,
      );
      expect(names.map((n) => n.name)).toEqual(['test_shops_by_ids', 'test_shops_by_ids_one']);
    });
  });

  it('refuse a transaction opened past inTransaction, which would not carry the settings', async () => {
    await expect(
      database.db.transaction(async (tx) => shopsById(tx as unknown as Db, { ids: ['sel_a'] })),
    ).rejects.toThrow(/inTransaction/);
  });

  it('fail the start-up check when a prepared query leaves its transaction', async () => {
    await expect(checkPreparedQueries(database.db)).resolves.toBeUndefined();
    // A Drizzle whose prepared queries ran on the pool instead of the transaction's connection:
    // the pool hands them another backend while the transaction holds its own.
    const onThePool = () =>
      queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`);
    await expect(checkPreparedQueries(database.db, onThePool)).rejects.toThrow(
      /no longer keeps its client/,
    );
  });
});
