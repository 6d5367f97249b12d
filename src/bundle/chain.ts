/**
 * The hash chains of case events and thread messages, checked the same way by the server's
 * `sendback verify` (src/app/verify-chains.ts) and by the offline bundle verifier
 * (verify-bundle.ts): each link's hash is SHA-256(previous hash || canonical JSON of its record),
 * sequences count from 1, and the first link points at GENESIS_HASH. Isomorphic: the hash is
 * passed in (Node's crypto on the server, @noble/hashes in the browser).
 */

/** The first link of every chain points at this. */
export const GENESIS_HASH = '0'.repeat(64);

export type BrokenLink<T> =
  | { kind: 'sequence'; row: T; expected: number }
  | { kind: 'link'; row: T }
  | { kind: 'content'; row: T };

/** The first link of `rows` that does not hold, or null when the whole chain does. */
export function firstBrokenLink<T extends { seq: number; hash: string }>(
  rows: readonly T[],
  link: {
    prevHash: (row: T) => string;
    record: (row: T) => unknown;
    hash: (prevHash: string, record: unknown) => string;
  },
): BrokenLink<T> | null {
  let prev = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    if (row.seq !== i + 1) return { kind: 'sequence', row, expected: i + 1 };
    if (link.prevHash(row) !== prev) return { kind: 'link', row };
    if (link.hash(prev, link.record(row)) !== row.hash) return { kind: 'content', row };
    prev = row.hash;
  }
  return null;
}
