import type { Readable } from 'node:stream';
import type { BlobStorage } from '../adapters/storage.ts';
import { type AttachmentRow, findAttachment, isReferencedInScope } from '../db/attachments.ts';
import type { Db } from '../db/database.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';

/**
 * Who may read an attachment: its uploader, agents and operators, and anyone who can see an order
 * (by the usual reach rules) whose thread or case references it. Everyone else gets 404, the same
 * as for an id that does not exist.
 */
export async function canReadAttachment(
  db: Db,
  principal: Principal,
  attachment: AttachmentRow,
): Promise<boolean> {
  if (attachment.uploadedBy === principal.user_id) return true;
  if (principal.role === 'agent' || principal.role === 'operator') return true;
  return isReferencedInScope(db, attachment.id, scopeOf(principal));
}

const attachmentNotFound = () => new AppError('not_found', 'Attachment not found.');

export async function readAttachment(
  db: Db,
  principal: Principal,
  id: string,
): Promise<AttachmentRow> {
  const attachment = await findAttachment(db, id);
  if (!attachment || !(await canReadAttachment(db, principal, attachment))) {
    throw attachmentNotFound();
  }
  return attachment;
}

/** The attachment and a stream of its stored bytes. */
export async function readAttachmentContent(
  db: Db,
  storage: BlobStorage,
  principal: Principal,
  id: string,
): Promise<{ attachment: AttachmentRow; body: Readable }> {
  const attachment = await readAttachment(db, principal, id);
  const body = await storage.stream(attachment.sha256);
  // The row is written only after its blob is stored, so a missing blob is an operations fault.
  if (!body) {
    throw new AppError('internal_error', `The stored content of ${attachment.id} is missing.`);
  }
  return { attachment, body };
}
