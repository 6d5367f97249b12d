/**
 * `JSON.parse(JSON.stringify(value), reviver)` without the text in between: a deep copy with the
 * same result for plain data (objects, arrays, strings, numbers, booleans, null, Dates, undefined
 * members), several times faster on the case documents that every read and every answer copies.
 * Anything else (class instances, custom `toJSON`, BigInt, very deep nesting) takes the
 * JSON round trip itself, so the result is always the round trip's. The reviver is called as
 * `reviver(key, value)`, bottom-up, like JSON.parse's (without its `this`).
 */
export function jsonCopy(
  value: unknown,
  reviver?: (key: string, value: unknown) => unknown,
): unknown {
  try {
    return copy(value, '', reviver, 0);
  } catch (err) {
    if (err !== NOT_PLAIN) throw err;
    const text = JSON.stringify(value);
    return reviver ? JSON.parse(text, reviver) : JSON.parse(text);
  }
}

const NOT_PLAIN = Symbol('not plain JSON data');
const MAX_DEPTH = 64;

/** The copy of `value` found under `key`; `undefined` when JSON would leave the member out. */
function copy(
  value: unknown,
  key: string,
  reviver: ((key: string, value: unknown) => unknown) | undefined,
  depth: number,
): unknown {
  let out: unknown;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      out = value;
      break;
    case 'number':
      // JSON writes NaN and ±Infinity as null, and -0 as 0.
      out = Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
      break;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object': {
      if (value === null) {
        out = null;
        break;
      }
      if (depth > MAX_DEPTH) throw NOT_PLAIN;
      if (value instanceof Date) {
        out = value.toJSON(key);
        break;
      }
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) throw NOT_PLAIN;
        const items = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const original: unknown = value[i];
          const t = typeof original;
          // JSON writes an array's undefined, function and symbol items as null.
          const item =
            t === 'undefined' || t === 'function' || t === 'symbol'
              ? reviver
                ? reviver(String(i), null)
                : null
              : copy(original, String(i), reviver, depth + 1);
          // A reviver's undefined deletes the item, leaving a hole, as JSON.parse does.
          if (item !== undefined) items[i] = item;
        }
        out = items;
        break;
      }
      const proto = Object.getPrototypeOf(value);
      if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) throw NOT_PLAIN;
      out = copyMembers(value as Record<string, unknown>, reviver, depth);
      break;
    }
    default:
      // bigint: JSON.stringify throws; the round trip reports it.
      throw NOT_PLAIN;
  }
  return reviver ? reviver(key, out) : out;
}

/**
 * A plain object's members. The copy starts as a spread of the object, so it keeps the object's
 * shape (V8 keeps it in fast mode, as JSON.parse's objects are; an object grown key by key from
 * `{}` turns into a slow dictionary past a dozen keys, which costs every later read and spread).
 * Members JSON leaves out (undefined, functions, symbols, symbol keys) take the slow way.
 */
function copyMembers(
  value: Record<string, unknown>,
  reviver: ((key: string, value: unknown) => unknown) | undefined,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  const keys = Object.keys(out);
  let fast = Object.getOwnPropertySymbols(out).length === 0;
  for (let i = 0; fast && i < keys.length; i++) {
    const k = keys[i]!;
    const member = copy(out[k], k, reviver, depth + 1);
    if (member === undefined || k === '__proto__') fast = false;
    else out[k] = member;
  }
  if (fast) return out;
  const members: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const member = copy(value[k], k, reviver, depth + 1);
    if (member === undefined) continue;
    // JSON.parse makes "__proto__" an own member; an assignment would set the prototype.
    if (k === '__proto__') {
      Object.defineProperty(members, k, {
        value: member,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      members[k] = member;
    }
  }
  return members;
}
