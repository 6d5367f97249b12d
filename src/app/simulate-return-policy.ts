import { DateTime } from 'luxon';
import {
  casesOfOrders,
  casesRequestedBetween,
  countCasesRequestedBetween,
  eventsOfCases,
  type RequestedCaseKey,
  returnlessRequestsBetween,
  toDomainEvent,
} from '../db/cases.ts';
import { type Db, readOnly } from '../db/database.ts';
import { findOrders, type StoredOrder } from '../db/orders.ts';
import { findSeller } from '../db/users.ts';
import {
  type DecideContext,
  type DomainEvent,
  evolve,
  parsePolicy,
  type ReturnAddress,
  type ReturnCase,
  type ReturnPolicy,
  type SellerCalendar,
} from '../domain/index.ts';
import {
  type CaseFigures,
  caseFigures,
  type Divergence,
  replayUnderPolicy,
} from '../domain/what-if.ts';
import { buyerStanding, platformRules } from './buyer-standing.ts';
import { AppError, type FieldProblem } from './errors.ts';
import type { Principal } from './principal.ts';
import { calendarOf } from './seller-rules.ts';

// `POST /v1/sellers/{id}/return_policy/simulate`: what a draft policy would have changed over the
// shop's cases of a past period. Each case's record is replayed under the draft by the domain
// (src/domain/what-if.ts says how, and where a replay stops); this file loads the records a page
// at a time, in one read-only transaction, and adds up what the record and the draft count for.

/** The longest period one what-if covers, in days (both ends included). */
export const MAX_PERIOD_DAYS = 366;
/** The most cases one what-if replays (the oldest of the period first); the answer says when hit. */
export const MAX_SIMULATED_CASES = 1000;
/** How many changed cases the answer lists (all are counted). */
export const MAX_CHANGED_LISTED = 50;
const PAGE = 200;
const DAY_MS = 86_400_000;
// A buyer's returnless refunds are counted over at most the longest limit a policy may set.
const LONGEST_RETURNLESS_DAYS = 730;

export interface MoneyCount {
  currency: string;
  count: number;
  amount: number;
}

export interface FeesKept {
  currency: string;
  restocking_fees: number;
  deductions: number;
}

/** What a set of cases counts for, under the record or under the draft. */
export interface WhatIfFigures {
  auto_approvals: number;
  returnless_refunds: number;
  expiries: { total: number; by_deadline: { deadline: string; count: number }[] };
  refunds: { count: number; by_currency: MoneyCount[] };
  /** Kept by the seller from the refunds: restocking fees and inspection deductions. */
  fees: FeesKept[];
  /** Requests the draft would not have accepted (never in the record: they were accepted). */
  requests_refused: number;
}

export interface CaseChange {
  what: 'auto_approval' | 'returnless_refund' | 'expiry' | 'refund' | 'fees' | 'request_refused';
  /** For an expiry: the deadline. */
  deadline?: string;
  /** For a refund or fees: the currency. */
  currency?: string;
  /** 1/0 for yes/no, a count of expiries, or an amount; null for no refund. */
  actual: number | null;
  draft: number | null;
}

export interface ChangedCase {
  case_id: string;
  order_id: string;
  requested_at: Date;
  changes: CaseChange[];
  /** Where the replay stopped before the end of the record (its figures are the draft's there). */
  stopped: Divergence | null;
  refused: { code: string; message: string } | null;
}

export interface PolicySimulation {
  seller_id: string;
  time_zone: string;
  from: string;
  to: string;
  evaluated_at: Date;
  cases: {
    /** Requested in the period. */
    in_period: number;
    /** Replayed: the period's oldest, up to `limit`. */
    considered: number;
    limit: number;
    truncated: boolean;
    /** Replays that stopped at a divergence, or whose request the draft refused. */
    stopped: number;
  };
  actual: WhatIfFigures;
  draft: WhatIfFigures;
  /** draft - actual, field by field (a currency or deadline missing on one side counts 0). */
  difference: WhatIfFigures;
  changed_cases: ChangedCase[];
  changed_cases_total: number;
}

export interface SimulateInput {
  policy: unknown;
  from: string;
  to: string;
}

/**
 * The shop's staff, agents and operators may run a what-if; to anyone else the shop is not found.
 * Nothing is written: the reads run in a read-only transaction.
 */
