import { z } from 'zod';
import { MAX_AMOUNT } from '../domain/money.ts';

/** Shared pieces of the API's schemas; each validates requests and documents the API at once. */

export const Id = (prefix: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `a ${prefix}_ id`)
    .meta({ example: `${prefix}_01jx3v7k2m9q8r5t6w4y1z0abc` });

/** An instant on input: RFC 3339 with an offset; turned into a Date. */
export const InstantIn = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .meta({ description: 'RFC 3339 instant, e.g. 2026-03-02T09:00:00Z' });
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

export const ShortText = (max = 200) => z.string().trim().min(1).max(max);

export const Limit = z.coerce.number().int().min(1).max(200).default(50);
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

export function decodeCursor<T>(
  cursor: string | undefined,
  check: (v: unknown) => v is T,
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {}
  return undefined;
}
