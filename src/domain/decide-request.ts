import { addPolicyDuration } from './calendar.ts';
import {
  type Actor,
  CASE_TYPES,
  type DecideContext,
  type DomainEvent,
  type ExchangeChoice,
  type RequestInput,
  type ReturnCase,
} from './case.ts';
import { decide, iso, SYSTEM_ACTOR } from './decide.ts';
import { eligibility } from './eligibility.ts';
import { fail, invalid, ok, type Result } from './errors.ts';
import { evolve } from './evolve.ts';
import { guardAllows } from './guards.ts';
import { faultOf } from './reasons.ts';
import { validateOrder } from './refund-calculator.ts';
import {
  checkAttachmentIds,
  checkInteger,
  checkOneOf,
  checkString,
  type Fields,
  isRecord,
} from './validate.ts';

const AUTOMATIC = ['refund_returnless', 'auto_approve'] as const;

function validateRequest(input: unknown, ctx: DecideContext): Fields {
  const errors: Fields = [];
  if (!isRecord(input)) return [{ path: '', message: 'must be an object' }];
  checkString(errors, 'id', input.id, 200);
  if (input.order_id !== ctx.order.id) {
    errors.push({ path: 'order_id', message: 'must be the order given in the context' });
  }
  checkOneOf(errors, 'type', input.type, CASE_TYPES);
  const reasonOk = checkOneOf(errors, 'reason', input.reason, ctx.policy.reasons_allowed);
  if (reasonOk && input.type === 'refund_only') {
    checkOneOf(errors, 'reason', input.reason, ctx.policy.refund_only_reasons);
  }
  checkString(errors, 'description', input.description, 5000);
  checkOneOf(
    errors,
    'refund_destination',
    input.refund_destination,
    ctx.policy.refund_destinations,
  );
  checkAttachmentIds(errors, 'attachment_ids', input.attachment_ids);
  const lines = input.lines;
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > ctx.order.lines.length) {
    errors.push({ path: 'lines', message: 'must list one or more lines of the order' });
    return errors;
  }
  const seen = new Set<unknown>();
  lines.forEach((line: unknown, i) => {
    const path = `lines[${i}]`;
    if (!isRecord(line)) {
      errors.push({ path, message: 'must be an object' });
      return;
    }
    const known = ctx.order.lines.some((l) => l.id === line.order_line_id);
    if (!known || seen.has(line.order_line_id)) {
      errors.push({
        path: `${path}.order_line_id`,
        message: 'must be a distinct line of the order',
      });
    }
    seen.add(line.order_line_id);
    checkInteger(errors, `${path}.quantity`, line.quantity, 1);
  });
  if (input.type === 'exchange') checkExchange(errors, input, ctx);
  else if (input.exchange_sku !== undefined) {
    errors.push({ path: 'exchange_sku', message: 'is only for an exchange' });
  }
  if (input.type === 'replacement' && Array.isArray(input.lines)) {
    input.lines.forEach((l: unknown, i) => {
      const line = ctx.order.lines.find((o) => isRecord(l) && o.id === l.order_line_id);
      if (line?.in_stock === false) {
        errors.push({
          path: `lines[${i}]`,
          message: 'is out of stock: ask for a refund instead of a replacement',
        });
      }
    });
  }
  return errors;
}

/** An exchange names one returned line and an in-stock variant of it at the same or a lower price. */
function checkExchange(errors: Fields, input: Record<string, unknown>, ctx: DecideContext): void {
  const lines = Array.isArray(input.lines) ? input.lines : [];
  if (lines.length !== 1) {
    errors.push({ path: 'lines', message: 'an exchange returns one line' });
    return;
  }
  const first = lines[0];
  const line = ctx.order.lines.find((o) => isRecord(first) && o.id === first.order_line_id);
  const variant = line?.variants?.find((v) => v.sku === input.exchange_sku);
  if (typeof input.exchange_sku !== 'string' || !line) {
    errors.push({ path: 'exchange_sku', message: 'must name the variant wanted' });
  } else if (!variant) {
    errors.push({ path: 'exchange_sku', message: 'is not a variant of this listing' });
  } else if (!variant.in_stock) {
    errors.push({ path: 'exchange_sku', message: 'is out of stock' });
  } else if (variant.unit_price > line.unit_price) {
    errors.push({ path: 'exchange_sku', message: 'costs more than the item bought' });
  }
}

