import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRecords } from '../../src/app/verify-records.ts';
import { signPayload } from '../../src/app/webhooks/signature.ts';
import { queryRows } from '../../src/db/database.ts';
import { TRANSITIONS } from '../../src/domain/index.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import {
  as,
  createOrder,
  createShop,
  type Person,
  type Shop,
  uploadEvidence,
} from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

/**
 * Text is decided at the boundary: a lone surrogate or a control character (NUL, ESC, ...) in any
 * string of any request is refused with 422 naming the field, before anything is written or
 * hashed; well-formed text (right-to-left marks, combining characters, emoji) is stored and read
 * back exactly as sent, and every record still verifies.
 */
const BAD: [string, string][] = [
  ['a lone high surrogate', 'hi \ud83d'],
  ['a lone low surrogate', '\ude00 there'],
  ['NUL', 'a\u0000b'],
  ['an escape character', 'red \u001b[31m'],
];
const GOOD: [string, string][] = [
  ['right-to-left marks', 'abc \u202edcba\u202c \u200fשלום\u200f'],
  ['combining characters', 'Cafe\u0301 n\u0303 Z\u0335\u0321a'],
  ['emoji', '👍🏽 👨‍👩‍👧 🇯🇵 🫠'],
];
const HUGE = 'x'.repeat(100_000);
/** Everything well-formed at once, for the round trips. */
const FANCY = 'Cafe\u0301 \u202eevil\u202c \u200fשלום\u200f 👍🏽 👨‍👩‍👧 漢字';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const CARRIER_SECRET = 'hostile-carrier-secret-0123456789';

type Path = (string | number)[];
interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
}
interface Document {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        parameters?: { name: string; in: string; schema: JsonSchema }[];
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Where a request body schema has strings (array items as index 0, every union branch). */
function stringPaths(doc: Document, schema: JsonSchema | undefined, at: Path = []): Path[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return stringPaths(doc, doc.components?.schemas?.[name], at);
  }
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const found = branches.flatMap((b) => stringPaths(doc, b, at));
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('string')) found.push(at);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    found.push(...stringPaths(doc, sub, [...at, key]));
  }
  if (schema.items) found.push(...stringPaths(doc, schema.items, [...at, 0]));
  const seen = new Set<string>();
  return found.filter((p) => !seen.has(p.join('.')) && seen.add(p.join('.')));
}

function valueAt(body: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    body,
  );
}

