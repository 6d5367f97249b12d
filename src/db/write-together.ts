import type { Db } from './database.ts';
import { runText } from './prepared.ts';
import { joinText, render, type SqlText, text, verbatim } from './sql-text.ts';

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
  readonly #parts: SqlText[] = [];
  readonly #expected: { index: number; rows: number; message: (missing: number) => string }[] = [];
  #notify: SqlText[] = [];

  add(part: SqlText | undefined): void {
    if (part) this.#parts.push(part);
  }

  /** A write with `returning`: exactly `rows` rows, or flush throws `message(missing)`. */
  expect(part: SqlText | undefined, rows: number, message: (missing: number) => string): void {
    if (!part) return;
    this.#expected.push({ index: this.#parts.length, rows, message });
    this.#parts.push(part);
  }

  /** NOTIFY `channel` once per payload, delivered when the transaction commits. */
  notify(channel: string, payloads: string[]): void {
    if (!payloads.length) return;
    this.#notify.push(
      text`(select count(*) from (select pg_notify(${channel}::text, value) from json_array_elements_text(${JSON.stringify(payloads)}::json)) n)`,
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
    const counts = expected.map((e, i) =>
      verbatim(`(select count(*) from w${e.index})::int as c${i}`),
    );
    const answer = [...counts, ...notify.map((n, i) => text`${n}::int as ${verbatim(`n${i}`)}`)];
    const withs = parts.map((p, i) => text`${verbatim(`w${i}`)} as (${p})`);
    const statement = text`${withs.length ? text`with ${joinText(withs, ', ')} ` : verbatim('')}select ${answer.length ? joinText(answer, ', ') : verbatim('1')}`;
    // Named by its text: a command's writes take a few shapes, each parsed and planned once per
    // connection.
    const [row] = await runText<Record<string, number>>(db, render(statement));
    expected.forEach((e, i) => {
      const got = Number(row?.[`c${i}`] ?? 0);
      if (got !== e.rows) throw new Error(e.message(e.rows - got));
    });
  }
}
