import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Every id is a kind prefix plus a ULID: unique, sortable by creation time, safe in URLs. */
export type IdKind =
  | 'ret'
  | 'ord'
  | 'lin'
  | 'msg'
  | 'evt'
  | 'rfd'
  | 'att'
  | 'usr'
  | 'sel'
  | 'key'
  | 'ntf'
  | 'whe'
  | 'whd'
  | 'acc'
  | 'ltx'
  | 'ent'
  | 'cev'
  | 'ses'
  | 'radr'
  | 'lbl'
  | 'sig';

// ULID's random part takes one fraction per character; drawing each from the operating system
// was a percent of a command's CPU. They come from a pool of OS random bytes instead (a byte
// over 256 maps evenly onto ULID's 32 characters).
const pool = new Uint8Array(4096);
let used = pool.length;
function randomFraction(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]! / 256;
}

const next = monotonicFactory(randomFraction);

export function newId(kind: IdKind, at: Date): string {
  return `${kind}_${next(at.getTime()).toLowerCase()}`;
}
