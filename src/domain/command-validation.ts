import {
  type CommandName,
  type CommandOf,
  type DecideContext,
  DISPOSITIONS,
  REFUND_DESTINATIONS,
  type ReturnCase,
} from './case.ts';
import type { FieldError } from './errors.ts';
import {
  isReasonCode,
  PACKAGE_REJECT_REASONS,
  REJECT_REASONS,
  type ReasonCode,
} from './reasons.ts';
import { refundForCase } from './refund-calculator.ts';
import {
  checkAttachmentIds,
  checkDate,
  checkInteger,
  checkOneOf,
  checkString,
  type Fields,
  isRecord,
} from './validate.ts';

// What each command's payload must hold. Amounts are checked against the case's refund, so a
// partial offer stays below what the buyer would get and a deduction within the policy maximum.

const NOTE_MAX = 2000;

type Validator<N extends CommandName> = (
  errors: Fields,
  cmd: CommandOf<N>,
  c: ReturnCase,
  ctx: DecideContext,
  now: Date,
) => void;

const note = (errors: Fields, value: unknown, required: boolean) =>
  checkString(errors, 'note', value, NOTE_MAX, { optional: !required });

/**
 * Dispositions, when given, account for every returned unit: each of the case's lines, its
 * quantity split between resellable, damaged and destroy.
 */
function checkDispositions(e: Fields, value: unknown, c: ReturnCase): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length > 3 * c.lines.length) {
    e.push({ path: 'dispositions', message: 'must list the returned lines' });
    return;
  }
  const counted = new Map<string, number>();
  value.forEach((d: unknown, i) => {
    const path = `dispositions[${i}]`;
    if (!isRecord(d)) {
      e.push({ path, message: 'must be an object' });
      return;
    }
    const line = c.lines.find((l) => l.order_line_id === d.order_line_id);
    if (!line) e.push({ path: `${path}.order_line_id`, message: 'is not a line of this return' });
    checkOneOf(e, `${path}.disposition`, d.disposition, DISPOSITIONS);
    checkInteger(e, `${path}.quantity`, d.quantity, 1, line?.quantity);
    if (line && Number.isInteger(d.quantity)) {
      counted.set(line.order_line_id, (counted.get(line.order_line_id) ?? 0) + Number(d.quantity));
    }
  });
  c.lines.forEach((line) => {
    if ((counted.get(line.order_line_id) ?? 0) !== line.quantity) {
      e.push({
        path: 'dispositions',
        message: `must account for the ${line.quantity} returned unit(s) of line ${line.order_line_id}`,
      });
    }
  });
}

