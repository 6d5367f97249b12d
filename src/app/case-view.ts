import {
  type CaseDocument,
  type CaseListRow,
  type CaseNames,
  type CaseViewFacts,
  caseViewFacts,
  type FactsAsked,
  listEvents,
  writtenDocument,
} from '../db/cases.ts';
import { type Db, readTogether } from '../db/database.ts';
import { jsonCopy } from '../db/json-copy.ts';
import {
  allowedCommands,
  type CaseState,
  type CaseType,
  type CommandName,
  type NextAction,
  type NextActionFacts,
  nextAction,
  type RefundBreakdown,
  type ReturnCase,
  refundForCase,
} from '../domain/index.ts';
import { PLATFORM_RULES_KEY, presentBuyerHistory, recentSince } from './buyer-standing.ts';
import { type CaseContext, eventRecord, loadContext } from './case-context.ts';
import type { Principal } from './principal.ts';

type Json = ReturnType<typeof JSON.parse>;

/** Dates become RFC 3339 strings; what leaves here is exactly what the API answers. */
export function toJson<T>(value: T): Json {
  return jsonCopy(value);
}

/**
 * The next action of a case from its JSON form, as a list row holds it: its instants stay the
 * strings the document was written with (JSON.stringify's form of a Date, which the answer shows),
 * so the result is already what the API answers, with nothing to parse or copy.
 */
function nextActionOf(facts: {
  state: string;
  type: string;
  due_at: string | null;
  evidence_request: { from: string; due_at: string } | null;
}): NextAction<string> | null {
  return nextAction<string>({
    state: facts.state as CaseState,
    type: facts.type as CaseType,
    due_at: facts.due_at,
    evidence_request: facts.evidence_request as NextActionFacts<string>['evidence_request'],
  });
}

/**
 * A case as webhooks and answers show it, from its JSON document (what the database stores, the
 * API's JSON form): only what the next action reads is revived.
 */
export function summarizeDocument(doc: CaseDocument) {
  const { state, ...rest } = doc;
  return { ...rest, status: state, next_action: nextActionOf(doc) };
}

/**
 * A queue page's entry as JSON text, in pieces (the page is written once from all its pieces:
 * sendJsonPieces): the row's fields, which PostgreSQL wrote from the stored document, with the
 * status and the next action. Copying every case twice was a quarter of a page's CPU, and parsing
 * and encoding the documents most of the rest.
 */
export function listEntryPieces(row: CaseListRow, pieces: string[]): void {
  const next = nextActionOf({
    state: row.state,
    type: row.type,
    due_at: row.due_at,
    evidence_request:
      row.evidence_from === null || row.evidence_due_at === null
        ? null
        : { from: row.evidence_from, due_at: row.evidence_due_at },
  });
  pieces.push(
    row.fields.slice(0, -1),
    `,"status":${JSON.stringify(row.state)},"next_action":${JSON.stringify(next)},"order_number":${JSON.stringify(row.order_number)},"buyer_name":${JSON.stringify(row.buyer_name)},"shop_name":${JSON.stringify(row.shop_name)}}`,
  );
}

/** The same for a case in memory: its JSON form, summarized. */
export function summarizeCase(c: ReturnCase) {
  return summarizeDocument(writtenDocument(c) ?? (toJson(c) as CaseDocument));
}

export interface CaseDetail {
  allowed_commands: CommandName[];
  refund_preview: RefundBreakdown | null;
  lines: {
    order_line_id: string;
    quantity: number;
    sku: string;
    title: string;
    category: string;
    unit_price: number;
  }[];
}

/** The refund as it stands: the policy amount, or the open offer, less any deduction. */
export function previewRefund(c: ReturnCase, ctx: CaseContext): RefundBreakdown {
  return refundForCase(c, ctx, {
    agreed_amount: c.ruling?.amount ?? c.offer_amount,
    deduction_amount: c.deduction_amount,
  });
}

/** Whether (and for which shop) this caller sees the buyer's record beside a case. */
function recordAsked(principal: Principal, shopId: string, now: Date) {
  return principal.role === 'buyer'
    ? undefined
    : {
        shopId: principal.role === 'seller' ? shopId : null,
        recentSince: recentSince(now),
        rulesKey: PLATFORM_RULES_KEY,
      };
}

/**
 * GET /v1/returns/{id}: the case, its lines, the refund preview and what this caller may do. A
 * command's answer passes the context it was decided with (the same rows, already loaded), and the
 * facts read before its write when they still hold (caseAnswer).
 */
