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
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    if (s) pieces.push(s);
    if (i < values.length) {
      const v = values[i];
      pieces.push(v instanceof SqlText ? v : new Value(v));
    }
  }
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

/**
 * The statement's text with `$1`, `$2`, … and its values in that order. The text depends only on
 * the statement's pieces of text and where its values fall among them, and a command's writes take
 * a few such shapes: each shape's text is kept (ShapeTexts), and a statement of a known shape
 * costs a walk that collects its values, not a few kilobytes of text put together anew (with the
 * string concatenations behind it, that was a tenth of what a command allocated).
 */
export function render(statement: SqlText): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const known = shapeTexts.textOf(statement, values);
  if (known !== undefined) return { text: known, values };
  values.length = 0;
  const text = textOf(statement, values);
  shapeTexts.keep(statement, text);
  return { text, values };
}

function textOf(t: SqlText, values: unknown[]): string {
  let out = '';
  for (const p of t.pieces) {
    if (typeof p === 'string') out += p;
    else if (p instanceof SqlText) out += textOf(p, values);
    else out += `$${values.push(p.value)}`;
  }
  return out;
}

/** A value's place in a shape: no piece of text is this object. */
const VALUE = Symbol('value');

/**
 * A place in the trie: most have one way on (`piece`, then `child`), and the few where shapes part
 * have the others in `branches`.
 */
interface ShapeNode {
  piece?: string | typeof VALUE;
  child?: ShapeNode;
  branches?: Map<string | typeof VALUE, ShapeNode>;
  text?: string;
}

/**
 * Texts by shape, in a trie over a statement's pieces in order: a piece of text is matched by
 * content, which for the pieces of a template literal or a constant is the same string object
 * each time (an identity check); a value by VALUE. Capped in nodes: one-off statements (a bulk
 * load's batches) beyond it are rendered without being kept.
 */
class ShapeTexts {
  readonly #root: ShapeNode = {};
  #nodes = 0;

  constructor(readonly maxNodes: number) {}

  /** The text of this statement's shape if kept, with its values pushed onto `values`. */
  textOf(statement: SqlText, values: unknown[]): string | undefined {
    return this.#follow(statement, this.#root, values)?.text;
  }

  #follow(t: SqlText, from: ShapeNode, values: unknown[]): ShapeNode | undefined {
    let node: ShapeNode | undefined = from;
    for (const p of t.pieces) {
      let key: string | typeof VALUE;
      if (typeof p === 'string') key = p;
      else if (p instanceof Value) {
        values.push(p.value);
        key = VALUE;
      } else {
        node = this.#follow(p, node, values);
        if (!node) return undefined;
        continue;
      }
      node = node.piece === key ? node.child : node.branches?.get(key);
      if (!node) return undefined;
    }
    return node;
  }

  keep(statement: SqlText, text: string): void {
    const end = this.#grow(statement, this.#root);
    if (end) end.text = text;
  }

  #grow(t: SqlText, from: ShapeNode): ShapeNode | undefined {
    let node = from;
    for (const p of t.pieces) {
      if (p instanceof SqlText) {
        const end = this.#grow(p, node);
        if (!end) return undefined;
        node = end;
        continue;
      }
      const key = typeof p === 'string' ? p : VALUE;
      let next = node.piece === key ? node.child : node.branches?.get(key);
      if (!next) {
        if (this.#nodes >= this.maxNodes) return undefined;
        next = {};
        this.#nodes++;
        if (node.piece === undefined) {
          node.piece = key;
          node.child = next;
        } else {
          node.branches ??= new Map();
          node.branches.set(key, next);
        }
      }
      node = next;
    }
    return node;
  }
}

const shapeTexts = new ShapeTexts(50_000);

/** The same statement as Drizzle SQL, for callers that run it through Drizzle. */
export function toDrizzle(statement: SqlText): SQL {
  return sql.join(
    statement.pieces.map((p) =>
      typeof p === 'string' ? sql.raw(p) : p instanceof SqlText ? toDrizzle(p) : sql.param(p.value),
    ),
  );
}
