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
  | 'cev';

const next = monotonicFactory();

export function newId(kind: IdKind, at: Date): string {
  return `${kind}_${next(at.getTime()).toLowerCase()}`;
}
