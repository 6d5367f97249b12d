import { findAttachments } from '../db/attachments.ts';
import { type CaseEventRow, findCase, listEvents } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { allMessagesOf } from '../db/messages.ts';
import { findOrder } from '../db/orders.ts';
import { isCurrency, minorUnits } from '../domain/money.ts';
import { eventRecord } from './case-context.ts';
import { summarizeCase, toJson } from './case-view.ts';
import { AppError } from './errors.ts';
import { presentMessage } from './post-message.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { checkEventChain, checkMessageChain } from './verify-chains.ts';

/** The rows a case's record is made of: the case, its order, events, the thread, the evidence. */
export async function caseRecordRows(db: Db, principal: Principal, caseId: string) {
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
  const files = await findAttachments(db, [...attachmentIds]);
  return { c, order, events, messages, files };
}

/** An event as it was hashed, with its links: what a record and a bundle list. */
export const chainedEvent = (row: CaseEventRow) => ({
  ...toJson(eventRecord(row)),
  prev_hash: row.prevHash,
  hash: row.hash,
});

/** The order as a record states it. */
export const orderOfRecord = (order: NonNullable<Awaited<ReturnType<typeof findOrder>>>) =>
  toJson({
    id: order.id,
    external_id: order.external_id,
    currency: order.currency,
    placed_at: order.placed_at,
    delivered_at: order.delivered_at,
    total_paid: order.total_paid,
    lines: order.lines,
  });

/**
 * A case's whole record for a dispute: every event and every message of the order's thread with
 * their hashes, the evidence's metadata, and the result of re-checking both chains now.
 */
