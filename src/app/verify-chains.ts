import type { CaseEventRow } from '../db/cases.ts';
import type { MessageRow } from '../db/messages.ts';
import { eventRecord } from './case-context.ts';
import { chainHash, GENESIS_HASH } from './record-hash.ts';
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
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    const fail = (reason: string): ChainCheck => ({
      ok: false,
      checked: rows.length,
      broken: { seq: row.seq, id: row.id, reason },
    });
    if (row.seq !== expectedSeq)
      return fail(`sequence jumps from ${expectedSeq - 1} to ${row.seq}`);
    if (row.prevHash !== prev) return fail('prev_hash does not match the previous link');
    if (chainHash(prev, record(row)) !== row.hash) return fail('content does not match its hash');
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, checked: rows.length };
}

/** Recomputes a case's event chain: any edited, removed or reordered event shows. */
export function checkEventChain(rows: CaseEventRow[]): ChainCheck {
  return checkChain(rows, eventRecord);
}

/** Recomputes a thread's message chain. */
export function checkMessageChain(rows: MessageRow[]): ChainCheck {
  return checkChain(rows, messageRecord);
}
