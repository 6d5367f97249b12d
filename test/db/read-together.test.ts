import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, inTransaction, queryRows, readTogether } from '../../src/db/database.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

describe.each(ENGINES)('readTogether [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(() => database.close());

  const reads = (db: Db, log: string[]) =>
    (['a', 'b'] as const).map((name) => async () => {
      log.push(`start ${name}`);
      const [row] = await queryRows<{ n: number }>(db, sql`select 1 + 1 as n from pg_sleep(0.05)`);
      log.push(`end ${name}`);
      return `${name}${row?.n}`;
    }) as [() => Promise<string>, () => Promise<string>];

  it('in a transaction, sends the reads together and the server runs them in order', async () => {
    const log: string[] = [];
    const sleepThenClock = (tx: Db, name: string) => async () => {
      log.push(`start ${name}`);
      const [row] = await queryRows<{ at: string }>(
        tx,
        sql`select clock_timestamp()::text as at from pg_sleep(${0.05}::float)`,
      );
      log.push(`end ${name}`);
      return new Date(row!.at).getTime();
    };
    const [a, b] = await inTransaction(database.db, async (tx) =>
      readTogether<[number, number]>(tx, [sleepThenClock(tx, 'a'), sleepThenClock(tx, 'b')]),
    );
    // Both went out before either was answered...
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
    // ...and the transaction's one connection ran b after a had slept.
    expect(b - a).toBeGreaterThanOrEqual(45);
  });

  it('on the pool, starts them all at once', async () => {
    const log: string[] = [];
    const answers = await readTogether(database.db, reads(database.db, log));
    expect(answers).toEqual(['a2', 'b2']);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
    // Two connections: the second read did not wait for the first to end.
    expect(log.indexOf('end a')).toBeGreaterThan(1);
  });
});
