import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/database.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { createOrder, createShop, type Shop, uploadEvidence } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 10_000);

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: JsonSchema;
  query?: JsonSchema[];
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  name?: string;
  in?: string;
  schema?: JsonSchema;
}

/** Everything the state of the database is made of; equal fingerprints mean nothing was written. */
async function fingerprint(t: TestApp): Promise<string> {
  const [row] = await queryRows<Record<string, number | string>>(
    t.database.db,
    sql`select
      (select count(*) from users) as users, (select count(*) from api_keys) as keys,
      (select count(*) from sellers) as sellers, (select max(updated_at)::text from sellers) as policies,
      (select count(*) from orders) as orders, (select count(*) from order_lines) as lines,
      (select count(*) from return_cases) as cases, (select coalesce(sum(version), 0) from return_cases) as versions,
      (select count(*) from case_events) as events, (select count(*) from messages) as messages,
      (select count(*) from thread_reads) as reads, (select coalesce(sum(last_read_seq), 0) from thread_reads) as read_seqs,
      (select count(*) from attachments) as files, (select count(*) from attachment_refs) as refs,
      (select count(*) from refunds) as refunds, (select count(*) from webhook_endpoints) as hooks,
      (select count(*) from webhook_deliveries where status = 'pending') as pending,
      (select count(*) from notifications where read_at is null) as unread,
      (select count(*) from idempotency_keys) as idem, (select count(*) from carrier_events) as carrier`,
  );
  return JSON.stringify(row);
}

/**
 * Requests generated from the OpenAPI document: every operation, every role, with malformed and
 * boundary input (wrong types, too long, too big, negative, missing and unknown fields, foreign
 * and made-up ids). The promise: no 5xx, and a 4xx writes nothing.
 */
