import type { PolicyDuration } from './calendar.ts';
import { CASE_TYPES, type CaseType, REFUND_DESTINATIONS, type RefundDestination } from './case.ts';
import { invalid, ok, type Result } from './errors.ts';
import { isCurrency } from './money.ts';
import { FAULTS, type Fault, REASONS, type ReasonCode, SELLER_FAULT_REASONS } from './reasons.ts';
import {
  checkInteger,
  checkKnownKeys,
  checkOneOf,
  checkPercent,
  checkString,
  checkSubset,
  type Fields,
  isRecord,
  join,
} from './validate.ts';

/** Every waiting state's deadline, named by who waits for what. */
export type DeadlineName =
  | 'seller_review'
  | 'seller_review_after_offer'
  | 'buyer_offer'
  | 'buyer_contest'
  | 'buyer_ship'
  | 'seller_receive'
  | 'receiving_extension'
  | 'seller_inspect'
  | 'evidence_response'
  | 'seller_dispatch'
  | 'buyer_confirm';

export const DEADLINE_NAMES: readonly DeadlineName[] = [
  'seller_review',
  'seller_review_after_offer',
  'buyer_offer',
  'buyer_contest',
  'buyer_ship',
  'seller_receive',
  'receiving_extension',
  'seller_inspect',
  'evidence_response',
  'seller_dispatch',
  'buyer_confirm',
];

export interface CategoryRule {
  /** false: nothing in the category can be returned (hygiene, perishables, ...). */
  returnable?: boolean;
  /** Replaces the policy's window for this category (longer for furniture, ...). */
  window_days?: number;
  /** Replaces the policy's allowed reasons, e.g. only seller-fault reasons for underwear. */
  reasons_allowed?: ReasonCode[];
}

/** A request matching every condition a rule sets is approved as soon as it is filed. */
export interface AutoApprovalRule {
  fault?: Fault;
  reasons?: ReasonCode[];
  case_types?: CaseType[];
  /** The full refund must be at most this (policy currency). */
  max_amount?: number;
}

/**
 * A returnless refund: the buyer keeps the item and is refunded without sending it back (cheap
 * items whose return costs more than they are worth). Every condition given must hold.
 */
export interface ReturnlessRule {
  reasons?: ReasonCode[];
  /** Every returned line's category must be one of these. */
  categories?: string[];
  /** The full refund must be at most this (policy currency). */
  max_amount: number;
}

export const RETURN_POSTAGE = ['reimburse', 'prepaid_label'] as const;

export interface ReturnPolicy {
  /**
   * The currency of the money amounts below. For an order in another currency those amounts
   * cannot be compared, so the reimbursement cap counts as 0 and max_amount rules do not match.
   */
  currency: string;
  /** Days (of 24 h) from delivery during which a line may be returned. */
  window_days: number;
  categories: Record<string, CategoryRule>;
  reasons_allowed: ReasonCode[];
  /** Reasons for which the buyer may keep the item and ask for money only. */
  refund_only_reasons: ReasonCode[];
  condition_text: string;
  preparation_checklist: string[];
  /** Who pays return postage, by fault; the seller reimburses up to the cap when it pays. */
  return_shipping_payer: Record<Fault, 'buyer' | 'seller'>;
  return_shipping_reimbursement_cap: number;
  /**
   * How the shop pays the postage it owes: the buyer ships and is reimbursed up to the cap, or the
   * shop buys a prepaid return label at approval (the buyer only drops the parcel off).
   */
  return_postage: 'reimburse' | 'prepaid_label';
  /** Charged on buyer-fault returns of items sent back, as a percent of their price. */
  restocking_fee_pct: number;
  /** Most a seller may deduct at inspection, as a percent of the returned items' value. */
  max_deduction_pct: number;
  refund_destinations: RefundDestination[];
  auto_approval: AutoApprovalRule[];
  /** Requests refunded at once without a return, the buyer keeping the item. */
  returnless_refunds: ReturnlessRule[];
  /** At most `count` returnless refunds per buyer at this shop in `days` days; beyond, a return. */
  returnless_limit: { count: number; days: number };
  /** Days after a ruling (or an automatic refund) in which the losing party may appeal once. */
  appeal_window_days: number;
  /** A parcel whose tracking has been silent this long counts as lost (buyer may escalate). */
  tracking_silence_days: number;
  reminder_hours_before: number[];
  deadlines: Record<DeadlineName, PolicyDuration>;
}