export async function simulateReturnPolicy(
  db: Db,
  principal: Principal,
  sellerId: string,
  input: SimulateInput,
  now: Date,
): Promise<PolicySimulation> {
  const mayRun =
    principal.role === 'agent' ||
    principal.role === 'operator' ||
    (principal.role === 'seller' && principal.seller_id === sellerId);
  const seller = mayRun ? await findSeller(db, sellerId) : undefined;
  if (!seller) throw new AppError('not_found', 'Seller not found.');
  const parsed = parsePolicy(input.policy);
  const calendar = calendarOf(seller);
  const period = periodOf(input, calendar.time_zone, now);
  const fields = [
    ...(parsed.ok
      ? []
      : (parsed.error.details.fields ?? []).map((f) => ({
          path: f.path ? `body.policy.${f.path}` : 'body.policy',
          message: f.message,
        }))),
    ...period.errors,
  ];
  if (!parsed.ok || fields.length > 0) {
    throw new AppError('validation_failed', 'Some fields are invalid.', { fields });
  }
  const draft = parsed.value;
  return readOnly(db, async (tx) => {
    const range = { since: period.since, until: period.until };
    const inPeriod = await countCasesRequestedBetween(tx, sellerId, range);
    const standing = await buyerStandings(tx, sellerId, draft, range, now);
    const results: CaseResult[] = [];
    let after: RequestedCaseKey | null = null;
    while (results.length < MAX_SIMULATED_CASES) {
      const page = await casesRequestedBetween(
        tx,
        sellerId,
        range,
        after,
        Math.min(PAGE, MAX_SIMULATED_CASES - results.length),
      );
      if (!page.length) break;
      after = page.at(-1)!;
      results.push(...(await replayPage(tx, page, draft, calendar, standing, now)));
    }
    return summarize(results, {
      seller_id: sellerId,
      time_zone: calendar.time_zone,
      from: input.from,
      to: input.to,
      evaluated_at: now,
      in_period: inPeriod,
    });
  });
}

function periodOf(
  input: SimulateInput,
  zone: string,
  now: Date,
): { since: Date; until: Date; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const from = DateTime.fromISO(input.from, { zone });
  const to = DateTime.fromISO(input.to, { zone });
  if (!from.isValid) errors.push({ path: 'body.from', message: 'must be a date YYYY-MM-DD' });
  if (!to.isValid) errors.push({ path: 'body.to', message: 'must be a date YYYY-MM-DD' });
  if (from.isValid && to.isValid) {
    const today = DateTime.fromJSDate(now, { zone }).startOf('day');
    if (to < from) errors.push({ path: 'body.to', message: 'must not be before from' });
    else if (to.diff(from, 'days').days + 1 > MAX_PERIOD_DAYS) {
      errors.push({ path: 'body.from', message: `the period is at most ${MAX_PERIOD_DAYS} days` });
    }
    if (to > today) {
      errors.push({ path: 'body.to', message: "must not be after today (the shop's time zone)" });
    }
  }
  return {
    since: from.isValid ? from.toJSDate() : now,
    until: to.isValid ? to.plus({ days: 1 }).toJSDate() : now,
    errors,
  };
}

/** What the draft's automatic decisions read of each buyer, as of a request's time. */
interface Standings {
  /** Loads what `flagged` needs for these buyers (before a page is replayed). */
  prepare(buyerIds: string[]): Promise<void>;
  returnlessBefore(buyerId: string, at: Date): number;
  flagged(buyerId: string): boolean;
}

/**
 * A buyer's returnless refunds at the shop are counted from the record, over the draft's limit
 * period before each request. The platform's threshold is not recorded per request: it is judged
 * with today's rules and record, and only when the platform sets one.
 */
async function buyerStandings(
  db: Db,
  sellerId: string,
  draft: ReturnPolicy,
  range: { since: Date; until: Date },
  now: Date,
): Promise<Standings> {
  const returnless = await returnlessRequestsBetween(db, sellerId, {
    since: new Date(range.since.getTime() - LONGEST_RETURNLESS_DAYS * DAY_MS),
    until: range.until,
  });
  const rules = await platformRules(db);
  const anyThreshold = rules.max_cases_90_days !== null || rules.max_return_rate !== null;
  const flags = new Map<string, boolean>();
  return {
    prepare: async (buyerIds) => {
      if (!anyThreshold) return;
      for (const id of buyerIds) {
        if (flags.has(id)) continue;
        flags.set(id, (await buyerStanding(db, id, sellerId, draft, now)).flagged);
      }
    },
    returnlessBefore: (buyerId, at) => {
      const since = at.getTime() - draft.returnless_limit.days * DAY_MS;
      return returnless.filter(
        (r) => r.buyerId === buyerId && r.createdAt.getTime() >= since && r.createdAt < at,
      ).length;
    },
    flagged: (buyerId) => flags.get(buyerId) ?? false,
  };
}

interface CaseResult {
  key: RequestedCaseKey;
  actual: CaseFigures;
  draft: CaseFigures;
  stopped: Divergence | null;
  refused: { code: string; message: string } | null;
}

