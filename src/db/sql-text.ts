import { type SQL, sql } from 'drizzle-orm';

/**
 * SQL text with its values, for the statements every command sends (write-together.ts): put
 * together by string concatenation, without a query builder. Drizzle's `sql` builds the same thing
 * through a generic walk (entity checks, chunk merging) that cost about a tenth of the server's
 * CPU per command (bench/lifecycle.ts, --cpu-prof). A value interpolated into `text` is sent as a
 * parameter; a `SqlText` is inlined; `verbatim` inlines fixed text (names, types), never input.
 */
export class SqlText {
  constructor(readonly pieces: readonly (string | SqlText | Value)[]) {}
}

class Value {
  constructor(readonly value: unknown) {}
}

/** Fixed SQL text (a column list, a type): never a value from outside. */
export function verbatim(text: string): SqlText {
  return new SqlText([text]);
}

export function text(strings: TemplateStringsArray, ...values: unknown[]): SqlText {
  const pieces: (string | SqlText | Value)[] = [];
  strings.forEach((s, i) => {
    if (s) pieces.push(s);
    if (i < values.length) {
      const v = values[i];
      pieces.push(v instanceof SqlText ? v : new Value(v));
    }
  });
  return new SqlText(pieces);
}

export function joinText(parts: readonly SqlText[], separator: string): SqlText {
  const pieces: (string | SqlText)[] = [];
  parts.forEach((p, i) => {
    if (i) pieces.push(separator);
    pieces.push(p);
  });
  return new SqlText(pieces);
}

/**
 * `($1::type, $2::type, …)`: one row of values, `after[i]` following value i (its cast and a
 * comma, or the closing parenthesis). Built as one list of pieces: a command's writes have a
 * few hundred values, and a template per value was most of what they allocated.
 */
export function tupleText(values: readonly unknown[], after: readonly string[]): SqlText {
  const pieces: (string | Value)[] = ['('];
  for (let i = 0; i < values.length; i++) pieces.push(new Value(values[i]), after[i]!);
  return new SqlText(pieces);
}

/** The statement's text with `$1`, `$2`, … and its values in that order. */
export function render(statement: SqlText): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (t: SqlText): string => {
    let out = '';
    for (const p of t.pieces) {
      if (typeof p === 'string') out += p;
      else if (p instanceof SqlText) out += walk(p);
      else out += `$${values.push(p.value)}`;
    }
    return out;
  };
  return { text: walk(statement), values };
}

/** The same statement as Drizzle SQL, for callers that run it through Drizzle. */
export function toDrizzle(statement: SqlText): SQL {
  return sql.join(
    statement.pieces.map((p) =>
      typeof p === 'string' ? sql.raw(p) : p instanceof SqlText ? toDrizzle(p) : sql.param(p.value),
    ),
  );
}