export async function caseRecord(db: Db, principal: Principal, caseId: string, now: Date) {
  const { c, order, events, messages, files } = await caseRecordRows(db, principal, caseId);
  return {
    generated_at: now.toISOString(),
    case: summarizeCase(c),
    order: orderOfRecord(order),
    events: events.map(chainedEvent),
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

/** Escaped text with its line breaks kept. */
const text = (s: unknown) => escapeHtml(s).replaceAll('\n', '<br>');

/** Fields that hold money in minor units, wherever they appear (payloads, case, order, breakdown). */
const MONEY_FIELDS = new Set([
  'amount',
  'shipping_cost',
  // A prepaid label's postage.
  'cost',
  'shipping_reimbursement',
  'refund_shipping_reimbursement',
  'unit_price',
  'total_paid',
  // The refund breakdown and its lines.
  'gross',
  'discount',
  'items',
  'tax',
  'total',
  'original_shipping',
  'return_shipping_reimbursement',
  'restocking_fee',
  'max_deduction',
  'deduction',
  'order_paid',
  'cap_remaining',
  'reimbursement_in_total',
]);
const isMoneyField = (key: string) => MONEY_FIELDS.has(key) || key.endsWith('_amount');

/** Minor units in the currency's major unit with its code: 1250 USD → "12.50 USD". */
export function formatMoney(minor: number, currency: string): string {
  const digits = isCurrency(currency) ? minorUnits(currency) : 2;
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major =
    digits === 0
      ? String(abs)
      : `${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
  return `${sign}${major} ${currency}`;
}

const LABELS: Record<string, string> = {
  id: 'Id',
  sku: 'SKU',
  attachment_ids: 'Evidence',
  due_at: 'Due (UTC)',
};

/**
 * The order fields are shown in (stored JSON sorts keys by length): what the party said first,
 * then the amounts, the rest by name, and the move between states last.
 */
const FIRST = [
  'id',
  'type',
  'status',
  'reason',
  'fault',
  'description',
  'note',
  'party',
  'carrier',
  'tracking_number',
  'amount',
  'deduction_amount',
  'shipping_cost',
];
const LAST = ['attachment_ids', 'from', 'to', 'outcome', 'due_at'];
const rankOf = (key: string) => {
  const first = FIRST.indexOf(key);
  if (first >= 0) return first;
  const last = LAST.indexOf(key);
  return last >= 0 ? 1000 + last : 500;
};
const byRank = ([a]: [string, unknown], [b]: [string, unknown]) =>
  rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0);
const labelOf = (key: string) => {
  const label = LABELS[key] ?? key.replaceAll('_', ' ');
  return escapeHtml(label.charAt(0).toUpperCase() + label.slice(1));
};

type Evidence = Map<string, CaseRecord['attachments'][number]>;

/**
 * A value of the record in human form: money with its currency, attachments with their file
 * and hash, lists and nested objects spelled out. Every key is shown, so nothing the record holds
 * is left out of the print; every string is escaped.
 */
function humanValue(key: string, value: unknown, currency: string, evidence: Evidence): string {
  if (value === null || value === undefined || value === '') return '&mdash;';
  if (typeof value === 'number' && Number.isInteger(value) && isMoneyField(key)) {
    return escapeHtml(formatMoney(value, currency));
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'attachment_ids' && Array.isArray(value)) {
    if (!value.length) return 'none';
    return `<ul>${value
      .map((id) => {
        const file = evidence.get(String(id));
        const about = file
          ? ` (${escapeHtml(file.file_name)}, ${escapeHtml(file.mime_type)}, SHA-256 <code>${escapeHtml(file.sha256)}</code>)`
          : '';
        return `<li><code>${escapeHtml(id)}</code>${about}</li>`;
      })
      .join('')}</ul>`;
  }
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    return `<ul>${value.map((v) => `<li>${humanValue(key, v, currency, evidence)}</li>`).join('')}</ul>`;
  }
  if (typeof value === 'object')
    return fieldList(value as Record<string, unknown>, currency, evidence);
  return text(value);
}

function fieldList(fields: Record<string, unknown>, currency: string, evidence: Evidence): string {
  const entries = Object.entries(fields).sort(byRank);
  if (!entries.length) return '';
  return `<dl>${entries
    .map(
      ([key, value]) =>
        `<dt>${labelOf(key)}</dt><dd>${humanValue(key, value, currency, evidence)}</dd>`,
    )
    .join('')}</dl>`;
}

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
  const currency = String(c['currency'] ?? record.order['currency'] ?? '');
  const evidence: Evidence = new Map(record.attachments.map((a) => [a.id, a]));
  const fields = (f: Record<string, unknown>, money = currency) => fieldList(f, money, evidence);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Return ${escapeHtml(c['id'])}: record</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font-size:12px;word-break:break-all}.system{color:#555;font-style:italic}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .7rem;margin:.3rem 0}
dt{color:#555}dd{margin:0}dd dl{margin:0}ul{margin:0;padding-left:1.1rem}
@media print{body{margin:0}}
</style></head><body>
<h1>Return ${escapeHtml(c['id'])}</h1>
<p>Order ${escapeHtml(record.order['id'])} (${escapeHtml(record.order['external_id'])}) &middot;
status <strong>${escapeHtml(c['status'])}</strong> &middot; reason ${escapeHtml(c['reason'])} &middot;
generated ${escapeHtml(record.generated_at)}</p>
<p>Event chain: ${chain(record.verification.events)}. Message chain: ${chain(record.verification.messages)}.</p>
<h2>Case</h2>
${fields(c)}
<h2>Order</h2>
${fields(record.order, String(record.order['currency'] ?? currency))}
<h2>Events</h2>
<table><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>What</th><th>Hash</th></tr></thead><tbody>
${rows(
  record.events.map(
    (e) =>
      `<tr><td>${e.seq}</td><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.actor.role)} ${escapeHtml(e.actor.id)}</td><td><strong>${escapeHtml(e.type)}</strong>${fields(e.payload, String(e.payload['currency'] ?? currency))}</td><td><code>${escapeHtml(e.hash)}</code><br>after <code>${escapeHtml(e.prev_hash)}</code></td></tr>`,
  ),
)}
</tbody></table>
<h2>Messages</h2>
<table><thead><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>Message</th><th>Hash</th></tr></thead><tbody>
${rows(
  record.messages.map(
    (m) =>
      `<tr class="${m.kind === 'system' ? 'system' : ''}"><td>${m.seq}</td><td>${escapeHtml(m.created_at)}</td><td>${escapeHtml(m.author.role)} ${escapeHtml(m.author.id)}</td><td>${text(m.body)}${m.attachment_ids.length ? `<br>Evidence: ${humanValue('attachment_ids', m.attachment_ids, currency, evidence)}` : ''}</td><td><code>${escapeHtml(m.hash)}</code><br>after <code>${escapeHtml(m.prev_hash)}</code></td></tr>`,
  ),
)}
</tbody></table>
<h2>Evidence</h2>
<table><thead><tr><th>Id</th><th>Kind</th><th>File</th><th>Size</th><th>Uploaded</th><th>SHA-256</th></tr></thead><tbody>
${rows(
  record.attachments.map(
    (a) =>
      `<tr><td>${escapeHtml(a.id)}</td><td>${escapeHtml(a.kind)}, ${escapeHtml(a.mime_type)}</td><td>${escapeHtml(a.file_name)}</td><td>${a.size_bytes} bytes</td><td>${escapeHtml(a.uploaded_by)}, ${escapeHtml(a.created_at)}</td><td><code>${escapeHtml(a.sha256)}</code></td></tr>`,
  ),
)}
</tbody></table>
</body></html>
`;
}
