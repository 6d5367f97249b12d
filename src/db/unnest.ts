import { type Column, type SQL, sql } from 'drizzle-orm';

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
 * per value, so building it (in Drizzle), sending it and parsing it (in PostgreSQL) costs about as
 * much for the sweeper's 200 rows as for one. Works the same on PGlite and PostgreSQL.
 */
export function unnestRows<T>(rows: readonly T[], columns: readonly UnnestColumn<T>[]): SQL {
  const arrays = columns.map((c) => sql`${sql.param(rows.map(c.value))}::${sql.raw(c.type)}[]`);
  return sql`select * from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(
    columns.map((c) => c.name).join(', '),
  )})`;
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
 * `column = any($1::text[])`: `inArray` with the ids as one parameter, for the batch reads (one
 * parameter instead of 200 to build and to parse; PostgreSQL plans both forms alike).
 */
export function anyOf(column: Column | SQL, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(ids)}::text[])`;
}
