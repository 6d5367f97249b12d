import {
  type CaseEventRow,
  caseIdsOfOrders,
  casePage,
  eventsOfCases,
  returnlessRefundsOf,
  toDomainEvent,
} from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { unbalancedTransactions } from '../db/ledger.ts';
import { messagesOfOrders, threadPage } from '../db/messages.ts';
import { findOrders, type StoredOrder } from '../db/orders.ts';
import { overRefundedOrders } from '../db/refunds.ts';
import { findSellers, policyVersionsOf, type SellerRow } from '../db/users.ts';
import { evolve, type RecordedEvent, type ReturnCase, replayDecisions } from '../domain/index.ts';
import { calendarOf } from './seller-rules.ts';
import { checkEventChain, checkMessageChain } from './verify-chains.ts';

export interface VerifyProblem {
  kind:
    | 'event_chain'
    | 'case_state'
    | 'automatic_decision'
    | 'message_chain'
    | 'ledger'
    | 'refund_cap';
  /** The case, thread (order) or ledger transaction concerned. */
  subject: string;
  detail: string;
}

export interface VerifyReport {
  cases: number;
  events: number;
  /** Automatic decisions re-derived from their policy version (with `replay`). */
  decisions: number;
  threads: number;
  messages: number;
  problems: VerifyProblem[];
}

function toRecordedEvent(row: CaseEventRow): RecordedEvent {
  return { ...toDomainEvent(row), id: row.id, seq: row.seq };
}

type Case = { id: string; orderId: string; sellerId: string; buyerId: string };

/** What replaying a page's automatic decisions reads besides the cases' own events. */
interface ReplaySources {
  orders: Map<string, StoredOrder>;
  sellers: Map<string, SellerRow>;
  policies: Map<string, Map<number, unknown>>;
  /** Each order's case ids, the page's and their siblings on other pages. */
  casesOfOrder: Map<string, string[]>;
  /** Returnless refunds by buyer and shop (`buyer seller`). */
  returnless: Map<string, { event_id: string; at: Date }[]>;
}

async function replaySources(
  db: Db,
  cases: Case[],
  byCase: Map<string, CaseEventRow[]>,
): Promise<ReplaySources> {
  const orderIds = [...new Set(cases.map((c) => c.orderId))];
  const sellerIds = [...new Set(cases.map((c) => c.sellerId))];
  const [orders, sellers, policies, siblings, refunds] = await Promise.all([
    findOrders(db, orderIds),
    findSellers(db, sellerIds),
    policyVersionsOf(db, sellerIds),
    caseIdsOfOrders(db, orderIds),
    returnlessRefundsOf(db, [...new Set(cases.map((c) => c.buyerId))]),
  ]);
  const returnless = new Map<string, { event_id: string; at: Date }[]>();
  for (const r of refunds) {
    const key = `${r.buyerId} ${r.sellerId}`;
    const list = returnless.get(key) ?? [];
    list.push({ event_id: r.eventId, at: r.at });
    returnless.set(key, list);
  }
  const casesOfOrder = new Map<string, string[]>();
  for (const s of siblings) {
    const list = casesOfOrder.get(s.orderId);
    if (list) list.push(s.id);
    else casesOfOrder.set(s.orderId, [s.id]);
  }
  // Siblings on other pages: their events are read here (and checked on their own page).
  const elsewhere = siblings.filter((s) => !byCase.has(s.id)).map((s) => s.id);
  groupByCase(await eventsOfCases(db, elsewhere), byCase);
  return { orders, sellers, policies, casesOfOrder, returnless };
}

function groupByCase(rows: CaseEventRow[], byCase: Map<string, CaseEventRow[]>): void {
  for (const row of rows) {
    const list = byCase.get(row.caseId);
    if (list) list.push(row);
    else byCase.set(row.caseId, [row]);
  }
}

/**
 * Re-derives a case's automatic decisions from the policy versions they name (see
 * replayDecisions), with the order and the shop as stored now.
 */
function replayCase(
  c: Case,
  events: CaseEventRow[],
  sources: ReplaySources,
  byCase: Map<string, CaseEventRow[]>,
): { decisions: number; problems: VerifyProblem[] } {
  const problem = (detail: string): VerifyProblem => ({
    kind: 'automatic_decision',
    subject: c.id,
    detail,
  });
  const order = sources.orders.get(c.orderId);
  const seller = sources.sellers.get(c.sellerId);
  if (!order || !seller) return { decisions: 0, problems: [problem('its order or shop is gone')] };
  try {
    const result = replayDecisions({
      events: events.map(toRecordedEvent),
      order,
      policies: sources.policies.get(c.sellerId) ?? new Map(),
      // The calendar is not versioned: deadlines are recomputed in the shop's calendar of today.
      calendar: calendarOf(seller),
      siblings: (sources.casesOfOrder.get(c.orderId) ?? [])
        .filter((id) => id !== c.id)
        .map((id) => (byCase.get(id) ?? []).map(toRecordedEvent)),
      buyer_returnless: sources.returnless.get(`${c.buyerId} ${c.sellerId}`) ?? [],
    });
    return {
      decisions: result.decisions,
      problems: result.findings.map((f) =>
        problem(`event #${f.seq} (${f.event_id}) ${f.type}, rule ${f.rule ?? 'none'}: ${f.detail}`),
      ),
    };
  } catch (err) {
    return { decisions: 0, problems: [problem(`replay failed: ${(err as Error).message}`)] };
  }
}

