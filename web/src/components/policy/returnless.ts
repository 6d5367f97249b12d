import { toMajor, toMinor } from '../../money.ts';
import type { Policy } from './values.ts';

// The returnless-refund rules, the per-buyer limit and the appeal window, as the form edits them.

export interface ReturnlessRow {
  reasons: string[];
  categories: string[];
  max_amount: number | null;
}

export interface ReturnlessValues {
  returnless_refunds: ReturnlessRow[];
  returnless_limit: { count: number | null; days: number | null };
  appeal_window_days: number | null;
}

export function returnlessValues(p: Policy): ReturnlessValues {
  return {
    returnless_refunds: p.returnless_refunds.map((r) => ({
      reasons: r.reasons ?? [],
      categories: r.categories ?? [],
      max_amount: toMajor(r.max_amount, p.currency),
    })),
    returnless_limit: { count: p.returnless_limit.count, days: p.returnless_limit.days },
    appeal_window_days: p.appeal_window_days,
  };
}

export function returnlessPolicy(v: ReturnlessValues & { currency: string }) {
  return {
    returnless_refunds: v.returnless_refunds.map((r) => ({
      ...(r.reasons.length ? { reasons: r.reasons } : {}),
      ...(r.categories.length ? { categories: r.categories.map((c) => c.trim()) } : {}),
      max_amount: r.max_amount === null ? null : toMinor(r.max_amount, v.currency),
    })),
    returnless_limit: v.returnless_limit,
    appeal_window_days: v.appeal_window_days,
  };
}

/** Where an error path of these fields shows on the form. */
export function returnlessField(path: (string | number)[]): (string | number)[] | null {
  const [head, second, third] = path;
  if (head === 'appeal_window_days') return [head];
  if (head === 'returnless_limit') return second === 'days' ? [head, 'days'] : [head, 'count'];
  if (head === 'returnless_refunds' && typeof second === 'number') {
    return [head, second, third === 'reasons' || third === 'categories' ? third : 'max_amount'];
  }
  return null;
}
