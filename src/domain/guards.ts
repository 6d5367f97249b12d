import {
  type Actor,
  type CommandName,
  type DecideContext,
  isReplacement,
  type ReturnCase,
  shipsBack,
} from './case.ts';
import type { ErrorCode } from './errors.ts';
import { refundForCase } from './refund-calculator.ts';
import { findTransition, type GuardName, tableCommands } from './transitions.ts';

// The conditions a table row may carry: the table says who may run a command in a state, a
// guard says whether this case, at this time, meets the row's business rule.

/** Product limits, the same for every seller (a policy may not give buyers fewer chances). */
export const LIMITS = { resubmits: 2, partial_offers: 1, receiving_extensions: 1 } as const;

const DAY_MS = 86_400_000;

export interface Problem {
  code: ErrorCode;
  rule: string;
  message: string;
  details?: Record<string, unknown>;
}

type Guard = (
  c: ReturnCase,
  now: Date | undefined,
  ctx: DecideContext | undefined,
) => Problem | null;

const OVER_THRESHOLD: Problem = {
  code: 'transition_not_allowed',
  rule: 'buyer_over_threshold',
  message: "The buyer's return history is over the platform's threshold: a person decides",
};

const NEEDS_CONTEXT: Problem = {
  code: 'transition_not_allowed',
  rule: 'context_needed',
  message: 'This command depends on the time and the order, which were not given',
};

export const GUARDS: Record<GuardName, Guard> = {
  due: (c, now) => {
    if (!now) return NEEDS_CONTEXT;
    if (c.due_at !== null && now.getTime() >= c.due_at.getTime()) return null;
    return {
      code: 'not_due',
      rule: 'deadline_not_reached',
      message: c.due_at
        ? `Nothing expires before ${c.due_at.toISOString()}`
        : 'No deadline is open',
      details: { due_at: c.due_at },
    };
  },
  auto_approval_rule: (c, _now, ctx) => {
    if (!ctx) return NEEDS_CONTEXT;
    if (ctx.buyer?.flagged) return OVER_THRESHOLD;
    return autoApprovalMatch(c, ctx).rule >= 0
      ? null
      : {
          code: 'transition_not_allowed',
          rule: 'no_auto_approval_rule',
          message: 'No auto-approval rule matches',
        };
  },
  returnless_rule: (c, _now, ctx) => {
    if (!ctx) return NEEDS_CONTEXT;
    if (ctx.buyer?.flagged) return OVER_THRESHOLD;
    const match = returnlessMatch(c, ctx);
    if (match.rule < 0) {
      return {
        code: 'transition_not_allowed',
        rule: match.over_limit ? 'returnless_limit_reached' : 'no_returnless_rule',
        message: match.over_limit
          ? 'The buyer has had the most returnless refunds the policy allows in its period'
          : 'No returnless-refund rule matches',
      };
    }
    return null;
  },
  appealable: (c, now, ctx) => {
    if (!now || !ctx) return NEEDS_CONTEXT;
    const no = (rule: string, message: string): Problem => ({
      code: 'transition_not_allowed',
      rule,
      message,
    });
    if (!c.decided)
      return no('nothing_to_appeal', 'Only a ruling or an automatic refund is appealed');
    if (c.appeal) return no('appealed_once', 'The decision was appealed already');
    const closes = c.decided.at.getTime() + ctx.policy.appeal_window_days * DAY_MS;
    if (now.getTime() > closes) {
      return no(
        'appeal_window_closed',
        `Appeals close ${ctx.policy.appeal_window_days} days after the decision`,
      );
    }
    return null;
  },
  replacement_case: (c) =>
    isReplacement(c.type)
      ? null
      : {
          code: 'transition_not_allowed',
          rule: 'not_a_replacement',
          message: 'Only a replacement or exchange request can be approved as a refund instead',
        },
  rejectable: (c) =>
    shipsBack(c.type) && c.fault === 'buyer'
      ? {
          code: 'transition_not_allowed',
          rule: 'change_of_mind_not_rejectable',
          message:
            'A change-of-mind return of an eligible item cannot be rejected; inspect it on arrival',
        }
      : null,
  offer_left: (c) =>
    c.offers_made >= LIMITS.partial_offers
      ? limit('partial_offers', 'A partial refund was already offered on this case')
      : null,
  resubmit_left: (c) =>
    c.resubmit_count >= LIMITS.resubmits
      ? limit('resubmits', 'The request was already resubmitted the most times allowed')
      : null,
  extension_left: (c) =>
    c.receiving_extended ? limit('receiving_extensions', 'Receiving was already extended') : null,
  // A seller who confirmed the parcel inspects it (accept or reject the package) instead.
  not_received_by_seller: (c) =>
    c.received_at === null
      ? null
      : {
          code: 'transition_not_allowed',
          rule: 'receipt_confirmed',
          message: 'You confirmed receipt of this parcel; inspect it instead',
        },
  label_possible: (c, _now, ctx) => {
    if (!ctx) return NEEDS_CONTEXT;
    if (c.label?.status === 'requested' || c.label?.status === 'purchased') {
      return labelProblem('label_exists', 'A prepaid label is already bought or being bought');
    }
    if (!c.return_address) {
      return labelProblem('return_address_missing', 'The case has no return address to send to');
    }
    return null;
  },
  label_pending: (c) =>
    c.label?.status === 'requested'
      ? null
      : labelProblem('no_label_pending', 'No prepaid label is being bought for this case'),
  label_ready: (c) =>
    c.label?.status === 'purchased'
      ? null
      : labelProblem('no_label', 'Only a prepaid label the carrier has scanned ships by itself'),
  parcel_lost: (c, now, ctx) => {
    if (c.shipment?.lost) return null;
    if (!now || !ctx || !c.shipment) return NEEDS_CONTEXT;
    const lastSign = c.shipment.last_tracking_at ?? c.shipment.shipped_at;
    const silentFor = now.getTime() - lastSign.getTime();
    if (silentFor >= ctx.policy.tracking_silence_days * DAY_MS) return null;
    return {
      code: 'transition_not_allowed',
      rule: 'parcel_not_lost',
      message: `The parcel may be escalated once lost or silent for ${ctx.policy.tracking_silence_days} days`,
    };
  },
};

