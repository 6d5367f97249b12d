import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError, serializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeParse } from 'zod/v4/core';

/**
 * The answers' serializer: each body is checked against its route's response schema (a body the
 * schema refuses is a 500, never sent) and written as JSON, as fastify-type-provider-zod's
 * serializer does. That one encodes (zod's backward direction, for codecs), which runs every
 * schema with checks twice over its part of the body: a case's answer took three times as long as
 * a parse of it, a twentieth of the server's CPU per command (bench:lifecycle --cpu-prof). A
 * schema that reads the same both ways (no transform, codec, default or catch anywhere in it, as
 * every response schema here) is parsed forward instead, which gives the same value; any other
 * takes the library's encoding, as before.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const schema = resolveSchema(route.schema);
  if (!schema || !readsTheSameBothWays(schema)) return serializerCompiler(route as never);
  const { method, url } = route;
  return (data) => {
    const result = safeParse(schema, data);
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};

function resolveSchema(schema: unknown): $ZodType | undefined {
  if (schema instanceof $ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  return properties instanceof $ZodType ? properties : undefined;
}

/** Kinds that map a value one way when parsed and another when encoded. */
const DIRECTIONAL = new Set(['transform', 'pipe', 'default', 'prefault', 'catch', 'success']);

/** Kinds without inner schemas that read the same both ways. */
const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'symbol',
  'null',
  'undefined',
  'void',
  'never',
  'any',
  'unknown',
  'date',
  'enum',
  'literal',
  'nan',
  'template_literal',
  'file',
  'custom',
]);

/**
 * Whether parsing `schema` forward gives what encoding it gives, for every value either accepts:
 * true when nothing in it is directional. A kind this does not know counts as directional, so a
 * newer zod's kinds take the encoding until they are listed here.
 */
export function readsTheSameBothWays(schema: $ZodType, seen = new Set<$ZodType>()): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (DIRECTIONAL.has(def.type)) return false;
  if (LEAVES.has(def.type)) return true;
  const inner = (...schemas: unknown[]) =>
    schemas.every((s) => s === undefined || readsTheSameBothWays(s as $ZodType, seen));
  switch (def.type) {
    case 'object':
      return inner(...Object.values(def.shape as Record<string, $ZodType>), def.catchall);
    case 'array':
      return inner(def.element);
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'promise':
      return inner(def.innerType);
    case 'union':
      // A discriminated union picks its option by the tag when parsing, and tries them all when
      // encoding a value whose tag it does not know.
      return def.discriminator === undefined && inner(...(def.options as $ZodType[]));
    case 'intersection':
      return inner(def.left, def.right);
    case 'record':
    case 'map':
      return inner(def.keyType, def.valueType);
    case 'set':
      return inner(def.valueType);
    case 'tuple':
      return inner(...(def.items as $ZodType[]), def.rest ?? undefined);
    case 'lazy':
      return inner((def.getter as () => $ZodType)());
    default:
      return false;
  }
}
