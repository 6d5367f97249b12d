import { z } from 'zod';
import { AppError } from '../app/errors.ts';
import { hasVisibleText } from '../domain/index.ts';
import { MAX_AMOUNT } from '../domain/money.ts';

/** Shared pieces of the API's schemas; each validates requests and documents the API at once. */

export const Id = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `a ${prefix}_ id`)
    .meta({ example: `${prefix}_01jx3v7k2m9q8r5t6w4y1z0abc` });

/** RFC 3339 with an offset, on a day the calendar has. */
const InstantText = z.iso.datetime({ offset: true });
/** An instant on input: RFC 3339 with an offset; turned into a Date. */
export const InstantIn = InstantText.transform((s) => new Date(s)).meta({
  description: 'RFC 3339 instant, e.g. 2026-03-02T09:00:00Z',
});
/** An instant on output: RFC 3339 UTC. */
export const Instant = z
  .string()
  .meta({ format: 'date-time', example: '2026-03-02T09:00:00.000Z' });

export const Money = z
  .number()
  .int()
  .min(0)
  .max(MAX_AMOUNT)
  .meta({
    description: `Amount in integer minor units of the currency (cents for USD), at most ${MAX_AMOUNT}.`,
  });
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
  .meta({ example: 'USD' });

export const ShortText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(hasVisibleText, 'shows nothing: only invisible characters');

/**
 * A whole number in a query string, written in decimal digits: `z.coerce.number()` alone would
 * also take `0x10`, `1e2`, ` 5` and an empty value (0), each read as some other number than the
 * caller meant. Anything but digits reaches the number check as text and is refused (422).
 */
export const QueryInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v),
    z.number({ error: 'must be a whole number written in decimal digits' }).int().min(min).max(max),
  );

export const Limit = QueryInt(1, 200).default(50);
export const Cursor = z.string().max(500).optional();

export const FieldProblem = z.object({ path: z.string(), message: z.string() });
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.array(FieldProblem).optional(),
    allowed_commands: z.array(z.string()).optional(),
    rule: z.string().optional().meta({
      description:
        'The business rule that refused a command the table allows (return_address_missing, label_exists, offer_left...)',
    }),
    retry_after: z.number().int().optional().meta({
      description: 'Seconds until a rate limit lets the request through (as Retry-After)',
    }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Problem answers every route may give, for the OpenAPI document. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as Record<
    number,
    typeof ProblemSchema
  >;

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'A retry with the same key returns the first answer.' }),
});

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A list's `cursor`: undefined for the first page, else what the previous page's `next_cursor`
 * carried. Anything it never carries (another encoding, a tampered value, a time that is not one)
 * is refused with 422 here, before it reaches a query.
 */
export function decodeCursor<T>(
  cursor: string | undefined,
  check: (v: unknown) => v is T,
): T | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {}
  if (check(value)) return value;
  throw new AppError('validation_failed', 'The cursor is not valid.', {
    fields: [{ path: 'querystring.cursor', message: 'not a cursor from this API' }],
  });
}

const PREFIXED_ID = /^[a-z]{3,4}_[0-9a-z]{26}$/;

/** A cursor of a list paged by id: the last id the previous page showed. */
export const isIdCursor = (v: unknown): v is string => typeof v === 'string' && PREFIXED_ID.test(v);

/** An instant as answers write it (InstantIn's text), on a day the calendar has. */
export const isInstantText = (v: unknown): v is string => InstantText.safeParse(v).success;
