import { inArray } from 'drizzle-orm';
import { findCase, listEvents } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { allMessagesOf } from '../db/messages.ts';
import { findOrder } from '../db/orders.ts';
import { attachments } from '../db/schema.ts';
import { eventRecord } from './case-context.ts';
import { summarizeCase, toJson } from './case-view.ts';
import { AppError } from './errors.ts';
import { presentMessage } from './post-message.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { checkEventChain, checkMessageChain } from './verify-chains.ts';

/**
 * A case's whole record for a dispute: every event and every message of the order's thread with
 * their hashes, the evidence's metadata, and the result of re-checking both chains now.
 */
export async function caseRecord(db: Db, principal: Principal, caseId: string, now: Date) {
  const c = await findCase(db, caseId, scopeOf(principal));
  if (!c) throw new AppError('not_found', 'Return not found.');
  const order = (await findOrder(db, c.order_id))!;
  const events = await listEvents(db, c.id);
  const messages = await allMessagesOf(db, c.order_id);
  const attachmentIds = new Set<string>([
    ...c.attachment_ids,
    ...(c.rejection?.attachment_ids ?? []),
    ...(c.package_rejection?.attachment_ids ?? []),
    ...messages.flatMap((m) => m.attachmentIds),
    ...events.flatMap((e) => {
      const ids = (e.payload as { attachment_ids?: unknown }).attachment_ids;
      return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
    }),
  ]);
  const files = attachmentIds.size
    ? await db
        .select()
        .from(attachments)
        .where(inArray(attachments.id, [...attachmentIds]))
    : [];
  return {
    generated_at: now.toISOString(),
    case: summarizeCase(c),
    order: toJson({
      id: order.id,
      external_id: order.external_id,
      currency: order.currency,
      placed_at: order.placed_at,
      delivered_at: order.delivered_at,
      total_paid: order.total_paid,
      lines: order.lines,
    }),
    events: events.map((row) => ({
      ...toJson(eventRecord(row)),
      prev_hash: row.prevHash,
      hash: row.hash,
    })),
    messages: messages.map(presentMessage),
    attachments: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      mime_type: f.mimeType,
      size_bytes: f.sizeBytes,
      sha256: f.sha256,
      file_name: f.fileName,
      uploaded_by: f.uploadedBy,
      created_at: f.createdAt.toISOString(),
    })),
    verification: { events: checkEventChain(events), messages: checkMessageChain(messages) },
  };
}

export type CaseRecord = Awaited<ReturnType<typeof caseRecord>>;

const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** A printable transcript of the record: plain HTML, every value escaped, no scripts. */
export function transcriptHtml(record: CaseRecord): string {
  const c = record.case as Record<string, unknown>;
  const chain = (check: {
    ok: boolean;
    checked: number;
    broken?: { seq: number; reason: string };
  }) =>
    check.ok
      ? `verified (${check.checked} links)`
      : `BROKEN at #${check.broken?.seq}: ${escapeHtml(check.broken?.reason)}`;
  const rows = (items: string[]) => items.join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Return ${escapeHtml(c['id'])}: record</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font-size:12px;word-break:break-all}.system{color:#555;font-style:italic}
@media print{body{margin:0}}
</style></head><body>
<h1>Return ${escapeHtml(c['id'])}</h1>
<p>Order ${escapeHtml(record.order['id'])} (${escapeHtml(record.order['external_id'])}) &middot;
status <strong>${escapeHtml(c['status'])}</strong> &middot; reason ${escapeHtml(c['reason'])} &middot;
generated ${escapeHtml(record.generated_at)}</p>
<p>Event chain: ${chain(record.verification.events)}. Message chain: ${chain(record.verification.messages)}.</p>
<h2>Events</h2>
<table><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>What</th><th>Hash</th></tr></thead><tbody>
${rows(
  record.events.map(
    (e) =>
      `<tr><td>${e.seq}</td><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.actor.role)} ${escapeHtml(e.actor.id)}</td><td>${escapeHtml(e.type)}</td><td><code>${escapeHtml(e.hash)}</code></td></tr>`,
  ),
)}
</tbody></table>
<h2>Messages</h2>
<table><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>Message</th><th>Hash</th></tr></thead><tbody>
${rows(
  record.messages.map(
    (m) =>
      `<tr class="${m.kind === 'system' ? 'system' : ''}"><td>${m.seq}</td><td>${escapeHtml(m.created_at)}</td><td>${escapeHtml(m.author.role)}</td><td>${escapeHtml(m.body).replaceAll('\n', '<br>')}${m.attachment_ids.length ? `<br>Attachments: ${m.attachment_ids.map(escapeHtml).join(', ')}` : ''}</td><td><code>${escapeHtml(m.hash)}</code></td></tr>`,
  ),
)}
</tbody></table>
<h2>Evidence</h2>
<table><thead><tr><th>Id</th><th>Kind</th><th>File</th><th>SHA-256</th></tr></thead><tbody>
${rows(
  record.attachments.map(
    (a) =>
      `<tr><td>${escapeHtml(a.id)}</td><td>${escapeHtml(a.mime_type)}</td><td>${escapeHtml(a.file_name)}</td><td><code>${escapeHtml(a.sha256)}</code></td></tr>`,
  ),
)}
</tbody></table>
</body></html>
`;
}
