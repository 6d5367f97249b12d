import {
  Column,
  DrizzleQueryError,
  fillPlaceholders,
  getTableName,
  is,
  NoopLogger,
  SQL,
  Subquery,
  sql,
  type Table,
} from 'drizzle-orm';
import { NoopCache } from 'drizzle-orm/cache/core';
import { NodePgPreparedQuery } from 'drizzle-orm/node-postgres';
import type { Db } from './database.ts';

interface Built<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

interface Session {
  client: unknown;
}

/** What a database object carries for its prepared queries, and hands to its transactions. */
export interface DbSettings {
  /** Run prepared queries under their names (see OpenOptions.namedStatements). */
  readonly namedStatements: boolean;
}

const SETTINGS = Symbol('sendback.db.settings');

/** Gives a database object (or a transaction) its settings. */
export function configureDb(db: Db, settings: DbSettings): void {
  Object.defineProperty(db, SETTINGS, { value: settings, enumerable: false });
}

/** A transaction runs its prepared queries as the database it was opened from. */
export function carrySettings(from: Db, to: Db): void {
  configureDb(to, settingsOf(from));
}

/** The settings of a database object opened by openDatabase, or of a transaction opened by inTransaction. */
export function settingsOf(db: Db): DbSettings {
  const settings = (db as unknown as { [SETTINGS]?: DbSettings })[SETTINGS];
  if (!settings) {
    throw new Error(
      'This database object has no settings: open it with openDatabase and start transactions with inTransaction.',
    );
  }
  return settings;
}

/**
 * A statement built once and run many times. Drizzle builds a query anew on every call: 30 to
 * 45 µs of its query builder for a select (measured on the benchmark machine), about a fifth of
 * the server's CPU in a command of twenty statements. A prepared query is built on first use, with
 * `sql.placeholder`s where the values go, and then runs on whichever connection `db` stands for:
 * the pool, or the client a transaction holds. On PostgreSQL it runs under the statement name, so
 * the server also parses and plans it once per connection (unless names are off, for poolers that
 * move transactions between connections).
 *
 * It reaches into Drizzle: the database's `session.client` and the built query's `client`, both
 * internal. drizzle-orm is pinned to an exact version in package.json, openDatabase checks
 * (checkPreparedQueries) that a prepared query in a transaction runs on the transaction's
 * connection before anything else runs, and test/db/prepared.test.ts runs it on the pool and
 * inside a transaction. Only for queries whose text never changes with their values: lists go in as one array parameter (`= any(…)`), not as `in (…)`.
 */
export function preparedQuery<R, V extends Record<string, unknown>>(
  name: string,
  build: (db: Db) => { prepare(name: string): Built<R> },
): (db: Db, values: V) => Promise<R> {
  // One built query per kind of session (named or not), built on first use, and how it runs.
  type Run = (client: unknown, values: V) => Promise<R>;
  const built = { named: new Map<unknown, Run>(), unnamed: new Map<unknown, Run>() };
  return (db, values) => {
    const session = (db as unknown as { session: Session }).session;
    const named = settingsOf(db).namedStatements;
    const kind = named ? built.named : built.unnamed;
    let run = kind.get(session.constructor);
    if (!run) {
      // An empty name runs the built text as an unnamed statement, parsed each time.
      const query = build(db).prepare(named ? name : '');
      mapRowsOnce(query);
      run = (directRun(query) as Run | undefined) ?? drizzleRun(query);
      kind.set(session.constructor, run);
    }
    return run(session.client, values);
  };
}

/** Runs a built query through Drizzle's execute, on the connection given. */
function drizzleRun<R>(query: Built<R>) {
  return (client: unknown, values: Record<string, unknown>): Promise<R> => {
    const bound = Object.create(query) as Built<R> & Session;
    bound.client = client;
    return bound.execute(values);
  };
}

