import { addPolicyDuration, type SellerCalendar } from './calendar.ts';
import type {
  BuyerStanding,
  CommandName,
  DecideContext,
  DomainEvent,
  Order,
  ReturnAddress,
  ReturnCase,
} from './case.ts';
import { decide, SYSTEM_ACTOR } from './decide.ts';
import { evolve } from './evolve.ts';
import { type DeadlineName, parsePolicy, type ReturnPolicy } from './policy.ts';
import { TRANSITIONS, WAITING } from './transitions.ts';
import { isRecord } from './validate.ts';

// Replaying automatic decisions: every outcome the system decided by itself (an auto-approval or
// returnless-refund rule, a deadline's expiry) names the policy version, the rule and the inputs
// it used. Replay rebuilds the case as it was just before, runs the domain's decide again under
// that policy version, and compares what it gives with what was recorded. Pure: `sendback verify
// --replay` feeds it rows from the database, an offline bundle verifier could feed it a bundle.

/** A stored case event: the row's id and place in its chain, and the event. */
export interface RecordedEvent extends DomainEvent {
  id: string;
  seq: number;
}

export interface ReplayInput {
  /** One case's events, in chain order. */
  events: readonly RecordedEvent[];
  /** The case's order as stored (its lines price the refunds). */
  order: Order;
  /** The shop's policy versions, as stored (unparsed), by version number. */
  policies: ReadonlyMap<number, unknown>;
  /**
   * The shop's calendar. It is not versioned, so deadlines are recomputed in the calendar the
   * shop has now: a shop that moved time zone since will see its older deadlines reported.
   */
  calendar: SellerCalendar;
  /**
   * The events of the order's other cases, each in chain order. Event ids sort by creation, so
   * each sibling is rebuilt from its events older than the decision: the order's cases as the
   * decision saw them (claimed quantities, the refund cap, the whole-order shipping rule).
   */
  siblings: readonly (readonly RecordedEvent[])[];
  /**
   * Every returnless refund this buyer had at this shop (any order), to recount the count a
   * returnless refund records as its input. Without it the recorded count is taken as given.
   */
  buyer_returnless?: readonly { event_id: string; at: Date }[];
}

/** An automatic decision the stored policy would not have made (or not this way). */
export interface ReplayFinding {
  event_id: string;
  seq: number;
  type: string;
  /** The rule the event names, if any. */
  rule: string | null;
  detail: string;
}

export interface ReplayResult {
  /** Automatic decisions re-derived. */
  decisions: number;
  findings: ReplayFinding[];
}

type AutomaticCommand = Extract<CommandName, 'auto_approve' | 'refund_returnless' | 'expire'>;
const AUTOMATIC_COMMANDS: readonly AutomaticCommand[] = [
  'auto_approve',
  'refund_returnless',
  'expire',
];

/** The event types only automatic decisions write, and the commands that write them. */
const AUTOMATIC_EVENTS: ReadonlyMap<string, readonly AutomaticCommand[]> = (() => {
  const out = new Map<string, AutomaticCommand[]>();
  for (const row of TRANSITIONS) {
    const command = AUTOMATIC_COMMANDS.find((name) => name === row.command);
    if (!command) continue;
    for (const type of row.events) {
      const commands = out.get(type) ?? [];
      if (!commands.includes(command)) commands.push(command);
      out.set(type, commands);
    }
  }
  return out;
})();

/**
 * The command behind an automatic event. `return.auto_approved` is written by a rule (decided
 * with the request, at its instant) or by the review deadline (always later).
 */
function automaticCommand(
  e: RecordedEvent,
  previous: RecordedEvent | undefined,
): AutomaticCommand | null {
  const commands = AUTOMATIC_EVENTS.get(e.type);
  if (!commands?.length) return null;
  if (commands.length === 1) return commands[0]!;
  const withRequest =
    previous?.type === 'return.requested' && previous.at.getTime() === e.at.getTime();
  return withRequest ? 'auto_approve' : 'expire';
}

/** Re-derives every automatic decision of one case; see ReplayInput. */
export function replayDecisions(input: ReplayInput): ReplayResult {
  const findings: ReplayFinding[] = [];
  let decisions = 0;
  const policyOf = policyReader(input.policies);
  const events = input.events;
  let c: ReturnCase | null = null;
  // The event that set the current due_at, and the case before it: where an expiry's deadline
  // came from.
  let deadlineSetBy: { event: RecordedEvent; before: ReturnCase | null } | null = null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const command = c ? automaticCommand(e, events[i - 1]) : null;
    if (c && command) {
      decisions++;
      const finding = checkDecision(c, command, events, i, input, policyOf, deadlineSetBy);
      if (finding) findings.push(finding);
    }
    const before: ReturnCase | null = c;
    try {
      c = evolve(c, e);
    } catch (err) {
      // `sendback verify` reports a log that does not replay; nothing after it can be judged.
      findings.push(findingOf(e, `the events do not replay here: ${(err as Error).message}`));
      break;
    }
    if (e.type === 'return.requested' || Object.hasOwn(e.payload, 'due_at')) {
      deadlineSetBy = { event: e, before };
    }
  }
  return { decisions, findings };
}

