import { checkTrackingNumber } from '../adapters/carriers.ts';
import {
  type CaseScope,
  type CaseWrite,
  type FactsAsked,
  lockCases,
  lockOrdersThenCases,
  trackingNumberOfOtherOrder,
} from '../db/cases.ts';
import { type Db, readTogether } from '../db/database.ts';
import { findOrderContextsOfCases } from '../db/orders.ts';
import {
  type Actor,
  type Command,
  decide,
  evolve,
  type ReturnCase,
  shipsBack,
} from '../domain/index.ts';
import { type CaseContext, chainEvents, contextsFrom, type StoredEvent } from './case-context.ts';
import { fromDomain } from './domain-errors.ts';
import { AppError } from './errors.ts';
import { type CaseBatch, type CaseChange, writeCases } from './record-case-change.ts';
import { nextReminderAt } from './reminders.ts';
import { assertAttachmentsUsable, linkAttachments } from './upload-attachment.ts';

export interface Applied {
  before: ReturnCase;
  after: ReturnCase;
  events: StoredEvent[];
  /** The order, policy and cases the domain decided with, the order's cases as they now are. */
  context: CaseContext;
}

export interface CommandRequest {
  case_id: string;
  command: Command;
  expected_version?: number | undefined;
}

export type CommandOutcome =
  | { ok: true; case_id: string; applied: Applied }
  | { ok: false; case_id: string; error: AppError };

/**
 * The one use case behind every case command, whoever sends it (a person, a deadline, a carrier
 * event, the refund worker): lock the case rows, let the domain decide, append the events to each
 * case's chain, write the evolved case rows, and record what follows (refunds, webhooks). One
 * transaction, owned by the caller. It takes a batch so the deadline sweeper can expire hundreds
 * of cases with a handful of statements; a person's command is a batch of one.
 *
 * Each command is a row of the domain's transition table rather than its own file here: the table
 * says who may run it and where it leads, and this use case is the same for all of them.
 */
