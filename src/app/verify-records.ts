import { type CaseEventRow, casePage, eventsOfCases } from '../db/cases.ts';
import type { Db } from '../db/database.ts';
import { unbalancedTransactions } from '../db/ledger.ts';
import { messagesOfOrders, threadPage } from '../db/messages.ts';
import { overRefundedOrders } from '../db/refunds.ts';
import { type DomainEvent, evolve, type ReturnCase } from '../domain/index.ts';
import { checkEventChain, checkMessageChain } from './verify-chains.ts';

export interface VerifyProblem {
  kind: 'event_chain' | 'case_state' | 'message_chain' | 'ledger' | 'refund_cap';
  /** The case, thread (order) or ledger transaction concerned. */
  subject: string;
  detail: string;
}

export interface VerifyReport {
  cases: number;
  events: number;
  threads: number;
  messages: number;
  problems: VerifyProblem[];
}

function toDomainEvent(row: CaseEventRow): DomainEvent {
  return {
    type: row.type,
    actor: { role: row.actorRole as DomainEvent['actor']['role'], id: row.actorId },
    at: row.at,
    payload: row.payload as Record<string, unknown>,
  };
}

/**
 * Checks every record Sendback keeps: each case's event chain (and that replaying its events gives
 * the stored case row), each order thread's message chain, that the wallet ledger balances and that
 * no order got back more than was paid. Reads a page of cases or threads at a time.
 */
export async function verifyRecords(
  db: Db,
  options: { page_size?: number; on_progress?: (report: VerifyReport) => void } = {},
): Promise<VerifyReport> {
  const pageSize = options.page_size ?? 500;
  const report: VerifyReport = { cases: 0, events: 0, threads: 0, messages: 0, problems: [] };

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
    for (const row of rows) {
      const list = byCase.get(row.caseId);
      if (list) list.push(row);
      else byCase.set(row.caseId, [row]);
    }
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
