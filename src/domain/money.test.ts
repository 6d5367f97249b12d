import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateLargestRemainder,
  cumulativeShare,
  isAmount,
  isCurrency,
  minorUnits,
  mulDivFloor,
  percentOf,
} from './money.ts';

describe('minorUnits', () => {
  it('follows ISO 4217, not display digits', () => {
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('USD')).toBe(2);
    expect(minorUnits('KWD')).toBe(3);
    expect(minorUnits('CLF')).toBe(4);
    // CLDR shows rupiah without decimals; ISO 4217 (and payment processors) use 2.
    expect(minorUnits('IDR')).toBe(2);
    expect(minorUnits('CNY')).toBe(2);
  });

  it('refuses codes that are not currencies', () => {
    expect(isCurrency('XYZ')).toBe(false);
    expect(isCurrency(840)).toBe(false);
    expect(() => minorUnits('usd')).toThrow(RangeError);
  });
});

describe('rule 1: allocateLargestRemainder', () => {
  it('gives leftover units to the largest remainders, ties to the earlier weight', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(1000, [5000, 4500])).toEqual([526, 474]);
    expect(allocateLargestRemainder(10, [0, 0])).toEqual([5, 5]);
    expect(allocateLargestRemainder(0, [])).toEqual([]);
    expect(allocateLargestRemainder(7, [0, 3, 0])).toEqual([0, 7, 0]);
  });

  it('refuses what cannot be allocated', () => {
    expect(() => allocateLargestRemainder(1, [])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => allocateLargestRemainder(1, [-1, 2])).toThrow(RangeError);
  });

  it('adds up exactly and stays within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const shares = allocateLargestRemainder(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          shares.forEach((share, i) => {
            const exact = sum === 0 ? total / weights.length : (total * (weights[i] ?? 0)) / sum;
            expect(Math.abs(share - exact)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});

describe('rule 2: cumulativeShare', () => {
  it('rounds each case down and gives the remainder to the last unit', () => {
    expect(cumulativeShare(1000, 3, 0, 1)).toBe(333);
    expect(cumulativeShare(1000, 3, 1, 1)).toBe(333);
    expect(cumulativeShare(1000, 3, 2, 1)).toBe(334);
    expect(() => cumulativeShare(1000, 3, 2, 2)).toThrow(RangeError);
  });

  it('adds up exactly over any split of the units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
        (total, chunks) => {
          const units = chunks.reduce((a, b) => a + b, 0);
          let taken = 0;
          let sum = 0;
          for (const k of chunks) {
            const part = cumulativeShare(total, units, taken, k);
            expect(part).toBeGreaterThanOrEqual(Math.floor((total * k) / units) - 1);
            sum += part;
            taken += k;
          }
          expect(sum).toBe(total);
        },
      ),
    );
  });
});

describe('rule 3: percentages round down', () => {
  it('takes two decimals and floors', () => {
    expect(percentOf(999, 15)).toBe(149); // 149.85
    expect(percentOf(1000, 12.5)).toBe(125);
    expect(percentOf(1, 50)).toBe(0);
    expect(percentOf(0, 100)).toBe(0);
  });

  it('stays exact past 2^53', () => {
    expect(mulDivFloor(Number.MAX_SAFE_INTEGER, 10_000, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => mulDivFloor(1, 1, 0)).toThrow(RangeError);
  });

  it('knows an amount', () => {
    expect(isAmount(0)).toBe(true);
    expect(isAmount(-1)).toBe(false);
    expect(isAmount(1.5)).toBe(false);
    expect(isAmount('1')).toBe(false);
  });
});