function findingOf(e: RecordedEvent, detail: string): ReplayFinding {
  return {
    event_id: e.id,
    seq: e.seq,
    type: e.type,
    rule: typeof e.payload.rule === 'string' ? e.payload.rule : null,
    detail,
  };
}

type PolicyOf = (version: unknown) => { policy: ReturnPolicy; version: number } | string;

function policyReader(policies: ReadonlyMap<number, unknown>): PolicyOf {
  const parsed = new Map<number, ReturnPolicy | string>();
  return (version) => {
    if (typeof version !== 'number') return 'it records no policy version';
    let policy = parsed.get(version);
    if (policy === undefined) {
      if (!policies.has(version)) {
        policy = `policy version ${version} is not stored`;
      } else {
        const result = parsePolicy(policies.get(version));
        policy = result.ok
          ? result.value
          : `policy version ${version} does not parse: ${result.error.message}`;
      }
      parsed.set(version, policy);
    }
    return typeof policy === 'string' ? policy : { policy, version };
  };
}

function checkDecision(
  c: ReturnCase,
  command: AutomaticCommand,
  events: readonly RecordedEvent[],
  i: number,
  input: ReplayInput,
  policyOf: PolicyOf,
  deadlineSetBy: { event: RecordedEvent; before: ReturnCase | null } | null,
): ReplayFinding | null {
  const e = events[i]!;
  const report = (detail: string) => findingOf(e, detail);
  if (e.actor.role !== 'system') {
    return report(`recorded as made by ${e.actor.role} ${e.actor.id}; only the system makes it`);
  }
  const named = policyOf(e.payload.policy_version);
  if (typeof named === 'string') return report(named);
  const v = `policy v${named.version}`;
  const ctx: DecideContext = {
    policy: named.policy,
    policy_version: named.version,
    calendar: input.calendar,
    order: input.order,
    other_cases: siblingsBefore(input.siblings, e.id),
    return_address: returnAddressOf(e, c),
    ...(command === 'expire' ? {} : { buyer: standingOf(e) }),
  };
  const decided = decide(c, { name: command }, SYSTEM_ACTOR, e.at, ctx);
  if (!decided.ok) {
    return report(`${v} would not have made it (${command}): ${decided.error.message}`);
  }
  const produced = decided.value;
  for (let k = 0; k < produced.length; k++) {
    const recorded = events[i + k];
    const want = comparable(produced[k]!);
    if (!recorded) {
      return report(`${v} also writes ${produced[k]!.type}, which the record lacks`);
    }
    const diff = firstDifference(want, comparable(recorded), '');
    if (diff) {
      return report(
        `event #${recorded.seq} ${diff.path.slice(1)}: recorded ${show(diff.got)}, ${v} gives ${show(diff.want)}`,
      );
    }
  }
  if (command === 'expire') return checkDeadline(c, e, deadlineSetBy, input.calendar, policyOf);
  if (command === 'refund_returnless' && input.buyer_returnless) {
    return checkReturnlessCount(e, input.buyer_returnless, named.policy, v);
  }
  return null;
}

const DAY_MS = 86_400_000;

/**
 * The buyer's returnless refunds at the shop within the policy's period, as the app counted them
 * when deciding (the cases refunded without a return, filed since the period's start), recounted
 * from the record.
 */
function checkReturnlessCount(
  e: RecordedEvent,
  refunds: readonly { event_id: string; at: Date }[],
  policy: ReturnPolicy,
  v: string,
): ReplayFinding | null {
  const since = e.at.getTime() - policy.returnless_limit.days * DAY_MS;
  const counted = refunds.filter((r) => r.event_id < e.id && r.at.getTime() >= since).length;
  const inputs = e.payload.inputs;
  const recorded = isRecord(inputs) ? inputs.buyer_returnless_in_window : undefined;
  if (recorded === counted) return null;
  return findingOf(
    e,
    `inputs.buyer_returnless_in_window: recorded ${show(recorded)}, but the record shows ` +
      `${counted} returnless refunds of this buyer at the shop in the ${policy.returnless_limit.days} ` +
      `days before (${v})`,
  );
}

