import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { headersReadAsSent, inputValidatorCompiler } from './input-text.ts';

const compile = (schema: z.ZodType, httpPart = 'headers') =>
  inputValidatorCompiler({ schema, httpPart, method: 'POST', url: '/x' } as never) as (
    data: unknown,
  ) => { value?: unknown; error?: unknown };

const IfMatch = z.object({
  'if-match': z
    .string()
    .regex(/^"\d+"$/)
    .optional(),
  'idempotency-key': z.string().min(1).optional(),
});

describe('the headers validator', () => {
  it('checks headers and leaves them as sent when the schema answers them unchanged', () => {
    const validate = compile(IfMatch);
    const sent = { 'if-match': '"3"', host: 'localhost', 'x-other': 'kept' };
    const result = validate(sent);
    expect(result.error).toBeUndefined();
    // No value: Fastify keeps the headers Node parsed, every one of them.
    expect('value' in result).toBe(false);
    expect(validate({ host: 'localhost' })).toEqual({});
  });

  it('still refuses a header the schema refuses', () => {
    const validate = compile(IfMatch);
    expect(validate({ 'if-match': 'W/"3"' }).error).toBeDefined();
    expect(validate({ 'idempotency-key': '' }).error).toBeDefined();
  });

  it('hands on what the schema answers when that can differ from what was sent', () => {
    const coerced = z.object({ 'x-count': z.coerce.number() });
    expect(headersReadAsSent(coerced)).toBe(false);
    expect(compile(coerced)({ 'x-count': '7' }).value).toEqual({ 'x-count': 7 });

    const defaulted = z.object({ 'x-mode': z.string().default('fast') });
    expect(headersReadAsSent(defaulted)).toBe(false);
    expect(compile(defaulted)({}).value).toEqual({ 'x-mode': 'fast' });

    const transformed = z.object({ 'x-name': z.string().transform((s) => s.toUpperCase()) });
    expect(headersReadAsSent(transformed)).toBe(false);
    expect(compile(transformed)({ 'x-name': 'a' }).value).toEqual({ 'x-name': 'A' });

    const trimmed = z.object({ 'x-name': z.string().trim() });
    expect(headersReadAsSent(trimmed)).toBe(false);
    expect(compile(trimmed)({ 'x-name': ' a ' }).value).toEqual({ 'x-name': 'a' });
    expect(headersReadAsSent(z.object({ 'x-name': z.string().toLowerCase() }))).toBe(false);
    expect(headersReadAsSent(z.looseObject({ 'x-name': z.string() }))).toBe(false);

    expect(headersReadAsSent(IfMatch)).toBe(true);
  });
});
