import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NamingClient, PipelinedClient } from '../../src/db/client.ts';
import {
  type Db,
  inTransaction,
  queryRows,
  readOnly,
  sendAhead,
  sqlStateOf,
} from '../../src/db/database.ts';
import { configureDb, preparedSql } from '../../src/db/prepared.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

/**
 * A pool of one connection of the given kind, the round trips it has made (one ReadyForQuery
 * each), and `end`, which resolves once its connections are closed: pg's Pool#end resolves when it
 * has asked them to close, and a database dropped WITH (FORCE) before a backend has read that
 * request terminates it, which reaches the closing connection as an error the pool rethrows.
 */
function poolOf(url: string, Client: typeof PipelinedClient) {
  const pool = new pg.Pool({ Client, connectionString: url, max: 1 });
  const counter = { roundTrips: 0 };
  const closed: Promise<unknown>[] = [];
  pool.on('connect', (client) => {
    closed.push(new Promise((resolve) => client.once('end', resolve)));
    (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => {
      counter.roundTrips++;
    });
  });
  const db = drizzle({ client: pool }) as unknown as Db;
  configureDb(db, { namedStatements: Client === NamingClient });
  const end = async () => {
    await pool.end();
    await Promise.all(closed);
  };
  return { pool, db, counter, end };
}

/** Counts the writes to a connection's socket (each a system call that wakes PostgreSQL). */
function countWrites(client: pg.PoolClient) {
  const socket = (client as unknown as { connection: { stream: unknown } }).connection.stream as {
    _write: (...a: unknown[]) => void;
    _writev: (...a: unknown[]) => void;
  };
  const counted = { writes: 0, restore: () => {} };
  const [write, writev] = [socket._write, socket._writev];
  socket._write = function (...a: unknown[]) {
    counted.writes++;
    return write.apply(this, a);
  };
  socket._writev = function (...a: unknown[]) {
    counted.writes++;
    return writev.apply(this, a);
  };
  counted.restore = () => {
    socket._write = write;
    socket._writev = writev;
  };
  return counted;
}

async function roundTrips(counter: { roundTrips: number }, work: () => Promise<unknown>) {
  const before = counter.roundTrips;
  await work();
  return counter.roundTrips - before;
}