/** The exchange a valid request asks for, with the price difference owed to the buyer. */
function exchangeOf(input: RequestInput, ctx: DecideContext): ExchangeChoice | null {
  if (input.type !== 'exchange') return null;
  const [wanted] = input.lines;
  const line = ctx.order.lines.find((o) => o.id === wanted?.order_line_id);
  const variant = line?.variants?.find((v) => v.sku === input.exchange_sku);
  if (!line || !variant || !wanted) return null;
  return {
    order_line_id: line.id,
    sku: variant.sku,
    title: variant.title,
    unit_price: variant.unit_price,
    difference: (line.unit_price - variant.unit_price) * wanted.quantity,
  };
}

/**
 * Files a return request: checks the input and each line's eligibility, creates the case in
 * `requested` with the seller's review deadline, and approves it at once when a policy rule
 * says so.
 */
export function decideRequest(
  input: RequestInput,
  actor: Actor,
  now: Date,
  ctx: DecideContext,
): Result<{ case: ReturnCase; events: DomainEvent[] }> {
  if (actor.role !== 'buyer') {
    return fail('actor_not_allowed', 'Only a buyer may request a return', {
      allowed_commands: [],
    });
  }
  const fields = validateRequest(input, ctx);
  if (fields.length > 0) return invalid(fields);
  const orderCheck = validateOrder(ctx.order);
  if (!orderCheck.ok) {
    const orderFields = orderCheck.error.details.fields ?? [];
    return invalid(orderFields.map((f) => ({ path: `order.${f.path}`, message: f.message })));
  }

  const answer = eligibility(ctx.order, ctx.policy, ctx.other_cases, now);
  const refused = input.lines.flatMap(({ order_line_id, quantity }) => {
    const line = answer.lines.find((l) => l.order_line_id === order_line_id)!;
    const blockers: { code: string; message: string; [k: string]: unknown }[] = [...line.blockers];
    if (line.eligible && quantity > line.returnable_quantity) {
      blockers.push({
        code: 'quantity_exceeds_returnable',
        message: `Only ${line.returnable_quantity} can be returned`,
        returnable_quantity: line.returnable_quantity,
      });
    }
    const reasons =
      input.type === 'refund_only' ? line.refund_only_reasons_allowed : line.reasons_allowed;
    if (line.eligible && !reasons.includes(input.reason)) {
      blockers.push({
        code: 'reason_not_allowed',
        message: `"${input.reason}" is not accepted for this item`,
        reasons_allowed: reasons,
      });
    }
    return blockers.length > 0 ? [{ order_line_id, blockers }] : [];
  });
  if (refused.length > 0) {
    return fail('not_eligible', 'Some lines cannot be returned', { lines: refused });
  }

  const requested: DomainEvent = {
    type: 'return.requested',
    actor,
    at: now,
    payload: {
      id: input.id,
      type: input.type,
      order_id: ctx.order.id,
      buyer_id: ctx.order.buyer_id,
      seller_id: ctx.order.seller_id,
      currency: ctx.order.currency,
      reason: input.reason,
      fault: faultOf(input.reason),
      description: input.description,
      attachment_ids: [...(input.attachment_ids ?? [])],
      lines: input.lines.map((l) => ({ order_line_id: l.order_line_id, quantity: l.quantity })),
      refund_destination: input.refund_destination,
      exchange: exchangeOf(input, ctx),
      policy_version: ctx.policy_version ?? null,
      to: 'requested',
      due_at: iso(addPolicyDuration(now, ctx.policy.deadlines.seller_review, ctx.calendar)),
    },
  };
  let created = evolve(null, requested);
  const events = [requested];
  // A returnless-refund rule first (the buyer keeps the item), else an auto-approval rule. Most
  // requests meet neither: the rules' guards are asked first, so that those do not cost a
  // refused decision each (an error with its stack and the commands the case allows).
  const rule = AUTOMATIC.find((name) => guardAllows(created, name, now, ctx));
  const auto = rule ? decide(created, { name: rule }, SYSTEM_ACTOR, now, ctx) : undefined;
  if (auto?.ok) {
    for (const e of auto.value) created = evolve(created, e);
    events.push(...auto.value);
  }
  return ok({ case: created, events });
}
