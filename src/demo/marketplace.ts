import type { ReturnAddressInput } from '../app/return-addresses.ts';

// The demo marketplace: its shops and what they sell, its buyers, agent and operator.

interface Product {
  sku: string;
  title: string;
  category: string;
  unit_price: number;
}

export interface DemoShop {
  key: 'us' | 'gb' | 'cn';
  name: string;
  time_zone: string;
  region: string;
  currency: string;
  /** Sales tax added to the price; 0 where prices include VAT. */
  tax_rate: number;
  shipping_amount: number;
  policy: Record<string, unknown>;
  staff: { email: string; name: string; locale: 'en' | 'zh-CN' };
  /** Where its returns go, by buyer country; the first is the default. */
  return_addresses: ReturnAddressInput[];
  /** Which demo buyers buy here (by index into BUYERS). */
  buyers: number[];
  products: Product[];
}

export const SHOPS: readonly DemoShop[] = [
  {
    key: 'us',
    name: 'Harbor & Pine Home Goods',
    time_zone: 'America/New_York',
    region: 'US',
    currency: 'USD',
    tax_rate: 0.08875,
    shipping_amount: 599,
    policy: {
      currency: 'USD',
      restocking_fee_pct: 10,
      categories: { candles: { returnable: false } },
      // The shop pays the postage it owes with a prepaid label (the simulated label provider).
      return_postage: 'prepaid_label',
    },
    staff: { email: 'seller.us@demo.sendback.test', name: 'Jordan Reyes', locale: 'en' },
    return_addresses: [
      {
        name: 'Harbor & Pine Returns',
        line1: '410 Commerce Way',
        line2: 'Dock 3',
        city: 'Secaucus',
        region: 'NJ',
        postal_code: '07094',
        country: 'US',
        phone: '+1 201 555 0142',
        instructions: 'Write your return reference on the outside of the box.',
        buyer_countries: ['US'],
      },
    ],
    buyers: [0, 2],
    products: [
      {
        sku: 'KIT-MUG-STN-4',
        title: 'Stoneware mug, set of 4',
        category: 'kitchen',
        unit_price: 3600,
      },
      { sku: 'KIT-KNF-CHF-8', title: "Chef's knife, 8 in", category: 'kitchen', unit_price: 8900 },
      { sku: 'HOM-LMP-BRS', title: 'Brass desk lamp', category: 'lighting', unit_price: 12900 },
      { sku: 'HOM-THR-WOOL', title: 'Wool throw blanket', category: 'textiles', unit_price: 7450 },
      {
        sku: 'APP-TEE-ORG-M',
        title: 'Organic cotton tee (M)',
        category: 'apparel',
        unit_price: 2800,
      },
    ],
  },
  {
    key: 'gb',
    name: 'Fenwick Lane Outfitters',
    time_zone: 'Europe/London',
    region: 'GB',
    currency: 'GBP',
    tax_rate: 0,
    shipping_amount: 395,
    policy: { currency: 'GBP', return_shipping_reimbursement_cap: 800 },
    staff: { email: 'seller.gb@demo.sendback.test', name: 'Amelia Clarke', locale: 'en' },
    return_addresses: [
      {
        name: 'Fenwick Lane Returns',
        line1: 'Unit 7, Riverside Industrial Estate',
        city: 'Leeds',
        region: 'West Yorkshire',
        postal_code: 'LS10 1AB',
        country: 'GB',
        buyer_countries: ['GB', 'IE'],
      },
    ],
    buyers: [1],
    products: [
      {
        sku: 'JKT-WAX-OLV-L',
        title: 'Waxed cotton jacket, olive (L)',
        category: 'outerwear',
        unit_price: 18900,
      },
      {
        sku: 'KNT-MER-NVY-M',
        title: 'Merino crew jumper, navy (M)',
        category: 'knitwear',
        unit_price: 7900,
      },
      {
        sku: 'BOT-CHL-BRN-42',
        title: 'Leather Chelsea boots (EU 42)',
        category: 'footwear',
        unit_price: 14500,
      },
      { sku: 'ACC-SCF-LMB', title: 'Lambswool scarf', category: 'accessories', unit_price: 3500 },
    ],
  },
  {
    key: 'cn',
    name: 'Brightwave Electronics (Shenzhen)',
    time_zone: 'Asia/Shanghai',
    region: 'CN',
    currency: 'USD',
    // US buyers: the marketplace collects their state's sales tax.
    tax_rate: 0.0725,
    shipping_amount: 0,
    policy: {
      currency: 'USD',
      return_shipping_reimbursement_cap: 2000,
      tracking_silence_days: 7,
      deadlines: { seller_receive: { hours: 14 * 24 } },
    },
    staff: { email: 'seller.cn@demo.sendback.test', name: 'Li Wei', locale: 'zh-CN' },
    // A cross-border shop: its US buyers send returns to a US address, never to Shenzhen.
    return_addresses: [
      {
        name: 'Brightwave Electronics 售后退货',
        line1: '南山区科技园南区 8 栋 3 楼',
        city: 'Shenzhen',
        region: 'Guangdong',
        postal_code: '518057',
        country: 'CN',
        phone: '+86 755 8600 1234',
        buyer_countries: ['CN', 'HK'],
      },
      {
        name: 'Brightwave US Returns (c/o Pacific Fulfillment)',
        line1: '1850 E Carson St',
        line2: 'Suite B',
        city: 'Carson',
        region: 'CA',
        postal_code: '90745',
        country: 'US',
        phone: '+1 310 555 0188',
        instructions: 'Returns from the US and Canada only. Include the packing slip.',
        buyer_countries: ['US', 'CA'],
      },
    ],
    buyers: [0, 2],
    products: [
      {
        sku: 'EB-PRO2-BLK',
        title: 'Wireless earbuds Pro 2, black',
        category: 'audio',
        unit_price: 4999,
      },
      {
        sku: 'SW-FIT5-GRY',
        title: 'Fitness smartwatch 5, graphite',
        category: 'wearables',
        unit_price: 8999,
      },
      { sku: 'PB-20K-WHT', title: 'Power bank 20,000 mAh', category: 'power', unit_price: 2999 },
      {
        sku: 'CBL-USBC-2M',
        title: 'Braided USB-C cable, 2 m (2-pack)',
        category: 'cables',
        unit_price: 1299,
      },
    ],
  },
];

