import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinText, render, SqlText, text, tupleText, verbatim } from './sql-text.ts';
import { rowsText } from './unnest.ts';

/** What render answers, worked out from scratch every time: nothing kept between statements. */
function reference(statement: SqlText): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const walk = (t: SqlText): string =>
    t.pieces
      .map((p) =>
        typeof p === 'string'
          ? p
          : p instanceof SqlText
            ? walk(p)
            : `$${values.push((p as { value: unknown }).value)}`,
      )
      .join('');
  return { text: walk(statement), values };
}

/**
 * Statements of few pieces, so that many share a shape, a prefix of one, or differ from one in a
 * single piece: a value where another has text, text split in other places, nesting.
 */
const piece = fc.constantFrom('select ', 'a', 'b', ', ', '(', ')', 'ab', '');
const statement: fc.Arbitrary<SqlText> = fc.letrec<{ node: SqlText }>((tie) => ({
  node: fc
    .array(
      fc.oneof(
        { depthSize: 'small' },
        piece.map((p) => verbatim(p)),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null)).map((v) => text`${v}`),
        tie('node'),
      ),
      { maxLength: 6 },
    )
    .map((parts) => joinText(parts, ' ')),
})).node;

describe('render', () => {
  it('answers what a fresh rendering does, for statements of shapes seen before and not', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 8 }), (statements) => {
        // Each twice: the second time its shape is kept.
        for (const s of [...statements, ...statements]) expect(render(s)).toEqual(reference(s));
      }),
      { numRuns: 500 },
    );
  });

  it('gives a statement of a kept shape its own values, and another row count its own text', () => {
    const columns = [
      { name: 'id', type: 'text', value: (r: { id: string; n: number }) => r.id },
      { name: 'n', type: 'int', value: (r: { id: string; n: number }) => r.n },
    ];
    const write = (rows: { id: string; n: number }[]) =>
      text`insert into t (id, n) ${rowsText(rows, columns)} returning ${'x'}::text`;
    const first = render(write([{ id: 'a', n: 1 }]));
    const second = render(write([{ id: 'b', n: 2 }]));
    expect(first.text).toBe(
      'insert into t (id, n) select * from (values ($1::text, $2::int)) as u(id, n) returning $3::text',
    );
    expect(second).toEqual({ text: first.text, values: ['b', 2, 'x'] });
    const two = render(
      write([
        { id: 'c', n: 3 },
        { id: 'd', n: 4 },
      ]),
    );
    expect(two.text).toBe(
      'insert into t (id, n) select * from (values ($1::text, $2::int), ($3::text, $4::int)) as u(id, n) returning $5::text',
    );
    expect(two.values).toEqual(['c', 3, 'd', 4, 'x']);
  });

  it('tells a value from text that reads the same', () => {
    const asText = render(new SqlText(['select ', '$1']));
    const asValue = render(tupleText(['$1'], [')']));
    expect(asText).toEqual({ text: 'select $1', values: [] });
    expect(asValue).toEqual({ text: '($1)', values: ['$1'] });
  });
});
