import { type Column, inArray, type SQL, sql } from 'drizzle-orm';
import { joinText, type SqlText, text, toDrizzle, tupleText, verbatim } from './sql-text.ts';

/**
 * From how many rows a write or read takes the batch form below. A person's command writes one
 * or two rows, for which the plain form is cheaper (bench/lifecycle.ts measured the batch form
 * at about 15 % more PostgreSQL time per lifecycle); the sweeper writes hundreds at once.
 */
const BATCH_ROWS = 10;

/** One column of `unnestRows`: its name, its PostgreSQL type and its value in a row. */
export interface UnnestColumn<T> {
  name: string;
  /** `text`, `int`, `bigint`, `timestamptz`, `jsonb`, ... (the array's element type). */
  type: string;
  /** The value as the driver would send it: strings for instants and JSON, null for none. */
  value: (row: T) => string | number | boolean | null;
}

/**
 * `select * from unnest($1::type[], $2::type[], …) as u(name, …)`: many rows sent as one array per
 * column. A batch insert or update written over it has one parameter per column instead of one
 * per value, so building it, sending it and parsing it (in PostgreSQL) costs little more for the
 * sweeper's 500 rows than for ten.
 */
function unnestRows<T>(rows: readonly T[], columns: readonly UnnestColumn<T>[]): SqlText {
  const arrays = columns.map((c) => text`${rows.map(c.value)}::${verbatim(c.type)}[]`);
  return text`select * from unnest(${joinText(arrays, ', ')}) as u(${fixedTextOf(columns).names})`;
}

/**
 * The same relation as `unnestRows`, in the form that suits the number of rows: below
 * `BATCH_ROWS`, `select * from (values ($1::type, …), …) as u(name, …)`, one parameter per value.
 */
export function rowsText<T>(rows: readonly T[], columns: readonly UnnestColumn<T>[]): SqlText {
  if (rows.length >= BATCH_ROWS) return unnestRows(rows, columns);
  const { after, names } = fixedTextOf(columns);
  const tuples = rows.map((row) =>
    tupleText(
      columns.map((c) => c.value(row)),
      after,
    ),
  );
  return text`select * from (values ${joinText(tuples, ', ')}) as u(${names})`;
}

/**
 * What a column list puts in a statement's text (each value's cast and what follows it, the
 * names), worked out once per list rather than on every write: the writes' column lists are
 * module constants. The pieces are then the same strings each time, which render's kept texts
 * (sql-text.ts) match by identity.
 */
const fixedTexts = new WeakMap<
  readonly UnnestColumn<never>[],
  { after: string[]; names: SqlText }
>();

function fixedTextOf<T>(columns: readonly UnnestColumn<T>[]): { after: string[]; names: SqlText } {
  let fixed = fixedTexts.get(columns);
  if (!fixed) {
    fixed = {
      // What follows each value of a row: its cast, then a comma or the closing parenthesis.
      after: columns.map((c, i) => `::${c.type}${i === columns.length - 1 ? ')' : ', '}`),
      names: columnNames(columns),
    };
    fixedTexts.set(columns, fixed);
  }
  return fixed;
}

/** rowsText as Drizzle SQL. */
export function rowsOf<T>(rows: readonly T[], columns: readonly UnnestColumn<T>[]): SQL {
  return toDrizzle(rowsText(rows, columns));
}

/** `name, name, …` of `columns`, for an insert's column list or the relation's aliases. */
export function columnNames(columns: readonly { name: string }[]): SqlText {
  return verbatim(columns.map((c) => c.name).join(', '));
}

/** What the driver sends for a timestamptz column: the instant in ISO form (as Drizzle does). */
export const instant = (value: Date | null | undefined): string | null =>
  value ? value.toISOString() : null;

/** What the driver sends for a jsonb column (as Drizzle does). */
export const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/** Undefined members become NULL, as `default` does for columns without a default. */
export const orNull = <V>(value: V | undefined): V | null => (value === undefined ? null : value);

/**
 * `column in ($1, …)`, or for a batch `column = any($1::text[])`: the ids as one parameter (one
 * instead of 500 to build and to parse; PostgreSQL plans both forms alike).
 */
export function anyOf(column: Column, ids: readonly string[]): SQL {
  return ids.length >= BATCH_ROWS
    ? sql`${column} = any(${sql.param(ids)}::text[])`
    : inArray(column, ids);
}