const VALIDATORS: { [N in CommandName]?: Validator<N> } = {
  approve: (e, cmd) => note(e, cmd.note, false),
  decline_offer: (e, cmd) => note(e, cmd.note, false),
  withdraw: (e, cmd) => note(e, cmd.note, false),
  extend_receiving: (e, cmd) => note(e, cmd.note, false),
  request_label: (e, cmd) => note(e, cmd.note, false),
  approve_as_refund: (e, cmd) => note(e, cmd.note, false),
  replacement_unavailable: (e, cmd) => note(e, cmd.note, false),
  dispatch_replacement: (e, cmd) => {
    checkString(e, 'carrier', cmd.carrier, 100);
    checkString(e, 'tracking_number', cmd.tracking_number, 64);
  },
  appeal: (e, cmd) => {
    note(e, cmd.note, true);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
  },
  uphold_appeal: (e, cmd) => note(e, cmd.note, true),
  overturn_appeal: (e, cmd) => note(e, cmd.note, true),
  attach_label: (e, cmd) => {
    checkString(e, 'provider', cmd.provider, 40);
    checkString(e, 'carrier', cmd.carrier, 100);
    checkString(e, 'service', cmd.service, 100, { min: 0 });
    checkString(e, 'tracking_number', cmd.tracking_number, 64);
    checkInteger(e, 'cost', cmd.cost, 0);
    checkString(e, 'currency', cmd.currency, 3);
  },
  label_failed: (e, cmd) => checkString(e, 'error', cmd.error, 2000),
  retry_refund: (e, cmd) => {
    note(e, cmd.note, false);
    checkOneOf(e, 'destination', cmd.destination, REFUND_DESTINATIONS, { optional: true });
  },
  rule_for_seller: (e, cmd) => note(e, cmd.note, true),
  escalate: (e, cmd) => {
    note(e, cmd.note, true);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
  },
  dispute_receipt: (e, cmd) => {
    note(e, cmd.note, true);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
  },
  submit_evidence: (e, cmd) => {
    note(e, cmd.note, true);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
  },
  resubmit: (e, cmd, c, ctx) => {
    checkString(e, 'description', cmd.description, 5000);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
    if (cmd.reason !== undefined && !reasonAllowed(cmd.reason, c, ctx)) {
      e.push({ path: 'reason', message: 'is not a reason the policy allows for these items' });
    }
  },
  ship: (e, cmd) => {
    checkString(e, 'carrier', cmd.carrier, 100);
    checkString(e, 'tracking_number', cmd.tracking_number, 64);
    checkInteger(e, 'shipping_cost', cmd.shipping_cost, 0, undefined, { optional: true });
  },
  reject: (e, cmd) => {
    checkOneOf(e, 'reason', cmd.reason, REJECT_REASONS);
    note(e, cmd.note, true);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
  },
  offer_partial_refund: (e, cmd, c, ctx) => {
    note(e, cmd.note, false);
    const full = refundForCase(c, ctx).total;
    checkInteger(e, 'amount', cmd.amount, 1, Math.max(1, full - 1));
    if (full <= 1) e.push({ path: 'amount', message: 'nothing is left to offer part of' });
  },
  accept_package: (e, cmd, c, ctx) => {
    note(e, cmd.note, false);
    checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
    const max = refundForCase(c, ctx).max_deduction;
    checkInteger(e, 'deduction_amount', cmd.deduction_amount, 0, max, { optional: true });
    if ((cmd.deduction_amount ?? 0) > 0 && (cmd.attachment_ids?.length ?? 0) === 0) {
      e.push({ path: 'attachment_ids', message: 'evidence is required when deducting' });
    }
    checkDispositions(e, cmd.dispositions, c);
  },
  reject_package: (e, cmd) => {
    checkOneOf(e, 'reason', cmd.reason, PACKAGE_REJECT_REASONS);
    note(e, cmd.note, true);
    if (!Array.isArray(cmd.attachment_ids) || cmd.attachment_ids.length === 0) {
      e.push({ path: 'attachment_ids', message: 'evidence is required' });
    } else {
      checkAttachmentIds(e, 'attachment_ids', cmd.attachment_ids);
    }
  },
  record_tracking: (e, cmd, _c, _ctx, now) => {
    checkDate(e, 'at', cmd.at, { optional: true });
    if (cmd.at instanceof Date && cmd.at.getTime() > now.getTime()) {
      e.push({ path: 'at', message: 'must not be in the future' });
    }
    checkString(e, 'status', cmd.status, 200, { optional: true });
  },
  carrier_delivered: (e, cmd, _c, _ctx, now) => {
    checkDate(e, 'delivered_at', cmd.delivered_at, { optional: true });
    if (cmd.delivered_at instanceof Date && cmd.delivered_at.getTime() > now.getTime()) {
      e.push({ path: 'delivered_at', message: 'must not be in the future' });
    }
  },
  refund_succeeded: (e, cmd) => checkString(e, 'refund_id', cmd.refund_id, 200, { optional: true }),
  refund_failed: (e, cmd) => checkString(e, 'error', cmd.error, NOTE_MAX, { optional: true }),
  request_evidence: (e, cmd) => {
    checkOneOf(e, 'from', cmd.from, ['buyer', 'seller']);
    note(e, cmd.note, true);
  },
  rule_for_buyer: (e, cmd, c, ctx) => {
    note(e, cmd.note, true);
    const full = refundForCase(c, ctx).full_amount;
    checkInteger(e, 'amount', cmd.amount, 1, Math.max(1, full), { optional: true });
  },
};

function reasonAllowed(reason: ReasonCode, c: ReturnCase, ctx: DecideContext): boolean {
  if (!isReasonCode(reason) || !ctx.policy.reasons_allowed.includes(reason)) return false;
  return c.type === 'return_and_refund' || ctx.policy.refund_only_reasons.includes(reason);
}

/** Every failing field of the command's payload; empty when it is valid. */
export function validateCommand<N extends CommandName>(
  command: CommandOf<N>,
  c: ReturnCase,
  ctx: DecideContext,
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  const validator = VALIDATORS[command.name as N] as Validator<N> | undefined;
  validator?.(errors, command, c, ctx, now);
  return errors;
}