export const DEFAULT_POLICY: ReturnPolicy = {
  currency: 'USD',
  window_days: 30,
  categories: {},
  reasons_allowed: REASONS.map((r) => r.code),
  refund_only_reasons: [...SELLER_FAULT_REASONS],
  condition_text:
    'Items must be unused, with all accessories, the original packaging and tags. ' +
    'Wipe any personal data from devices before sending them back.',
  preparation_checklist: [
    'The item is unused',
    'All accessories are included',
    'Original packaging and tags are attached',
    'Personal data is wiped from devices',
  ],
  return_shipping_payer: { seller: 'seller', buyer: 'buyer' },
  return_shipping_reimbursement_cap: 1500,
  return_postage: 'reimburse',
  restocking_fee_pct: 0,
  max_deduction_pct: 50,
  refund_destinations: ['original_payment', 'platform_balance'],
  auto_approval: [],
  returnless_refunds: [],
  returnless_limit: { count: 2, days: 90 },
  appeal_window_days: 7,
  tracking_silence_days: 5,
  reminder_hours_before: [24, 2],
  deadlines: {
    seller_review: { hours: 48 },
    seller_review_after_offer: { hours: 24 },
    buyer_offer: { hours: 72 },
    buyer_contest: { hours: 48 },
    buyer_ship: { hours: 7 * 24 },
    seller_receive: { hours: 10 * 24 },
    receiving_extension: { hours: 8 * 24 },
    seller_inspect: { business_days: 2 },
    evidence_response: { hours: 72 },
    // The seller sends the replacement; silent or out of stock, the case converts to a refund.
    seller_dispatch: { business_days: 3 },
    // The buyer says the replacement arrived; silent, it counts as arrived.
    buyer_confirm: { hours: 14 * 24 },
  },
};

const REASON_CODES = REASONS.map((r) => r.code);
const POLICY_KEYS = Object.keys(DEFAULT_POLICY);

function checkDuration(errors: Fields, path: string, value: unknown): void {
  const keys = isRecord(value) ? Object.keys(value) : [];
  if (!isRecord(value) || keys.length !== 1) {
    errors.push({ path, message: 'must be { hours } or { business_days }' });
  } else if ('hours' in value) {
    checkInteger(errors, join(path, 'hours'), value.hours, 1, 24 * 365);
  } else if ('business_days' in value) {
    checkInteger(errors, join(path, 'business_days'), value.business_days, 1, 60);
  } else {
    errors.push({ path, message: 'must be { hours } or { business_days }' });
  }
}

function checkCategories(errors: Fields, value: unknown): void {
  if (!isRecord(value) || Object.keys(value).length > 500) {
    errors.push({ path: 'categories', message: 'must map at most 500 categories to rules' });
    return;
  }
  for (const [name, rule] of Object.entries(value)) {
    const path = join('categories', name);
    if (!isRecord(rule)) {
      errors.push({ path, message: 'must be an object' });
      continue;
    }
    checkKnownKeys(errors, path, rule, ['returnable', 'window_days', 'reasons_allowed']);
    if (rule.returnable !== undefined && typeof rule.returnable !== 'boolean') {
      errors.push({ path: join(path, 'returnable'), message: 'must be a boolean' });
    }
    checkInteger(errors, join(path, 'window_days'), rule.window_days, 1, 730, { optional: true });
    if (rule.reasons_allowed !== undefined) {
      checkSubset(errors, join(path, 'reasons_allowed'), rule.reasons_allowed, REASON_CODES, 1);
    }
  }
}

function checkAutoApproval(errors: Fields, value: unknown): void {
  if (!Array.isArray(value) || value.length > 20) {
    errors.push({ path: 'auto_approval', message: 'must be a list of at most 20 rules' });
    return;
  }
  value.forEach((rule: unknown, i) => {
    const path = join('auto_approval', i);
    if (!isRecord(rule)) {
      errors.push({ path, message: 'must be an object' });
      return;
    }
    checkKnownKeys(errors, path, rule, ['fault', 'reasons', 'case_types', 'max_amount']);
    checkOneOf(errors, join(path, 'fault'), rule.fault, FAULTS, { optional: true });
    if (rule.reasons !== undefined) {
      checkSubset(errors, join(path, 'reasons'), rule.reasons, REASON_CODES, 1);
    }
    if (rule.case_types !== undefined) {
      checkSubset(errors, join(path, 'case_types'), rule.case_types, CASE_TYPES, 1);
    }
    checkInteger(errors, join(path, 'max_amount'), rule.max_amount, 0, undefined, {
      optional: true,
    });
  });
}

function checkReturnless(errors: Fields, value: unknown): void {
  if (!Array.isArray(value) || value.length > 20) {
    errors.push({ path: 'returnless_refunds', message: 'must be a list of at most 20 rules' });
    return;
  }
  value.forEach((rule: unknown, i) => {
    const path = join('returnless_refunds', i);
    if (!isRecord(rule)) {
      errors.push({ path, message: 'must be an object' });
      return;
    }
    checkKnownKeys(errors, path, rule, ['reasons', 'categories', 'max_amount']);
    if (rule.reasons !== undefined) {
      checkSubset(errors, join(path, 'reasons'), rule.reasons, REASON_CODES, 1);
    }
    if (rule.categories !== undefined) {
      const list = rule.categories;
      if (!Array.isArray(list) || list.length < 1 || list.length > 50) {
        errors.push({ path: join(path, 'categories'), message: 'must list 1 to 50 categories' });
      } else {
        list.forEach((c: unknown, k) => {
          checkString(errors, join(join(path, 'categories'), k), c, 100);
        });
      }
    }
    checkInteger(errors, join(path, 'max_amount'), rule.max_amount, 0);
  });
}

