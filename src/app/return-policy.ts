import type { Db } from '../db/database.ts';
import { buyerHasOrderFrom } from '../db/orders.ts';
import { findSeller, type SellerRow, updateSellerPolicy } from '../db/users.ts';
import { parsePolicy, type ReturnPolicy } from '../domain/index.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { policyOf } from './seller-rules.ts';

export interface PolicyView {
  seller_id: string;
  time_zone: string;
  region: string;
  policy: ReturnPolicy;
  updated_at: Date;
}

function view(seller: SellerRow): PolicyView {
  return {
    seller_id: seller.id,
    time_zone: seller.timeZone,
    region: seller.region,
    policy: policyOf(seller),
    updated_at: seller.updatedAt,
  };
}

/**
 * The shop, to those who may read its policy: its staff, its buyers (anyone with an order from
 * it), agents and operators. Anyone else gets 404.
 */
export async function visibleSeller(
  db: Db,
  principal: Principal,
  sellerId: string,
): Promise<SellerRow> {
  const seller = await findSeller(db, sellerId);
  const visible =
    seller &&
    (principal.role === 'agent' ||
      principal.role === 'operator' ||
      (principal.role === 'seller' && principal.seller_id === sellerId) ||
      (principal.role === 'buyer' && (await buyerHasOrderFrom(db, principal.user_id, sellerId))));
  if (!visible) throw new AppError('not_found', 'Seller not found.');
  return seller;
}

export async function readPolicy(
  db: Db,
  principal: Principal,
  sellerId: string,
): Promise<PolicyView> {
  return view(await visibleSeller(db, principal, sellerId));
}

export async function updatePolicy(
  db: Db,
  principal: Principal,
  sellerId: string,
  input: unknown,
  now: Date,
): Promise<PolicyView> {
  const mayEdit =
    principal.role === 'operator' ||
    (principal.role === 'seller' && principal.seller_id === sellerId);
  if (!mayEdit || !(await findSeller(db, sellerId))) {
    throw new AppError('not_found', 'Seller not found.');
  }
  const parsed = parsePolicy(input);
  if (!parsed.ok) {
    throw new AppError('validation_failed', parsed.error.message, {
      fields: (parsed.error.details.fields ?? []).map((f) => ({
        path: f.path ? `body.${f.path}` : 'body',
        message: f.message,
      })),
    });
  }
  const updated = await updateSellerPolicy(db, sellerId, parsed.value, now);
  return view(updated!);
}
