import { createHash } from 'node:crypto';

/** Valid tracking numbers (their check digits hold) for the demo's parcels and for tests. */

/**
 * `length` digits drawn from `text` by SHA-256. (A rolling `n * 31 + char` gave two case ids made
 * in the same millisecond, which differ only in their last characters, the same digits: the
 * demo then shipped two parcels under one number.)
 */
function digitsFrom(text: string, length: number): string {
  const n = BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  return String(n % 10n ** BigInt(length)).padStart(length, '0');
}

/** UPS 1Z number with its check digit. */
export function upsTracking(seed: string): string {
  const body = `999AA1${digitsFrom(seed, 9)}`;
  let sum = 0;
  [...body].forEach((ch, i) => {
    const v = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 0 ? v : 2 * v;
  });
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}

/** UPU S10 number (Royal Mail, Deutsche Post) with its check digit. */
export function s10Tracking(seed: string, country: string): string {
  const serial = digitsFrom(seed, 8);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return `RR${serial}${check === 10 ? 0 : check === 11 ? 5 : check}${country}`;
}
