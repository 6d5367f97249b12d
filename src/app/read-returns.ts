import {
  type CaseCursor,
  type CaseFilters,
  type CaseSort,
  findCase,
  listCases,
} from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import type { ReturnCase } from '../domain/index.ts';
import { caseDetail, caseEvents, listEntryPieces } from './case-view.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';

export type { CaseCursor as ReturnsCursor, CaseFilters as ReturnFilters, CaseSort as ReturnSort };

/**
 * Fields of the stored case document that a list entry leaves out: `state` (answered as
 * `status`) and the internal ones. PostgreSQL removes them from the stored document (an allow-list
 * made per row cost a page about a third more database time). src/http/routes/returns.ts fails to
 * compile when a field of ReturnCase, at any depth, is neither shown by the summary schema nor
 * listed here; test/app/case-view.test.ts checks every demo case against the schema's encoding. A
 * field that leaves ReturnCase moves to RETIRED_FIELDS while stored documents may still hold it.
 */
export const INTERNAL_FIELDS = [
  'state',
  'offers_made',
  'refund_full_amount',
  'refund_shipping_reimbursement',
  'refund_breakdown',
] as const satisfies readonly (keyof ReturnCase)[];
/** Fields no longer in ReturnCase that stored documents may still hold: none yet. */
const RETIRED_FIELDS: readonly string[] = [];
export const LIST_OMITS: readonly string[] = [...INTERNAL_FIELDS, ...RETIRED_FIELDS];

export interface ReturnsPage {
  /** The page's entries as one JSON array, text ready to send in pieces (see listEntryPieces). */
  json: string[];
  /** Where the next page starts, or null on the last page. */
  next: CaseCursor | null;
}

/**
 * GET /v1/returns: a page of the cases in the caller's reach. The entries are JSON text written
 * by PostgreSQL and finished here, never parsed and encoded again.
 */
export async function listReturns(
  db: Db,
  principal: Principal,
  filters: CaseFilters,
  sort: CaseSort,
  page: { limit: number; after?: CaseCursor | undefined },
): Promise<ReturnsPage> {
  const rows = await listCases(db, scopeOf(principal), filters, sort, {
    limit: page.limit + 1,
    after: page.after,
    omit: LIST_OMITS,
  });
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  const next =
    rows.length > page.limit && last
      ? { key: sort === 'due_at' ? last.due_at : last.created_at, id: last.id }
      : null;
  const json = ['['];
  shown.forEach((row, i) => {
    if (i) json.push(',');
    listEntryPieces(row, json);
  });
  json.push(']');
  return { json, next };
}

export async function visibleCase(db: Db, principal: Principal, id: string): Promise<ReturnCase> {
  const c = await findCase(db, id, scopeOf(principal));
  if (!c) throw new AppError('not_found', 'Return not found.');
  return c;
}

/** GET /v1/returns/{id}: the case in detail, and its version for the ETag. */
export async function showReturn(db: Db, principal: Principal, id: string, now: Date) {
  const c = await visibleCase(db, principal, id);
  return { version: c.version, detail: await caseDetail(db, c, principal, now) };
}

/** GET /v1/returns/{id}/events: the case's hash-chained timeline. */
export async function showReturnEvents(db: Db, principal: Principal, id: string) {
  const c = await visibleCase(db, principal, id);
  return caseEvents(db, c.id);
}
