import type { FormInstance } from 'antd';
import type { Schemas } from '../../api.ts';
import { DEADLINE_NAMES, type DeadlineName } from '../../generated/domain.ts';
import { toMajor, toMinor } from '../../money.ts';
import {
  type ReturnlessValues,
  returnlessField,
  returnlessPolicy,
  returnlessValues,
} from './returnless.ts';

// The return policy as the form edits it, and the conversions to and from the API's policy.

export type Policy = Schemas['ReturnPolicy'];
export type Payer = 'seller' | 'buyer';
export type Unit = 'hours' | 'business_days';
export type ReturnPostage = Policy['return_postage'];

export interface CategoryRow {
  name: string;
  returnable: boolean;
  window_days: number | null;
  /** Kept as it was: this form does not edit per-category reasons. */
  reasons_allowed?: string[];
}

export interface AutoApprovalRow {
  fault: 'any' | Payer;
  reasons: string[];
  case_types: string[];
  max_amount: number | null;
}

export interface PolicyValues extends ReturnlessValues {
  currency: string;
  window_days: number | null;
  reasons_allowed: string[];
  refund_only_reasons: string[];
  condition_text: string;
  preparation_checklist: string[];
  categories: CategoryRow[];
  return_shipping_payer: { seller: Payer; buyer: Payer };
  return_shipping_reimbursement_cap: number | null;
  return_postage: ReturnPostage;
  restocking_fee_pct: number | null;
  max_deduction_pct: number | null;
  refund_destinations: string[];
  auto_approval: AutoApprovalRow[];
  tracking_silence_days: number | null;
  reminder_hours_before: string[];
  deadlines: Record<DeadlineName, { unit: Unit; value: number | null }>;
}

/** The API's policy as the form shows it: money in major units, maps as editable rows. */
export function toValues(p: Policy): PolicyValues {
  const money = (minor: number) => toMajor(minor, p.currency);
  const deadlines = {} as PolicyValues['deadlines'];
  for (const name of DEADLINE_NAMES) {
    const d = p.deadlines[name];
    deadlines[name] =
      d && 'business_days' in d
        ? { unit: 'business_days', value: d.business_days }
        : { unit: 'hours', value: d && 'hours' in d ? d.hours : null };
  }
  return {
    currency: p.currency,
    window_days: p.window_days,
    reasons_allowed: p.reasons_allowed,
    refund_only_reasons: p.refund_only_reasons,
    condition_text: p.condition_text,
    preparation_checklist: p.preparation_checklist,
    categories: Object.entries(p.categories).map(([name, rule]) => ({
      name,
      returnable: rule.returnable !== false,
      window_days: rule.window_days ?? null,
      ...(rule.reasons_allowed ? { reasons_allowed: rule.reasons_allowed } : {}),
    })),
    return_shipping_payer: {
      seller: p.return_shipping_payer.seller === 'buyer' ? 'buyer' : 'seller',
      buyer: p.return_shipping_payer.buyer === 'seller' ? 'seller' : 'buyer',
    },
    return_shipping_reimbursement_cap: money(p.return_shipping_reimbursement_cap),
    return_postage: p.return_postage,
    restocking_fee_pct: p.restocking_fee_pct,
    max_deduction_pct: p.max_deduction_pct,
    refund_destinations: p.refund_destinations,
    auto_approval: p.auto_approval.map((r) => ({
      fault: r.fault === 'seller' || r.fault === 'buyer' ? r.fault : 'any',
      reasons: r.reasons ?? [],
      case_types: r.case_types ?? [],
      max_amount: r.max_amount === undefined ? null : money(r.max_amount),
    })),
    tracking_silence_days: p.tracking_silence_days,
    reminder_hours_before: p.reminder_hours_before.map(String),
    deadlines,
    ...returnlessValues(p),
  };
}

/** The form's values as the API's policy (the whole policy: PUT replaces it). */
export function toPolicy(v: PolicyValues): Record<string, unknown> {
  const money = (major: number | null) => (major === null ? null : toMinor(major, v.currency));
  const categories: Record<string, unknown> = {};
  for (const row of v.categories) {
    const name = row.name.trim();
    categories[name] = {
      ...(row.returnable ? {} : { returnable: false }),
      ...(row.returnable && row.window_days ? { window_days: row.window_days } : {}),
      ...(row.reasons_allowed ? { reasons_allowed: row.reasons_allowed } : {}),
    };
  }
  const deadlines: Record<string, unknown> = {};
  for (const name of DEADLINE_NAMES) {
    const d = v.deadlines[name];
    deadlines[name] = { [d.unit]: d.value };
  }
  return {
    currency: v.currency,
    window_days: v.window_days,
    categories,
    reasons_allowed: v.reasons_allowed,
    refund_only_reasons: v.refund_only_reasons,
    condition_text: v.condition_text,
    preparation_checklist: v.preparation_checklist.map((s) => s.trim()),
    return_shipping_payer: v.return_shipping_payer,
    return_shipping_reimbursement_cap: money(v.return_shipping_reimbursement_cap),
    return_postage: v.return_postage,
    restocking_fee_pct: v.restocking_fee_pct,
    max_deduction_pct: v.max_deduction_pct,
    refund_destinations: v.refund_destinations,
    auto_approval: v.auto_approval.map((r) => ({
      ...(r.fault === 'any' ? {} : { fault: r.fault }),
      ...(r.reasons.length ? { reasons: r.reasons } : {}),
      ...(r.case_types.length ? { case_types: r.case_types } : {}),
      ...(r.max_amount === null || r.max_amount === undefined
        ? {}
        : { max_amount: money(r.max_amount) }),
    })),
    tracking_silence_days: v.tracking_silence_days,
    reminder_hours_before: v.reminder_hours_before.map(Number).sort((a, b) => b - a),
    deadlines,
    ...returnlessPolicy(v),
  };
}

const TOP_FIELDS = new Set([
  'currency',
  'window_days',
  'reasons_allowed',
  'refund_only_reasons',
  'condition_text',
  'return_shipping_reimbursement_cap',
  'return_postage',
  'restocking_fee_pct',
  'max_deduction_pct',
  'refund_destinations',
  'tracking_silence_days',
  'reminder_hours_before',
]);

/** Where an error path of the PUT shows on this form (categories are rows keyed by name). */
export function fieldOf(form: FormInstance<PolicyValues>) {
  return (path: (string | number)[]): (string | number)[] | null => {
    const [head, second, third] = path;
    if (typeof head !== 'string') return null;
    if (TOP_FIELDS.has(head)) return [head];
    const returnless = returnlessField(path);
    if (returnless) return returnless;
    switch (head) {
      case 'return_shipping_payer':
        return second === 'seller' || second === 'buyer' ? [head, second] : null;
      case 'preparation_checklist':
        return typeof second === 'number' ? [head, second] : null;
      case 'deadlines':
        return typeof second === 'string' && (DEADLINE_NAMES as readonly string[]).includes(second)
          ? [head, second, 'value']
          : null;
      case 'auto_approval': {
        if (typeof second !== 'number') return null;
        const field =
          third === 'reasons' || third === 'case_types' || third === 'max_amount' ? third : 'fault';
        return [head, second, field];
      }
      case 'categories': {
        const rows = form.getFieldValue('categories') as CategoryRow[];
        const index = rows.findIndex((r) => r.name.trim() === second);
        if (index < 0) return null;
        return [head, index, third === 'window_days' ? 'window_days' : 'name'];
      }
      default:
        return null;
    }
  };
}
