import { createHash } from 'node:crypto';
import {
  type AttachmentKind,
  inspectUpload,
  type UploadLimits,
  UploadRefused,
} from '../adapters/inspect-upload.ts';
import { type BlobStorage, createBlobStorage } from '../adapters/storage.ts';
import {
  type AttachmentRow,
  findAttachments,
  insertAttachment,
  insertAttachmentRefs,
} from '../db/attachments.ts';
import type { Db } from '../db/database.ts';
import { AppError, type FieldProblem } from './errors.ts';
import { newId } from './ids.ts';
import type { Principal } from './principal.ts';
import { canReadAttachment } from './read-attachment.ts';

export type { AttachmentRow };

/** Where uploads are kept and how large they may be, from the deployment's config. */
export function attachmentStore(config: {
  attachmentsDir: string;
  maxImageBytes: number;
  maxVideoBytes: number;
  maxPdfBytes: number;
  maxImagePixels: number;
}): { storage: BlobStorage; limits: UploadLimits } {
  return {
    storage: createBlobStorage(config),
    limits: {
      maxImageBytes: config.maxImageBytes,
      maxVideoBytes: config.maxVideoBytes,
      maxPdfBytes: config.maxPdfBytes,
      maxImagePixels: config.maxImagePixels,
    },
  };
}

export interface Upload {
  bytes: Buffer;
  /** The name the client gave; kept for display only, never used to decide anything. */
  fileName: string | undefined;
}

/** A checked upload whose bytes are stored, ready to be recorded as an `attachments` row. */
export interface PreparedAttachment {
  /** SHA-256 of the bytes as uploaded (identifies the request for idempotency). */
  input_sha256: string;
  /** SHA-256 of the stored bytes (after metadata was stripped): the storage key. */
  sha256: string;
  kind: AttachmentKind;
  mime_type: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  file_name: string;
}

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Checks the upload (see inspect-upload.ts) and stores its bytes. This is the slow part (images
 * are decoded and re-encoded), so it runs outside any database transaction. A blob stored for an
 * upload whose row then fails to commit is harmless: storage is by content, and a retry reuses it.
 */
export async function prepareAttachment(
  storage: BlobStorage,
  limits: UploadLimits,
  upload: Upload,
): Promise<PreparedAttachment> {
  const inspected = await inspectUpload(upload.bytes, limits).catch((err: unknown) => {
    throw err instanceof UploadRefused ? uploadError(err) : err;
  });
  const sha256 = sha256Hex(inspected.bytes);
  await storage.put(sha256, inspected.bytes);
  return {
    input_sha256: sha256Hex(upload.bytes),
    sha256,
    kind: inspected.kind,
    mime_type: inspected.mime,
    size_bytes: inspected.bytes.length,
    width: inspected.width,
    height: inspected.height,
    file_name: sanitizeFileName(upload.fileName, inspected.ext),
  };
}

/** An upload's refusal as the API answers it: 415, 413, or 422 naming the file field. */
export function uploadError(refused: UploadRefused): AppError {
  if (refused.kind === 'unreadable') {
    return new AppError('validation_failed', refused.message, {
      fields: [{ path: 'body.file', message: refused.reason ?? 'unreadable' }],
    });
  }
  return new AppError(refused.kind, refused.message);
}

/** Writes the `attachments` row for a prepared upload; the blob is already stored. */
export async function recordAttachment(
  db: Db,
  principal: Principal,
  prepared: PreparedAttachment,
  now: Date,
): Promise<AttachmentRow> {
  return insertAttachment(db, {
    id: newId('att', now),
    sha256: prepared.sha256,
    kind: prepared.kind,
    mimeType: prepared.mime_type,
    sizeBytes: prepared.size_bytes,
    width: prepared.width,
    height: prepared.height,
    fileName: prepared.file_name,
    uploadedBy: principal.user_id,
    createdAt: now,
  });
}

/** Checks, stores and records an upload in one go. */
export async function uploadAttachment(
  db: Db,
  storage: BlobStorage,
  limits: UploadLimits,
  principal: Principal,
  upload: Upload,
  now: Date,
): Promise<AttachmentRow> {
  const prepared = await prepareAttachment(storage, limits, upload);
  return recordAttachment(db, principal, prepared, now);
}

const MAX_FILE_NAME = 200;
const EXTENSIONS: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  mp4: ['mp4'],
  pdf: ['pdf'],
};

/**
 * The client's file name made safe to keep and to put in a Content-Disposition header: no
 * directories, no control or bidirectional-override characters (which disguise `evil.exe` as
 * `exe.jpg`), no leading dots, at most 200 characters; and it ends with the extension of what the
 * content really is (`page.html` holding a PNG becomes `page.html.png`), so a saved download never
 * opens as something else.
 */
export function sanitizeFileName(raw: string | undefined, ext: string): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!name) name = 'attachment';
  const lower = name.toLowerCase();
  const known = EXTENSIONS[ext] ?? [ext];
  const suffix = known.some((e) => lower.endsWith(`.${e}`)) ? '' : `.${ext}`;
  const chars = [...name];
  const room = MAX_FILE_NAME - suffix.length;
  if (chars.length > room) {
    // Keep the end (the extension), cut the middle of a long stem.
    const kept = suffix
      ? chars.slice(0, room)
      : [...chars.slice(0, room - 10), ...chars.slice(-10)];
    name = kept.join('').trim();
  }
  return `${name}${suffix}`;
}

/**
 * For commands and messages that cite attachments: every id must exist and have been uploaded by
 * the caller (agents may also cite any attachment they can see). Otherwise `validation_failed`
 * naming each failing entry as `<fieldPath>.<index>`. Ids outside the caller's reach get the same
 * message as unknown ones, so they cannot be probed.
 */
export async function assertAttachmentsUsable(
  db: Db,
  principal: Principal,
  ids: string[],
  fieldPath: string,
): Promise<void> {
  if (!ids.length) return;
  const rows = new Map((await findAttachments(db, ids)).map((row) => [row.id, row]));
  const fields: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    const path = `${fieldPath}.${index}`;
    if (seen.has(id)) {
      fields.push({ path, message: 'this attachment is listed twice' });
      continue;
    }
    seen.add(id);
    const row = rows.get(id);
    const usable =
      row !== undefined &&
      (row.uploadedBy === principal.user_id ||
        (principal.role === 'agent' && (await canReadAttachment(db, principal, row))));
    if (!usable) fields.push({ path, message: 'no attachment you uploaded has this id' });
  }
  if (fields.length) {
    throw new AppError('validation_failed', 'Some attachments cannot be used.', { fields });
  }
}

/** Makes the attachments evidence in the order's thread or case: the order's parties may read them. */
export async function linkAttachments(
  db: Db,
  ids: string[],
  orderId: string,
  now: Date,
): Promise<void> {
  await insertAttachmentRefs(db, ids, orderId, now);
}
