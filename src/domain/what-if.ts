import type {
  CaseState,
  Command,
  CommandName,
  DecideContext,
  DomainEvent,
  RequestInput,
  ReturnCase,
} from './case.ts';
import { decide, SYSTEM_ACTOR } from './decide.ts';
import { decideRequest } from './decide-request.ts';
import { evolve } from './evolve.ts';
import { refundForCase } from './refund-calculator.ts';
import { TRANSITIONS, type Transition, targetOf } from './transitions.ts';
import { isRecord } from './validate.ts';

// A policy what-if: one case's recorded history replayed under a draft policy, with decide and
// evolve themselves. The people's acts (and the carriers' and payment gateway's facts) are replayed
// at their recorded times; what the policy decides by itself is decided again under the draft:
// the automatic approval or returnless refund at request time, every deadline's length and expiry,
// and every refund amount with its fees.
//
// The rules, in order of precedence:
// - A recorded automatic step (a rule's approval or refund, a deadline's expiry) is not replayed;
//   the draft takes its own. A deadline that ran out in the record while the draft's is longer still
//   runs out under the draft (nobody acted in that state), at the draft's due time, and the next
//   recorded act comes at its recorded time or, if earlier, right then.
// - Before each recorded act, every draft deadline due by its time expires first.
// - An act made in the state the draft is in is decided again under the draft. An act whose result
//   the draft already reached by itself (the seller approving what the draft auto-approved) is
//   passed over.
// - Anything else is a divergence (the draft auto-approved where the seller rejected, refused a
//   deadline-late act, or a request it would not accept): the replay stops there and the case counts
//   with what the draft had reached. What people would have done next is not guessed.
// - With no divergence, the draft's deadlines keep running after the last recorded act, up to `until`.

/** Where the draft's replay of a case stopped before the end of its record. */
export interface Divergence {
  /** The recorded event the draft could not follow, and when it happened. */
  event: string;
  at: Date;
  /** Why: the domain's error code ('deadline_passed', 'transition_not_allowed', ...), 'diverged' when the draft was elsewhere, 'still_waiting' when its deadline falls after `until`. */
  reason: string;
  /** The draft's state at that point. */
  state: CaseState;
}

export interface PolicyReplay {
  /** The events the draft produced, in order (empty when the draft refused the request). */
  events: DomainEvent[];
  /** The case as the draft leaves it; null when the draft refused the request. */
  case: ReturnCase | null;
  divergence: Divergence | null;
  /** The draft would not have accepted the request: the domain's code and message. */
  refused: { code: string; message: string } | null;
}

/** The context to decide with at an instant: the draft policy, the order and its other cases then. */
export type ContextAt = (at: Date) => DecideContext;

const LATE = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
// Label purchases follow the policy's postage choice; a draft that buys none passes them over.
const OPTIONAL_FACTS: readonly CommandName[] = ['attach_label', 'label_failed', 'request_label'];
const AUTOMATIC: readonly CommandName[] = ['expire', 'auto_approve', 'refund_returnless'];
// Transition bookkeeping in payloads, never a command's input.
const NOT_INPUT = new Set([
  'from',
  'to',
  'due_at',
  'outcome',
  'policy_version',
  'return_address',
  'label',
  'opened_from',
  'party',
  'answers_request',
  'cause',
  'rule',
  'inputs',
  'fault',
]);

function date(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  return typeof value === 'string' ? new Date(value) : undefined;
}

/** The table row a recorded event came from, read from the state it was made in. */
export function transitionOf(before: ReturnCase, e: DomainEvent): Transition | undefined {
  const rows = TRANSITIONS.filter(
    (row) =>
      row.from === before.state && row.events[0] === e.type && row.actors.includes(e.actor.role),
  );
  if (rows.length < 2) return rows[0];
  // 'return.auto_approved' is both a rule's approval and the review deadline's.
  const expiry = typeof e.payload.rule === 'string' && e.payload.rule.startsWith('deadline:');
  return rows.find((row) => (row.command === 'expire') === expiry);
}

