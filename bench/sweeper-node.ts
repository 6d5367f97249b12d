/**
 * One sweeper node for bench/sweeper.ts: opens its own pool on DATABASE_URL, reports ready, runs
 * `advanceOverdueCases` once when told to go (with the `now` it is given), reports what it
 * expired, how long it took and how many statements it sent, and closes when told to.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { advanceOverdueCases } from '../src/app/advance-overdue-cases.ts';
import { openDatabase } from '../src/db/database.ts';

let statements = 0;
// With BENCH_STATEMENT_TIMES=1, the time each distinct statement took in all (to stderr).
const times = process.env['BENCH_STATEMENT_TIMES'] ? new Map<string, [number, number]>() : null;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: object,
  ...args: unknown[]
) {
  statements++;
  const result = query.apply(this, args);
  if (times && result instanceof Promise) {
    const first = args[0];
    const text = (typeof first === 'string' ? first : (first as { text: string }).text)
      .replace(/\$\d+(, \$\d+)*/g, '$n')
      .replace(/\s+/g, ' ')
      .slice(0, 160);
    const t0 = process.hrtime.bigint();
    void result.then(
      () => {
        const entry = times.get(text) ?? [0, 0];
        entry[0] += Number(process.hrtime.bigint() - t0) / 1e6;
        entry[1]++;
        times.set(text, entry);
      },
      () => {},
    );
  }
  return result;
};

const database = await openDatabase({ url: process.env['DATABASE_URL'] ?? '', poolSize: 2 });
// Connected before the start, so connecting is not timed and the backend's CPU can be read.
await database.db.execute(sql`select 1`);
process.on('message', async (message: { now?: string; batch_size?: number; close?: boolean }) => {
  if (message.close) {
    await database.close();
    process.exit(0);
  }
  if (!message.now) return;
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const result = await advanceOverdueCases(database.db, new Date(message.now), {
    ...(message.batch_size ? { batch_size: message.batch_size } : {}),
    log: (err, id) => process.stderr.write(`expiry of ${id} failed: ${String(err)}\n`),
  });
  const cpu = process.cpuUsage(cpu0);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (times) {
    for (const [text, [total, n]] of [...times].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25)) {
      process.stderr.write(
        `${total.toFixed(0).padStart(7)} ms ${String(n).padStart(6)}x  ${text}\n`,
      );
    }
  }
  process.send?.({ ...result, ms, statements, cpuMs: (cpu.user + cpu.system) / 1000 });
});
process.send?.({ ready: true });