function labelProblem(rule: string, message: string): Problem {
  return { code: 'transition_not_allowed', rule, message };
}

/**
 * The first auto-approval rule of the policy that matches the request (-1 for none), and the
 * inputs it was judged on: what an automatic approval records, so it can be re-derived.
 */
export function autoApprovalMatch(
  c: ReturnCase,
  ctx: DecideContext,
): {
  rule: number;
  inputs: { fault: string; reason: string; case_type: string; amount: number; currency: string };
} {
  const full = refundForCase(c, ctx).full_amount;
  const sameCurrency = ctx.policy.currency === c.currency;
  const rule = ctx.policy.auto_approval.findIndex(
    (r) =>
      (r.fault === undefined || r.fault === c.fault) &&
      (r.reasons === undefined || r.reasons.includes(c.reason)) &&
      (r.case_types === undefined || r.case_types.includes(c.type)) &&
      (r.max_amount === undefined || (sameCurrency && full <= r.max_amount)),
  );
  return {
    rule,
    inputs: {
      fault: c.fault,
      reason: c.reason,
      case_type: c.type,
      amount: full,
      currency: c.currency,
    },
  };
}

/**
 * The first returnless-refund rule that matches a return request (-1 for none), whether the
 * buyer's limit stopped it, and the inputs it was judged on.
 */
export function returnlessMatch(
  c: ReturnCase,
  ctx: DecideContext,
): {
  rule: number;
  over_limit: boolean;
  inputs: {
    reason: string;
    categories: string[];
    amount: number;
    currency: string;
    buyer_returnless_in_window: number;
    limit: { count: number; days: number };
  };
} {
  const categories = [
    ...new Set(
      c.lines.map((l) => ctx.order.lines.find((o) => o.id === l.order_line_id)?.category ?? ''),
    ),
  ];
  const policy = ctx.policy;
  const inputs = {
    reason: c.reason,
    categories,
    amount: 0,
    currency: c.currency,
    buyer_returnless_in_window: ctx.buyer?.returnless_refunds_in_window ?? 0,
    limit: policy.returnless_limit,
  };
  if (c.type !== 'return_and_refund' || !policy.returnless_refunds.length) {
    return { rule: -1, over_limit: false, inputs };
  }
  inputs.amount = refundForCase(c, ctx).full_amount;
  const sameCurrency = policy.currency === c.currency;
  const rule = policy.returnless_refunds.findIndex(
    (r) =>
      sameCurrency &&
      inputs.amount <= r.max_amount &&
      (r.reasons === undefined || r.reasons.includes(c.reason)) &&
      (r.categories === undefined || categories.every((k) => r.categories!.includes(k))),
  );
  // The buyer's history is only known when the app loaded it; without it, no automatic refund.
  const overLimit =
    !ctx.buyer || inputs.buyer_returnless_in_window >= policy.returnless_limit.count;
  if (rule >= 0 && overLimit) return { rule: -1, over_limit: true, inputs };
  return { rule, over_limit: false, inputs };
}

function limit(name: keyof typeof LIMITS, message: string): Problem {
  return { code: 'limit_reached', rule: name, message, details: { limit: LIMITS[name] } };
}

/** Once a deadline has passed its outcome is decided: only `expire` (or an agent) moves the case. */
export function deadlinePassed(
  c: ReturnCase,
  command: CommandName,
  actor: Actor,
  now: Date,
): boolean {
  if (command === 'expire' || actor.role === 'agent' || c.due_at === null) return false;
  return now.getTime() >= c.due_at.getTime();
}

/**
 * Commands the actor may run on the case now: the table's, less those a guard refuses. Guards
 * that depend on the time or the order (expiry, lost parcel, auto-approval) pass only when
 * `now` and `ctx` are given.
 */
export function allowedCommands(
  c: ReturnCase,
  actor: Actor,
  now?: Date,
  ctx?: DecideContext,
): CommandName[] {
  return tableCommands(c.state, actor.role).filter(
    (name) => !(now && deadlinePassed(c, name, actor, now)) && guardAllows(c, name, now, ctx),
  );
}

/** Whether the table leads out of the case's state by `name`, and that row's guard lets it by. */
export function guardAllows(
  c: ReturnCase,
  name: CommandName,
  now?: Date,
  ctx?: DecideContext,
): boolean {
  const row = findTransition(c.state, name);
  return row !== undefined && (row.guard === undefined || GUARDS[row.guard](c, now, ctx) === null);
}