/** The request a recorded 'return.requested' event was made from. */
function requestOf(e: DomainEvent): RequestInput {
  const p = e.payload;
  const exchange = isRecord(p.exchange) ? p.exchange : null;
  return {
    id: String(p.id),
    order_id: String(p.order_id),
    type: p.type as RequestInput['type'],
    reason: p.reason as RequestInput['reason'],
    description: String(p.description ?? ''),
    lines: p.lines as RequestInput['lines'],
    refund_destination: p.refund_destination as RequestInput['refund_destination'],
    attachment_ids: Array.isArray(p.attachment_ids) ? (p.attachment_ids as string[]) : [],
    ...(exchange ? { exchange_sku: String(exchange.sku) } : {}),
  };
}

/**
 * The command a recorded event was made by, as the draft case would receive it. A recorded
 * inspection deduction larger than the draft allows is cut to the draft's maximum (the seller
 * could have taken no more).
 */
function commandOf(
  name: CommandName,
  e: DomainEvent,
  draft: ReturnCase,
  ctx: DecideContext,
): Command {
  const p = e.payload;
  switch (name) {
    case 'record_tracking':
      return { name, at: date(p.tracked_at), status: (p.status as string | null) ?? undefined };
    case 'carrier_delivered':
      return { name, delivered_at: date(p.delivered_at) };
    case 'label_scanned':
      return { name, at: date(p.scanned_at) };
    case 'confirm_replacement':
      return { name, delivered_at: date(p.delivered_at) };
    case 'request_evidence':
      return { name, from: p.from as 'buyer' | 'seller', note: String(p.note ?? '') };
    case 'accept_package': {
      const max = refundForCase(draft, ctx).max_deduction;
      const dispositions = Array.isArray(p.dispositions)
        ? (p.dispositions as Record<string, unknown>[]).map(({ sku: _sku, ...d }) => d)
        : undefined;
      return {
        name,
        deduction_amount: Math.min(Number(p.deduction_amount ?? 0), max),
        ...(dispositions?.length ? { dispositions } : {}),
        ...(typeof p.note === 'string' ? { note: p.note } : {}),
        attachment_ids: Array.isArray(p.attachment_ids) ? (p.attachment_ids as string[]) : [],
      } as Command;
    }
    default: {
      const input: Record<string, unknown> = { name };
      for (const [key, value] of Object.entries(p)) {
        if (value !== null && !NOT_INPUT.has(key)) input[key] = value;
      }
      return input as Command;
    }
  }
}