/**
 * An expiry fires at or after the case's due_at (decide's guard checks that); here, that due_at
 * is what the policy version of the event that set it gives, counted from that event.
 */
function checkDeadline(
  c: ReturnCase,
  e: RecordedEvent,
  setBy: { event: RecordedEvent; before: ReturnCase | null } | null,
  calendar: SellerCalendar,
  policyOf: PolicyOf,
): ReplayFinding | null {
  if (!setBy) return findingOf(e, 'no event set the deadline it answers');
  const entering = setBy.event;
  const named = policyOf(entering.payload.policy_version);
  if (typeof named === 'string') {
    return findingOf(e, `its deadline was set by event #${entering.seq}, but ${named}`);
  }
  const expected = deadlineOf(entering, setBy.before, named.policy, calendar);
  const recorded = c.due_at?.toISOString() ?? null;
  const wanted = expected?.due.toISOString() ?? null;
  if (recorded === wanted) return null;
  return findingOf(
    e,
    `due_at ${recorded} (set by event #${entering.seq} ${entering.type}), but policy ` +
      `v${named.version}${expected ? `'s ${expected.deadline}` : ''} gives ${wanted}`,
  );
}

/** The deadline an event opened: the one of the state it entered, or the one it moved. */
function deadlineOf(
  e: RecordedEvent,
  before: ReturnCase | null,
  policy: ReturnPolicy,
  calendar: SellerCalendar,
): { deadline: DeadlineName; due: Date } | null {
  const from = (deadline: DeadlineName, start: Date | null | undefined) =>
    start
      ? { deadline, due: addPolicyDuration(start, policy.deadlines[deadline], calendar) }
      : null;
  if (e.type === 'return.requested') return from('seller_review', e.at);
  if (e.type === 'return.receiving_extended') return from('receiving_extension', before?.due_at);
  if (e.type === 'return.evidence_requested') return from('evidence_response', e.at);
  const to = e.payload.to;
  if (typeof to !== 'string' || !before) return null;
  const row = TRANSITIONS.find((r) => r.from === before.state && r.events.includes(e.type));
  const deadline = row?.deadline ?? WAITING[to as ReturnCase['state']]?.deadline;
  return deadline ? from(deadline, e.at) : null;
}

/** The order's other cases as they were just before the event with this id was written. */
function siblingsBefore(
  siblings: readonly (readonly RecordedEvent[])[],
  eventId: string,
): ReturnCase[] {
  const out: ReturnCase[] = [];
  for (const events of siblings) {
    let s: ReturnCase | null = null;
    for (const e of events) {
      if (e.id >= eventId) break;
      s = evolve(s, e);
    }
    if (s) out.push(s);
  }
  return out;
}

/**
 * The shop's return address is not policy: an approval snapshots it into its event, and replay
 * takes that snapshot (the label and the rest are still the policy's to decide).
 */
function returnAddressOf(e: RecordedEvent, c: ReturnCase): ReturnAddress | null {
  if (Object.hasOwn(e.payload, 'return_address')) {
    return (e.payload.return_address as ReturnAddress | null) ?? null;
  }
  return c.return_address;
}

/**
 * The buyer as an automatic approval or refund saw them: under the platform's threshold (else no
 * automatic decision is made), with the returnless refunds the event records as its input.
 */
function standingOf(e: RecordedEvent): BuyerStanding {
  const inputs = e.payload.inputs;
  const count = isRecord(inputs) ? inputs.buyer_returnless_in_window : undefined;
  return { returnless_refunds_in_window: typeof count === 'number' ? count : 0, flagged: false };
}

/** An event as it is stored and compared: JSON (instants as strings, no undefined fields). */
function comparable(e: DomainEvent): unknown {
  return JSON.parse(
    JSON.stringify({
      type: e.type,
      actor: { role: e.actor.role, id: e.actor.id },
      at: e.at,
      payload: e.payload,
    }),
  );
}

function firstDifference(
  want: unknown,
  got: unknown,
  path: string,
): { path: string; want: unknown; got: unknown } | null {
  if (Object.is(want, got) || (want === 0 && got === 0)) return null;
  if (Array.isArray(want) && Array.isArray(got)) {
    for (let i = 0; i < Math.max(want.length, got.length); i++) {
      const diff = firstDifference(want[i], got[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return null;
  }
  if (isRecord(want) && isRecord(got)) {
    const keys = [...new Set([...Object.keys(want), ...Object.keys(got)])].sort();
    for (const key of keys) {
      const diff = firstDifference(want[key], got[key], `${path}.${key}`);
      if (diff) return diff;
    }
    return null;
  }
  return { path, want, got };
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