describe('fuzzing every endpoint from the OpenAPI schemas [embedded]', () => {
  let t: TestApp;
  let operations: Operation[];
  let ids: Record<string, string[]>;
  let tokens: (string | undefined)[];
  beforeAll(async () => {
    t = await startTestApp('embedded', {
      SENDBACK_RATE_LIMIT_WRITES: '1000000',
      SENDBACK_RATE_LIMIT_LOGIN: '100000',
      SENDBACK_CARRIER_SECRET: 'fuzz-carrier-secret-0123456789',
      // Its webhook endpoint is on 127.0.0.1.
      SENDBACK_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on',
    });
    const api = client(t.app);
    const a: Shop = await createShop(t.app);
    const b: Shop = await createShop(t.app);
    const order = await createOrder(t.app, a);
    const c = await api.post('/v1/returns', a.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'x',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    const photo = await uploadEvidence(t.app, a.buyer);
    const hook = await api.post('/v1/webhook_endpoints', a.staff, { url: 'http://127.0.0.1:9/x' });
    ids = {
      ret: [c.body.id],
      ord: [order.id],
      lin: order.lines.map((l: Json) => l.id),
      sel: [a.seller.id, b.seller.id],
      usr: [a.buyer.id, b.buyer.id],
      att: [photo],
      whe: [hook.body.id],
    };
    tokens = [
      undefined,
      a.buyer.token,
      b.buyer.token,
      a.staff.token,
      b.staff.token,
      a.agent.token,
      ADMIN_TOKEN,
    ];
    const doc = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: Record<string, { schema: JsonSchema }> };
            parameters?: JsonSchema[];
          }
        >
      >;
    };
    // The live-update stream never ends by design; it is exercised by the browser tests.
    operations = Object.entries(doc.paths)
      .filter(([path]) => path !== '/v1/stream')
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method.toUpperCase() as Operation['method'],
          path,
          body: op.requestBody?.content?.['application/json']?.schema,
          query: (op.parameters ?? []).filter((p) => p.in === 'query'),
        })),
      );
  }, 120_000);
  afterAll(() => t?.close());

  const junk = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'x'.repeat(5001),
      '\u0000',
      '<script>alert(1)</script>',
      '💥'.repeat(300),
      '../../etc/passwd',
      'null',
      '-1',
      '1e400',
    ),
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(-1, 0, 2 ** 53 + 2, 1.5, -0, 1e308),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
  );

  /** A plausible value for a schema, often pushed past one of its bounds. */
  function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema || depth > 3) return junk;
    const options = schema.anyOf ?? schema.oneOf;
    if (options?.length) return fc.oneof(...options.map((s) => valueFor(s, depth + 1)));
    if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), junk);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string': {
        const prefix = schema.pattern && /\^(\w+)_/.exec(schema.pattern)?.[1];
        const known = prefix ? (ids[prefix] ?? []) : [];
        const edges: unknown[] = [
          'x',
          'x'.repeat((schema.maxLength ?? 300) + 1),
          ''.padEnd(Math.max(0, (schema.minLength ?? 1) - 1), 'y'),
          schema.format === 'date-time' ? '2026-13-45T99:00:00Z' : 'not-a-date',
          `${prefix ?? 'ret'}_01jx3v7k2m9q8r5t6w4y1z0abc`,
        ];
        if (schema.format === 'date-time') edges.push(t.clock.now().toISOString());
        if (schema.format === 'email') edges.push('a@b.test', 'not-an-email');
        return fc.oneof(fc.constantFrom(...known, ...edges), junk);
      }
      case 'integer':
      case 'number':
        return fc.oneof(
          fc.constantFrom(
            0,
            1,
            50,
            schema.maximum ?? 1e9,
            (schema.maximum ?? 1e9) + 1,
            (schema.minimum ?? 0) - 1,
            0.5,
          ),
          junk,
        );
      case 'boolean':
        return fc.oneof(fc.boolean(), junk);
      case 'array':
        return fc.oneof(
          fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }),
          fc.constant([]),
          junk,
        );
      case 'object': {
        const props = Object.entries(schema.properties ?? {});
        if (!props.length) return fc.oneof(fc.constant({}), junk);
        return fc.oneof(
          fc.record(Object.fromEntries(props.map(([k, s]) => [k, valueFor(s, depth + 1)])), {
            requiredKeys: [],
          }),
          junk,
        );
      }
      default:
        return junk;
    }
  }

  it(`${REQUESTS} generated requests: no 5xx, and no write on any 4xx`, async () => {
    const request = fc.record({
      op: fc.integer({ min: 0, max: operations.length - 1 }),
      who: fc.integer({ min: 0, max: tokens.length - 1 }),
      seed: fc.integer(),
    });
    const samples = fc.sample(request, { numRuns: REQUESTS, seed: 20261126 });
    const byStatus = new Map<number, number>();
    const problems: string[] = [];
    let before = await fingerprint(t);
    for (const { op, who, seed } of samples) {
      const operation = operations[op]!;
      const rng = { seed, numRuns: 1 };
      const url = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const prefix =
          { id: operation.path.split('/')[2]?.slice(0, 3) ?? 'ret', delivery_id: 'whd' }[name] ??
          'ret';
        const known =
          (
            { ret: ids.ret, ord: ids.ord, sel: ids.sel, att: ids.att, web: ids.whe } as Record<
              string,
              string[] | undefined
            >
          )[prefix] ?? [];
        return encodeURIComponent(
          String(fc.sample(fc.oneof(fc.constantFrom(...known, 'nope'), fc.string()), rng)[0]),
        );
      });
      const query = new URLSearchParams();
      for (const param of operation.query ?? []) {
        const value = fc.sample(fc.option(valueFor(param.schema), { nil: undefined }), rng)[0];
        if (value !== undefined)
          query.set(param.name ?? 'x', typeof value === 'string' ? value : JSON.stringify(value));
      }
      const body = operation.body ? fc.sample(valueFor(operation.body), rng)[0] : undefined;
      const token = tokens[who];
      const res = await t.app.inject({
        method: operation.method,
        url: query.size ? `${url}?${query}` : url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(operation.method === 'POST' && seed % 3 === 0
            ? { 'idempotency-key': `fuzz-${seed}` }
            : {}),
        },
        ...(body !== undefined && operation.method !== 'GET'
          ? {
              payload: JSON.stringify(body),
              headers: {
                'content-type': 'application/json',
                ...(token ? { authorization: `Bearer ${token}` } : {}),
              },
            }
          : {}),
      });
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      const after = await fingerprint(t);
      if (res.statusCode >= 500)
        problems.push(`${operation.method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400 && res.statusCode < 500) {
        if (after !== before)
          problems.push(
            `${operation.method} ${url} → ${res.statusCode} but wrote: ${before} → ${after}`,
          );
        if (
          !String(res.headers['content-type']).includes('application/problem+json') &&
          res.statusCode !== 404
        ) {
          problems.push(`${operation.method} ${url} → ${res.statusCode} without problem+json`);
        }
      }
      before = after;
    }
    console.log(
      `fuzz: ${REQUESTS} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries(byStatus))}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect([...byStatus.keys()].every((s) => s < 500)).toBe(true);
    // The generator reaches both sides: some requests succeed, most are refused.
    expect(
      [...byStatus.entries()].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0),
    ).toBeGreaterThan(50);
  }, 900_000);
});
