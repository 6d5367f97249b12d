import type { SellerRow } from '../db/users.ts';
import { parsePolicy, type ReturnPolicy, type SellerCalendar } from '../domain/index.ts';

/** The stored policy, read through the domain's parser so defaults added later fill the gaps. */
export function policyOf(seller: SellerRow): ReturnPolicy {
  const parsed = parsePolicy(seller.policy);
  if (!parsed.ok)
    throw new Error(`stored policy of ${seller.id} is invalid: ${parsed.error.message}`);
  return parsed.value;
}

export function calendarOf(seller: SellerRow): SellerCalendar {
  return { time_zone: seller.timeZone, region: seller.region };
}
