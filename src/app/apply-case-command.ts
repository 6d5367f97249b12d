import { checkTrackingNumber } from '../adapters/carriers.ts';
import type { CaseScope } from '../db/cases.ts';
import { lockCase, updateCase } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import {
  type Actor,
  type Command,
  type CommandOf,
  decide,
  evolve,
  type ReturnCase,
} from '../domain/index.ts';
import { appendCaseEvents, loadContext, type StoredEvent } from './case-context.ts';
import { fromDomain } from './domain-errors.ts';
import { AppError } from './errors.ts';
import { recordCaseChange } from './record-case-change.ts';
import { nextReminderAt } from './reminders.ts';

export interface Applied {
  before: ReturnCase;
  after: ReturnCase;
  events: StoredEvent[];
}

/**
 * The one use case behind every case command, whoever sends it (a person, a deadline, a carrier
 * event, the refund worker): lock the case row, let the domain decide, append the events to the
 * case's chain, write the evolved case row. One transaction, owned by the caller.
 *
 * Each command is a row of the domain's transition table rather than its own file here: the table
 * says who may run it and where it leads, and this use case is the same for all of them.
 */
export async function applyCaseCommand(
  db: Db,
  caseId: string,
  command: Command,
  actor: Actor,
  now: Date,
  options: { scope?: CaseScope; expectedVersion?: number } = {},
): Promise<Applied> {
  const before = await lockCase(db, caseId, options.scope ?? {});
  if (!before) throw new AppError('not_found', 'Return not found.');
  if (options.expectedVersion !== undefined && before.version !== options.expectedVersion) {
    throw new AppError('version_mismatch', `The case is at version ${before.version}.`, {
      version: before.version,
    });
  }
  if (command.name === 'ship') command = withCheckedTracking(command);
  const ctx = await loadContext(db, before.order_id);
  const decided = decide(before, command, actor, now, ctx);
  if (!decided.ok) throw fromDomain(decided.error);
  const after = decided.value.reduce(evolve, before);
  const events = await appendCaseEvents(db, before, decided.value);
  await updateCase(db, after, before.version, nextReminderAt(after, ctx.policy, now));
  await recordCaseChange(db, after, events, now);
  return { before, after, events };
}

/** The carrier's number format is checked here (an adapter's knowledge), the rest by the domain. */
function withCheckedTracking(command: CommandOf<'ship'>): CommandOf<'ship'> {
  const check = checkTrackingNumber(command.carrier, command.tracking_number);
  if (!check.ok) {
    throw new AppError('validation_failed', `Tracking number ${check.message}.`, {
      fields: [{ path: 'body.tracking_number', message: check.message ?? 'invalid' }],
    });
  }
  return { ...command, tracking_number: check.normalized };
}
