import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../app/errors.ts';
import { requestFingerprint, runOnce } from '../../app/idempotency.ts';
import { readAttachment, readAttachmentContent } from '../../app/read-attachment.ts';
import {
  type AttachmentRow,
  attachmentStore,
  prepareAttachment,
  recordAttachment,
  type Upload,
} from '../../app/upload-attachment.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../auth.ts';
import { Id, IdempotencyHeaders, Instant, problems } from '../schemas.ts';

export const AttachmentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['image', 'video', 'pdf']),
    mime_type: z.string(),
    size_bytes: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    file_name: z.string(),
    sha256: z.string(),
    created_at: Instant,
  })
  .meta({ id: 'Attachment' });

export function presentAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    kind: a.kind,
    mime_type: a.mimeType,
    size_bytes: a.sizeBytes,
    width: a.width,
    height: a.height,
    file_name: a.fileName,
    sha256: a.sha256,
    created_at: a.createdAt.toISOString(),
  };
}

/**
 * `Content-Disposition: attachment` (RFC 6266): an ASCII `filename` for old clients and the exact
 * name, percent-encoded UTF-8, in `filename*`. The stored name has no control characters.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const AttachmentParams = z.object({ id: Id('att') });

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;
const FILE_FIELD = 'file';

export const attachmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { storage, limits } = attachmentStore(deps.config);
  const largest = Math.max(limits.maxImageBytes, limits.maxVideoBytes, limits.maxPdfBytes);

  // Registered in this plugin's scope only: no other route accepts multipart bodies. One byte over
  // the largest limit lets "too large" be told apart from "exactly at the limit".
  await app.register(multipart, {
    limits: { fileSize: largest + 1, files: 1, fields: 10, parts: 20 },
  });

  /** Reads the one file part into memory, answering problems for every way a form can be wrong. */
  async function readUpload(request: FastifyRequest): Promise<Upload> {
    const errors = app.multipartErrors;
    let upload: Upload | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        if (part.fieldname !== FILE_FIELD) {
          part.file.resume();
          continue;
        }
        upload = { bytes: await part.toBuffer(), fileName: part.filename };
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof errors.RequestFileTooLargeError) {
        throw new AppError('payload_too_large', `A file may be at most ${largest} bytes.`);
      }
      if (error instanceof errors.FilesLimitError) {
        throw new AppError('malformed_request', `Send exactly one file, in the part "file".`);
      }
      if (error instanceof errors.InvalidMultipartContentTypeError) {
        throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data.');
      }
      throw new AppError('malformed_request', 'The multipart body could not be read.');
    }
    if (!upload) {
      throw new AppError('malformed_request', `Send the file in a multipart part named "file".`);
    }
    return upload;
  }

  app.post(
    '/v1/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Upload evidence: a JPEG, PNG or WebP photo, an MP4 video or a PDF',
        description:
          'A multipart/form-data body with one file in the part `file`. The kind is decided from ' +
          'the content, never from the name; images are re-encoded without metadata (EXIF, GPS). ' +
          'Cite the returned id in requests, rejections, inspections, evidence and messages.',
        consumes: ['multipart/form-data'],
        headers: IdempotencyHeaders,
        body: z.strictObject({
          file: z.string().meta({ format: 'binary', description: 'The file' }),
        }),
        response: {
          201: AttachmentSchema,
          ...problems(400, 401, 403, 409, 413, 415, 422),
        },
      },
      // The multipart body is read in the handler (it is a stream, not JSON): the body schema
      // above documents the form and is not used to validate.
      validatorCompiler: (route) =>
        route.httpPart === 'body'
          ? () => ({ value: undefined })
          : validatorCompiler(route as never),
      onRequest: async (request) => {
        principalOf(request);
        if (!MULTIPART.test(request.headers['content-type'] ?? '')) {
          throw new AppError(
            'unsupported_media_type',
            `Send the file as multipart/form-data, in a part named "file".`,
          );
        }
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const upload = await readUpload(request);
      // Checking and storing the bytes is slow: it happens before the transaction, which then
      // only writes the row (and the Idempotency-Key, whose fingerprint is the uploaded content).
      const prepared = await prepareAttachment(storage, limits, upload);
      const header = request.headers['idempotency-key'];
      const now = deps.clock.now();
      const key = header
        ? {
            principal_id: principal.user_id,
            key: header,
            fingerprint: requestFingerprint('POST', '/v1/attachments', {
              sha256: prepared.input_sha256,
              file_name: upload.fileName ?? null,
            }),
          }
        : undefined;
      const answer = await runOnce(deps.database.db, key, now, async (tx) => ({
        status: 201,
        body: presentAttachment(await recordAttachment(tx, principal, prepared, now)),
      }));
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(answer.body as ReturnType<typeof presentAttachment>);
    },
  );

  app.get(
    '/v1/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary:
          "An attachment's details (its uploader, agents, operators, and the parties of an order citing it)",
        params: AttachmentParams,
        response: { 200: AttachmentSchema, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentAttachment(
        await readAttachment(deps.database.db, principal, request.params.id),
      );
    },
  );

  app.get(
    '/v1/attachments/:id/content',
    {
      schema: {
        tags: ['attachments'],
        summary: "An attachment's bytes, always as a download",
        description:
          'Served with its detected Content-Type, `Content-Disposition: attachment`, ' +
          '`X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy.',
        params: AttachmentParams,
        response: {
          200: {
            description: 'The stored bytes',
            content: {
              'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
            },
          },
          ...problems(401, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { attachment, body } = await readAttachmentContent(
        deps.database.db,
        storage,
        principal,
        request.params.id,
      );
      return reply
        .header('content-type', attachment.mimeType)
        .header('content-length', attachment.sizeBytes)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=3600')
        .send(body as never);
    },
  );
};