describe.each(ENGINES)(
  'a transaction whose begin travels with its first statement [%s]',
  (engine) => {
    let database: TestDatabase;
    let named: ReturnType<typeof poolOf>;
    let plain: ReturnType<typeof poolOf>;
    beforeAll(async () => {
      database = await freshDatabase(engine, 2);
      named = poolOf(database.url, NamingClient);
      plain = poolOf(database.url, PipelinedClient);
      await queryRows(named.db, sql`create table pipelined (id int primary key, note text)`);
    });
    afterAll(async () => {
      await named.end();
      await plain.end();
      await database.close();
    });

    it.each([
      ['NamingClient', () => named],
      ['PipelinedClient', () => plain],
    ])('sends begin with its first statement, which then runs inside it (%s)', async (_, which) => {
      const { db, counter } = which();
      await queryRows(db, sql`select ${1}::int`); // the pool's connection is open
      let times: string[] = [];
      const trips = await roundTrips(counter, () =>
        inTransaction(db, async (tx) => {
          const [a] = await queryRows<{ t: string }>(
            tx,
            sql`select now()::text as t, ${1}::int as one`,
          );
          await queryRows(tx, sql`select pg_sleep(${0.02}::float)`);
          const [b] = await queryRows<{ t: string }>(
            tx,
            sql`select now()::text as t, ${2}::int as two`,
          );
          times = [a!.t, b!.t];
        }),
      );
      // begin + first statement, the second, the third, commit.
      expect(trips).toBe(4);
      // now() is the transaction's start: the same in both statements only if the first ran inside.
      expect(times[0]).toBe(times[1]);
    });

    it('rolls back what the first statement wrote', async () => {
      await expect(
        inTransaction(named.db, async (tx) => {
          await queryRows(tx, sql`insert into pipelined (id, note) values (${1}, ${'first'})`);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await queryRows(named.db, sql`select id from pipelined where id = ${1}`)).toEqual([]);
    });

    it('keeps the row locks its first statement takes until the commit', async () => {
      await queryRows(named.db, sql`insert into pipelined (id, note) values (${2}, ${'locked'})`);
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const lockTaken = new Promise<void>((r) => {
        locked = r;
      });
      const holder = inTransaction(named.db, async (tx) => {
        await queryRows(tx, sql`select id from pipelined where id = ${2} for update`);
        locked();
        await held;
      });
      await lockTaken;
      await expect(
        inTransaction(plain.db, (tx) =>
          queryRows(tx, sql`select id from pipelined where id = ${2} for update nowait`),
        ),
      ).rejects.toMatchObject({ cause: { code: '55P03' } });
      release();
      await holder;
      const after = await inTransaction(plain.db, (tx) =>
        queryRows(tx, sql`select id from pipelined where id = ${2} for update nowait`),
      );
      expect(after).toEqual([{ id: 2 }]);
    });

    it('after a named first statement that fails to parse, that statement is parsed again', async () => {
      const read = {
        name: 'pipelined_later_by_id',
        text: 'select id from pipelined_later where id = $1',
      };
      const client = await named.pool.connect();
      try {
        const inTx = async () => {
          await client.query('begin');
          try {
            const result = await client.query({ ...read, values: [3] });
            await client.query('commit');
            return result.rows;
          } catch (err) {
            await client.query('rollback');
            throw err;
          }
        };
        await expect(inTx()).rejects.toMatchObject({ code: '42P01' });
        await client.query('create table pipelined_later (id int)');
        await client.query('insert into pipelined_later values ($1)', [3]);
        // `begin`'s ParseComplete came first last time; it must not have marked the name prepared.
        expect(await inTx()).toEqual([{ id: 3 }]);
      } finally {
        client.release();
      }
    });

    it('sends nothing for a transaction that ran no statement', async () => {
      await queryRows(named.db, sql`select ${1}::int`);
      expect(
        await roundTrips(named.counter, () => inTransaction(named.db, async () => 'done')),
      ).toBe(0);
      await expect(
        roundTrips(named.counter, () =>
          inTransaction(named.db, async () => {
            throw new Error('before any statement');
          }),
        ),
      ).rejects.toThrow('before any statement');
      // Nothing is left held back: the next statement on the connection runs on its own.
      await queryRows(named.db, sql`select ${1}::int`);
      const client = (await named.pool.connect()) as pg.PoolClient & {
        getTransactionStatus(): string | null;
      };
      try {
        expect(client.getTransactionStatus()).toBe('I');
      } finally {
        client.release();
      }
    });

    it('a statement in the simple protocol after begin runs in the transaction, begin in its text', async () => {
      await queryRows(named.db, sql`select ${1}::int`);
      expect(
        await roundTrips(named.counter, () =>
          readOnly(named.db, (tx) => queryRows(tx, sql`select ${1}::int as one`)),
        ),
      ).toBe(3);
      await expect(
        readOnly(named.db, (tx) =>
          queryRows(tx, sql`insert into pipelined (id, note) values (${4}, ${'read only'})`),
        ),
      ).rejects.toMatchObject({ cause: { code: '25006' } });
      expect(await queryRows(named.db, sql`select id from pipelined where id = ${4}`)).toEqual([]);
    });

    it('together: begin and two statements go out in one write, and run in order', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      const counted = countWrites(client);
      try {
        await client.query('begin');
        const [updated, seen] = await client.together<[pg.QueryResult, pg.QueryResult]>([
          () => client.query('update pipelined set note = $1 where id = $2 returning id', ['b', 2]),
          () => client.query('select note from pipelined where id = $1', [2]),
        ]);
        expect(counted.writes).toBe(1);
        expect(updated.rows).toEqual([{ id: 2 }]);
        // The read ran after the update, in the same transaction.
        expect(seen.rows).toEqual([{ note: 'b' }]);
        await client.query('rollback');
        // Back to one statement at a time, and nothing of the rolled back update stays.
        expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
        expect((await client.query('select note from pipelined where id = $1', [2])).rows).toEqual([
          { note: 'locked' },
        ]);
      } finally {
        counted.restore();
        client.release();
      }
    });

    it('together: the first failure is thrown, and the connection serves the next transaction', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        await expect(
          client.together([
            () => client.query('select $1::int / 0 as boom', [1]),
            () => client.query('select $1::int as after', [2]),
          ]),
        ).rejects.toMatchObject({ code: '22012' });
        await client.query('rollback');
        await client.query('begin');
        const [one] = await client.together<[pg.QueryResult]>([
          () => client.query('select $1::int as one', [1]),
        ]);
        await client.query('commit');
        expect(one.rows).toEqual([{ one: 1 }]);
      } finally {
        client.release();
      }
    });

    it('together: a first statement without parameters still goes first, begin in front of it', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        const [, seen] = await client.together<[unknown, pg.QueryResult]>([
          () => client.query("update pipelined set note = 'bare' where id = 2"),
          () => client.query('select note from pipelined where id = $1', [2]),
        ]);
        expect(seen.rows).toEqual([{ note: 'bare' }]);
        await client.query('rollback');
        expect((await client.query('select note from pipelined where id = $1', [2])).rows).toEqual([
          { note: 'locked' },
        ]);
      } finally {
        client.release();
      }
    });

    it('a first statement pg refuses before sending still leaves the transaction begun', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & {
        getTransactionStatus(): string | null;
      };
      try {
        await client.query({ name: 'pipelined_dup', text: 'select $1::int as a', values: [1] });
        await client.query('begin');
        await expect(
          client.query({ name: 'pipelined_dup', text: 'select $1::int as b', values: [1] }),
        ).rejects.toThrow(/Prepared statements must be unique/);
        await client.query("insert into pipelined (id, note) values (5, 'inside')");
        expect(client.getTransactionStatus()).toBe('T');
        await client.query('rollback');
        expect((await client.query('select id from pipelined where id = $1', [5])).rows).toEqual(
          [],
        );
      } finally {
        client.release();
      }
    });

    it('withFirstStatement: the statement goes out with begin and the first statement, in one write', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      const counted = countWrites(client);
      try {
        await client.query('begin');
        client.withFirstStatement({
          text: 'insert into pipelined (id, note) values ($1, $2)',
          values: [10, 'first'],
        });
        const seen = await client.query('select note from pipelined where id = $1', [10]);
        expect(counted.writes).toBe(1);
        // It ran first, inside the transaction.
        expect(seen.rows).toEqual([{ note: 'first' }]);
        await client.query('rollback');
        expect((await client.query('select id from pipelined where id = $1', [10])).rows).toEqual(
          [],
        );
      } finally {
        counted.restore();
        client.release();
      }
    });

    it('withFirstStatement: when it fails, the statement behind it does not run and its caller gets its error', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        client.withFirstStatement({ text: 'select $1::int / 0', values: [1] });
        await expect(
          client.query('insert into pipelined (id, note) values ($1, $2)', [11, 'behind']),
        ).rejects.toMatchObject({ code: '22012' });
        await client.query('rollback');
        expect((await client.query('select id from pipelined where id = $1', [11])).rows).toEqual(
          [],
        );
        expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
      } finally {
        client.release();
      }
    });

    it('withFirstStatement: a commit with no statement runs it first; a rollback drops it', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        client.withFirstStatement({ text: 'select $1::int / 0', values: [1] });
        await expect(client.query('commit')).rejects.toMatchObject({ code: '22012' });
        await client.query('rollback');
        await client.query('begin');
        client.withFirstStatement({
          text: 'insert into pipelined (id, note) values ($1, $2)',
          values: [12, 'committed'],
        });
        await client.query('commit');
        expect((await client.query('select note from pipelined where id = $1', [12])).rows).toEqual(
          [{ note: 'committed' }],
        );
        await client.query('begin');
        client.withFirstStatement({ text: 'select $1::int / 0', values: [1] });
        await client.query('rollback');
        expect((await client.query('select $1::int as next', [1])).rows).toEqual([{ next: 1 }]);
        expect(() => client.withFirstStatement({ text: 'select 1', values: [] })).toThrow(
          /only before/,
        );
      } finally {
        client.release();
      }
    });

    it('sendAhead: the write, a read behind it and the commit share one write; the read sees the write', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      await client.query('select $1::int', [1]);
      const counted = countWrites(client);
      try {
        await client.query('begin');
        let written = false;
        void client
          .sendAhead({
            text: 'insert into pipelined (id, note) values ($1, $2)',
            values: [13, 'ahead'],
          })
          .then(() => {
            written = true;
          });
        expect(written).toBe(false);
        const seen = await client.query('select note from pipelined where id = $1', [13]);
        // The read's answer comes after the write's.
        expect(written).toBe(true);
        expect(seen.rows).toEqual([{ note: 'ahead' }]);
        expect(counted.writes).toBe(1);
        void client.sendAhead({
          text: 'update pipelined set note = $1 where id = $2',
          values: ['again', 13],
        });
        await client.query('commit');
        expect(counted.writes).toBe(2);
        expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
        expect((await client.query('select note from pipelined where id = $1', [13])).rows).toEqual(
          [{ note: 'again' }],
        );
      } finally {
        counted.restore();
        client.release();
      }
    });

    it('sendAhead: a failed write fails the next statement and the commit, and nothing is kept', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        await client.query('insert into pipelined (id, note) values ($1, $2)', [14, 'kept?']);
        void client.sendAhead({
          text: 'insert into pipelined (id, note) values ($1, $2)',
          values: [14, 'duplicate'],
        });
        await expect(client.query('select $1::int as after', [1])).rejects.toMatchObject({
          code: '23505',
        });
        await client.query('rollback');
        expect((await client.query('select id from pipelined where id = $1', [14])).rows).toEqual(
          [],
        );

        await client.query('begin');
        await client.query('insert into pipelined (id, note) values ($1, $2)', [15, 'kept?']);
        void client.sendAhead({
          text: 'insert into pipelined (id, note) values ($1, $2)',
          values: [15, 'duplicate'],
        });
        // The commit went out behind the failed write: PostgreSQL rolled the transaction back.
        await expect(client.query('commit')).rejects.toMatchObject({ code: '23505' });
        expect((await client.query('select id from pipelined where id = $1', [15])).rows).toEqual(
          [],
        );
        expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
        expect(() => client.sendAhead({ text: 'select 1', values: [] })).toThrow(
          /only in a transaction/,
        );
        // A statement pg refuses is refused before the connection changes: no pipeline left on.
        await client.query({ name: 'pipelined_ahead', text: 'select $1::int as a', values: [1] });
        await client.query('begin');
        expect(() =>
          client.sendAhead({ name: 'pipelined_ahead', text: 'select $1::int as b', values: [1] }),
        ).toThrow(/refuses/);
        expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
        await client.query('rollback');
      } finally {
        client.release();
      }
    });

    it('sendAhead through inTransaction: a failed write rolls back the whole transaction', async () => {
      await expect(
        inTransaction(named.db, async (tx) => {
          await queryRows(tx, sql`insert into pipelined (id, note) values (${16}, ${'before'})`);
          await sendAhead(tx, {
            text: 'insert into pipelined (id, note) values ($1, $2)',
            values: [16, 'again'],
          });
          return 'answered';
        }).catch((err: unknown) => sqlStateOf(err)),
      ).resolves.toBe('23505');
      expect(await queryRows(named.db, sql`select id from pipelined where id = ${16}`)).toEqual([]);
    });

    it('sendAhead: a write pg cannot encode never reaches PostgreSQL; the commit behind it becomes a rollback', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        await client.query('insert into pipelined (id, note) values ($1, $2)', [17, 'kept?']);
        const unencodable = {
          toPostgres() {
            throw new Error('cannot encode this value');
          },
        };
        void client.sendAhead({
          text: 'insert into pipelined (id, note) values ($1, $2)',
          values: [18, unencodable],
        });
        await expect(client.query('commit')).rejects.toThrow('cannot encode this value');
        expect(
          (await client.query('select id from pipelined where id = any($1)', [[17, 18]])).rows,
        ).toEqual([]);
        expect((client as unknown as { pipeline: boolean }).pipeline).toBe(false);
      } finally {
        client.release();
      }
    });

    it('sendAhead: a rollback to a savepoint undoes a failed write sent ahead; the transaction goes on', async () => {
      const client = (await plain.pool.connect()) as pg.PoolClient & PipelinedClient;
      try {
        await client.query('begin');
        await client.query('insert into pipelined (id, note) values ($1, $2)', [19, 'outer']);
        await client.query('savepoint sp1');
        void client.sendAhead({
          text: 'insert into pipelined (id, note) values ($1, $2)',
          values: [19, 'duplicate'],
        });
        await expect(client.query('release savepoint sp1')).rejects.toMatchObject({
          code: '23505',
        });
        await client.query('rollback to savepoint sp1');
        await client.query('insert into pipelined (id, note) values ($1, $2)', [20, 'after']);
        await client.query('commit');
        expect(
          (
            await client.query('select id from pipelined where id = any($1) order by id', [
              [19, 20],
            ])
          ).rows,
        ).toEqual([{ id: 19 }, { id: 20 }]);
      } finally {
        client.release();
      }
    });
  },
);