export async function caseDetail(
  db: Db,
  c: ReturnCase,
  principal: Principal,
  now: Date,
  context?: CaseContext,
  factsRead?: CaseViewFacts,
) {
  // The names, the parcel's flag and (for those who decide) the buyer's record: one statement.
  // With both given, nothing is read: a command's commit goes out with its write.
  const [ctx, facts] =
    context && factsRead
      ? [context, factsRead]
      : await readTogether(db, [
          async () => context ?? loadContext(db, c.order_id),
          async () =>
            factsRead ??
            (await caseViewFacts(
              db,
              {
                id: c.id,
                order_id: c.order_id,
                tracking_number: c.shipment?.tracking_number ?? null,
              },
              recordAsked(principal, c.seller_id, now),
            )),
        ]);
  if (!facts) throw new Error(`order ${c.order_id} vanished`);
  const { tracking_shared, rules, record } = facts;
  // The buyer's record, for those who decide: the shop's part for its staff, all of it for agents.
  const history = record
    ? presentBuyerHistory(rules, record.all, principal.role === 'seller' ? record.shop : undefined)
    : null;
  const byId = new Map(ctx.order.lines.map((l) => [l.id, l]));
  const actor = { role: principal.role, id: principal.user_id };
  // The case's JSON form, a fresh object, gets the rest in place: the parts added are plain
  // strings and numbers. Spread into new objects twice over (the summary, then the detail), a
  // case of forty fields cost more than parsing it. The document's `state` is the API's `status`:
  // `state` is left undefined, which JSON does not write and the schema does not read.
  const detail = (writtenDocument(c) ?? toJson(c)) as CaseDocument & Partial<CaseDetailView>;
  const document = detail as Record<string, unknown>;
  detail.status = detail.state;
  detail.next_action = nextActionOf(detail);
  document['state'] = undefined;
  detail.order_number = facts.order_number;
  detail.buyer_name = facts.buyer_name;
  detail.shop_name = facts.shop_name;
  document['lines'] = c.lines.map((l) => {
    const line = byId.get(l.order_line_id);
    return {
      order_line_id: l.order_line_id,
      quantity: l.quantity,
      sku: line?.sku ?? '',
      title: line?.title ?? '',
      category: line?.category ?? '',
      unit_price: line?.unit_price ?? 0,
    };
  });
  detail.allowed_commands = allowedCommands(c, actor, now, ctx);
  detail.flags = flagsOf(c, tracking_shared);
  detail.buyer_history = history;
  detail.refund_preview = toJson(c.refund_breakdown ?? previewRefund(c, ctx));
  return detail as unknown as CaseDetailView;
}

/** What caseDetail answers: the case's JSON form as the summary shows it, with the rest. */
export type CaseDetailView = Omit<ReturnType<typeof summarizeDocument>, 'lines'> &
  CaseNames &
  Pick<CaseDetail, 'lines' | 'allowed_commands'> & {
    flags: string[];
    buyer_history: ReturnType<typeof presentBuyerHistory> | null;
    refund_preview: Json;
  };

/**
 * A write's answer (the case as caseDetail shows it) with its facts read before the write, with
 * the order's context in the round trip that locks the case (`facts`, given to the use case, which
 * returns them in the context), so the write and the commit go together in the next one. Those
 * facts are of the case before the write; `detail` uses them when the write cannot have changed
 * them (same parcel number, and for the buyer's record, a case that already counted, with the same
 * outcome and kept item), and otherwise reads them again, after the write, in the same transaction.
 *
 * `target` names the case, or for a case not written yet its order; `tracking` is the parcel
 * number the write is to set (a shipment), else the case's own is read.
 */
export function caseAnswer(
  db: Db,
  principal: Principal,
  now: Date,
  target: { case_id: string; tracking_number?: string } | { order_id: string },
) {
  const shopAsked = principal.role === 'seller' ? principal.seller_id : null;
  const record = recordAsked(principal, shopAsked ?? '', now);
  const facts: FactsAsked =
    'case_id' in target
      ? { caseId: target.case_id, tracking: target.tracking_number ?? null, record }
      : { caseId: null, tracking: null, record };
  return {
    facts,
    detail: (after: ReturnCase, before: ReturnCase | undefined, context: CaseContext) =>
      caseDetail(db, after, principal, now, context, stillTrue(context.facts, after, before)),
  };

  function stillTrue(
    facts: CaseViewFacts | undefined,
    after: ReturnCase,
    before: ReturnCase | undefined,
  ) {
    if (!facts || facts.tracking_checked !== (after.shipment?.tracking_number ?? null)) {
      return undefined;
    }
    if (!record) return facts;
    // The record counts this case: it must have counted already, with what it counts unchanged.
    const same =
      before !== undefined &&
      before.outcome === after.outcome &&
      before.keeps_item === after.keeps_item &&
      (principal.role !== 'seller' || shopAsked === after.seller_id);
    return same ? facts : undefined;
  }
}

export async function caseEvents(db: Db, caseId: string) {
  const rows = await listEvents(db, caseId);
  return rows.map((row) => ({
    ...toJson(eventRecord(row)),
    prev_hash: row.prevHash,
    hash: row.hash,
  }));
}

/** Warnings for whoever handles the case; today: another open case shipped with the same number. */
function flagsOf(c: ReturnCase, trackingShared: boolean): string[] {
  const flags: string[] = [];
  if (c.shipment) {
    if (trackingShared) flags.push('duplicate_tracking_number');
    if (c.shipment.tracking_verified === false) flags.push('unverified_tracking');
  }
  return flags;
}
