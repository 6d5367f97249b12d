import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, queryRows, sqlStateOf } from '../../src/db/database.ts';
import { text } from '../../src/db/sql-text.ts';
import { Writes } from '../../src/db/write-together.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

describe.each(ENGINES)('writes sent as one statement [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine, 2);
    await queryRows(
      database.db,
      sql`create table together_rows (id int primary key, version int not null, note text)`,
    );
    await queryRows(
      database.db,
      sql`insert into together_rows values (1, 1, 'one'), (2, 1, 'two')`,
    );
  });
  afterAll(() => database.close());

  /** An insert, and an update of rows 1 and 2 guarded by `version`: both rows expected. */
  const writes = (id: number, version: number) => {
    const w = new Writes();
    w.add(text`insert into together_rows (id, version, note) values (${id}::int, 1, 'new')`);
    w.expect(
      text`update together_rows set note = 'moved' where id in (1, 2) and version = ${version}::int returning id`,
      2,
      'rows changed under their row locks',
    );
    return w;
  };

  const notes = () =>
    queryRows<{ id: number; note: string }>(
      database.db,
      sql`select id, note from together_rows order by id`,
    );

  it('a row missing from an expected write fails the statement in PostgreSQL, with how many', async () => {
    const failed = await inTransaction(database.db, (tx) => writes(3, 2).flush(tx)).catch(
      (err: unknown) => err as Error & { code?: string },
    );
    expect(sqlStateOf(failed)).toBe('SB409');
    expect(String((failed as Error).message)).toContain('2 rows changed under their row locks');
    expect(await notes()).toEqual([
      { id: 1, note: 'one' },
      { id: 2, note: 'two' },
    ]);
  });

  it('sent ahead: the statement behind it and the commit fail with it, and nothing is kept', async () => {
    let answered = false;
    const failed = await inTransaction(database.db, async (tx) => {
      await writes(4, 2).flush(tx, { ahead: true });
      // A read sent behind the write: its answer carries the write's failure.
      await queryRows(tx, sql`select ${1}::int as after`);
      answered = true;
    }).catch((err: unknown) => err);
    expect(answered).toBe(false);
    expect(sqlStateOf(failed)).toBe('SB409');

    const atCommit = await inTransaction(database.db, (tx) =>
      writes(5, 2).flush(tx, { ahead: true }),
    ).catch((err: unknown) => err);
    expect(sqlStateOf(atCommit)).toBe('SB409');
    expect(await notes()).toEqual([
      { id: 1, note: 'one' },
      { id: 2, note: 'two' },
    ]);
  });

  it('sent ahead: when every row is there, the read behind sees the writes and the commit keeps them', async () => {
    const seen = await inTransaction(database.db, async (tx) => {
      await writes(6, 1).flush(tx, { ahead: true });
      return queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from together_rows where note in ('moved', 'new')`,
      );
    });
    expect(seen).toEqual([{ n: 3 }]);
    expect(await notes()).toEqual([
      { id: 1, note: 'moved' },
      { id: 2, note: 'moved' },
      { id: 6, note: 'new' },
    ]);
  });
});
