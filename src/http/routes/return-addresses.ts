import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createReturnAddress,
  listReturnAddresses,
  type ReturnAddressView,
  removeReturnAddress,
  replaceReturnAddress,
} from '../../app/return-addresses.ts';
import { answerWrite } from '../answer.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, IdempotencyHeaders, Instant, problems, ShortText } from '../schemas.ts';

const Country = z
  .string()
  .trim()
  .length(2)
  .meta({ description: 'ISO 3166-1 alpha-2, in capitals', example: 'US' });
const Optional = (max: number) => z.string().trim().max(max).nullable().optional();

/** An address on input; the use case checks the country code and the postal code by country. */
const AddressFields = {
  name: ShortText(100),
  line1: ShortText(200),
  line2: Optional(200),
  city: ShortText(100),
  region: Optional(100),
  postal_code: ShortText(20),
  country: Country,
  phone: Optional(40),
};

export const DeliveryAddressIn = z.strictObject(AddressFields);

export const DeliveryAddressSchema = z
  .object({
    name: z.string(),
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postal_code: z.string(),
    country: z.string(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'DeliveryAddress' });

const ReturnAddressIn = z.strictObject({
  ...AddressFields,
  instructions: Optional(500).meta({
    description: 'Shown to the buyer with the address ("Write the case reference on the box")',
  }),
  buyer_countries: z.array(Country).max(250).default([]).meta({
    description:
      'Buyer countries (ISO 3166-1 alpha-2) this address serves; buyers elsewhere get the default',
  }),
  is_default: z.boolean().optional(),
});

const ReturnAddressSchema = z
  .object({
    id: z.string(),
    seller_id: z.string(),
    name: z.string(),
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postal_code: z.string(),
    country: z.string(),
    phone: z.string().nullable(),
    instructions: z.string().nullable(),
    buyer_countries: z.array(z.string()),
    is_default: z.boolean(),
    created_at: Instant,
    updated_at: Instant,
  })
  .meta({ id: 'ReturnAddress' });

const present = (a: ReturnAddressView) => ({
  ...a,
  created_at: a.created_at.toISOString(),
  updated_at: a.updated_at.toISOString(),
});

const SellerParams = z.object({ id: Id('sel') });
const AddressParams = z.object({ id: Id('sel'), address_id: Id('radr') });

export const returnAddressRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/v1/sellers/:id/return_addresses',
    {
      schema: {
        tags: ['sellers'],
        summary: "A shop's return addresses, the default first (its staff, agents, operators)",
        params: SellerParams,
        response: {
          200: z.object({ data: z.array(ReturnAddressSchema) }),
          ...problems(401, 404, 422),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const list = await listReturnAddresses(deps.database.db, principal, request.params.id);
      return { data: list.map(present) };
    },
  );

  app.post(
    '/v1/sellers/:id/return_addresses',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['sellers'],
        summary:
          'Add a return address serving some buyer countries; the first one (or is_default) is the default',
        params: SellerParams,
        headers: IdempotencyHeaders,
        body: ReturnAddressIn,
        response: { 201: ReturnAddressSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => ({
        status: 201,
        body: present(
          await createReturnAddress(tx, principal, request.params.id, request.body, now),
        ),
      }));
    },
  );

  app.put(
    '/v1/sellers/:id/return_addresses/:address_id',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['sellers'],
        summary:
          'Replace a return address (cases already approved keep the address they were given)',
        params: AddressParams,
        headers: IdempotencyHeaders,
        body: ReturnAddressIn,
        response: { 200: ReturnAddressSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx, now) => ({
        status: 200,
        body: present(
          await replaceReturnAddress(
            tx,
            principal,
            request.params.id,
            request.params.address_id,
            request.body,
            now,
          ),
        ),
      }));
    },
  );

  app.delete(
    '/v1/sellers/:id/return_addresses/:address_id',
    {
      config: { roles: ['seller', 'operator'] },
      schema: {
        tags: ['sellers'],
        summary: 'Remove a return address (not the default while others remain)',
        params: AddressParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      return answerWrite(deps, request, reply, async (tx) => {
        await removeReturnAddress(tx, principal, request.params.id, request.params.address_id);
        return { status: 204, body: null };
      });
    },
  );
};
