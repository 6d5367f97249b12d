import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseRecord, transcriptHtml } from '../../app/case-record.ts';
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

export const recordRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
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