function withValue(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

describe.each(ENGINES)('hostile text in every request [%s]', (engine) => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let doc: Document;
  let operations: Operation[];
  let shop: Shop;
  let operator: { token: string };
  let base: Record<string, { url: string; who?: { token: string }; body: unknown }>;

  beforeAll(async () => {
    t = await startTestApp(engine, {
      SENDBACK_RATE_LIMIT_WRITES: '1000000',
      SENDBACK_RATE_LIMIT_LOGIN: '100000',
      SENDBACK_CARRIER_SECRET: CARRIER_SECRET,
    });
    api = client(t.app);
    operator = { token: ADMIN_TOKEN };
    shop = await createShop(t.app);
    const order = await createOrder(t.app, shop);
    const photo = await uploadEvidence(t.app, shop.buyer);
    const c = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[1].id, quantity: 1 }],
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const policy = (await api.get(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff)).body
      .policy;
    // Every string a policy can hold: PUT and the what-if take the same document.
    const fullPolicy = {
      ...policy,
      categories: {
        kitchen: { returnable: true, window_days: 30, reasons_allowed: ['damaged'] },
      },
      refund_only_reasons: ['damaged'],
      preparation_checklist: ['Wipe it.'],
      returnless_refunds: [{ reasons: ['damaged'], categories: ['kitchen'], max_amount: 0 }],
      auto_approval: [
        {
          fault: 'buyer',
          reasons: ['changed_mind'],
          case_types: ['refund_only'],
          max_amount: 0,
        },
      ],
    };
    doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: (op.parameters ?? []).filter((p) => p.in === 'query'),
      })),
    );

    const roleOf: Record<string, Person> = {
      buyer: shop.buyer,
      seller: shop.staff,
      agent: shop.agent,
    };
    const note = { note: 'A note.' };
    const commands: Record<string, object> = {
      approve: note,
      reject: { reason: 'insufficient_evidence', note: 'No.', attachment_ids: [photo] },
      offer_partial_refund: { amount: 100, ...note },
      accept_offer: {},
      decline_offer: note,
      resubmit: { description: 'Again.', reason: 'damaged', attachment_ids: [photo] },
      ship: { carrier: 'Other Post', tracking_number: 'ABCD1234', shipping_cost: 500 },
      withdraw: note,
      escalate: { ...note, attachment_ids: [photo] },
      submit_evidence: { ...note, attachment_ids: [photo] },
      extend_receiving: note,
      dispute_receipt: { ...note, attachment_ids: [photo] },
      mark_received: {},
      accept_package: {
        deduction_amount: 0,
        ...note,
        attachment_ids: [photo],
        dispositions: [
          { order_line_id: order.lines[1].id, quantity: 1, disposition: 'resellable' },
        ],
      },
      reject_package: { reason: 'empty_package', ...note, attachment_ids: [photo] },
      request_evidence: { from: 'buyer', ...note },
      rule_for_buyer: { amount: 100, ...note },
      rule_for_seller: note,
      retry_refund: { destination: 'platform_balance', ...note },
      request_label: note,
      appeal: { ...note, attachment_ids: [photo] },
      approve_as_refund: note,
      dispatch_replacement: { carrier: 'Other Post', tracking_number: 'ABCD5678' },
      replacement_unavailable: note,
      confirm_replacement: {},
      uphold_appeal: note,
      overturn_appeal: note,
    };
    const address = {
      name: 'Returns Desk',
      line1: '500 Harbor Blvd',
      line2: 'Dock 2',
      city: 'Carson',
      region: 'CA',
      postal_code: '90745',
      country: 'US',
      phone: '+1 310 555 0100',
    };
    const [firstAddress] = (
      await api.get(`/v1/sellers/${shop.seller.id}/return_addresses`, shop.staff)
    ).body.data;
    base = {
      'POST /v1/users': {
        url: '/v1/users',
        who: operator,
        body: {
          email: 'new.staff@example.test',
          name: 'New Staff',
          role: 'seller',
          seller_id: shop.seller.id,
          password: 'correct horse battery',
          locale: 'en',
          api_key: false,
        },
      },
      'POST /v1/sellers': {
        url: '/v1/sellers',
        who: operator,
        body: { name: 'Other Shop', time_zone: 'Europe/London', region: 'GB' },
      },
      'POST /v1/session': {
        url: '/v1/session',
        body: { email: shop.buyer.email, password: 'correct horse battery' },
      },
      'POST /v1/orders': {
        url: '/v1/orders',
        who: operator,
        body: {
          external_id: 'hostile-1',
          seller_id: shop.seller.id,
          buyer_id: shop.buyer.id,
          currency: 'USD',
          placed_at: '2026-02-20T10:00:00Z',
          delivered_at: '2026-02-25T10:00:00Z',
          shipping_amount: 500,
          order_discount_amount: 0,
          payment_reference: 'pay_hostile',
          ship_to: address,
          lines: [
            {
              sku: 'MUG-01',
              title: 'Mug',
              category: 'kitchen',
              quantity: 1,
              unit_price: 1000,
              line_discount_amount: 0,
              tax_amount: 0,
              in_stock: true,
              variants: [{ sku: 'MUG-02', title: 'Mug, sand', unit_price: 900, in_stock: true }],
            },
          ],
        },
      },
      'PUT /v1/sellers/{id}/return_policy': {
        url: `/v1/sellers/${shop.seller.id}/return_policy`,
        who: shop.staff,
        body: fullPolicy,
      },
      'POST /v1/sellers/{id}/return_policy/simulate': {
        url: `/v1/sellers/${shop.seller.id}/return_policy/simulate`,
        who: shop.staff,
        body: {
          policy: fullPolicy,
          from: '2026-02-01',
          to: '2026-03-01',
        },
      },
      'POST /v1/returns': {
        url: '/v1/returns',
        who: shop.buyer,
        body: {
          order_id: order.id,
          type: 'return_and_refund',
          reason: 'damaged',
          description: 'Cracked.',
          lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
          refund_destination: 'platform_balance',
          attachment_ids: [photo],
          exchange_sku: 'MUG-02',
        },
      },
      'POST /v1/notifications/read': {
        url: '/v1/notifications/read',
        who: shop.buyer,
        body: { ids: ['ntf_01jx3v7k2m9q8r5t6w4y1z0abc'] },
      },
      'POST /v1/carrier_events': {
        url: '/v1/carrier_events',
        body: {
          events: [
            {
              event_id: 'hostile-event-1',
              carrier: 'UPS',
              tracking_number: '1Z999AA10123456784',
              status: 'in_transit',
              occurred_at: '2026-03-02T08:00:00Z',
            },
          ],
        },
      },
      'POST /v1/orders/{id}/messages': {
        url: `/v1/orders/${order.id}/messages`,
        who: shop.buyer,
        body: { body: 'Hello.', attachment_ids: [photo] },
      },
      'POST /v1/orders/{id}/messages/read': {
        url: `/v1/orders/${order.id}/messages/read`,
        who: shop.buyer,
        body: { seq: 0 },
      },
      'POST /v1/orders/{id}/refund_preview': {
        url: `/v1/orders/${order.id}/refund_preview`,
        who: shop.buyer,
        body: {
          type: 'return_and_refund',
          reason: 'damaged',
          lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
        },
      },
      'POST /v1/webhook_endpoints': {
        url: '/v1/webhook_endpoints',
        who: operator,
        body: {
          url: 'https://hooks.example.test/sendback',
          events: ['return.*'],
          seller_id: shop.seller.id,
        },
      },
      'POST /v1/sellers/{id}/return_addresses': {
        url: `/v1/sellers/${shop.seller.id}/return_addresses`,
        who: shop.staff,
        body: { ...address, instructions: 'Mark the box.', buyer_countries: ['US'] },
      },
      'PUT /v1/sellers/{id}/return_addresses/{address_id}': {
        url: `/v1/sellers/${shop.seller.id}/return_addresses/${firstAddress.id}`,
        who: shop.staff,
        body: { ...address, instructions: 'Mark the box.', buyer_countries: ['US'] },
      },
      // Providers' webhooks are verified on their bytes before anything is read: no strings.
      'POST /v1/provider_events/{provider}': { url: '/v1/provider_events/easypost', body: {} },
      'POST /v1/provider_events/stripe/refunds': {
        url: '/v1/provider_events/stripe/refunds',
        body: {},
      },
      'PUT /v1/platform/rules': {
        url: '/v1/platform/rules',
        who: operator,
        body: { max_cases_90_days: null, max_return_rate: null, min_orders: 5 },
      },
      'POST /v1/test_clock': {
        url: '/v1/test_clock',
        who: operator,
        body: { frozen: true, now: '2026-03-02T09:00:00Z' },
      },
      'POST /v1/test_clock/advance': {
        url: '/v1/test_clock/advance',
        who: operator,
        body: { seconds: 1 },
      },
    };
    for (const [command, body] of Object.entries(commands)) {
      const role = TRANSITIONS.find((r) => r.command === command)?.actors[0] ?? 'agent';
      base[`POST /v1/returns/{id}/${command}`] = {
        url: `/v1/returns/${c.body.id}/${command}`,
        who: roleOf[role],
        body,
      };
    }
  }, 120_000);
  afterAll(() => t?.close());

  /** Counts and versions of everything a request could write: equal means nothing was. */
  async function fingerprint(): Promise<string> {
    const [row] = await queryRows<Record<string, number | string>>(
      t.database.db,
      sql`select
        (select count(*) from users) as users, (select count(*) from api_keys) as keys,
        (select count(*) from sessions) as sessions,
        (select count(*) from sellers) as sellers, (select max(updated_at)::text from sellers) as policies,
        (select count(*) from orders) as orders, (select count(*) from order_lines) as lines,
        (select count(*) from return_cases) as cases, (select coalesce(sum(version), 0) from return_cases) as versions,
        (select count(*) from case_events) as events, (select count(*) from messages) as messages,
        (select coalesce(sum(last_read_seq), 0) from thread_reads) as read_seqs,
        (select count(*) from attachment_refs) as refs, (select count(*) from refunds) as refunds,
        (select count(*) from webhook_endpoints) as hooks, (select count(*) from carrier_events) as carrier,
        (select count(*) from notifications where read_at is null) as unread,
        (select count(*) from idempotency_keys) as idem,
        (select count(*) from return_addresses) as addresses,
        (select max(updated_at)::text from return_addresses) as address_edits`,
    );
    return JSON.stringify(row);
  }

  async function send(operation: string, body: unknown) {
    const { url, who } = base[operation]!;
    const payload = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers['authorization'] = `Bearer ${who.token}`;
    if (url === '/v1/carrier_events') {
      // Carriers sign with their own (real) clock.
      headers['sendback-signature'] = signPayload(
        CARRIER_SECRET,
        payload,
        Math.floor(Date.now() / 1000),
      );
    }
    const res = await t.app.inject({
      method: operation.split(' ')[0] as 'POST' | 'PUT',
      url,
      headers,
      payload,
    });
    return { status: res.statusCode, body: res.json() as Json };
  }

  const bodyOperations = () =>
    operations.filter((o) => o.body).map((o) => ({ ...o, key: `${o.method} ${o.path}` }));

  it('has a valid base body for every JSON body of the OpenAPI document, with every string in it', async () => {
    const missing: string[] = [];
    for (const o of bodyOperations()) {
      const known = base[o.key];
      if (!known) {
        missing.push(`${o.key}: no base body in this test`);
        continue;
      }
      for (const path of stringPaths(doc, o.body)) {
        if (typeof valueAt(known.body, path) !== 'string') {
          missing.push(`${o.key}: the base body has no string at ${path.join('.')}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(bodyOperations().length).toBeGreaterThan(25);
  });

  it('refuses a lone surrogate or a control character in any string of any body: 422 naming it, nothing written', async () => {
    const wrong: string[] = [];
    for (const o of bodyOperations()) {
      if (!base[o.key]) continue;
      for (const path of stringPaths(doc, o.body)) {
        const field = ['body', ...path].join('.');
        for (const [label, value] of BAD) {
          const before = await fingerprint();
          const res = await send(o.key, withValue(base[o.key]!.body, path, value));
          const named: string[] = (res.body?.errors ?? []).map((e: Json) => e.path);
          if (res.status !== 422 || !named.includes(field)) {
            wrong.push(
              `${o.key} ${field} with ${label}: ${res.status} ${JSON.stringify(res.body)}`,
            );
          } else if (named.some((p) => p !== field)) {
            wrong.push(`${o.key} ${field} with ${label}: also names ${named.join(', ')}`);
          }
          if ((await fingerprint()) !== before) {
            wrong.push(`${o.key} ${field} with ${label}: wrote something`);
          }
        }
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 300_000);

  it('a 100,000-character string in any field is refused with 422 naming it, nothing written', async () => {
    const wrong: string[] = [];
    for (const o of bodyOperations()) {
      if (!base[o.key]) continue;
      for (const path of stringPaths(doc, o.body)) {
        const field = ['body', ...path].join('.');
        const before = await fingerprint();
        const res = await send(o.key, withValue(base[o.key]!.body, path, HUGE));
        const named: string[] = (res.body?.errors ?? []).map((e: Json) => e.path);
        // A list of codes (reasons, destinations) may be named as a whole.
        if (res.status !== 422 || !named.some((p) => p === field || field.startsWith(`${p}.`))) {
          wrong.push(`${o.key} ${field}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }
        if ((await fingerprint()) !== before) wrong.push(`${o.key} ${field}: wrote something`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 300_000);

  it('accepts or refuses well-formed unusual text in any field, never with a 5xx', async () => {
    const wrong: string[] = [];
    for (const o of bodyOperations()) {
      if (!base[o.key]) continue;
      for (const path of stringPaths(doc, o.body)) {
        for (const [label, value] of GOOD) {
          const res = await send(o.key, withValue(base[o.key]!.body, path, value));
          if (res.status >= 500) {
            wrong.push(`${o.key} ${path.join('.')} with ${label}: ${res.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('refuses bad text in query strings with 422 naming the parameter', async () => {
    // Ids of the right shape are enough: the query string is checked before anything is looked up.
    const prefixes: Record<string, string> = {
      sellers: 'sel',
      orders: 'ord',
      returns: 'ret',
      webhook_endpoints: 'whe',
      attachments: 'att',
      users: 'usr',
      delivery_id: 'whd',
    };
    const fakeId = (prefix: string) => `${prefix}_01jx3v7k2m9q8r5t6w4y1z0abc`;
    const wrong: string[] = [];
    for (const o of operations.filter((o) => o.method === 'GET' && o.query.length)) {
      const url = o.path
        .replace('{id}', fakeId(prefixes[o.path.split('/')[2]!] ?? 'ret'))
        .replace('{delivery_id}', fakeId('whd'));
      for (const param of o.query) {
        // A query string is UTF-8 on the wire: a lone surrogate arrives as U+FFFD at worst.
        for (const [label, value] of BAD.filter(([, v]) => !LONE_SURROGATE.test(v))) {
          // A caller the route is for: others get 403 before the query string is read.
          const res = await api.get(
            `${url}?${new URLSearchParams({ [param.name]: value })}`,
            o.path === '/v1/wallet' ? shop.buyer : operator,
          );
          const named = (res.body?.errors ?? []).map((e: Json) => e.path);
          if (res.status !== 422 || !named.includes(`querystring.${param.name}`)) {
            wrong.push(`${o.path}?${param.name} with ${label}: ${res.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    for (const raw of ['%ED%A0%BD', '%00', '%FF%FE', '%C0%80']) {
      const res = await api.get(`/v1/returns?reason=${raw}`, shop.staff);
      expect(res.status, raw).toBeLessThan(500);
    }
  });

  it('refuses bad text in a map key (a policy category) and in an unknown field name', async () => {
    for (const [label, value] of BAD) {
      const res = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, {
        categories: { [value]: { returnable: false } },
      });
      expect(res.status, label).toBe(422);
      expect(res.body.errors.map((e: Json) => e.path)).toContain(`body.categories.${value}`);
    }
    const res = await send('POST /v1/orders/{id}/messages', { body: 'Hi.', 'b\u0000dy': 'x' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: Json) => e.path)).toContain('body.b\u0000dy');
  });

  it('stores well-formed text exactly as sent and reads it back the same, records verifying', async () => {
    const other = await createShop(t.app);
    const order = await api.post('/v1/orders', operator, {
      external_id: FANCY,
      seller_id: other.seller.id,
      buyer_id: other.buyer.id,
      currency: 'USD',
      placed_at: '2026-02-20T10:00:00Z',
      delivered_at: '2026-02-25T10:00:00Z',
      shipping_amount: 500,
      payment_reference: FANCY,
      lines: [
        { sku: FANCY, title: FANCY, category: FANCY, quantity: 2, unit_price: 1000 },
        { sku: 'B', title: 'B', category: 'kitchen', quantity: 1, unit_price: 1000 },
      ],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const read = await api.get(`/v1/orders/${order.body.id}`, other.buyer);
    expect(read.body).toMatchObject({
      external_id: FANCY,
      payment_reference: FANCY,
      lines: [{ sku: FANCY, title: FANCY, category: FANCY }, { sku: 'B' }],
    });

    const user = await api.post('/v1/users', operator, {
      email: 'fancy@example.test',
      name: FANCY,
      role: 'buyer',
    });
    expect(user.body.user.name).toBe(FANCY);
    const seller = await api.post('/v1/sellers', operator, {
      name: FANCY,
      time_zone: 'Asia/Tokyo',
      region: 'JP',
    });
    expect(seller.body.name).toBe(FANCY);

    const policy = await api.put(`/v1/sellers/${other.seller.id}/return_policy`, other.staff, {
      condition_text: FANCY,
      preparation_checklist: [FANCY],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    const policyRead = await api.get(`/v1/sellers/${other.seller.id}/return_policy`, other.buyer);
    expect(policyRead.body.policy).toMatchObject({
      condition_text: FANCY,
      preparation_checklist: [FANCY],
    });

    // A dispute: every note of it is FANCY.
    const run = async (id: string, command: string, who: Person, body: object) => {
      const res = await api.post(`/v1/returns/${id}/${command}`, who, body);
      expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    };
    const created = await api.post('/v1/returns', other.buyer, {
      order_id: order.body.id,
      reason: 'defective',
      description: FANCY,
      lines: [{ order_line_id: order.body.lines[0].id, quantity: 1 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    await run(id, 'reject', other.staff, { reason: 'no_defect_found', note: FANCY });
    await run(id, 'escalate', other.buyer, { note: FANCY });
    await run(id, 'request_evidence', other.agent, { from: 'buyer', note: FANCY });
    await run(id, 'submit_evidence', other.buyer, { note: FANCY });
    const ruled = await run(id, 'rule_for_buyer', other.agent, { note: FANCY });
    expect(ruled).toMatchObject({
      description: FANCY,
      rejection: { note: FANCY },
      dispute: { note: FANCY },
      ruling: { note: FANCY },
    });

    // The other line: approved and shipped with a carrier named in FANCY text.
    const second = await api.post('/v1/returns', other.buyer, {
      order_id: order.body.id,
      reason: 'damaged',
      description: FANCY,
      lines: [{ order_line_id: order.body.lines[1].id, quantity: 1 }],
    });
    await run(second.body.id, 'approve', other.staff, { note: FANCY });
    const shipped = await run(second.body.id, 'ship', other.buyer, {
      carrier: FANCY,
      tracking_number: 'ABCD12345',
    });
    expect(shipped.shipment.carrier).toBe(FANCY);

    const message = await api.post(`/v1/orders/${order.body.id}/messages`, other.buyer, {
      body: FANCY,
    });
    expect(message.status, JSON.stringify(message.body)).toBe(201);
    const thread = await api.get(`/v1/orders/${order.body.id}/messages`, other.staff);
    expect(
      thread.body.data.filter((m: Json) => m.kind === 'message').map((m: Json) => m.body),
    ).toEqual([FANCY]);

    const events = await api.get(`/v1/returns/${id}/events`, other.buyer);
    const notes = events.body.data.map((e: Json) => e.payload.note ?? e.payload.description);
    expect(notes.filter((n: unknown) => n === FANCY).length).toBeGreaterThanOrEqual(5);

    for (const caseId of [id, second.body.id]) {
      const record = await api.get(`/v1/returns/${caseId}/record`, other.agent);
      expect(record.body.verification.events.ok, JSON.stringify(record.body.verification)).toBe(
        true,
      );
      expect(record.body.verification.messages.ok).toBe(true);
      const html = await t.app.inject({
        method: 'GET',
        url: `/v1/returns/${caseId}/record.html`,
        headers: as(other.agent),
      });
      expect(html.statusCode).toBe(200);
      expect(html.body).not.toContain('BROKEN');
    }
  });

  it('multipart file names with hostile text are cleaned, never a 5xx', async () => {
    const { default: sharp } = await import('sharp');
    const png = await sharp({
      create: { width: 4, height: 4, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    const dispositions = [
      'filename="a\u0000b.png"',
      "filename*=UTF-8''%ED%A0%BD%00x.png",
      `filename="${FANCY}.png"`,
      `filename="${'n'.repeat(100_000)}.png"`,
    ];
    for (const disposition of dispositions) {
      const boundary = '----sendbackhostile';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/attachments',
        headers: {
          ...as(shop.buyer),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode === 201) {
        const name: string = res.json().file_name;
        expect(name).not.toMatch(LONE_SURROGATE);
        expect(name).not.toMatch(/\p{Cc}/u);
        expect(name.length).toBeLessThanOrEqual(255);
      }
    }
  });

  it('sendback verify finds every record intact afterwards', async () => {
    const report = await verifyRecords(t.database.db);
    expect(report.problems).toEqual([]);
    expect(report.cases).toBeGreaterThan(1);
  });
});
