import { describe, expect, it } from 'vitest';
import { statementNameFor } from './prepared.ts';

/** The text of `sql` built as a command's writes are: a string of many pieces. */
function builtOf(sql: string): string {
  let out = '';
  for (const piece of sql.match(/.{1,7}/gs) ?? []) out += piece;
  return out;
}

describe('statementNameFor', () => {
  it('names a text on its third use, and gives it that name from then on', () => {
    const sql = 'select $1::text as statement_names_third_use';
    expect(statementNameFor(sql)).toBeUndefined();
    expect(statementNameFor(builtOf(sql))).toBeUndefined();
    const name = statementNameFor(builtOf(sql));
    expect(name).toMatch(/^s\d+$/);
    expect(statementNameFor(sql)).toBe(name);
    expect(statementNameFor(builtOf(sql))).toBe(name);
  });

  it('tells apart texts of the same length', () => {
    const a = 'select $1::text as statement_names_aaa';
    const b = 'select $1::text as statement_names_bbb';
    expect(a.length).toBe(b.length);
    for (let i = 0; i < 2; i++) {
      expect(statementNameFor(a)).toBeUndefined();
      expect(statementNameFor(b)).toBeUndefined();
    }
    const nameA = statementNameFor(builtOf(a));
    const nameB = statementNameFor(builtOf(b));
    expect(nameA).toBeDefined();
    expect(nameB).toBeDefined();
    expect(nameA).not.toBe(nameB);
    expect(statementNameFor(b)).toBe(nameB);
    expect(statementNameFor(a)).toBe(nameA);
  });
});