/** The demo buyers, with where their orders are delivered (a prepaid label starts there). */
export const BUYERS = [
  {
    email: 'buyer1@demo.sendback.test',
    name: 'Maya Thompson',
    address: {
      name: 'Maya Thompson',
      line1: '88 Atlantic Ave',
      line2: 'Apt 4B',
      city: 'Brooklyn',
      region: 'NY',
      postal_code: '11201',
      country: 'US',
    },
  },
  {
    email: 'buyer2@demo.sendback.test',
    name: 'Oliver Hughes',
    address: {
      name: 'Oliver Hughes',
      line1: '14 Canal Street',
      city: 'Manchester',
      region: null,
      postal_code: 'M1 3HU',
      country: 'GB',
    },
  },
  {
    email: 'buyer3@demo.sendback.test',
    name: 'Daniel Park',
    address: {
      name: 'Daniel Park',
      line1: '1200 Pine St',
      city: 'Seattle',
      region: 'WA',
      postal_code: '98101',
      country: 'US',
    },
  },
] as const;

export const AGENT = { email: 'agent@demo.sendback.test', name: 'Priya Natarajan' } as const;
export const OPERATOR_USER = { email: 'operator@demo.sendback.test', name: 'Sam Okafor' } as const;

/** Order lines for the k-th demo order of a shop: one to three products, some discounted. */
export function orderLines(shop: DemoShop, k: number) {
  const count = 1 + (k % 3);
  return Array.from({ length: count }, (_, i) => {
    const product = shop.products[(k + i) % shop.products.length]!;
    const quantity = i === 0 && k % 4 === 1 ? 2 : 1;
    const gross = product.unit_price * quantity;
    const line_discount_amount = k % 3 === 2 && i === 0 ? Math.round(gross * 0.1) : 0;
    return {
      ...product,
      quantity,
      line_discount_amount,
      tax_amount: Math.round((gross - line_discount_amount) * shop.tax_rate),
    };
  });
}
