import { addPolicyDuration } from './calendar.ts';
import {
  type Actor,
  COMMAND_NAMES,
  type Command,
  type CommandName,
  type CommandOf,
  type DecideContext,
  type DomainEvent,
  type Outcome,
  type RefundDestination,
  type ReturnCase,
} from './case.ts';
import { validateCommand } from './command-validation.ts';
import { DomainError, fail, invalid, ok, type Result } from './errors.ts';
import {
  allowedCommands,
  autoApprovalMatch,
  deadlinePassed,
  GUARDS,
  type Problem,
  returnlessMatch,
} from './guards.ts';
import type { DeadlineName } from './policy.ts';
import { faultOf } from './reasons.ts';
import { refundForCase } from './refund-calculator.ts';
import { findTransition, roleEverRuns, type Transition, targetOf, WAITING } from './transitions.ts';
import { isRecord } from './validate.ts';

export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'system' };

// Instants in event payloads are ISO strings, so events read back from JSON fold the same way.
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Decides what a command does to a case: the events to append, or why not. Checks, in order:
 * the table (state, command, role), the deadline, the row's guard, then the payload.
 */
export function decide(
  c: ReturnCase,
  command: Command,
  actor: Actor,
  now: Date,
  ctx: DecideContext,
): Result<DomainEvent[]> {
  const name = (isRecord(command) ? command.name : undefined) as CommandName;
  if (!COMMAND_NAMES.includes(name)) {
    return invalid([{ path: 'name', message: `must be one of: ${COMMAND_NAMES.join(', ')}` }]);
  }
  const row = findTransition(c.state, name);
  if (
    name !== 'request' &&
    (!roleEverRuns(actor.role, name) || (row && !row.actors.includes(actor.role)))
  ) {
    const article = /^[aeiou]/.test(actor.role) ? 'An' : 'A';
    return fail('actor_not_allowed', `${article} ${actor.role} may not ${name} this case`, {
      allowed_commands: allowedCommands(c, actor, now, ctx),
    });
  }
  if (!row) {
    return fail('transition_not_allowed', `A case in state ${c.state} does not allow ${name}`, {
      allowed_commands: allowedCommands(c, actor, now, ctx),
    });
  }
  if (deadlinePassed(c, name, actor, now)) {
    return fail('deadline_passed', `The deadline passed at ${c.due_at?.toISOString()}`, {
      due_at: c.due_at,
    });
  }
  try {
    const problem = row.guard ? GUARDS[row.guard](c, now, ctx) : null;
    if (problem) return { ok: false, error: problemError(problem, c, actor, now, ctx) };
    const noAddress = missingReturnAddress(c, row, actor, ctx);
    if (noAddress) return { ok: false, error: problemError(noAddress, c, actor, now, ctx) };
    const notYours = appealParty(c, name, actor);
    if (notYours) return { ok: false, error: problemError(notYours, c, actor, now, ctx) };
    const errors = validateCommand(command, c, ctx, now);
    if (errors.length > 0) return invalid(errors);
    const plan = (PLANS[name] as Planner<CommandName>)(command, c, ctx, now, actor);
    return ok(eventsFor(c, row, plan, actor, now, ctx));
  } catch (error) {
    // The calculator refuses lines that do not fit the order given in ctx.
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

/**
 * A person may not send the buyer off to ship without an address: a seller (or agent) approving
 * a return needs the shop's return address for the buyer's country. The system's approvals
 * (an auto-approval rule, the review deadline) go ahead and record that there was none.
 */
function missingReturnAddress(
  c: ReturnCase,
  row: Transition,
  actor: Actor,
  ctx: DecideContext,
): Problem | null {
  if (actor.role === 'system' || ctx.return_address) return null;
  if (targetOf(row, c) !== 'awaiting_shipment' || c.state === 'awaiting_shipment') return null;
  return {
    code: 'transition_not_allowed',
    rule: 'return_address_missing',
    message:
      'The shop has no return address for this buyer: add one (POST /v1/sellers/{id}/return_addresses, ' +
      "or Shop settings > Return addresses) that serves the buyer's country or is the default, then approve again",
    details: { seller_id: c.seller_id },
  };
}

/**
 * Only the party that lost a decision appeals it, and another agent than the one who ruled
 * decides the appeal.
 */
function appealParty(c: ReturnCase, name: CommandName, actor: Actor): Problem | null {
  if (name === 'appeal' && c.decided && actor.role !== c.decided.loser) {
    return {
      code: 'actor_not_allowed',
      rule: 'not_the_losing_party',
      message: `Only the ${c.decided.loser}, who lost the decision, may appeal it`,
    };
  }
  if (
    (name === 'uphold_appeal' || name === 'overturn_appeal') &&
    c.decided?.agent_id === actor.id
  ) {
    return {
      code: 'actor_not_allowed',
      rule: 'same_agent',
      message: 'Another agent than the one who ruled decides the appeal',
    };
  }
  return null;
}

/** A prepaid label is bought when the policy says so and the shop pays this return's postage. */
function wantsLabel(c: ReturnCase, ctx: DecideContext): boolean {
  return (
    ctx.policy.return_postage === 'prepaid_label' &&
    ctx.policy.return_shipping_payer[c.fault] === 'seller' &&
    Boolean(ctx.return_address)
  );
}

/** The deadline a case's expiry answers (the evidence request's, or its state's). */
function expiringDeadline(c: ReturnCase): string {
  if (c.state === 'disputed' && c.evidence_request) return 'evidence_response';
  if (c.state === 'in_transit' && c.receiving_extended) return 'receiving_extension';
  return WAITING[c.state]?.deadline ?? c.state;
}

function eventsFor(
  c: ReturnCase,
  row: Transition,
  plan: Plan,
  actor: Actor,
  now: Date,
  ctx: DecideContext,
): DomainEvent[] {
  const to = targetOf(row, c);
  const [type = row.command] = row.events;
  const first: DomainEvent = { type, actor, at: now, payload: { ...plan.payload } };
  // Each decision names the policy version it was made under (so it can be re-derived from it).
  if (ctx.policy_version !== undefined) first.payload.policy_version = ctx.policy_version;
  if (to === 'refund_pending') {
    const refund = refundPendingPayload(c, ctx, plan.refund ?? {});
    const moved = {
      from: c.state,
      to,
      due_at: null,
      ...refund,
      ...(ctx.policy_version !== undefined ? { policy_version: ctx.policy_version } : {}),
    };
    return [first, { type: 'return.refund_pending', actor, at: now, payload: moved }];
  }
  if (to === 'awaiting_shipment' && c.state !== to) {
    // The address as it is now: later edits to the shop's addresses do not move an approved case.
    Object.assign(first.payload, {
      return_address: ctx.return_address ?? null,
      label: wantsLabel(c, ctx) ? 'requested' : null,
    });
  }
  if (to !== c.state) {
    Object.assign(first.payload, {
      from: c.state,
      to,
      due_at: iso(dueOnEntering(row, to, now, ctx)),
      ...((row.outcome ?? plan.outcome) ? { outcome: row.outcome ?? plan.outcome } : {}),
    });
  }
  return [first];
}

function dueOnEntering(row: Transition, to: ReturnCase['state'], now: Date, ctx: DecideContext) {
  const deadline: DeadlineName | null | undefined = row.deadline ?? WAITING[to]?.deadline;
  if (!deadline) return null;
  return addPolicyDuration(now, ctx.policy.deadlines[deadline], ctx.calendar);
}

function problemError(p: Problem, c: ReturnCase, actor: Actor, now: Date, ctx: DecideContext) {
  return new DomainError(p.code, p.message, {
    rule: p.rule,
    ...p.details,
    ...(p.code === 'transition_not_allowed'
      ? { allowed_commands: allowedCommands(c, actor, now, ctx) }
      : {}),
  });
}

interface RefundTerms {
  agreed_amount?: number | null;
  deduction_amount?: number | null;
  /** retry_refund pays what was already decided, to the same or another destination. */
  repeat?: { destination: RefundDestination };
}

function refundPendingPayload(c: ReturnCase, ctx: DecideContext, terms: RefundTerms) {
  if (terms.repeat) {
    return {
      amount: c.refund_amount,
      full_amount: c.refund_full_amount,
      shipping_reimbursement: c.refund_shipping_reimbursement,
      currency: c.currency,
      destination: terms.repeat.destination,
      breakdown: c.refund_breakdown,
    };
  }
  const breakdown = refundForCase(c, ctx, terms);
  return {
    amount: breakdown.total,
    full_amount: breakdown.full_amount,
    shipping_reimbursement: breakdown.reimbursement_in_total,
    currency: c.currency,
    destination: c.refund_destination,
    breakdown,
  };
}

// What each command writes ----------------------------------------------------------------

interface Plan {
  payload: Record<string, unknown>;
  refund?: RefundTerms;
  outcome?: Outcome;
}

type Planner<N extends CommandName> = (
  cmd: CommandOf<N>,
  c: ReturnCase,
  ctx: DecideContext,
  now: Date,
  actor: Actor,
) => Plan;

const PLANS: { [N in CommandName]?: Planner<N> } = {
  approve: (cmd) => ({ payload: { note: cmd.note ?? null } }),
  auto_approve: (_cmd, c, ctx) => {
    const match = autoApprovalMatch(c, ctx);
    return {
      payload: {
        cause: 'auto_approval_rule',
        rule: `auto_approval[${match.rule}]`,
        inputs: match.inputs,
      },
    };
  },
  reject: (cmd) => ({
    payload: { reason: cmd.reason, note: cmd.note, attachment_ids: cmd.attachment_ids ?? [] },
  }),
  offer_partial_refund: (cmd) => ({ payload: { amount: cmd.amount, note: cmd.note ?? null } }),
  withdraw: (cmd) => ({ payload: { note: cmd.note ?? null } }),
  accept_offer: (_cmd, c) => ({
    payload: { amount: c.offer_amount },
    refund: { agreed_amount: c.offer_amount },
  }),
  decline_offer: (cmd) => ({ payload: { note: cmd.note ?? null } }),
  resubmit: (cmd, c) => {
    const reason = cmd.reason ?? c.reason;
    return {
      payload: {
        description: cmd.description,
        reason,
        fault: faultOf(reason),
        attachment_ids: cmd.attachment_ids ?? c.attachment_ids,
      },
    };
  },
  escalate: (cmd, c) => ({
    payload: { note: cmd.note, attachment_ids: cmd.attachment_ids ?? [], opened_from: c.state },
  }),
  label_scanned: (cmd, c, _ctx, now) => ({
    payload: {
      carrier: c.label?.carrier ?? '',
      tracking_number: c.label?.tracking_number ?? '',
      tracking_verified: true,
      shipping_cost: null,
      prepaid_label: true,
      scanned_at: iso(cmd.at ?? now),
    },
  }),
  ship: (cmd) => ({
    payload: {
      carrier: cmd.carrier.trim(),
      tracking_number: cmd.tracking_number.trim(),
      tracking_verified: cmd.tracking_verified ?? false,
      shipping_cost: cmd.shipping_cost ?? null,
    },
  }),
  record_tracking: (cmd, _c, _ctx, now) => ({
    payload: { tracked_at: iso(cmd.at ?? now), status: cmd.status ?? null },
  }),
  report_lost: () => ({ payload: {} }),
  carrier_delivered: (cmd, _c, _ctx, now) => ({
    payload: { delivered_at: iso(cmd.delivered_at ?? now) },
  }),
  mark_received: () => ({ payload: {} }),
  // The seller says the parcel never came (the tracking may be unverifiable, or the carrier's
  // delivery scan wrong): an agent decides instead of the receiving deadline refunding on silence.
  dispute_receipt: (cmd, c) => ({
    payload: {
      note: cmd.note,
      attachment_ids: cmd.attachment_ids ?? [],
      opened_from: c.state,
      tracking_verified: c.shipment?.tracking_verified ?? null,
    },
  }),
  extend_receiving: (cmd, c, ctx) => ({
    payload: {
      note: cmd.note ?? null,
      due_at: iso(
        addPolicyDuration(c.due_at as Date, ctx.policy.deadlines.receiving_extension, ctx.calendar),
      ),
    },
  }),
  accept_package: (cmd, _c, ctx) => ({
    payload: {
      deduction_amount: cmd.deduction_amount ?? 0,
      dispositions: (cmd.dispositions ?? []).map((d) => ({
        order_line_id: d.order_line_id,
        sku: ctx.order.lines.find((l) => l.id === d.order_line_id)?.sku ?? '',
        quantity: d.quantity,
        disposition: d.disposition,
      })),
      attachment_ids: cmd.attachment_ids ?? [],
      note: cmd.note ?? null,
    },
    refund: { deduction_amount: cmd.deduction_amount ?? 0 },
  }),
  reject_package: (cmd) => ({
    payload: { reason: cmd.reason, note: cmd.note, attachment_ids: cmd.attachment_ids },
  }),
  submit_evidence: (cmd, c, _ctx, _now, actor) => ({
    payload: {
      party: actor.role,
      note: cmd.note,
      attachment_ids: cmd.attachment_ids ?? [],
      answers_request: c.evidence_request?.from === actor.role,
    },
  }),
  request_evidence: (cmd, _c, ctx, now) => ({
    payload: {
      from: cmd.from,
      note: cmd.note,
      due_at: iso(addPolicyDuration(now, ctx.policy.deadlines.evidence_response, ctx.calendar)),
    },
  }),
  rule_for_buyer: (cmd) => ({
    payload: { note: cmd.note, amount: cmd.amount ?? null },
    refund: { agreed_amount: cmd.amount ?? null },
  }),
  rule_for_seller: (cmd) => ({ payload: { note: cmd.note } }),
  // Every expiry names the deadline that ran out and when it was due: the rule and its input.
  expire: (_cmd, c) => ({
    // A replacement nobody confirmed counts as arrived: an exchange's difference is still owed.
    ...(c.state === 'replacement_shipped'
      ? { refund: { agreed_amount: c.exchange?.difference ?? 0 } }
      : {}),
    payload: {
      ...(c.state === 'requested'
        ? { cause: 'seller_review_expired' }
        : c.state === 'disputed'
          ? { from: c.evidence_request?.from ?? null }
          : {}),
      rule: `deadline:${expiringDeadline(c)}`,
      inputs: { due_at: iso(c.due_at) },
    },
  }),
  refund_succeeded: (cmd, c) => ({
    payload: { refund_id: cmd.refund_id ?? null, amount: c.refund_amount },
    outcome: c.replacement?.delivered_at
      ? 'replaced'
      : (c.refund_amount ?? 0) < (c.refund_full_amount ?? 0)
        ? 'partially_refunded'
        : 'refunded',
  }),
  refund_failed: (cmd) => ({ payload: { error: cmd.error ?? null } }),
  refund_returnless: (_cmd, c, ctx) => {
    const match = returnlessMatch(c, ctx);
    return {
      payload: {
        cause: 'returnless_rule',
        rule: `returnless_refunds[${match.rule}]`,
        inputs: match.inputs,
      },
    };
  },
  appeal: (cmd, c) => ({
    payload: { note: cmd.note, attachment_ids: cmd.attachment_ids ?? [], from: c.state },
  }),
  uphold_appeal: (cmd) => ({ payload: { note: cmd.note } }),
  overturn_appeal: (cmd, c) =>
    c.appeal?.by === 'seller'
      ? // The buyer keeps the refund; the platform pays the seller what was refunded.
        {
          payload: {
            note: cmd.note,
            compensation: c.refund_amount ?? 0,
            currency: c.currency,
          },
        }
      : { payload: { note: cmd.note }, refund: {} },
  approve_as_refund: (cmd) => ({ payload: { note: cmd.note ?? null, type: 'return_and_refund' } }),
  dispatch_replacement: (cmd) => ({
    payload: {
      carrier: cmd.carrier.trim(),
      tracking_number: cmd.tracking_number.replace(/\s+/g, '').toUpperCase(),
    },
  }),
  replacement_unavailable: (cmd) => ({ payload: { note: cmd.note ?? null }, refund: {} }),
  confirm_replacement: (cmd, c, _ctx, now) => ({
    payload: { delivered_at: iso(cmd.delivered_at ?? now) },
    refund: { agreed_amount: c.exchange?.difference ?? 0 },
  }),
  attach_label: (cmd) => ({
    payload: {
      provider: cmd.provider,
      carrier: cmd.carrier,
      service: cmd.service,
      tracking_number: cmd.tracking_number,
      cost: cmd.cost,
      currency: cmd.currency,
    },
  }),
  label_failed: (cmd) => ({ payload: { error: cmd.error } }),
  request_label: (cmd) => ({ payload: { note: cmd.note ?? null } }),
  retry_refund: (cmd, c) => ({
    payload: { note: cmd.note ?? null },
    refund: { repeat: { destination: cmd.destination ?? c.refund_destination } },
  }),
};
