import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';

/**
 * The one rule for text that arrives in a request, applied to every string (and every field
 * name) of a body, query string and path before the schema sees it: it must be well-formed
 * Unicode without control characters, tab, line feed and carriage return excepted.
 *
 * Text is refused rather than repaired. A lone surrogate cannot be encoded as UTF-8: the database
 * would store U+FFFD while the record's hash was computed over what was sent, so the chain would
 * read as broken from then on; PostgreSQL refuses U+0000 outright. Refusing keeps what is hashed
 * exactly what is stored, and tells the sender which field to fix. Well-formed text (right-to-left
 * marks, combining characters, emoji) is kept byte for byte, never normalized.
 */

const codePoint = (unit: number) => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. */
const isControl = (unit: number) =>
  unit < 0x20 ? unit !== 0x09 && unit !== 0x0a && unit !== 0x0d : unit >= 0x7f && unit <= 0x9f;
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Why `text` is refused, or undefined when it is fine. One pass over its UTF-16 code units. */
export function unsafeTextReason(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isControl(unit)) return `contains ${codePoint(unit)}, a control character`;
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      return `contains a lone surrogate (${codePoint(unit)}): not well-formed Unicode`;
    }
  }
  return undefined;
}

export interface UnsafeText {
  path: (string | number)[];
  message: string;
}

/** A field problems list stays short however many strings are wrong. */
const MAX_PROBLEMS = 20;

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * The strings and field names in `value` that break the rule (the first few). Walks without
 * recursion and without copying paths, so a deeply nested body costs time in its size only.
 */
export function findUnsafeText(value: unknown): UnsafeText[] {
  const found: UnsafeText[] = [];
  const stack: Visit[] = [{ value, key: undefined, parent: undefined }];
  while (stack.length > 0 && found.length < MAX_PROBLEMS) {
    const visit = stack.pop()!;
    const v = visit.value;
    if (typeof v === 'string') {
      const reason = unsafeTextReason(v);
      if (reason) found.push({ path: pathOf(visit), message: reason });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: visit });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const reason = unsafeTextReason(key);
        const at: Visit = { value: child, key, parent: visit };
        if (reason) found.push({ path: pathOf(at), message: `field name ${reason}` });
        else stack.push(at);
      }
    }
  }
  return found;
}

/**
 * fastify-type-provider-zod's validator, with the text rule first: a part with unsafe text is
 * refused naming those fields only (what the schema would say about text that is not text is
 * noise), and the schema never sees it. Headers are left alone: Node's parser already refuses
 * control characters there, and they carry no stored text.
 */
export const inputValidatorCompiler: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart === 'headers') {
    if (!(route.schema instanceof $ZodType) || !headersReadAsSent(route.schema)) return validate;
    // Checked, and left as Node parsed them: what the schema answers is the same strings, less
    // the headers it does not name. Given that answer, Fastify would merge it into a copy of all
    // the headers at every read of `request.headers` (a command reads them about ten times).
    return (data: unknown) => {
      // The library's validator answers synchronously, with `error` or `value`.
      const result = validate(data) as { error?: Error | FastifySchemaValidationError[] };
      return result.error ? result : {};
    };
  }
  return (data: unknown) => {
    const unsafe = findUnsafeText(data);
    if (unsafe.length === 0) return validate(data);
    const error: FastifySchemaValidationError[] = unsafe.map((u) => ({
      keyword: 'text',
      instancePath: '',
      schemaPath: '#',
      message: u.message,
      params: { path: u.path },
    }));
    return { error };
  };
};

/**
 * Whether a headers schema answers each header it names as it was sent: an object of strings
 * (optional or not) with checks only: no coercion, transform, default, catch-all, or check that
 * rewrites the string (`trim`, `toLowerCase` and the like, zod's `overwrite` checks).
 */
export function headersReadAsSent(schema: $ZodType): boolean {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, $ZodType>;
    catchall?: unknown;
  };
  if (def.type !== 'object' || !def.shape || def.catchall !== undefined) return false;
  return Object.values(def.shape).every((member) => {
    let d = member._zod.def as unknown as {
      type: string;
      innerType?: $ZodType;
      coerce?: boolean;
      checks?: { _zod: { def: { check: string } } }[];
    };
    if (d.type === 'optional' && d.innerType) d = d.innerType._zod.def as typeof d;
    return (
      d.type === 'string' &&
      !d.coerce &&
      (d.checks ?? []).every((c) => c._zod.def.check !== 'overwrite')
    );
  });
}