/** Counts the Describe messages a connection sends (pg sends one with every execution of its own). */
function countDescribes(client: pg.PoolClient) {
  const wire = (client as unknown as { connection: { describe: (m: unknown) => void } }).connection;
  const counted = { describes: 0 };
  const describe = wire.describe;
  wire.describe = function (this: unknown, m: unknown) {
    counted.describes++;
    return describe.call(this, m);
  };
  return counted;
}

describe.each(ENGINES)('a named statement is described once per connection [%s]', (engine) => {
  let database: TestDatabase;
  let named: ReturnType<typeof poolOf>;
  beforeAll(async () => {
    database = await freshDatabase(engine, 1);
    named = poolOf(database.url, NamingClient);
    await queryRows(
      named.db,
      sql`create table shaped (id int primary key, at timestamptz, amount bigint, doc jsonb)`,
    );
    await queryRows(
      named.db,
      sql`insert into shaped values (1, '2026-01-02T03:04:05Z', 9007199254740993, '{"a":[1]}')`,
    );
  });
  afterAll(async () => {
    await named.end();
    await database.close();
  });

  const shapedRow = preparedSql<Record<string, unknown>>(
    'shaped_row',
    "select id, at, amount, doc, 'x'::text as tag from shaped where id = $1",
  );
  const read = (db: Db, id: number) => shapedRow(db, [id]);

  it('later runs skip the Describe and answer the same rows, in and out of transactions', async () => {
    const client = await named.pool.connect();
    const counted = countDescribes(client);
    client.release();
    const first = await read(named.db, 1);
    expect(counted.describes).toBe(1);
    const again = await read(named.db, 1);
    const inside = await inTransaction(named.db, (tx) => read(tx, 1));
    const ahead = await inTransaction(named.db, async (tx) => {
      await sendAhead(tx, {
        text: 'update shaped set doc = $1 where id = $2',
        values: ['{"a":[2]}', 1],
      });
      return read(tx, 1);
    });
    const none = await read(named.db, 2);
    expect(counted.describes).toBe(2); // the first read, and the update (not named yet)
    expect(first).toEqual([
      { id: 1, at: first[0]!.at, amount: first[0]!.amount, doc: { a: [1] }, tag: 'x' },
    ]);
    expect(again).toEqual(first);
    expect(inside).toEqual(first);
    expect(ahead).toEqual([{ ...first[0], doc: { a: [2] } }]);
    expect(none).toEqual([]);
  });

  it('a renamed column under a named statement is refused or answered by its new name, never the old', async () => {
    await queryRows(named.db, sql`create table renamed (id int primary key, before_name text)`);
    await queryRows(named.db, sql`insert into renamed values (1, 'kept')`);
    const all = preparedSql<Record<string, unknown>>(
      'renamed_all',
      'select * from renamed where id = $1',
    );
    expect(await all(named.db, [1])).toEqual([{ id: 1, before_name: 'kept' }]);
    await queryRows(named.db, sql`alter table renamed rename column before_name to after_name`);
    const after = await all(named.db, [1]).catch((err: Error) => err);
    if (after instanceof Error) {
      expect(after.message).toMatch(/cached plan must not change result type/);
    } else {
      expect(after).toEqual([{ id: 1, after_name: 'kept' }]);
    }
  });

  it('a statement whose rows changed shape is refused by PostgreSQL, never misread', async () => {
    await read(named.db, 1);
    await queryRows(named.db, sql`alter table shaped alter column amount type text`);
    await expect(read(named.db, 1)).rejects.toThrow(/cached plan must not change result type/);
  });
});
