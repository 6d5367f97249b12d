import fc from 'fast-check';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseSchema, CaseSummarySchema, EventSchema } from './case-schemas.ts';
import { ProblemSchema } from './schemas.ts';
import { readsTheSameBothWays, responseSerializerCompiler } from './serializer.ts';

const route = (schema: unknown) =>
  ({ schema, method: 'GET', url: '/x', httpStatus: '200' }) as Parameters<
    typeof responseSerializerCompiler
  >[0];
const ours = (schema: unknown) => responseSerializerCompiler(route(schema));
const library = (schema: unknown) => serializerCompiler(route(schema) as never);

describe('readsTheSameBothWays', () => {
  it('holds for the schemas of case answers', () => {
    for (const schema of [CaseSchema, CaseSummarySchema, EventSchema, ProblemSchema]) {
      expect(readsTheSameBothWays(schema)).toBe(true);
    }
  });

  it('finds a directional part at any depth', () => {
    const directional = [
      z.string().transform((s) => s.length),
      z.string().default('x'),
      z.string().prefault('x'),
      z.string().catch('x'),
      z.codec(z.iso.datetime(), z.date(), {
        decode: (s) => new Date(s),
        encode: (d) => d.toISOString(),
      }),
      z.object({ a: z.object({ b: z.array(z.number().default(1)) }) }),
      z.union([z.string(), z.object({ n: z.number().catch(0) })]),
      z.record(
        z.string(),
        z.string().transform((s) => s),
      ),
      z.object({}).catchall(z.string().default('')),
      z.tuple([z.string()], z.number().default(0)),
      z.string().optional().default('x'),
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('a'), a: z.string() }),
        z.object({ kind: z.literal('b'), b: z.number() }),
      ]),
    ];
    for (const schema of directional) expect(readsTheSameBothWays(schema)).toBe(false);
  });

  it('walks a recursive schema once and reads what it nests', () => {
    const Tree: z.ZodType = z.lazy(() => z.object({ name: z.string(), children: z.array(Tree) }));
    expect(readsTheSameBothWays(Tree)).toBe(true);
    const Bad: z.ZodType = z.lazy(() =>
      z.object({ n: z.number().default(0), next: Bad.optional() }),
    );
    expect(readsTheSameBothWays(Bad)).toBe(false);
  });
});

describe('responseSerializerCompiler', () => {
  const Answer = z.object({
    id: z.string().regex(/^ret_/),
    amount: z.number().int().min(0),
    status: z.enum(['open', 'closed']),
    note: z.string().nullable(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })),
    extra: z.record(z.string(), z.unknown()).optional(),
  });

  it('writes what the library writes, members the schema does not know left out', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string().map((s) => `ret_${s}`),
          amount: fc.nat(),
          status: fc.constantFrom('open', 'closed'),
          note: fc.option(fc.string(), { nil: null }),
          lines: fc.array(
            fc.record({
              sku: fc.string(),
              quantity: fc.integer({ min: 1, max: 9 }),
              secret: fc.string(),
            }),
          ),
          internal: fc.string(),
        }),
        (body) => {
          const text = ours(Answer)(body);
          expect(text).toBe(library(Answer)(body));
          expect(text).not.toContain('"internal"');
          expect(text).not.toContain('"secret"');
        },
      ),
    );
  });

  it('refuses a body its schema refuses, as the library does', () => {
    const bad = { id: 'nope', amount: -1, status: 'open', note: null, lines: [] };
    expect(() => ours(Answer)(bad)).toThrowError(/doesn't match the schema/);
    expect(() => library(Answer)(bad)).toThrowError(/doesn't match the schema/);
  });

  it('leaves a directional schema to the library: its default is not filled in on the way out', () => {
    const WithDefault = z.object({ a: z.string(), b: z.string().default('filled') });
    // Parsed forward, { a: 'x' } would become { a: 'x', b: 'filled' }; encoded, b is missing.
    expect(() => ours(WithDefault)({ a: 'x' })).toThrowError(/doesn't match the schema/);
    expect(() => library(WithDefault)({ a: 'x' })).toThrowError(/doesn't match the schema/);
    expect(ours(WithDefault)({ a: 'x', b: 'y' })).toBe('{"a":"x","b":"y"}');
  });
});
