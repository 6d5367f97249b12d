import { readMeta, upsertAppMeta } from '../db/app-meta.ts';
import { buyerHistory } from '../db/buyer-history.ts';
import type { BuyerRecordCounts } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import type { BuyerStanding, ReturnPolicy } from '../domain/index.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

const DAY_MS = 86_400_000;

/**
 * The platform's rule for automatic decisions: a buyer over either threshold gets no automatic
 * approval and no returnless refund (a person decides). Null turns a threshold off.
 */
export interface PlatformRules {
  /** Cases in the last 90 days, across every shop. */
  max_cases_90_days: number | null;
  /** Cases per order, across every shop, once the buyer has at least `min_orders` orders. */
  max_return_rate: number | null;
  min_orders: number;
}

export const PLATFORM_RULES_KEY = 'platform_rules';
export const DEFAULT_PLATFORM_RULES: PlatformRules = {
  max_cases_90_days: null,
  max_return_rate: null,
  min_orders: 5,
};

export async function platformRules(db: Db): Promise<PlatformRules> {
  const stored = (await readMeta(db, PLATFORM_RULES_KEY)) as Partial<PlatformRules> | undefined;
  return { ...DEFAULT_PLATFORM_RULES, ...(stored ?? {}) };
}

/** What a buyer's return record looks like to a seller (at its shop) or an agent (everywhere). */
export interface BuyerHistory {
  orders: number;
  cases: number;
  cases_last_90_days: number;
  /** Cases per order (null without orders). */
  return_rate: number | null;
  refunds: number;
  returnless_refunds: number;
  disputes_lost: number;
  /** Over the platform's threshold: automatic decisions are off for this buyer. */
  flagged: boolean;
}

function overThreshold(
  rules: PlatformRules,
  all: { orders: number; cases: number; cases_recent: number },
): boolean {
  if (rules.max_cases_90_days !== null && all.cases_recent > rules.max_cases_90_days) return true;
  return (
    rules.max_return_rate !== null &&
    all.orders >= rules.min_orders &&
    all.cases / all.orders > rules.max_return_rate
  );
}

/** The record as the case view shows it, from counts read with the case (caseViewFacts). */
export function presentBuyerHistory(
  storedRules: unknown,
  all: BuyerRecordCounts,
  shop: BuyerRecordCounts | undefined,
): BuyerHistory {
  const rules = {
    ...DEFAULT_PLATFORM_RULES,
    ...((storedRules ?? {}) as Partial<PlatformRules>),
  };
  const seen = shop ?? all;
  return {
    orders: seen.orders,
    cases: seen.cases,
    cases_last_90_days: seen.cases_recent,
    return_rate: seen.orders ? Math.round((seen.cases / seen.orders) * 1000) / 1000 : null,
    refunds: seen.refunds,
    returnless_refunds: seen.returnless,
    disputes_lost: seen.disputes_lost,
    flagged: overThreshold(rules, all),
  };
}

/** How far back the record's "recent" cases go. */
export const RECENT_DAYS = 90;
export const recentSince = (now: Date) => new Date(now.getTime() - RECENT_DAYS * DAY_MS);

/** What automatic decisions on a new request need of the buyer at this shop. */
export async function buyerStanding(
  db: Db,
  buyerId: string,
  sellerId: string,
  policy: ReturnPolicy,
  now: Date,
): Promise<BuyerStanding> {
  const recentSince = new Date(now.getTime() - 90 * DAY_MS);
  const returnlessSince = new Date(now.getTime() - policy.returnless_limit.days * DAY_MS);
  const [rules, all, shop] = await Promise.all([
    platformRules(db),
    buyerHistory(db, buyerId, { recentSince, returnlessSince }),
    buyerHistory(db, buyerId, { sellerId, recentSince, returnlessSince }),
  ]);
  return {
    returnless_refunds_in_window: shop.returnless_recent,
    flagged: overThreshold(rules, all),
  };
}

/** The platform's rules, to agents and operators. */
export async function readPlatformRules(db: Db, principal: Principal): Promise<PlatformRules> {
  if (principal.role !== 'agent' && principal.role !== 'operator') {
    throw new AppError('not_found', 'Not found.');
  }
  return platformRules(db);
}

/** Operators set the threshold over which a buyer gets no automatic decision. */
export async function updatePlatformRules(
  db: Db,
  principal: Principal,
  input: PlatformRules,
  now: Date,
): Promise<PlatformRules> {
  if (principal.role !== 'operator') {
    throw new AppError('forbidden', 'Only operators set the platform rules.');
  }
  await upsertAppMeta(db, PLATFORM_RULES_KEY, input, now);
  return platformRules(db);
}
