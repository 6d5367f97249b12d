import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The first form of canonicalJson, which every stored hash was made with: its definition. */
function reference(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Keys an object may list in another order than sorted: array indexes and near misses. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('0', '1', '2', '9', '10', '007', '-1', '1.5', '1e3', ' 1', '__proto__', 'toJSON'),
  fc.constantFrom('4294967294', '4294967295', '4294967296', '99999999999', 'b', 'B', 'é', '𝒜'),
  fc.nat().map(String),
);

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-324),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 5 }),
    fc.sparseArray(tie('node'), { maxLength: 5 }),
    fc.dictionary(key, tie('node'), { maxKeys: 6 }),
  ),
})).node;

describe('canonicalJson', () => {
  it('writes what JSON.stringify writes of a copy with sorted keys', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts objects of few keys and of many alike (insertion sort up to 16 keys, then Array#sort)', () => {
    const wide = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), value), {
      minKeys: 10,
      maxKeys: 40,
    });
    fc.assert(
      fc.property(wide, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
    const keys = Array.from({ length: 17 }, (_, i) => String.fromCharCode(0x7a - i));
    const seventeen = Object.fromEntries(keys.map((k) => [k, 1]));
    expect(Object.keys(JSON.parse(canonicalJson(seventeen)))).toEqual([...keys].reverse());
    const sixteen = Object.fromEntries(keys.slice(1).map((k) => [k, 1]));
    expect(Object.keys(JSON.parse(canonicalJson(sixteen)))).toEqual(keys.slice(1).reverse());
  });

  it('keeps the text every stored hash was made with', () => {
    const record = {
      type: 'return.requested',
      seq: 1,
      at: new Date('2026-03-02T09:00:00Z'),
      payload: {
        b: [2, undefined, { z: 1, a: null }],
        a: 'x',
        10: 'ten',
        9: 'nine',
        skip: undefined,
      },
    };
    expect(canonicalJson(record)).toBe(
      '{"at":"2026-03-02T09:00:00.000Z","payload":{"9":"nine","10":"ten","a":"x","b":[2,null,{"a":null,"z":1}]},"seq":1,"type":"return.requested"}',
    );
  });

  it('answers as JSON.stringify does where JSON has no text', () => {
    expect(canonicalJson(undefined)).toBeUndefined();
    expect(canonicalJson(() => 1)).toBeUndefined();
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1n] })).toThrow(TypeError);
    expect(() => canonicalJson(new Date(Number.NaN))).toThrow(RangeError);
  });
});
