// Money is an integer count of minor units plus an ISO 4217 code; never a float.
//
// Rounding rules (each one is tested in money.test.ts or refund-calculator.test.ts):
// 1. Order-level discounts are shared across lines by largest remainder, weighted by each line's
//    price after its own discount: every line gets the floor of its exact share, and the leftover
//    units go one each to the largest fractional parts (ties to the earlier line). Shares add up
//    exactly to the discount.
// 2. Returning k of a line's n units refunds floor(T*(r+k)/n) - floor(T*r/n) of the line amount T,
//    where r units were already claimed by other cases. Each case rounds down, and the case that
//    claims the last unit receives the remainder, so all cases of a line add up exactly to T.
//    Net price and tax are split this way separately.
// 3. Percentages (restocking fee, maximum inspection deduction) are taken to two decimals and the
//    result is rounded down: a fee never exceeds its percentage and a cap never exceeds its limit.
// 4. Return-shipping reimbursement is min(cost, cap) and the total never goes below zero.

/**
 * ISO 4217 minor units that are not 2. Intl's digits come from CLDR, which gives display digits
 * (IDR, HUF, PKR ... show 0) rather than the ISO minor units that payment processors settle in.
 */
const MINOR_UNIT_EXCEPTIONS: ReadonlyMap<string, number> = new Map(
  (
    [
      [0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'],
      [3, 'BHD IQD JOD KWD LYD OMR TND'],
      [4, 'CLF UYW'],
    ] as const
  ).flatMap(([digits, codes]) => codes.split(' ').map((code) => [code, digits] as const)),
);

const KNOWN_CURRENCIES = new Set<string>([
  ...Intl.supportedValuesOf('currency'),
  ...MINOR_UNIT_EXCEPTIONS.keys(),
]);

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && KNOWN_CURRENCIES.has(code);
}

/** Number of decimals of the currency's minor unit (JPY 0, USD 2, KWD 3). */
export function minorUnits(currency: string): number {
  if (!isCurrency(currency)) throw new RangeError(`Unknown ISO 4217 currency: ${currency}`);
  return MINOR_UNIT_EXCEPTIONS.get(currency) ?? 2;
}

/**
 * The largest amount Sendback takes, in minor units (10^12: ten billion dollars in cents). Every
 * ingested price, discount, tax, shipping charge, line total (price × quantity) and order total
 * is at most this, so sums and products of a refund stay exact far below 2^53.
 */
export const MAX_AMOUNT = 1_000_000_000_000;
/** The most units of one order line. */
export const MAX_QUANTITY = 10_000;

/** A valid amount of money in minor units: a non-negative safe integer. */
export function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** floor(a * b / c) on integers without losing precision past 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('Division by zero');
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** Rule 3: percentage (two decimals) of an amount, rounded down. */
export function percentOf(amount: number, percent: number): number {
  return mulDivFloor(amount, Math.round(percent * 100), 10_000);
}

/** Rule 1: split `total` across `weights` so the shares add up exactly to `total`. */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!isAmount(total)) throw new RangeError('total must be a non-negative safe integer');
  if (weights.some((w) => !isAmount(w))) {
    throw new RangeError('weights must be non-negative safe integers');
  }
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero total over no weights');
    return [];
  }
  // With no weight at all there is no proportion to follow: share equally.
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const sum = effective.reduce((a, b) => a + BigInt(b), 0n);
  const bigTotal = BigInt(total);
  const shares = effective.map((w) => (bigTotal * BigInt(w)) / sum);
  const remainders = effective.map((w, index) => ({ index, rest: (bigTotal * BigInt(w)) % sum }));
  let left = Number(bigTotal - shares.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1;
  }
  return shares.map(Number);
}

/** Rule 2: the part of `total` (for `units` units) that units r+1 .. r+k carry. */
export function cumulativeShare(total: number, units: number, r: number, k: number): number {
  if (units <= 0 || r < 0 || k < 0 || r + k > units) {
    throw new RangeError(`cannot take units ${r + 1}..${r + k} of ${units}`);
  }
  return mulDivFloor(total, r + k, units) - mulDivFloor(total, r, units);
}
