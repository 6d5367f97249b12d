import type { Db } from '../db/database.ts';
import { addressesOf } from '../db/return-addresses.ts';
import type { ReturnPolicy } from '../domain/index.ts';
import { type PolicyView, readPolicy } from './return-policy.ts';

const S = 'https://schema.org/';

/** Who pays return postage, as schema.org names it. */
function fees(payer: 'buyer' | 'seller'): string {
  return payer === 'seller' ? `${S}FreeReturn` : `${S}ReturnFeesCustomerResponsibility`;
}

/** The general terms of a policy, for one window of days (or none: not returnable). */
function terms(policy: ReturnPolicy, windowDays: number | null) {
  if (windowDays === null) return { returnPolicyCategory: `${S}MerchantReturnNotPermitted` };
  return {
    returnPolicyCategory: `${S}MerchantReturnFiniteReturnWindow`,
    merchantReturnDays: windowDays,
    returnMethod: `${S}ReturnByMail`,
    customerRemorseReturnFees: fees(policy.return_shipping_payer.buyer),
    itemDefectReturnFees: fees(policy.return_shipping_payer.seller),
    returnFees: fees(policy.return_shipping_payer.buyer),
    returnLabelSource:
      policy.return_postage === 'prepaid_label'
        ? `${S}ReturnLabelDownloadAndPrint`
        : `${S}ReturnLabelCustomerResponsibility`,
    refundType: `${S}FullRefund`,
    ...(policy.restocking_fee_pct > 0 ? { restockingFee: policy.restocking_fee_pct } : {}),
  };
}

/**
 * The shop's policy as schema.org `MerchantReturnPolicy` JSON-LD, for the marketplace's product
 * pages: the general policy, then one per product category whose rule differs (its
 * `identifier` is `category:<name>`). Built from the same policy data that decides cases, so
 * what a product page says and what is enforced cannot drift.
 */
export function policyJsonLd(
  view: PolicyView,
  addresses: { country: string; buyer_countries: string[]; is_default: boolean }[],
  publicUrl: string,
) {
  const policy = view.policy;
  const served = [...new Set(addresses.flatMap((a) => a.buyer_countries))].sort();
  const origin = addresses.find((a) => a.is_default)?.country ?? view.region.slice(0, 2);
  const general = {
    '@type': 'MerchantReturnPolicy',
    '@id': `${publicUrl}#policy`,
    identifier: `version:${view.version}`,
    name: `${view.shop_name} return policy`,
    url: publicUrl,
    applicableCountry: served.length ? served : [view.region.slice(0, 2)],
    returnPolicyCountry: origin,
    ...terms(policy, policy.window_days),
  };
  const categories = Object.entries(policy.categories).map(([name, rule]) => ({
    '@type': 'MerchantReturnPolicy',
    identifier: `category:${name}`,
    name: `${view.shop_name} return policy: ${name}`,
    url: publicUrl,
    applicableCountry: general.applicableCountry,
    returnPolicyCountry: origin,
    ...terms(policy, rule.returnable === false ? null : (rule.window_days ?? policy.window_days)),
  }));
  return { '@context': 'https://schema.org', '@graph': [general, ...categories] };
}

/** The shop's current policy as JSON-LD, read like the policy itself: by anyone. */
export async function readPolicyJsonLd(db: Db, sellerId: string, publicUrl: string) {
  const view = await readPolicy(db, sellerId);
  const addresses = await addressesOf(db, sellerId);
  return policyJsonLd(
    view,
    addresses.map((a) => ({
      country: a.country,
      buyer_countries: a.buyerCountries,
      is_default: a.isDefault,
    })),
    publicUrl,
  );
}
