import { sha256 } from '../../src/app/secrets.ts';
import { type Client, expectStatus } from './http.ts';
import { ADMIN_TOKEN } from './server.ts';

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface Person {
  id: string;
  token: string;
  /** sha256 of the token: what the app looks the key up by. */
  keyHash: string;
  /** The key's id: what a write checks is still live (sendback_require_live_credential). */
  keyId: string;
}

export interface BenchOrder {
  id: string;
  lineIds: string[];
  sellerId: string;
  buyer: Person;
  staff: Person;
}

/** Runs `work` for 0..n-1 with at most `concurrency` at once. */
export async function inParallel<T>(
  n: number,
  concurrency: number,
  work: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

export async function createSeller(http: Client, name: string): Promise<string> {
  const res = await http.request('POST', '/v1/sellers', {
    headers: admin,
    body: { name, time_zone: 'America/New_York', region: 'US' },
  });
  return expectStatus(res, 201, 'create seller').body.id;
}

export async function createPerson(
  http: Client,
  role: 'buyer' | 'seller',
  label: string,
  sellerId?: string,
): Promise<Person> {
  const res = await http.request('POST', '/v1/users', {
    headers: admin,
    body: {
      email: `${label}@bench.sendback.test`,
      name: label,
      role,
      ...(sellerId ? { seller_id: sellerId } : {}),
      api_key: true,
    },
  });
  const body = expectStatus(res, 201, `create ${role}`).body;
  const keys = await http.request('GET', '/v1/me/api_keys', { headers: bearer(body.api_key) });
  const keyId = expectStatus(keys, 200, 'list the new key').body.data[0].id as string;
  return { id: body.user.id, token: body.api_key, keyHash: sha256(body.api_key), keyId };
}

/** The shops' default return address: a shop approves returns only once it says where parcels go. */
export const RETURN_ADDRESS = {
  name: 'Returns Desk',
  line1: '500 Harbor Blvd',
  city: 'Carson',
  region: 'CA',
  postal_code: '90745',
  country: 'US',
  is_default: true,
};

/**
 * Shops with one staff member and a default return address each, buyers, and `orders` delivered orders (two lines each) spread
 * over them, all through the API as the operator.
 */
export async function createWorld(
  http: Client,
  counts: { sellers: number; buyers: number; orders: number },
  tag: string,
  concurrency = 4,
): Promise<BenchOrder[]> {
  const shops = await inParallel(counts.sellers, concurrency, async (i) => {
    const sellerId = await createSeller(http, `Bench Shop ${i + 1}`);
    const staff = await createPerson(http, 'seller', `staff${i + 1}.${tag}`, sellerId);
    const address = await http.request('POST', `/v1/sellers/${sellerId}/return_addresses`, {
      headers: bearer(staff.token),
      body: RETURN_ADDRESS,
    });
    expectStatus(address, 201, 'return address');
    return { sellerId, staff };
  });
  const buyers = await inParallel(counts.buyers, concurrency, (i) =>
    createPerson(http, 'buyer', `buyer${i + 1}.${tag}`),
  );
  const now = Date.now();
  return inParallel(counts.orders, concurrency, async (i) => {
    const shop = shops[i % shops.length]!;
    const buyer = buyers[i % buyers.length]!;
    const res = await http.request('POST', '/v1/orders', {
      headers: admin,
      body: {
        external_id: `bench-${tag}-${i}`,
        seller_id: shop.sellerId,
        buyer_id: buyer.id,
        currency: 'USD',
        placed_at: new Date(now - 7 * 86_400_000).toISOString(),
        delivered_at: new Date(now - 3 * 86_400_000).toISOString(),
        shipping_amount: 599,
        order_discount_amount: 0,
        payment_reference: `pay_bench_${i}`,
        lines: [
          {
            sku: 'MUG-01',
            title: 'Stoneware mug',
            category: 'kitchen',
            quantity: 2,
            unit_price: 1800,
            tax_amount: 288,
          },
          {
            sku: 'TEE-M',
            title: 'Cotton tee (M)',
            category: 'apparel',
            quantity: 1,
            unit_price: 2500,
            tax_amount: 200,
          },
        ],
      },
    });
    const order = expectStatus(res, 201, 'ingest order').body;
    return {
      id: order.id,
      lineIds: (order.lines as { id: string }[]).map((l) => l.id),
      sellerId: shop.sellerId,
      buyer,
      staff: shop.staff,
    };
  });
}

/** A valid UPS tracking number (1Z, shipper, service, package, check digit), unique per `n`. */
export function upsTrackingNumber(n: number): string {
  const body = `BENCH1` + `01` + String(n % 10_000_000).padStart(7, '0');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    const digit = ch >= 48 && ch <= 57 ? ch - 48 : (ch - 63) % 10;
    sum += i % 2 === 0 ? digit : 2 * digit;
  }
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}
