import type { Principal } from './principal.ts';

/**
 * What a principal may see: a buyer their own orders and cases, a seller their shop's, agents and
 * operators everything. Every list and lookup query is filtered by this, so a resource outside the
 * caller's reach is simply not found (404), never "forbidden": ids cannot be probed.
 */
export interface Scope {
  buyer_id?: string;
  seller_id?: string;
}

export function scopeOf(principal: Principal): Scope {
  switch (principal.role) {
    case 'buyer':
      return { buyer_id: principal.user_id };
    case 'seller':
      // A seller user always has a shop (enforced when the user is created).
      return { seller_id: principal.seller_id ?? '\u0000none' };
    default:
      return {};
  }
}
