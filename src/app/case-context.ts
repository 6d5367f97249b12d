import { type CaseViewFacts, caseFromData, type FactsAsked } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { holdEndpoints } from '../db/held.ts';
import { findOrderContexts, type OrderContextRow, type StoredOrder } from '../db/orders.ts';
import type { DecideContext, DomainEvent, ReturnCase } from '../domain/index.ts';
import { newId } from './ids.ts';
import { chainHash, GENESIS_HASH } from './record-hash.ts';
import { snapshotOf } from './return-addresses.ts';
import { calendarOf, policyOfText } from './seller-rules.ts';

export interface CaseContext extends DecideContext {
  order: StoredOrder;
  /** What the case's page shows beside it, when the command's caller asked for it (FactsAsked). */
  facts?: CaseViewFacts;
}

/**
 * Everything the domain needs to decide about an order's cases, loaded in one place: the order
 * with its lines, its shop and its cases, in one statement.
 */
export async function loadContext(db: Db, orderId: string): Promise<CaseContext> {
  const ctx = (await loadContexts(db, [orderId])).get(orderId);
  if (!ctx) throw new Error(`order ${orderId} vanished`);
  return ctx;
}

/** Contexts for many orders (the sweeper's batches) in one statement, with `facts` if asked. */
export async function loadContexts(
  db: Db,
  orderIds: string[],
  facts?: FactsAsked,
): Promise<Map<string, CaseContext>> {
  return contextsFrom(db, await findOrderContexts(db, [...new Set(orderIds)], facts)).contexts;
}

/**
 * Contexts from the rows findOrderContexts or findOrderContextsOfCases read, and with the latter
 * each case's newest event (the head its next event chains to).
 */
export function contextsFrom(
  db: Db,
  rows: Map<string, OrderContextRow>,
  /** Orders whose contexts get the address their buyer sends returns to. */
  addressesFor: ReadonlySet<string> = new Set(),
  /** The cases a command's lock read, by id: those its order rows left out (`held`). */
  locked: ReadonlyMap<string, ReturnCase> = new Map(),
): {
  contexts: Map<string, CaseContext>;
  heads: Map<string, { seq: number; hash: string }>;
} {
  const lastEvents = new Map<string, { seq: number; hash: string }>();
  const out = new Map<string, CaseContext>();
  // A batch's orders mostly share a few shops: each shop's policy is parsed once.
  const policies = new Map<string, CaseContext['policy']>();
  for (const [id, { order, seller, cases, held, endpoints, address, heads, facts }] of rows) {
    // The outbox write of this transaction's changes reads who receives them from here.
    holdEndpoints(db, seller.id, endpoints);
    let policy = policies.get(seller.id);
    if (!policy) {
      policy = policyOfText(seller.id, seller.policy);
      policies.set(seller.id, policy);
    }
    out.set(id, {
      order,
      policy,
      policy_version: seller.policyVersion,
      calendar: calendarOf(seller),
      other_cases: withHeld(cases.map(caseFromData), held, locked),
      ...(addressesFor.has(id) ? { return_address: address && snapshotOf(address) } : {}),
      ...(facts ? { facts } : {}),
    });
    for (const [caseId, head] of Object.entries(heads ?? {})) {
      if (head) lastEvents.set(caseId, { seq: Number(head.seq), hash: head.hash });
    }
  }
  return { contexts: out, heads: lastEvents };
}

/** An order's cases with those its row left out (`held`) put back from the lock's, in id order. */
function withHeld(
  others: ReturnCase[],
  held: readonly string[] | null,
  locked: ReadonlyMap<string, ReturnCase>,
): ReturnCase[] {
  if (!held?.length) return others;
  for (const caseId of held) {
    const c = locked.get(caseId);
    // Left out of the order's row but not read by the lock: the two reads disagree.
    if (!c) throw new Error(`case ${caseId} was left out of its order's context but not locked`);
    others.push(c);
  }
  return others.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface StoredEvent {
  id: string;
  seq: number;
  hash: string;
  event: DomainEvent;
}

/**
 * The rows that continue a case's chain after `last` (its newest event, if any): each row holds
 * the previous row's hash and its own, SHA-256 over that and the event's canonical JSON. The
 * caller holds the case's row lock, so sequence numbers cannot collide (and a unique index would
 * refuse it if they did).
 */
export function chainEvents(
  caseId: string,
  last: { seq: number; hash: string } | undefined,
  events: DomainEvent[],
) {
  const c = { id: caseId };
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const stored: StoredEvent[] = [];
  const rows = events.map((event) => {
    seq += 1;
    const id = newId('evt', event.at);
    const record = eventRecord({
      id,
      caseId: c.id,
      seq,
      type: event.type,
      actorRole: event.actor.role,
      actorId: event.actor.id,
      at: event.at,
      payload: event.payload,
    });
    const hash = chainHash(prevHash, record);
    const row = {
      id,
      caseId: c.id,
      seq,
      type: event.type,
      actorRole: event.actor.role,
      actorId: event.actor.id,
      at: event.at,
      payload: event.payload,
      prevHash,
      hash,
    };
    stored.push({ id, seq, hash, event });
    prevHash = hash;
    return row;
  });
  return { rows, stored, last: { seq, hash: prevHash } };
}

/** What a case event's hash covers; `sendback verify` recomputes it from the stored row. */
export function eventRecord(row: {
  id: string;
  caseId: string;
  seq: number;
  type: string;
  actorRole: string;
  actorId: string;
  at: Date;
  payload: unknown;
}) {
  return {
    id: row.id,
    case_id: row.caseId,
    seq: row.seq,
    type: row.type,
    actor: { role: row.actorRole, id: row.actorId },
    at: row.at.toISOString(),
    payload: row.payload,
  };
}
