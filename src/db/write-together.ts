import { type Db, sendAhead } from './database.ts';
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
 * statement counts its RETURNING rows and fails in PostgreSQL when one is missing
 * (`sendback_expect`), so the caller's transaction rolls back, even with statements already sent
 * behind it (`flush` with `ahead`).
 */
export class Writes {
  readonly #parts: SqlText[] = [];
  readonly #expected: { index: number; rows: number; what: string }[] = [];
  #notify: SqlText[] = [];

  add(part: SqlText | undefined): void {
    if (part) this.#parts.push(part);
  }

  /**
   * A write with `returning`: exactly `rows` rows, or the statement fails with "N `what`", N the
   * rows missing.
   */
  expect(part: SqlText | undefined, rows: number, what: string): void {
    if (!part) return;
    this.#expected.push({ index: this.#parts.length, rows, what });
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

  /**
   * Sends what was added (nothing when nothing was), in one statement. With `ahead`, in a
   * transaction, returns once it is sent: its answer comes with the next statement's (sendAhead).
   */
  async flush(db: Db, options: { ahead?: boolean } = {}): Promise<void> {
    if (this.empty) return;
    const parts = this.#parts.splice(0);
    const expected = this.#expected.splice(0);
    const notify = this.#notify.splice(0);
    const counts = expected.map(
      (e, i) =>
        text`(select sendback_expect(n = ${e.rows}::int, (${e.rows}::int - n) || ${` ${e.what}`}::text) from (select count(*)::int as n from ${verbatim(`w${e.index}`)}) c) as ${verbatim(`c${i}`)}`,
    );
    const answer = [...counts, ...notify.map((n, i) => text`${n}::int as ${verbatim(`n${i}`)}`)];
    const withs = parts.map((p, i) => text`${verbatim(`w${i}`)} as (${p})`);
    const statement = text`${withs.length ? text`with ${joinText(withs, ', ')} ` : verbatim('')}select ${answer.length ? joinText(answer, ', ') : verbatim('1')}`;
    // Named by its text: a command's writes take a few shapes, each parsed and planned once per
    // connection.
    if (options.ahead) await sendAhead(db, render(statement));
    else await runText(db, render(statement));
  }
}