/** What a built node-postgres query of Drizzle's holds to run (internal). */
interface NodePgBuilt {
  params: unknown[];
  queryConfig: { text: string };
  rawQueryConfig: { text: string };
  fields?: unknown[];
  customResultMapper?: (rows: unknown[][]) => unknown;
  cache?: unknown;
  queryMetadata?: unknown;
  logger?: unknown;
}

interface ConfigAndValues {
  query(config: unknown, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a built query as Drizzle's node-postgres execute does, without its layers: three traced
 * spans (each an async function and a promise), the cache check and the query log, which do
 * nothing here (no OpenTelemetry, no cache, no logger), about 4 µs a statement. The values fill
 * the placeholders as Drizzle fills them; rows in array mode go through the row mapper, a failure
 * comes wrapped as Drizzle wraps it (DrizzleQueryError). Only for a query built for node-postgres
 * with a row mapper (mapRowsOnce, or a relational query's own) or none, no cache and no logger:
 * anything else runs through Drizzle. test/db/prepared.test.ts runs both ways and compares.
 */
function directRun(
  query: unknown,
): ((client: unknown, values: Record<string, unknown>) => Promise<unknown>) | undefined {
  if (!is(query, NodePgPreparedQuery)) return undefined;
  const q = query as unknown as NodePgBuilt;
  const quiet =
    (q.cache === undefined || is(q.cache, NoopCache) || q.queryMetadata === undefined) &&
    (q.logger === undefined || is(q.logger, NoopLogger));
  if (!quiet || (q.fields && !q.customResultMapper)) return undefined;
  const mapper = q.customResultMapper;
  const config = mapper ? q.queryConfig : q.rawQueryConfig;
  return async (client, values) => {
    const params = fillPlaceholders(q.params, values);
    let result: { rows: unknown[] };
    try {
      // As Drizzle sends it: the config (its name, text, row mode and parsers) and the values.
      result = await (client as unknown as ConfigAndValues).query(config, params);
    } catch (err) {
      throw new DrizzleQueryError(config.text, params, err as Error);
    }
    return mapper ? mapper(result.rows as unknown[][]) : result;
  };
}

/** What a built Drizzle select keeps to turn the driver's array rows into objects (internal). */
interface SelectMapping {
  fields?: { path: string[]; field: unknown }[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * Gives a built select a row mapper worked out once. Drizzle's own (mapResultRow) works out each
 * field's decoder for every field of every row, walking class chains to tell a column from SQL
 * (`is`): a 51-row queue page spent about a sixth of its server CPU there. This one resolves the
 * decoders and paths when the query is built and then only copies and decodes values, with the
 * same decoders (`mapFromDriverValue`), so rows come out as Drizzle's would; test/db/prepared.test.ts
 * compares them. Left for Drizzle: relational queries (their own mapper) and outer joins (which
 * turn a joined table's all-null fields into null).
 */
function mapRowsOnce(query: unknown): void {
  const mapping = query as SelectMapping;
  const fields = mapping.fields;
  if (!fields || mapping.customResultMapper) return;
  // Drizzle turns a joined table's fields into null when the table may be missing (an outer
  // join, or a table not in its map): left to Drizzle.
  const joins = mapping.joinsNotNullableMap;
  if (
    joins &&
    fields.some(
      ({ path, field }) =>
        path.length === 2 && is(field, Column) && !joins[getTableName((field as Column).table)],
    )
  ) {
    return;
  }
  const columns = fields.map(({ path, field }) => {
    // Drizzle's own choice of decoder (drizzle-orm/utils.js, mapResultRow), made once.
    const f = field as {
      decoder: Decoder;
      sql: { decoder: Decoder };
      _: { sql: { decoder: Decoder } };
    };
    const decoder: Decoder = is(field, Column)
      ? (field as Decoder)
      : is(field, SQL)
        ? f.decoder
        : is(field, Subquery)
          ? f._.sql.decoder
          : f.sql.decoder;
    return { path, decoder };
  });
  mapping.customResultMapper = (rows) =>
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const { path, decoder } = columns[i]!;
        let node = out;
        const last = path.length - 1;
        for (let j = 0; j < last; j++) {
          const key = path[j]!;
          if (!(key in node)) node[key] = {};
          node = node[key] as Record<string, unknown>;
        }
        const raw = row[i];
        node[path[last]!] = raw === null ? null : decoder.mapFromDriverValue(raw);
      }
      return out;
    });
}

/**
 * A prepared query over a list of ids, in two forms: `= any($ids::text[])` for a list, and for
 * exactly one id (every person's command) `= any(array[$ids::text])`. PostgreSQL costs a generic
 * plan of an array parameter as if it held ten elements, so it never keeps one for a query that
 * runs with one: it planned such statements anew on every call, about a third of its CPU per
 * command (pg_stat_statements, bench/lifecycle.ts). The one-element array has a length the
 * planner knows, and its plan is kept. `build` gets the list's SQL to use as `= any(${ids})`.
 */
export function preparedByIds<R, V extends Record<string, unknown> = Record<string, never>>(
  name: string,
  build: (db: Db, ids: SQL) => { prepare(name: string): Built<R> },
): (db: Db, ids: readonly string[], values?: V) => Promise<R> {
  const many = preparedQuery<R, Record<string, unknown>>(name, (db) => build(db, ID_LIST.many));
  const one = preparedQuery<R, Record<string, unknown>>(`${name}_one`, (db) =>
    build(db, ID_LIST.one),
  );
  return (db, ids, values) => (ids.length === 1 ? one : many)(db, { ...values, ...idsValue(ids) });
}

/** preparedByIds' two forms for a statement that is not prepared: the ids as a parameter. */
export function idListParam(ids: readonly string[]): SQL {
  return ids.length === 1 ? sql`array[${ids[0]}::text]` : sql`${sql.param([...ids])}::text[]`;
}

/** preparedByIds' two forms for SQL text (preparedSql): `{ids}` in `text` stands for the list, `$1`. */
export function preparedSqlByIds<R>(
  name: string,
  text: string,
): (db: Db, ids: readonly string[], values?: unknown[]) => Promise<R[]> {
  const many = preparedSql<R>(name, text.replaceAll('{ids}', '$1::text[]'));
  const one = preparedSql<R>(`${name}_one`, text.replaceAll('{ids}', 'array[$1::text]'));
  return (db, ids, values = []) =>
    ids.length === 1 ? one(db, [ids[0], ...values]) : many(db, [[...ids], ...values]);
}

/** The two forms of preparedByIds' list (placeholder `ids`), and the value each takes. */
export const ID_LIST = {
  many: sql`${sql.placeholder('ids')}::text[]`,
  one: sql`array[${sql.placeholder('ids')}::text]`,
};
export const idsValue = (ids: readonly string[]): { ids: string | string[] } => ({
  ids: ids.length === 1 ? ids[0]! : [...ids],
});

/** `column = any($name::text[])`: a list as one array placeholder, one statement text for any length. */
export function anyOfPlaceholder(column: Column, name = 'ids'): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::text[])`;
}

/** A placeholder where Drizzle's types want the column's value (`.set({ at: placed<Date>('now') })`). */
export function placed<V>(name: string): V {
  return sql.placeholder(name) as unknown as V;
}

/**
 * A prepared insert's row: a placeholder for each of `columns` (named as the table's fields),
 * filled by `rowValues`. Drizzle sends each value through its column's encoder (JSON text for
 * jsonb, ISO text for an instant), which does not take NULL: only for columns the row always has.
 */
export function rowPlaceholders<T extends Table>(
  columns: readonly (keyof T['$inferInsert'] & string)[],
): T['$inferInsert'] {
  return Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as T['$inferInsert'];
}

/** The values of rowPlaceholders' placeholders, from the row; a missing one is a mistake. */
export function rowValues<R extends Record<string, unknown>>(
  columns: readonly (keyof R & string)[],
  row: R,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const value = row[c];
    if (value === undefined || value === null) throw new Error(`the row has no ${c}`);
    out[c] = value;
  }
  return out;
}

interface PgClient {
  query<R>(query: { name?: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * A statement written as SQL text, run like a prepared query (under its name on the connection
 * `db` stands for) and sent to the driver as it is: no query builder between. For the statements
 * a Drizzle builder cannot express (a data-modifying `WITH`) on every command's path. Rows come
 * back as node-postgres types them (timestamptz as Date, json parsed; bigint as a number, by the
 * parser database.ts sets).
 */
export function preparedSql<R>(
  name: string,
  text: string,
): (db: Db, values: unknown[]) => Promise<R[]> {
  return (db, values) =>
    runText<R>(db, settingsOf(db).namedStatements ? { name, text, values } : { text, values });
}

/**
 * A map keyed by SQL text that finds a text among the few of the same length, compared as
 * strings. A text built anew (a statement of a shape not yet kept by render, sql-text.ts, or one
 * written through Drizzle) is a new string of many pieces: a Map hashes every new string it is
 * asked for, about 8 µs for a command's writes, where comparing it with the one stored is a copy
 * into one piece and a memcmp (about 3 µs), and a kept text, the same string, compares at once.
 */
class TextMap<V> {
  readonly #byLength = new Map<number, { text: string; value: V }[]>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(text: string): V | undefined {
    const same = this.#byLength.get(text.length);
    if (same) for (const entry of same) if (entry.text === text) return entry.value;
    return undefined;
  }

  set(text: string, value: V): void {
    const same = this.#byLength.get(text.length);
    const entry = same?.find((e) => e.text === text);
    if (entry) {
      entry.value = value;
      return;
    }
    if (same) same.push({ text, value });
    else this.#byLength.set(text.length, [{ text, value }]);
    this.#size++;
  }

  delete(text: string): void {
    const same = this.#byLength.get(text.length);
    const at = same ? same.findIndex((e) => e.text === text) : -1;
    if (!same || at < 0) return;
    same.splice(at, 1);
    if (!same.length) this.#byLength.delete(text.length);
    this.#size--;
  }

  clear(): void {
    this.#byLength.clear();
    this.#size = 0;
  }
}

/** Statement names given to texts by statementNameFor, by text. */
const textNames = new TextMap<string>();
const TEXT_NAMES_CAP = 500;
/** How often each text without a name was sent, until it earns one (or the count is reset). */
const textUses = new TextMap<number>();
const TEXT_USES_CAP = 1000;
const USES_FOR_A_NAME = 3;

/**
 * The name a statement's text runs under (NamingClient), or undefined: a text sent a third time
 * gets a name, and PostgreSQL then parses and plans it once per connection instead of on every
 * call. One-off texts (a bulk load's batches of varying size, a migration) stay unnamed, so they
 * neither take places nor hold plans in every connection; the names are capped all the same.
 */
export function statementNameFor(text: string): string | undefined {
  const name = textNames.get(text);
  if (name !== undefined || textNames.size >= TEXT_NAMES_CAP) return name;
  const uses = (textUses.get(text) ?? 0) + 1;
  if (uses < USES_FOR_A_NAME) {
    if (textUses.size >= TEXT_USES_CAP) textUses.clear();
    textUses.set(text, uses);
    return undefined;
  }
  textUses.delete(text);
  const given = `s${textNames.size + 1}`;
  textNames.set(text, given);
  return given;
}

/** Runs SQL text (rendered by sql-text.ts, or preparedSql's) on the connection `db` stands for. */
export async function runText<R>(
  db: Db,
  statement: { name?: string; text: string; values: unknown[] },
): Promise<R[]> {
  const client = (db as unknown as { session: Session }).session.client as PgClient;
  const result = await client.query<R>(statement);
  return result.rows;
}
