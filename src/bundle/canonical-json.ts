/**
 * JSON with object keys sorted at every level, so the same value always hashes the same. Shared by
 * the server (which hashes and signs) and the offline verifier (Node or a browser).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * A copy with every object's keys in sorted order (an object lists its array-index keys first, in
 * numeric order, then the rest as added). The copies are ordinary objects, which V8 keeps in fast
 * mode and JSON.stringify writes on its fast path; a "__proto__" key becomes an own member, an
 * ordinary key hashed like any other, as on the objects without a prototype that the first form of
 * this function copied into (every stored hash was made with it; canonical-json.test.ts keeps it
 * and holds this one to it), 1.4 times slower.
 */
function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: sortKeys(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[key] = sortKeys(v);
      }
    }
    return out;
  }
  return value;
}
