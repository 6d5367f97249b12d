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
    for (const key of sortedInPlace(Object.keys(value))) {
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

/** Up to this many keys are sorted by insertion; more take Array#sort. */
const INSERTION_SORT_MAX = 16;

/**
 * `keys` in sorted order (what Array#sort does to strings: UTF-16 code unit order), sorted in
 * place. An event's objects have a handful of keys each, and Array#sort copies its array into a
 * work array first (the sorts were 1.6 % of what the server allocated per lifecycle,
 * bench:lifecycle --alloc-prof); insertion sort in place allocates nothing and hashes an event
 * about a tenth faster. A longer list takes Array#sort, which stays O(n log n).
 */
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