async function replayPage(
  db: Db,
  page: RequestedCaseKey[],
  draft: ReturnPolicy,
  calendar: SellerCalendar,
  standing: Standings,
  now: Date,
): Promise<CaseResult[]> {
  const orderIds = [...new Set(page.map((c) => c.orderId))];
  await standing.prepare([...new Set(page.map((c) => c.buyerId))]);
  const orders = await findOrders(db, orderIds);
  const siblings = await casesOfOrders(db, orderIds);
  const ids = [...new Set([...siblings.values()].flat().map((c) => c.id))];
  const records = new Map<string, DomainEvent[]>();
  for (const row of await eventsOfCases(db, ids)) {
    const list = records.get(row.caseId) ?? [];
    list.push(toDomainEvent(row));
    records.set(row.caseId, list);
  }
  return page.map((key) => {
    const recorded = records.get(key.id) ?? [];
    const order = orders.get(key.orderId) as StoredOrder;
    const others = (siblings.get(key.orderId) ?? []).filter((c) => c.id !== key.id);
    const address = recordedAddress(recorded);
    const contextAt = (at: Date): DecideContext => ({
      policy: draft,
      calendar,
      order,
      other_cases: others.flatMap((c) => {
        const folded = foldUntil(records.get(c.id) ?? [], at);
        return folded ? [folded] : [];
      }),
      return_address: address,
      buyer: {
        returnless_refunds_in_window: standing.returnlessBefore(key.buyerId, key.createdAt),
        flagged: standing.flagged(key.buyerId),
      },
    });
    const replay = replayUnderPolicy(recorded, contextAt, now);
    return {
      key,
      actual: caseFigures(recorded),
      draft: caseFigures(replay.events),
      stopped: replay.divergence,
      refused: replay.refused,
    };
  });
}

/** A case as its record stood at an instant (null before it was requested). */
function foldUntil(events: DomainEvent[], at: Date): ReturnCase | null {
  let c: ReturnCase | null = null;
  for (const e of events) {
    if (e.at.getTime() > at.getTime()) break;
    c = evolve(c, e);
  }
  return c;
}

/** The address a person's approval sent the buyer to: a seller approving under the draft needs one. */
function recordedAddress(events: DomainEvent[]): ReturnAddress | null {
  for (const e of events) {
    const address = e.payload.return_address;
    if (address && typeof address === 'object') return address as ReturnAddress;
  }
  return null;
}

function emptyFigures(): WhatIfFigures {
  return {
    auto_approvals: 0,
    returnless_refunds: 0,
    expiries: { total: 0, by_deadline: [] },
    refunds: { count: 0, by_currency: [] },
    fees: [],
    requests_refused: 0,
  };
}

function rowFor<T extends { currency: string }>(rows: T[], currency: string, blank: T): T {
  let row = rows.find((r) => r.currency === currency);
  if (!row) {
    row = blank;
    rows.push(row);
  }
  return row;
}

function add(into: WhatIfFigures, figures: CaseFigures, refused: boolean): void {
  if (refused) into.requests_refused++;
  if (figures.auto_approved) into.auto_approvals++;
  if (figures.returnless_refund) into.returnless_refunds++;
  for (const deadline of figures.expiries) {
    into.expiries.total++;
    const row = into.expiries.by_deadline.find((r) => r.deadline === deadline);
    if (row) row.count++;
    else into.expiries.by_deadline.push({ deadline, count: 1 });
  }
  const refund = figures.refund;
  if (refund) {
    into.refunds.count++;
    const money = rowFor(into.refunds.by_currency, refund.currency, {
      currency: refund.currency,
      count: 0,
      amount: 0,
    });
    money.count++;
    money.amount += refund.amount;
    const fees = rowFor(into.fees, refund.currency, {
      currency: refund.currency,
      restocking_fees: 0,
      deductions: 0,
    });
    fees.restocking_fees += refund.restocking_fee;
    fees.deductions += refund.deduction;
  }
}

