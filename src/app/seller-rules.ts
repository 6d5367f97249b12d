import type { SellerRow } from '../db/users.ts';
import { parsePolicy, type ReturnPolicy, type SellerCalendar } from '../domain/index.ts';

/** Parsed policies by their stored JSON; every command needs its shop's (a percent of its CPU). */
const parsed = new Map<string, ReturnPolicy>();
const PARSED_KEPT = 1000;

/**
 * The stored policy, read through the domain's parser so defaults added later fill the gaps.
 * Parsed once per stored text and shared, so it is frozen.
 */
export function policyOf(seller: SellerRow): ReturnPolicy {
  const text = JSON.stringify(seller.policy);
  return parsed.get(text) ?? parseAndKeep(seller.id, text, seller.policy);
}

/**
 * policyOf for a policy read as JSON text (what a command reads of its order's shop): a text seen
 * before is parsed neither as JSON nor as a policy again.
 */
export function policyOfText(sellerId: string, text: string): ReturnPolicy {
  return parsed.get(text) ?? parseAndKeep(sellerId, text, JSON.parse(text));
}

function parseAndKeep(sellerId: string, text: string, stored: unknown): ReturnPolicy {
  const result = parsePolicy(stored);
  if (!result.ok)
    throw new Error(`stored policy of ${sellerId} is invalid: ${result.error.message}`);
  if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  const policy = deepFreeze(result.value);
  parsed.set(text, policy);
  return policy;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export function calendarOf(seller: Pick<SellerRow, 'timeZone' | 'region'>): SellerCalendar {
  return { time_zone: seller.timeZone, region: seller.region };
}
