import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';

/**
 * Writes nobody reads back, sent to PostgreSQL as one statement: each an INSERT or UPDATE in a
 * `WITH` clause, the NOTIFYs in the final SELECT. A command's events, its case row, its thread
 * lines and the thread's head, and the change ping were five round trips; together they are one.
 *
 * PostgreSQL runs every data-modifying `WITH` query once, to completion, whether or not the rest
 * of the statement reads it; they all see the snapshot the statement started with, so only
 * writes that do not read each other's rows belong here (different tables, or different rows of
 * one). Statement-level triggers (the analytics rollup's) fire once the whole statement is done.
 * An UPDATE whose rows must all be there (a case guarded by its version) is `expect`ed: the
 * statement counts its RETURNING rows and `flush` throws, so the caller's transaction rolls back.
 */
export class Writes {
  readonly #parts: SQL[] = [];
  readonly #expected: { index: number; rows: number; message: (missing: number) => string }[] = [];
  #notify: SQL[] = [];

  add(part: SQL | undefined): void {
    if (part) this.#parts.push(part);
  }

  /** A write with `returning`: exactly `rows` rows, or flush throws `message(missing)`. */
  expect(part: SQL | undefined, rows: number, message: (missing: number) => string): void {
    if (!part) return;
    this.#expected.push({ index: this.#parts.length, rows, message });
    this.#parts.push(part);
  }

  /** NOTIFY `channel` once per payload, delivered when the transaction commits. */
  notify(channel: string, payloads: string[]): void {
    if (!payloads.length) return;
    this.#notify.push(
      sql`(select count(*) from (select pg_notify(${channel}, value) from json_array_elements_text(${JSON.stringify(payloads)}::json)) n)`,
    );
  }

  get empty(): boolean {
    return !this.#parts.length && !this.#notify.length;
  }

  /** Sends what was added (nothing when nothing was), in one statement. */
  async flush(db: Db): Promise<void> {
    if (this.empty) return;
    const parts = this.#parts.splice(0);
    const expected = this.#expected.splice(0);
    const notify = this.#notify.splice(0);
    const counts = expected.map(
      (e, i) =>
        sql`(select count(*) from w${sql.raw(String(e.index))})::int as ${sql.raw(`c${i}`)}`,
    );
    const answer = [...counts, ...notify.map((n, i) => sql`${n}::int as ${sql.raw(`n${i}`)}`)];
    const withs = parts.map((p, i) => sql`${sql.raw(`w${i}`)} as (${p})`);
    const statement = sql`${withs.length ? sql`with ${sql.join(withs, sql`, `)} ` : sql``}select ${answer.length ? sql.join(answer, sql`, `) : sql`1`}`;
    const [row] = await queryRows<Record<string, number>>(db, statement);
    expected.forEach((e, i) => {
      const got = Number(row?.[`c${i}`] ?? 0);
      if (got !== e.rows) throw new Error(e.message(e.rows - got));
    });
  }
}
