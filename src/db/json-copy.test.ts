import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy.ts';

const roundTrip = (value: unknown, reviver?: (key: string, value: unknown) => unknown) =>
  reviver ? JSON.parse(JSON.stringify(value), reviver) : JSON.parse(JSON.stringify(value));

const instants = (key: string, value: unknown) =>
  typeof value === 'string' &&
  (key === 'at' || key.endsWith('_at')) &&
  !Number.isNaN(Date.parse(value))
    ? new Date(value)
    : value;

// Plain data with the awkward members JSON handles on its own terms.
const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: false }),
    fc.constant(-0),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('at', 'due_at', 'created_at', '0', '__proto__')),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
})).value;

describe('jsonCopy', () => {
  it('equals the JSON round trip, with and without a reviver', () => {
    fc.assert(
      fc.property(data, (value) => {
        fc.pre(value !== undefined);
        expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
        expect(jsonCopy(value, instants)).toStrictEqual(roundTrip(value, instants));
      }),
      { numRuns: 2000 },
    );
  });

  it('falls back to the round trip for what is not plain data', () => {
    class Money {
      constructor(readonly amount: number) {}
    }
    const odd = { m: new Money(5), t: { toJSON: () => 'x' }, list: [new Map([[1, 2]]), () => 1] };
    expect(jsonCopy(odd)).toStrictEqual(roundTrip(odd));
    expect(() => jsonCopy({ n: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => jsonCopy(cycle)).toThrow(TypeError);
  });

  it('copies: the result shares nothing with the input', () => {
    const input = { a: [{ b: 1 }], c: { d: 'x' } };
    const out = jsonCopy(input) as typeof input;
    out.a[0]!.b = 2;
    out.c.d = 'y';
    expect(input).toEqual({ a: [{ b: 1 }], c: { d: 'x' } });
  });
});
