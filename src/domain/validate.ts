import type { FieldError } from './errors.ts';

// Small runtime checks for input that arrives as JSON: each records a field error and
// answers whether the value passed, so callers can collect every failing field at once.

export type Fields = FieldError[];

/**
 * Whether the text shows something: a letter, digit, punctuation, symbol (emoji) or mark. Text
 * of spaces and invisible format characters alone (zero-width spaces, direction marks) does not.
 */
export function hasVisibleText(text: string): boolean {
  return /[\p{L}\p{N}\p{P}\p{S}\p{M}]/u.test(text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkString(
  errors: Fields,
  path: string,
  value: unknown,
  max: number,
  { optional = false, min = 1 } = {},
): value is string {
  if (value === undefined && optional) return true;
  if (typeof value !== 'string' || value.trim().length < min || value.length > max) {
    errors.push({ path, message: `must be a string of ${min} to ${max} characters` });
    return false;
  }
  return true;
}

export function checkInteger(
  errors: Fields,
  path: string,
  value: unknown,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
  { optional = false } = {},
): value is number {
  if (value === undefined && optional) return true;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    errors.push({ path, message: `must be an integer from ${min} to ${max}` });
    return false;
  }
  return true;
}

export function checkPercent(errors: Fields, path: string, value: unknown): value is number {
  const ok =
    typeof value === 'number' &&
    value >= 0 &&
    value <= 100 &&
    Math.abs(Math.round(value * 100) - value * 100) < 1e-9;
  if (!ok) errors.push({ path, message: 'must be a percentage from 0 to 100, two decimals' });
  return ok;
}

export function checkOneOf<T>(
  errors: Fields,
  path: string,
  value: unknown,
  allowed: readonly T[],
  { optional = false } = {},
): value is T {
  if (value === undefined && optional) return true;
  if (!allowed.includes(value as T)) {
    errors.push({ path, message: `must be one of: ${allowed.join(', ')}` });
    return false;
  }
  return true;
}

/** A list of distinct allowed values; `min` items at least. */
export function checkSubset<T>(
  errors: Fields,
  path: string,
  value: unknown,
  allowed: readonly T[],
  min = 0,
): value is T[] {
  const ok =
    Array.isArray(value) &&
    value.length >= min &&
    new Set(value).size === value.length &&
    value.every((v) => allowed.includes(v as T));
  if (!ok) {
    errors.push({ path, message: `must list at least ${min} distinct of: ${allowed.join(', ')}` });
  }
  return ok;
}

export function checkAttachmentIds(errors: Fields, path: string, value: unknown): boolean {
  if (value === undefined) return true;
  const ok =
    Array.isArray(value) &&
    value.length <= 20 &&
    value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 100);
  if (!ok) errors.push({ path, message: 'must be a list of at most 20 attachment ids' });
  return ok;
}

export function checkDate(
  errors: Fields,
  path: string,
  value: unknown,
  { optional = false } = {},
): boolean {
  if (value === undefined && optional) return true;
  const ok = value instanceof Date && !Number.isNaN(value.getTime());
  if (!ok) errors.push({ path, message: 'must be a valid instant' });
  return ok;
}

export function checkKnownKeys(
  errors: Fields,
  prefix: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) errors.push({ path: join(prefix, key), message: 'unknown field' });
  }
}

export function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}