/**
 * Checks every record Sendback keeps: each case's event chain (and that replaying its events gives
 * the stored case row), each order thread's message chain, that the wallet ledger balances and that
 * no order got back more than was paid. With `replay`, also re-derives every automatic decision
 * from the policy version it names: a chain only shows that nobody edited the record without
 * rewriting the hashes; replay shows that the decision is the one the policy makes. Reads a page
 * of cases or threads at a time.
 */
export async function verifyRecords(
  db: Db,
  options: {
    page_size?: number;
    replay?: boolean;
    on_progress?: (report: VerifyReport) => void;
  } = {},
): Promise<VerifyReport> {
  const pageSize = options.page_size ?? 500;
  const report: VerifyReport = {
    cases: 0,
    events: 0,
    decisions: 0,
    threads: 0,
    messages: 0,
    problems: [],
  };

  let after = '';
  for (;;) {
    const cases = await casePage(db, after, pageSize);
    if (!cases.length) break;
    after = cases.at(-1)!.id;
    const rows = await eventsOfCases(
      db,
      cases.map((c) => c.id),
    );
    const byCase = new Map<string, CaseEventRow[]>();
    groupByCase(rows, byCase);
    for (const c of cases) if (!byCase.has(c.id)) byCase.set(c.id, []);
    const sources = options.replay ? await replaySources(db, cases, byCase) : null;
    for (const c of cases) {
      const events = byCase.get(c.id) ?? [];
      report.cases++;
      report.events += events.length;
      const check = checkEventChain(events);
      if (!check.ok) {
        report.problems.push({
          kind: 'event_chain',
          subject: c.id,
          detail: `event #${check.broken!.seq} (${check.broken!.id}): ${check.broken!.reason}`,
        });
        continue;
      }
      let replayed: ReturnCase | null = null;
      try {
        for (const e of events) replayed = evolve(replayed, toDomainEvent(e));
      } catch (err) {
        report.problems.push({
          kind: 'case_state',
          subject: c.id,
          detail: `replay failed: ${(err as Error).message}`,
        });
        continue;
      }
      if (!replayed || replayed.state !== c.state || replayed.version !== c.version) {
        report.problems.push({
          kind: 'case_state',
          subject: c.id,
          detail: `row says ${c.state} v${c.version}, events say ${replayed?.state ?? 'nothing'} v${replayed?.version ?? 0}`,
        });
      }
      if (sources) {
        const replay = replayCase(c, events, sources, byCase);
        report.decisions += replay.decisions;
        report.problems.push(...replay.problems);
      }
    }
    options.on_progress?.(report);
  }

  let afterOrder = '';
  for (;;) {
    const threads = await threadPage(db, afterOrder, pageSize);
    if (!threads.length) break;
    afterOrder = threads.at(-1)!.orderId;
    const rows = await messagesOfOrders(
      db,
      threads.map((t) => t.orderId),
    );
    const byOrder = new Map<string, typeof rows>();
    for (const m of rows) {
      const list = byOrder.get(m.orderId);
      if (list) list.push(m);
      else byOrder.set(m.orderId, [m]);
    }
    for (const t of threads) {
      const messages = byOrder.get(t.orderId) ?? [];
      report.threads++;
      report.messages += messages.length;
      const check = checkMessageChain(messages);
      if (!check.ok) {
        report.problems.push({
          kind: 'message_chain',
          subject: t.orderId,
          detail: `message #${check.broken!.seq} (${check.broken!.id}): ${check.broken!.reason}`,
        });
      } else if ((messages.at(-1)?.hash ?? null) !== (messages.length ? t.lastHash : null)) {
        report.problems.push({
          kind: 'message_chain',
          subject: t.orderId,
          detail: 'the thread head does not point at its last message (a message was removed)',
        });
      }
    }
  }

  for (const t of await unbalancedTransactions(db)) {
    report.problems.push({
      kind: 'ledger',
      subject: t.id,
      detail: `entries sum to ${t.sum}, not 0`,
    });
  }
  for (const o of await overRefundedOrders(db)) {
    report.problems.push({
      kind: 'refund_cap',
      subject: o.order_id,
      detail: `refunded ${o.refunded} of ${o.paid} paid`,
    });
  }
  return report;
}
