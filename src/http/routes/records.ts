import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseBundle } from '../../app/case-bundle.ts';
import { caseRecord, transcriptHtml } from '../../app/case-record.ts';
import { publishedKeys } from '../../app/signing-keys.ts';
import { attachmentStore } from '../../app/upload-attachment.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, Instant, problems } from '../schemas.ts';
import { MessageSchema } from './messages.ts';

const ChainCheck = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  broken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).optional(),
});

const RecordSchema = z
  .object({
    generated_at: Instant,
    case: z.record(z.string(), z.unknown()),
    order: z.record(z.string(), z.unknown()),
    events: z.array(
      z.object({
        id: z.string(),
        case_id: z.string(),
        seq: z.number().int(),
        type: z.string(),
        actor: z.object({ role: z.string(), id: z.string() }),
        at: Instant,
        payload: z.record(z.string(), z.unknown()),
        prev_hash: z.string(),
        hash: z.string(),
      }),
    ),
    messages: z.array(MessageSchema),
    attachments: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        mime_type: z.string(),
        size_bytes: z.number().int(),
        sha256: z.string(),
        file_name: z.string(),
        uploaded_by: z.string(),
        created_at: Instant,
      }),
    ),
    verification: z.object({ events: ChainCheck, messages: ChainCheck }),
  })
  .meta({ id: 'CaseRecord' });

const CaseParams = z.object({ id: Id('ret') });

const Jwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().meta({ description: 'The raw public key, base64url' }),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.literal('EdDSA'),
  valid_from: Instant.meta({ description: 'From when the key signs' }),
  valid_until: Instant.nullable().meta({
    description: 'When it stopped signing (a newer key took over); null for the current key',
  }),
});

const JwksSchema = z.object({ keys: z.array(Jwk) }).meta({ id: 'Jwks' });

const BundleSchema = z
  .looseObject({
    format: z.literal('sendback.case-bundle/1'),
    case: z.record(z.string(), z.unknown()),
    order: z.record(z.string(), z.unknown()),
    events: z.array(z.record(z.string(), z.unknown())),
    messages: z.array(z.record(z.string(), z.unknown())),
    attachments: z.array(
      z.looseObject({ id: z.string(), sha256: z.string(), content_base64: z.string() }),
    ),
    policies: z.array(
      z.object({ version: z.number().int(), policy: z.unknown(), created_at: Instant }),
    ),
    manifest: z.record(z.string(), z.unknown()),
    signature: z.object({
      alg: z.literal('EdDSA'),
      kid: z.string(),
      value: z.string(),
      jwk: Jwk,
    }),
  })
  .meta({ id: 'CaseBundle' });

export const recordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { storage } = attachmentStore(deps.config);

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['returns'],
        summary:
          'The Ed25519 public keys that sign case bundles, to anyone: the current one and every retired one with its validity',
        security: [],
        response: { 200: JwksSchema },
      },
    },
    async (_request, reply) => {
      // Public keys: any verifier, from any origin, may fetch them.
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*');
      return publishedKeys(deps.database.db);
    },
  );

  app.get(
    '/v1/returns/:id/bundle',
    {
      schema: {
        tags: ['returns'],
        summary:
          "The case's signed bundle: events and thread with their hashes, the evidence's bytes, the policy versions and order lines, signed with the platform's Ed25519 key (verify with `sendback verify-bundle` or the UI's /verify page)",
        params: CaseParams,
        response: { 200: BundleSchema, ...problems(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const bundle = await caseBundle(
        deps.database.db,
        storage,
        principal,
        request.params.id,
        deps.clock.now(),
      );
      reply
        .header('content-disposition', `attachment; filename="${bundle.case.id}.bundle.json"`)
        .header('cache-control', 'no-store');
      // The interfaces of src/bundle/format.ts describe the same file as the schema.
      return bundle as unknown as z.infer<typeof BundleSchema>;
    },
  );
  app.get(
    '/v1/returns/:id/record',
    {
      schema: {
        tags: ['returns'],
        summary: "The case's whole record (events, thread, evidence, hashes), re-verified",
        params: CaseParams,
        response: { 200: RecordSchema, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return caseRecord(deps.database.db, principal, request.params.id, deps.clock.now());
    },
  );

  app.get(
    '/v1/returns/:id/record.html',
    {
      schema: {
        tags: ['returns'],
        summary: 'A printable transcript of the record (HTML; print to PDF from the browser)',
        params: CaseParams,
        response: { 200: z.string(), ...problems(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const record = await caseRecord(
        deps.database.db,
        principal,
        request.params.id,
        deps.clock.now(),
      );
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .send(transcriptHtml(record));
    },
  );
};