export async function applyCaseCommands(
  db: Db,
  requests: CommandRequest[],
  actor: Actor,
  now: Date,
  options: {
    scope?: CaseScope;
    ordersLocked?: boolean;
    read?: CommandRead;
    facts?: FactsAsked;
  } = {},
): Promise<CommandOutcome[]> {
  // A shipment's tracking number is checked against the carrier's format first; whether a case
  // of another order already shipped with it is read with the locks, below.
  const checked = requests.map((r) => adapterChecked(r.command));
  const shipments = checked.flatMap((command, index) =>
    command instanceof AppError || command.name !== 'ship'
      ? []
      : [{ index, tracking: command.tracking_number, caseId: requests[index]!.case_id }],
  );
  const extra = shipments.map((s) => () => trackingNumberOfOtherOrder(db, s.tracking, s.caseId));
  // The orders first (in id order), then the cases: the order cap, the whole-order shipping rule
  // and the parcel's postage read the order's other cases, which a concurrent command on a
  // sibling could otherwise change between this read and the commit.
  // Unless the caller holds them, the orders' locks come in the statement that locks the cases.
  // The reads behind them (the contexts, with the caller's `facts`; the tracking numbers) go in
  // the same write.
  const caseIds = requests.map((r) => r.case_id);
  const [locked, rows, ...answers] = options.read
    ? [...options.read, ...(extra.length ? await readTogether(db, extra) : [])]
    : await readTogether<[...CommandRead, ...unknown[]]>(db, [
        ...commandReads(db, caseIds, options),
        ...extra,
      ]);
  const shippedElsewhere = new Set(
    shipments.filter((_, i) => answers[i] === true).map((s) => s.index),
  );
  const current = new Map(locked.map((c) => [c.id, c]));
  // Out of the caller's scope, a case is not locked: its order's row is not used.
  const lockedOrders = new Set(locked.map((c) => c.order_id));
  for (const id of rows.keys()) if (!lockedOrders.has(id)) rows.delete(id);
  // A request may be approved by this batch: the buyer is then told where to send the parcel.
  const reviewed = new Set(
    locked.filter((c) => c.state === 'requested' && shipsBack(c.type)).map((c) => c.order_id),
  );
  const { contexts, heads: lastEvents } = contextsFrom(db, rows, reviewed, current);

  const outcomes: CommandOutcome[] = [];
  const eventRows: CaseBatch['events'] = [];
  const writes = new Map<string, CaseWrite>();
  const changes: CaseChange[] = [];
  for (const [index, request] of requests.entries()) {
    const before = current.get(request.case_id);
    if (!before) {
      outcomes.push(fail(request, new AppError('not_found', 'Return not found.')));
      continue;
    }
    if (request.expected_version !== undefined && before.version !== request.expected_version) {
      outcomes.push(
        fail(
          request,
          new AppError('version_mismatch', `The case is at version ${before.version}.`, {
            version: before.version,
          }),
        ),
      );
      continue;
    }
    const ctx = contexts.get(before.order_id) as CaseContext;
    const command = checked[index]!;
    const evidence = attachmentIdsOf(request.command);
    try {
      if (command instanceof AppError) throw command;
      if (shippedElsewhere.has(index)) {
        throw new AppError(
          'conflict',
          'This tracking number belongs to a parcel of another order; one parcel carries one order.',
          { fields: [{ path: 'body.tracking_number', message: 'used by another order' }] },
        );
      }
      if (evidence.length && actor.role !== 'system') {
        await assertAttachmentsUsable(
          db,
          { user_id: actor.id, role: actor.role, seller_id: null, via: 'api_key' },
          evidence,
          'body.attachment_ids',
        );
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push(fail(request, err));
      continue;
    }
    const decided = decide(before, command, actor, now, ctx);
    if (!decided.ok) {
      outcomes.push(fail(request, fromDomain(decided.error)));
      continue;
    }
    const after = decided.value.reduce(evolve, before);
    // Evidence cited in a case becomes readable to everyone who can see the case.
    await linkAttachments(db, evidence, before.order_id, now);
    const chained = chainEvents(before.id, lastEvents.get(before.id), decided.value);
    lastEvents.set(before.id, chained.last);
    eventRows.push(...chained.rows);
    const earlier = writes.get(before.id);
    writes.set(before.id, {
      case: after,
      previousVersion: earlier?.previousVersion ?? before.version,
      nextReminderAt: nextReminderAt(after, ctx.policy, now),
      linesChanged: (earlier?.linesChanged ?? false) || linesDiffer(before, after),
    });
    current.set(after.id, after);
    // Later commands in the batch see this case's new state among the order's cases.
    ctx.other_cases = ctx.other_cases.map((o) => (o.id === after.id ? after : o));
    changes.push({ after, events: chained.stored });
    outcomes.push({
      ok: true,
      case_id: before.id,
      applied: { before, after, events: chained.stored, context: ctx },
    });
  }
  await writeCases(
    db,
    { created: [], updated: [...writes.values()], events: eventRows, changes },
    now,
  );
  return outcomes;
}

/** What a batch of commands reads first: its cases, locked, and their orders as contexts. */
export type CommandRead = [ReturnCase[], Awaited<ReturnType<typeof findOrderContextsOfCases>>];

/**
 * The reads a batch of commands starts with, to be sent together (readTogether): the locks, and
 * with them, in the same write, the cases' orders as contexts, with each case's chain head (and
 * the `facts` a caller's answer shows, if asked for).
 * PostgreSQL runs that read after the lock statement, so its snapshot starts after the locks were
 * granted, and every writer of a case's events holds its order's lock: it sees all their events.
 * It reads the address the buyer sends a parcel to, in case a request is approved. A caller with
 * reads of its own to make first sends these behind them and passes the answers as `read`.
 */
export function commandReads(
  db: Db,
  caseIds: string[],
  options: { scope?: CaseScope; ordersLocked?: boolean; facts?: FactsAsked | undefined } = {},
): [() => Promise<CommandRead[0]>, () => Promise<CommandRead[1]>] {
  return [
    () =>
      options.ordersLocked
        ? lockCases(db, caseIds, options.scope ?? {})
        : lockOrdersThenCases(db, caseIds, options.scope ?? {}),
    () => findOrderContextsOfCases(db, caseIds, options.facts),
  ];
}

/** One command on one case; the domain's refusal is thrown as an AppError. */
export async function applyCaseCommand(
  db: Db,
  caseId: string,
  command: Command,
  actor: Actor,
  now: Date,
  options: {
    scope?: CaseScope;
    expectedVersion?: number;
    ordersLocked?: boolean;
    read?: CommandRead;
    facts?: FactsAsked;
  } = {},
): Promise<Applied> {
  const [outcome] = await applyCaseCommands(
    db,
    [{ case_id: caseId, command, expected_version: options.expectedVersion }],
    actor,
    now,
    {
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.ordersLocked ? { ordersLocked: true } : {}),
      ...(options.read ? { read: options.read } : {}),
      ...(options.facts ? { facts: options.facts } : {}),
    },
  );
  if (!outcome) throw new AppError('not_found', 'Return not found.');
  if (!outcome.ok) throw outcome.error;
  return outcome.applied;
}

function attachmentIdsOf(command: Command): string[] {
  const ids = (command as { attachment_ids?: unknown }).attachment_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function fail(request: CommandRequest, error: AppError): CommandOutcome {
  return { ok: false, case_id: request.case_id, error };
}

function linesDiffer(a: ReturnCase, b: ReturnCase): boolean {
  return JSON.stringify(a.lines) !== JSON.stringify(b.lines);
}

/**
 * The command as the domain gets it, after the adapters' checks: a shipment's tracking number in
 * the carrier's format (an adapter's knowledge; the rest is the domain's), or the refusal.
 */
function adapterChecked(command: Command): Command | AppError {
  if (command.name !== 'ship') return command;
  const check = checkTrackingNumber(command.carrier, command.tracking_number);
  if (!check.ok) {
    return new AppError('validation_failed', `Tracking number ${check.message}.`, {
      fields: [{ path: 'body.tracking_number', message: check.message ?? 'invalid' }],
    });
  }
  return { ...command, tracking_number: check.normalized, tracking_verified: check.verified };
}