/** draft - actual, with every deadline and currency either side has. */
function difference(actual: WhatIfFigures, draft: WhatIfFigures): WhatIfFigures {
  const keys = <T>(a: T[], b: T[], key: (x: T) => string) => [
    ...new Set([...a.map(key), ...b.map(key)]),
  ];
  const deadlines = keys(
    actual.expiries.by_deadline,
    draft.expiries.by_deadline,
    (r) => r.deadline,
  );
  const count = (f: WhatIfFigures, d: string) =>
    f.expiries.by_deadline.find((r) => r.deadline === d)?.count ?? 0;
  const money = (f: WhatIfFigures, c: string) =>
    f.refunds.by_currency.find((r) => r.currency === c);
  const fee = (f: WhatIfFigures, c: string) => f.fees.find((r) => r.currency === c);
  return {
    auto_approvals: draft.auto_approvals - actual.auto_approvals,
    returnless_refunds: draft.returnless_refunds - actual.returnless_refunds,
    expiries: {
      total: draft.expiries.total - actual.expiries.total,
      by_deadline: deadlines.map((d) => ({
        deadline: d,
        count: count(draft, d) - count(actual, d),
      })),
    },
    refunds: {
      count: draft.refunds.count - actual.refunds.count,
      by_currency: keys(
        actual.refunds.by_currency,
        draft.refunds.by_currency,
        (r) => r.currency,
      ).map((c) => ({
        currency: c,
        count: (money(draft, c)?.count ?? 0) - (money(actual, c)?.count ?? 0),
        amount: (money(draft, c)?.amount ?? 0) - (money(actual, c)?.amount ?? 0),
      })),
    },
    fees: keys(actual.fees, draft.fees, (r) => r.currency).map((c) => ({
      currency: c,
      restocking_fees:
        (fee(draft, c)?.restocking_fees ?? 0) - (fee(actual, c)?.restocking_fees ?? 0),
      deductions: (fee(draft, c)?.deductions ?? 0) - (fee(actual, c)?.deductions ?? 0),
    })),
    requests_refused: draft.requests_refused - actual.requests_refused,
  };
}

/** How one case's figures differ, as a list a page can show row by row. */
function changesOf(r: CaseResult): CaseChange[] {
  const { actual: a, draft: d } = r;
  const changes: CaseChange[] = [];
  if (r.refused) changes.push({ what: 'request_refused', actual: 0, draft: 1 });
  if (a.auto_approved !== d.auto_approved) {
    changes.push({
      what: 'auto_approval',
      actual: Number(a.auto_approved),
      draft: Number(d.auto_approved),
    });
  }
  if (a.returnless_refund !== d.returnless_refund) {
    changes.push({
      what: 'returnless_refund',
      actual: Number(a.returnless_refund),
      draft: Number(d.returnless_refund),
    });
  }
  for (const deadline of new Set([...a.expiries, ...d.expiries])) {
    const before = a.expiries.filter((x) => x === deadline).length;
    const after = d.expiries.filter((x) => x === deadline).length;
    if (before !== after) changes.push({ what: 'expiry', deadline, actual: before, draft: after });
  }
  const currency = a.refund?.currency ?? d.refund?.currency;
  if (
    a.refund?.amount !== d.refund?.amount ||
    (a.refund && d.refund && a.refund.currency !== d.refund.currency)
  ) {
    changes.push({
      what: 'refund',
      ...(currency ? { currency } : {}),
      actual: a.refund?.amount ?? null,
      draft: d.refund?.amount ?? null,
    });
  }
  const kept = (f: CaseFigures) => (f.refund ? f.refund.restocking_fee + f.refund.deduction : 0);
  if (kept(a) !== kept(d)) {
    changes.push({
      what: 'fees',
      ...(currency ? { currency } : {}),
      actual: kept(a),
      draft: kept(d),
    });
  }
  return changes;
}

function summarize(
  results: CaseResult[],
  meta: {
    seller_id: string;
    time_zone: string;
    from: string;
    to: string;
    evaluated_at: Date;
    in_period: number;
  },
): PolicySimulation {
  const actual = emptyFigures();
  const draft = emptyFigures();
  const changed: ChangedCase[] = [];
  let stopped = 0;
  for (const r of results) {
    add(actual, r.actual, false);
    add(draft, r.draft, r.refused !== null);
    if (r.stopped || r.refused) stopped++;
    const changes = changesOf(r);
    if (changes.length) {
      changed.push({
        case_id: r.key.id,
        order_id: r.key.orderId,
        requested_at: r.key.createdAt,
        changes,
        stopped: r.stopped,
        refused: r.refused,
      });
    }
  }
  for (const figures of [actual, draft]) {
    figures.expiries.by_deadline.sort((a, b) => a.deadline.localeCompare(b.deadline));
    figures.refunds.by_currency.sort((a, b) => a.currency.localeCompare(b.currency));
    figures.fees.sort((a, b) => a.currency.localeCompare(b.currency));
  }
  return {
    seller_id: meta.seller_id,
    time_zone: meta.time_zone,
    from: meta.from,
    to: meta.to,
    evaluated_at: meta.evaluated_at,
    cases: {
      in_period: meta.in_period,
      considered: results.length,
      limit: MAX_SIMULATED_CASES,
      truncated: results.length < meta.in_period,
      stopped,
    },
    actual,
    draft,
    difference: difference(actual, draft),
    changed_cases: changed.slice(0, MAX_CHANGED_LISTED),
    changed_cases_total: changed.length,
  };
}