/**
 * Validates a seller-submitted policy. Fields left out keep DEFAULT_POLICY's value (deadlines
 * and return_shipping_payer field by field); unknown fields are refused so a typo never passes
 * silently.
 */
export function parsePolicy(json: unknown): Result<ReturnPolicy> {
  if (!isRecord(json)) return invalid([{ path: '', message: 'must be an object' }]);
  const errors: Fields = [];
  checkKnownKeys(errors, '', json, POLICY_KEYS);
  const input = { ...DEFAULT_POLICY, ...json } as Record<string, unknown>;
  const deadlines = {
    ...DEFAULT_POLICY.deadlines,
    ...(isRecord(json.deadlines) ? json.deadlines : {}),
  };
  const payer = {
    ...DEFAULT_POLICY.return_shipping_payer,
    ...(isRecord(json.return_shipping_payer) ? json.return_shipping_payer : {}),
  };

  if (!isCurrency(input.currency)) {
    errors.push({ path: 'currency', message: 'must be an ISO 4217 currency code' });
  }
  checkInteger(errors, 'window_days', input.window_days, 1, 730);
  checkCategories(errors, input.categories);
  checkSubset(errors, 'reasons_allowed', input.reasons_allowed, REASON_CODES, 1);
  checkSubset(errors, 'refund_only_reasons', input.refund_only_reasons, REASON_CODES);
  checkString(errors, 'condition_text', input.condition_text, 4000, { min: 0 });
  const checklist = input.preparation_checklist;
  if (!Array.isArray(checklist) || checklist.length > 30) {
    errors.push({ path: 'preparation_checklist', message: 'must be a list of at most 30 items' });
  } else {
    checklist.forEach((item: unknown, i) => {
      checkString(errors, join('preparation_checklist', i), item, 300);
    });
  }
  if (json.return_shipping_payer !== undefined && !isRecord(json.return_shipping_payer)) {
    errors.push({ path: 'return_shipping_payer', message: 'must be an object' });
  } else {
    checkKnownKeys(errors, 'return_shipping_payer', payer, FAULTS);
    for (const fault of FAULTS) {
      checkOneOf(errors, join('return_shipping_payer', fault), payer[fault], ['buyer', 'seller']);
    }
  }
  checkInteger(
    errors,
    'return_shipping_reimbursement_cap',
    input.return_shipping_reimbursement_cap,
    0,
  );
  checkOneOf(errors, 'return_postage', input.return_postage, RETURN_POSTAGE);
  checkPercent(errors, 'restocking_fee_pct', input.restocking_fee_pct);
  checkPercent(errors, 'max_deduction_pct', input.max_deduction_pct);
  checkSubset(errors, 'refund_destinations', input.refund_destinations, REFUND_DESTINATIONS, 1);
  checkAutoApproval(errors, input.auto_approval);
  checkReturnless(errors, input.returnless_refunds);
  const limit = isRecord(json.returnless_limit)
    ? { ...DEFAULT_POLICY.returnless_limit, ...json.returnless_limit }
    : input.returnless_limit;
  if (!isRecord(limit)) {
    errors.push({ path: 'returnless_limit', message: 'must be { count, days }' });
  } else {
    checkKnownKeys(errors, 'returnless_limit', limit, ['count', 'days']);
    checkInteger(errors, 'returnless_limit.count', limit.count, 0, 100);
    checkInteger(errors, 'returnless_limit.days', limit.days, 1, 730);
  }
  checkInteger(errors, 'tracking_silence_days', input.tracking_silence_days, 1, 90);
  checkInteger(errors, 'appeal_window_days', input.appeal_window_days, 1, 60);
  const reminders = input.reminder_hours_before;
  if (
    !Array.isArray(reminders) ||
    reminders.length > 5 ||
    !reminders.every((h) => Number.isInteger(h) && h >= 1 && h <= 24 * 14)
  ) {
    errors.push({
      path: 'reminder_hours_before',
      message: 'must list at most 5 whole hours from 1 to 336',
    });
  }
  if (json.deadlines !== undefined && !isRecord(json.deadlines)) {
    errors.push({ path: 'deadlines', message: 'must be an object' });
  } else {
    checkKnownKeys(errors, 'deadlines', deadlines, DEADLINE_NAMES);
    for (const name of DEADLINE_NAMES)
      checkDuration(errors, join('deadlines', name), deadlines[name]);
  }
  if (errors.length > 0) return invalid(errors);
  // Deep copy so that callers cannot mutate DEFAULT_POLICY through the result.
  return ok(
    structuredClone({
      ...input,
      deadlines,
      return_shipping_payer: payer,
      returnless_limit: limit,
    }) as ReturnPolicy,
  );
}

/** The window, reasons and returnability that apply to one product category. */
export function categoryRule(
  policy: ReturnPolicy,
  category: string,
): { returnable: boolean; window_days: number; reasons_allowed: ReasonCode[] } {
  const rule = Object.hasOwn(policy.categories, category) ? policy.categories[category] : undefined;
  return {
    returnable: rule?.returnable ?? true,
    window_days: rule?.window_days ?? policy.window_days,
    reasons_allowed: rule?.reasons_allowed ?? policy.reasons_allowed,
  };
}
