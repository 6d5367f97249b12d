import type { Order, RefundDestination, ReturnCase } from './case.ts';
import { claimedQuantities } from './claims.ts';
import { categoryRule, type ReturnPolicy } from './policy.ts';
import type { Fault, ReasonCode } from './reasons.ts';

const DAY_MS = 86_400_000;

export type BlockerCode =
  | 'not_delivered'
  | 'window_closed'
  | 'category_not_returnable'
  | 'fully_claimed';

/** One reason a line cannot be returned, with the facts a UI needs to explain it. */
export interface Blocker {
  code: BlockerCode;
  message: string;
  [detail: string]: unknown;
}

export interface LineEligibility {
  order_line_id: string;
  sku: string;
  title: string;
  category: string;
  eligible: boolean;
  quantity: number;
  /** Units already in other open, refunded or decided cases. */
  claimed_quantity: number;
  /** Units a new request may include (0 when the line is not eligible). */
  returnable_quantity: number;
  window_days: number;
  /** The exact instant the window closes; null until the order is delivered. */
  window_closes_at: Date | null;
  reasons_allowed: ReasonCode[];
  /** Reasons for which the buyer may keep the item and take a refund only. */
  refund_only_reasons_allowed: ReasonCode[];
  blockers: Blocker[];
}

export interface OrderEligibility {
  order_id: string;
  evaluated_at: Date;
  delivered_at: Date | null;
  eligible: boolean;
  lines: LineEligibility[];
  condition_text: string;
  preparation_checklist: string[];
  return_shipping_payer: Record<Fault, 'buyer' | 'seller'>;
  refund_destinations: RefundDestination[];
}

/**
 * Which lines of an order can be returned now, and why not. The window is counted in days of
 * 24 h from the delivery instant and is open while now < window_closes_at.
 */
export function eligibility(
  order: Order,
  policy: ReturnPolicy,
  otherCases: readonly ReturnCase[],
  now: Date,
): OrderEligibility {
  const claimed = claimedQuantities(otherCases.filter((c) => c.order_id === order.id));
  const delivered = order.delivered_at !== null && order.delivered_at.getTime() <= now.getTime();

  const lines = order.lines.map((line): LineEligibility => {
    const rule = categoryRule(policy, line.category);
    const blockers: Blocker[] = [];
    const window_closes_at = order.delivered_at
      ? new Date(order.delivered_at.getTime() + rule.window_days * DAY_MS)
      : null;
    if (!delivered) {
      blockers.push({ code: 'not_delivered', message: 'The order has not been delivered yet' });
    } else if (window_closes_at && now.getTime() >= window_closes_at.getTime()) {
      blockers.push({
        code: 'window_closed',
        message: `The ${rule.window_days}-day return window has closed`,
        window_closed_at: window_closes_at,
      });
    }
    if (!rule.returnable) {
      blockers.push({
        code: 'category_not_returnable',
        message: `Items in category "${line.category}" cannot be returned`,
        category: line.category,
      });
    }
    const claimed_quantity = Math.min(claimed.get(line.id) ?? 0, line.quantity);
    if (claimed_quantity >= line.quantity) {
      blockers.push({
        code: 'fully_claimed',
        message: 'Every unit of this line is already in a return',
        claimed_quantity,
      });
    }
    const eligible = blockers.length === 0;
    const reasons_allowed = rule.returnable ? [...rule.reasons_allowed] : [];
    return {
      order_line_id: line.id,
      sku: line.sku,
      title: line.title,
      category: line.category,
      eligible,
      quantity: line.quantity,
      claimed_quantity,
      returnable_quantity: eligible ? line.quantity - claimed_quantity : 0,
      window_days: rule.window_days,
      window_closes_at,
      reasons_allowed,
      refund_only_reasons_allowed: reasons_allowed.filter((r) =>
        policy.refund_only_reasons.includes(r),
      ),
      blockers,
    };
  });

  return {
    order_id: order.id,
    evaluated_at: now,
    delivered_at: order.delivered_at,
    eligible: lines.some((l) => l.eligible),
    lines,
    condition_text: policy.condition_text,
    preparation_checklist: [...policy.preparation_checklist],
    return_shipping_payer: { ...policy.return_shipping_payer },
    refund_destinations: [...policy.refund_destinations],
  };
}
