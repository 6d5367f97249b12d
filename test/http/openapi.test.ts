import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSchemaSource } from '../../src/client/generate.ts';
import { sendbackClient } from '../../src/client/index.ts';
import { HTTP_COMMANDS } from '../../src/http/case-schemas.ts';
import { openApiDocument } from '../../src/http/openapi-document.ts';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

describe('OpenAPI document', () => {
  it('passes a third-party OpenAPI 3.1 validator', async () => {
    const doc = await openApiDocument();
    const validated = (await SwaggerParser.validate(structuredClone(doc) as never)) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(validated.openapi).toBe('3.1.0');
    for (const command of HTTP_COMMANDS) {
      expect(Object.keys(validated.paths)).toContain(`/v1/returns/{id}/${command}`);
    }
  });

  it('every request body refuses unknown fields: additionalProperties is false at every depth', async () => {
    const doc = (await openApiDocument()) as unknown as OpenApi;
    const open: string[] = [];
    const walk = (schema: Schema | undefined, where: string) => {
      if (!schema) return;
      if (schema.$ref) {
        walk(doc.components?.schemas?.[schema.$ref.split('/').pop()!], where);
        return;
      }
      for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(branch, where);
      if (schema.type === 'object' || schema.properties) {
        // A map (a schema for its values, as for a policy's categories) names no fields to misspell.
        const map = typeof schema.additionalProperties === 'object';
        if (!map && schema.additionalProperties !== false) open.push(where || '(the body)');
        if (map) walk(schema.additionalProperties as Schema, `${where}.*`);
      }
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        walk(sub, where ? `${where}.${key}` : key);
      }
      if (schema.items) walk(schema.items, `${where}[]`);
    };
    let bodies = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [type, content] of Object.entries(op.requestBody?.content ?? {})) {
          bodies++;
          const before = open.length;
          walk(content.schema, '');
          for (let i = before; i < open.length; i++) {
            open[i] = `${method.toUpperCase()} ${path} (${type}): ${open[i]}`;
          }
        }
      }
    }
    expect(open).toEqual([]);
    expect(bodies).toBeGreaterThan(25);
  });

  it('the committed typed client matches the document (run `npm run gen:client`)', async () => {
    const committed = readFileSync(new URL('../../src/client/schema.ts', import.meta.url), 'utf8');
    expect(await clientSchemaSource()).toBe(committed);
  });
});

describe.each(ENGINES)('typed client drives a whole lifecycle [%s]', (engine) => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('operator sets up, buyer requests and ships, seller approves, receives and accepts', async () => {
    const operator = sendbackClient({ baseUrl, apiKey: ADMIN_TOKEN });
    const seller = await operator.POST('/v1/sellers', {
      body: { name: 'Typed Shop', time_zone: 'Europe/London', region: 'GB' },
    });
    const sellerId = seller.data!.id;
    const staffUser = await operator.POST('/v1/users', {
      body: {
        email: 'staff@typed.test',
        name: 'Staff',
        role: 'seller',
        seller_id: sellerId,
        api_key: true,
      },
    });
    const buyerUser = await operator.POST('/v1/users', {
      body: { email: 'buyer@typed.test', name: 'Buyer', role: 'buyer', api_key: true },
    });
    const staff = sendbackClient({ baseUrl, apiKey: staffUser.data!.api_key! });
    const buyer = sendbackClient({ baseUrl, apiKey: buyerUser.data!.api_key! });
    const address = await staff.POST('/v1/sellers/{id}/return_addresses', {
      params: { path: { id: sellerId } },
      body: {
        name: 'Typed Shop Returns',
        line1: '1 Mill Lane',
        city: 'York',
        postal_code: 'YO1 7HH',
        country: 'GB',
        buyer_countries: ['GB'],
      },
    });
    expect(address.response.status).toBe(201);

    const order = await operator.POST('/v1/orders', {
      body: {
        external_id: 'typed-1',
        seller_id: sellerId,
        buyer_id: buyerUser.data!.user.id,
        currency: 'GBP',
        placed_at: '2026-02-20T10:00:00Z',
        delivered_at: '2026-02-24T10:00:00Z',
        shipping_amount: 399,
        payment_reference: 'pay_typed',
        lines: [
          { sku: 'SCARF', title: 'Wool scarf', category: 'apparel', quantity: 1, unit_price: 3500 },
        ],
      },
    });
    expect(order.response.status).toBe(201);
    const lineId = order.data!.lines[0]!.id;

    const created = await buyer.POST('/v1/returns', {
      body: {
        order_id: order.data!.id,
        type: 'return_and_refund',
        reason: 'defective',
        description: 'A seam came apart.',
        lines: [{ order_line_id: lineId, quantity: 1 }],
        refund_destination: 'platform_balance',
      },
    });
    expect(created.data?.status).toBe('requested');
    const id = created.data!.id;
    const path = { params: { path: { id } } };

    const approved = await staff.POST('/v1/returns/{id}/approve', { ...path, body: {} });
    expect(approved.data?.status).toBe('awaiting_shipment');
    expect(approved.data?.return_address?.postal_code).toBe('YO1 7HH');
    const shipped = await buyer.POST('/v1/returns/{id}/ship', {
      ...path,
      body: { carrier: 'Royal Mail', tracking_number: 'RR123456785GB' },
    });
    expect(shipped.error).toBeUndefined();
    expect(shipped.data?.status).toBe('in_transit');
    await staff.POST('/v1/returns/{id}/mark_received', { ...path, body: {} });
    const accepted = await staff.POST('/v1/returns/{id}/accept_package', { ...path, body: {} });
    expect(accepted.data?.status).toBe('refund_pending');
    expect(accepted.data?.refund_amount).toBe(accepted.data?.refund_preview?.total);

    const timeline = await buyer.GET('/v1/returns/{id}/events', path);
    expect(timeline.data?.data.map((e) => e.type)).toContain('return.package_accepted');
    const denied = await buyer.POST('/v1/returns/{id}/approve', { ...path, body: {} });
    expect(denied.response.status).toBe(403);
    expect(denied.error?.code).toBe('actor_not_allowed');
  });
});
