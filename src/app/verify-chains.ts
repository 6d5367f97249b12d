import { firstBrokenLink } from '../bundle/chain.ts';
import type { CaseEventRow } from '../db/cases.ts';
import type { MessageRow } from '../db/messages.ts';
import { eventRecord } from './case-context.ts';
import { chainHash } from './record-hash.ts';
import { messageRecord } from './threads.ts';

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first link that does not hold, and why. */
  broken?: { seq: number; id: string; reason: string };
}

function checkChain<T extends { seq: number; id: string; prevHash: string; hash: string }>(
  rows: T[],
  record: (row: T) => unknown,
): ChainCheck {
  const broken = firstBrokenLink(rows, {
    prevHash: (row) => row.prevHash,
    record,
    hash: chainHash,
  });
  if (!broken) return { ok: true, checked: rows.length };
  const { row } = broken;
  const reason =
    broken.kind === 'sequence'
      ? `sequence jumps from ${broken.expected - 1} to ${row.seq}`
      : broken.kind === 'link'
        ? 'prev_hash does not match the previous link'
        : 'content does not match its hash';
  return { ok: false, checked: rows.length, broken: { seq: row.seq, id: row.id, reason } };
}

/** Recomputes a case's event chain: any edited, removed or reordered event shows. */
export function checkEventChain(rows: CaseEventRow[]): ChainCheck {
  return checkChain(rows, eventRecord);
}

/** Recomputes a thread's message chain. */
export function checkMessageChain(rows: MessageRow[]): ChainCheck {
  return checkChain(rows, messageRecord);
}
