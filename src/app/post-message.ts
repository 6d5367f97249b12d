import type { Db } from '../db/database.ts';
import type { MessageRow } from '../db/messages.ts';
import { hasVisibleText } from '../domain/index.ts';
import { announceChanges } from './change-feed.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { threadOrder } from './thread-access.ts';
import { appendToThreads } from './threads.ts';
import { assertAttachmentsUsable, linkAttachments } from './upload-attachment.ts';
import { enqueueWebhookEvent } from './webhooks/enqueue.ts';

export const MESSAGE_MAX_CHARS = 4000;
// Plain text only: control characters other than tab and newline have no place in a message.
function hasControlCharacters(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && ch !== '\n' && ch !== '\t') || code === 0x7f) return true;
  }
  return false;
}

export async function postMessage(
  db: Db,
  principal: Principal,
  orderId: string,
  input: { body: string; attachment_ids?: string[] | undefined },
  now: Date,
): Promise<MessageRow> {
  const order = await threadOrder(db, principal, orderId, 'post');
  const body = input.body.replace(/\r\n?/g, '\n').trim();
  const fields = [];
  if (!hasVisibleText(body) && !input.attachment_ids?.length) {
    fields.push({ path: 'body.body', message: 'write something or attach evidence' });
  }
  if (body.length > MESSAGE_MAX_CHARS) {
    fields.push({ path: 'body.body', message: `at most ${MESSAGE_MAX_CHARS} characters` });
  }
  if (hasControlCharacters(body)) fields.push({ path: 'body.body', message: 'plain text only' });
  if (fields.length) throw new AppError('validation_failed', 'The message is invalid.', { fields });
  await assertAttachmentsUsable(db, principal, input.attachment_ids ?? [], 'body.attachment_ids');
  await linkAttachments(db, input.attachment_ids ?? [], order.id, now);

  const [message] = await appendToThreads(
    db,
    [
      {
        order,
        message: {
          kind: 'message',
          author_id: principal.user_id,
          author_role: principal.role,
          body,
          attachment_ids: input.attachment_ids ?? [],
          case_id: null,
          event_id: null,
        },
      },
    ],
    now,
  );
  await enqueueWebhookEvent(
    db,
    {
      id: message!.id,
      type: 'message.created',
      seller_id: order.seller_id,
      created_at: now,
      data: { message: presentMessage(message!) },
    },
    now,
  );
  await announceChanges(db, [
    { kind: 'message', order_id: order.id, seller_id: order.seller_id, buyer_id: order.buyer_id },
  ]);
  return message!;
}

export function presentMessage(
  m: MessageRow & { eventType?: string | null; authorName?: string | null },
) {
  return {
    id: m.id,
    order_id: m.orderId,
    seq: m.seq,
    kind: m.kind,
    // Thread pages name the author; other answers (webhooks, the record) keep id and role.
    author: {
      id: m.authorId,
      role: m.authorRole,
      ...(m.authorName ? { name: m.authorName } : {}),
    },
    body: m.body,
    attachment_ids: m.attachmentIds,
    case_id: m.caseId,
    event_id: m.eventId,
    event_type: m.eventType ?? null,
    created_at: m.createdAt.toISOString(),
    prev_hash: m.prevHash,
    hash: m.hash,
  };
}
