import type { App } from '../../src/http/app.ts';
import { ADMIN_TOKEN } from './app.ts';

/** Small builders that set up people, shops and orders through the public API. */

export interface Caller {
  id: string;
  token: string;
}

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const as = (caller: Caller) => ({ authorization: `Bearer ${caller.token}` });

let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}`;

async function post(app: App, url: string, headers: Record<string, string>, payload: unknown) {
  const res = await app.inject({ method: 'POST', url, headers, payload: payload as object });
  if (res.statusCode >= 300) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

export async function createSeller(
  app: App,
  over: Partial<{ name: string; time_zone: string; region: string }> = {},
): Promise<{ id: string }> {
  return post(app, '/v1/sellers', admin, {
    name: 'Harbor Goods',
    time_zone: 'America/New_York',
    region: 'US',
    ...over,
  });
}

export async function createUser(
  app: App,
  role: 'buyer' | 'seller' | 'agent' | 'operator',
  sellerId?: string,
): Promise<Caller & { email: string }> {
  const email = `${unique(role)}@example.test`;
  const body = await post(app, '/v1/users', admin, {
    email,
    name: `Test ${role}`,
    role,
    ...(sellerId ? { seller_id: sellerId } : {}),
    password: 'correct horse battery',
    api_key: true,
  });
  return { id: body.user.id, token: body.api_key, email };
}

export type Person = Caller & { email: string };

export interface Shop {
  seller: { id: string };
  staff: Person;
  buyer: Person;
  agent: Person;
}

/** A US return address; the shop's default unless it has one. */
export const US_RETURN_ADDRESS = {
  name: 'Harbor Goods Returns',
  line1: '500 Harbor Blvd',
  city: 'Carson',
  region: 'CA',
  postal_code: '90745',
  country: 'US',
  buyer_countries: ['US'],
};

/** Where the fixtures' orders were delivered. */
export const BUYER_ADDRESS = {
  name: 'Test Buyer',
  line1: '12 Elm Street',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};

/** A shop with staff, a buyer, an agent, and a return address (approval needs one). */
export async function createShop(
  app: App,
  options: { returnAddress?: boolean } = {},
): Promise<Shop> {
  const seller = await createSeller(app);
  const shop = {
    seller,
    staff: await createUser(app, 'seller', seller.id),
    buyer: await createUser(app, 'buyer'),
    agent: await createUser(app, 'agent'),
  };
  if (options.returnAddress !== false) {
    await post(app, `/v1/sellers/${seller.id}/return_addresses`, as(shop.staff), US_RETURN_ADDRESS);
  }
  return shop;
}

export interface OrderLineInput {
  sku: string;
  title: string;
  category: string;
  quantity: number;
  unit_price: number;
  line_discount_amount?: number;
  tax_amount?: number;
}

/** What POST /v1/orders takes: a delivered order of two lines, with `over` in place of any field. */
export function orderBody<O extends Record<string, unknown>>(
  shop: Pick<Shop, 'seller' | 'buyer'>,
  over: O = {} as O,
) {
  return {
    external_id: unique('mkt'),
    seller_id: shop.seller.id,
    buyer_id: shop.buyer.id,
    currency: 'USD',
    placed_at: '2026-02-20T10:00:00Z',
    delivered_at: '2026-02-25T15:00:00Z' as string | undefined,
    shipping_amount: 599,
    order_discount_amount: 0,
    payment_reference: 'pay_sim_123',
    ship_to: BUYER_ADDRESS,
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
    ] as OrderLineInput[],
    ...over,
  };
}

export async function createOrder(
  app: App,
  shop: Pick<Shop, 'seller' | 'buyer'>,
  over: Record<string, unknown> = {},
) {
  return post(app, '/v1/orders', admin, orderBody(shop, over));
}

/** Uploads a small real PNG as `who` and answers its attachment id. */
export async function uploadEvidence(app: App, who: Caller): Promise<string> {
  const { default: sharp } = await import('sharp');
  const png = await sharp({
    create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .png()
    .toBuffer();
  const boundary = `----sendbackfixture${++counter}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/attachments',
    headers: { ...as(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload answered ${res.statusCode}: ${res.body}`);
  return res.json().id;
}
