import type { Db } from '../db/database.ts';
import { buyerHasOrderFrom } from '../db/orders.ts';
import { findPolicyVersion, findSeller, type SellerRow, updateSellerPolicy } from '../db/users.ts';
import { parsePolicy, type ReturnPolicy } from '../domain/index.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { policyOf } from './seller-rules.ts';

export interface PolicyView {
  seller_id: string;
  shop_name: string;
  time_zone: string;
  region: string;
  /** Each change is a new version; cases name the version each decision was made under. */
  version: number;
  /** The current version's number (equal to `version` unless an older one was asked for). */
  current_version: number;
  policy: ReturnPolicy;
  updated_at: Date;
}

function view(seller: SellerRow): PolicyView {
  return {
    seller_id: seller.id,
    shop_name: seller.name,
    time_zone: seller.timeZone,
    region: seller.region,
    version: seller.policyVersion,
    current_version: seller.policyVersion,
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

/**
 * A shop's return policy, to anyone, signed in or not: buyers read it before they buy, and what is
 * shown is what decides. `version` reads an earlier one (what a case was decided under).
 */
export async function readPolicy(db: Db, sellerId: string, version?: number): Promise<PolicyView> {
  const seller = await findSeller(db, sellerId);
  if (!seller) throw new AppError('not_found', 'Seller not found.');
  const current = view(seller);
  if (version === undefined || version === seller.policyVersion) return current;
  const stored = await findPolicyVersion(db, sellerId, version);
  if (!stored) {
    throw new AppError('not_found', `The shop has no policy version ${version}.`, {
      current_version: seller.policyVersion,
    });
  }
  const parsed = parsePolicy(stored.policy);
  if (!parsed.ok) throw new Error(`stored policy version ${version} of ${sellerId} is invalid`);
  return { ...current, version, policy: parsed.value, updated_at: stored.createdAt };
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