/** Replays one case's recorded events (the first being its request) under the context's policy. */
export function replayUnderPolicy(
  recorded: readonly DomainEvent[],
  contextAt: ContextAt,
  until: Date,
): PolicyReplay {
  const [first, ...rest] = recorded;
  if (first?.type !== 'return.requested') {
    throw new RangeError('a case record starts with its request');
  }
  const start = decideRequest(requestOf(first), first.actor, first.at, contextAt(first.at));
  if (!start.ok) {
    return {
      events: [],
      case: null,
      divergence: null,
      refused: { code: start.error.code, message: start.error.message },
    };
  }
  let draft = start.value.case;
  const events = [...start.value.events];
  let actual = evolve(null, first);
  let clock = first.at;
  // The state whose deadline ran out in the record while the draft's runs longer.
  let owedExpiry: CaseState | null = null;

  const apply = (produced: DomainEvent[], at: Date) => {
    for (const e of produced) draft = evolve(draft, e);
    events.push(...produced);
    clock = at;
  };
  const expire = (at: Date): boolean => {
    const decided = decide(draft, { name: 'expire' }, SYSTEM_ACTOR, at, contextAt(at));
    if (decided.ok) apply(decided.value, at);
    return decided.ok;
  };
  /** Lets every draft deadline due by `by` run out (and an owed expiry, whenever it falls). */
  const catchUp = (by: Date) => {
    for (let step = 0; step < 20 && draft.due_at; step++) {
      const due = draft.due_at;
      const owed = owedExpiry === draft.state && due.getTime() <= until.getTime();
      if (due.getTime() > by.getTime() && !owed) break;
      if (!expire(LATE(due, clock))) break;
    }
    owedExpiry = null;
  };
  const stop = (e: DomainEvent, reason: string): PolicyReplay => ({
    events,
    case: draft,
    divergence: { event: e.type, at: e.at, reason, state: draft.state },
    refused: null,
  });

  for (const e of rest) {
    const before = actual;
    actual = evolve(actual, e);
    // Written together with the step that priced it; the draft's own step writes its own.
    if (e.type === 'return.refund_pending') continue;
    const row = transitionOf(before, e);
    if (!row) return stop(e, 'unknown_event');
    if (AUTOMATIC.includes(row.command)) {
      if (row.command !== 'expire' || draft.state !== before.state || !draft.due_at) continue;
      // The same wait ran out in both; the sweeper's delay after the due time carries over.
      const lag = e.at.getTime() - (before.due_at ?? e.at).getTime();
      const at = LATE(new Date(draft.due_at.getTime() + Math.max(0, lag)), clock);
      if (draft.due_at.getTime() <= e.at.getTime()) expire(at);
      else owedExpiry = draft.state;
      continue;
    }
    catchUp(e.at);
    const at = LATE(e.at, clock);
    if (draft.state === before.state) {
      const ctx = contextAt(at);
      const decided = decide(draft, commandOf(row.command, e, draft, ctx), e.actor, at, ctx);
      if (decided.ok) apply(decided.value, at);
      else if (!OPTIONAL_FACTS.includes(row.command)) return stop(e, decided.error.code);
    } else if (draft.state !== targetOf(row, before)) {
      const waiting = draft.due_at !== null && draft.due_at.getTime() > until.getTime();
      return stop(e, waiting ? 'still_waiting' : 'diverged');
    }
  }
  catchUp(until);
  return { events, case: draft, divergence: null, refused: null };
}

/** What one case's events count for in a what-if. */
export interface CaseFigures {
  auto_approved: boolean;
  returnless_refund: boolean;
  /** The deadlines that ran out, in order (a deadline may run out more than once). */
  expiries: string[];
  /** The refund decided last (retries repeat it), with the fees the seller kept from it. */
  refund: { amount: number; currency: string; restocking_fee: number; deduction: number } | null;
}

export function caseFigures(events: readonly DomainEvent[]): CaseFigures {
  const figures: CaseFigures = {
    auto_approved: false,
    returnless_refund: false,
    expiries: [],
    refund: null,
  };
  for (const e of events) {
    const p = e.payload;
    if (e.type === 'return.auto_approved' && p.cause === 'auto_approval_rule') {
      figures.auto_approved = true;
    }
    if (e.type === 'return.returnless_refund_approved') figures.returnless_refund = true;
    if (e.actor.role === 'system' && typeof p.rule === 'string' && p.rule.startsWith('deadline:')) {
      figures.expiries.push(p.rule.slice('deadline:'.length));
    }
    if (e.type === 'return.refund_pending') {
      const breakdown = isRecord(p.breakdown) ? p.breakdown : {};
      // An agreed amount (an accepted offer, a ruling) replaces the policy's: no fee applies to it.
      const policyAmount =
        breakdown.agreed_amount === null || breakdown.agreed_amount === undefined;
      figures.refund = {
        amount: Number(p.amount ?? 0),
        currency: String(p.currency ?? ''),
        restocking_fee: policyAmount ? Number(breakdown.restocking_fee ?? 0) : 0,
        deduction: policyAmount ? Number(breakdown.deduction ?? 0) : 0,
      };
    }
  }
  return figures;
}
