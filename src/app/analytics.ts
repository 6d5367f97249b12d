import { DateTime, IANAZone } from 'luxon';
import {
  type AnalyticsScope,
  type CaseExportRow,
  type CaseFilters,
  type CaseKey,
  caseExportPage,
  type DayRange,
  type Granularity,
  type RefundTimes,
  type RollupRow,
  rangeInstants,
  refundTimes,
  rollup,
  shopsBySellerFault,
} from '../db/analytics.ts';
import type { Db } from '../db/database.ts';
import { findSeller, type SellerRow } from '../db/users.ts';
import { type Fault, isCurrency, minorUnits, REASONS, type ReasonCode } from '../domain/index.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

// Seller analytics. The rollup (migration 0006_analytics) counts events per shop and shop-local
// day; this file defines every figure the API answers from those counts, once, with its formula.
// A range is calendar days, both ends included, in the shop's time zone (the platform view adds
// up each shop's own days). Money is never added across currencies.

export type { Granularity } from '../db/analytics.ts';

/** The longest range one call may cover. */
export const MAX_RANGE_DAYS = 3 * 366;
/** Default range: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
/** How many SKUs and categories an answer lists at most (the highest return rates first). */
export const MAX_BREAKDOWN_ROWS = 200;

/** a / b, or null when b is 0 (no rate can be given). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export interface RateRow {
  cases: number;
  lines_delivered: number;
  /** cases / lines_delivered; null when nothing was delivered in the range. */
  rate: number | null;
}

export interface PeriodFigures {
  /** First day of the period (a day, a week from Monday, a month), clamped to the range. */
  period: string;
  cases: number;
  cases_by_reason: Record<ReasonCode, number>;
  refunds: { currency: string; destination: string; refunds: number; amount: number }[];
  decisions_on_time: number;
  deadlines_missed: number;
  compliance: number | null;
  auto_approved: number;
  auto_refunded: number;
  auto_closed: number;
  disputes_opened: number;
}

export interface Figures {
  seller_id: string | null;
  time_zone: string | null;
  from: string;
  to: string;
  granularity: Granularity;
  cases: {
    opened: number;
    by_reason: { reason: ReasonCode; fault: Fault; cases: number }[];
    by_fault: { fault: Fault; cases: number }[];
  };
  return_rate: RateRow & {
    by_sku: (RateRow & { sku: string })[];
    by_category: (RateRow & { category: string })[];
    truncated: boolean;
  };
  refunds: {
    by_destination: { currency: string; destination: string; refunds: number; amount: number }[];
    by_currency: {
      currency: string;
      refunds: number;
      amount: number;
      deductions: number;
      restocking_fees: number;
    }[];
    time_to_refund: RefundTimes;
  };
  deadlines: {
    decisions_on_time: number;
    deadlines_missed: number;
    compliance: number | null;
    automatic: { auto_approved: number; auto_refunded: number; auto_closed: number };
  };
  disputes: { opened: number; ruled_for_buyer: number; ruled_for_seller: number };
  /**
   * Appeals of rulings and automatic refunds: how many were appealed (per ruling or automatic
   * refund in the range) and how many of those decided were overturned.
   */
  appeals: {
    appealed: number;
    upheld: number;
    overturned: number;
    appeal_rate: number | null;
    overturn_rate: number | null;
  };
  /** Returned units by what the seller did with them at inspection, per SKU (most units first). */
  dispositions: { sku: string; resellable: number; damaged: number; destroy: number }[];
  series: PeriodFigures[];
}

export interface ShopRank {
  seller_id: string;
  name: string;
  seller_fault_cases: number;
  lines_delivered: number;
  /** seller_fault_cases / lines_delivered. */
  rate: number;
}

export type PlatformFigures = Figures & { top_shops: ShopRank[] };

const REASON_CODES = REASONS.map((r) => r.code);
const FAULT_OF = new Map(REASONS.map((r) => [r.code as string, r.fault]));
const SELLER_FAULT = REASONS.filter((r) => r.fault === 'seller').map((r) => r.code);

/**
 * Every figure of a range from its rollup rows (see the metric table of migration 0006):
 *
 * - cases opened = requests filed (`opened`), by reason as filed; fault follows the reason.
 * - return rate = cases opened / order lines delivered. Per SKU (category): cases opened that
 *   include a line of the SKU (category) / order lines of the SKU (category) delivered.
 * - refunded amount = sum of refunds paid, per destination and currency; deductions and
 *   restocking fees kept = what the policy calculation withheld from those refunds, per currency.
 * - time from request to refund = median and 90th percentile over the refunds paid (refundTimes).
 * - deadline compliance = decisions on time / (decisions on time + deadlines missed), where a
 *   decision on time is a seller's decision on a deadline-bound step (`decided`: the domain
 *   refuses it once due) and a deadline missed is the seller's deadline expiring instead
 *   (`auto_approved` + `auto_refunded`). Automatic outcomes by kind: auto-approved (review
 *   expired), auto-refunded (receiving or inspection expired), auto-closed (the buyer's contest or
 *   shipping deadline expired).
 * - disputes opened = escalations; rulings = agents' rulings, for the buyer or the seller.
 */
export function figuresOf(
  rows: RollupRow[],
  times: RefundTimes,
  head: { seller_id: string | null; time_zone: string | null; range: DayRange },
  granularity: Granularity,
): Figures {
  const sum = (metric: string, where: (r: RollupRow) => boolean = () => true) =>
    rows.filter((r) => r.metric === metric && where(r)).reduce((s, r) => s + r.n, 0);
  const byDim = (metric: string) => {
    const out = new Map<string, number>();
    for (const r of rows) if (r.metric === metric) out.set(r.dim, (out.get(r.dim) ?? 0) + r.n);
    return out;
  };

  const opened = sum('opened');
  const reasons = byDim('opened');
  const byReason = REASON_CODES.map((reason) => ({
    reason,
    fault: FAULT_OF.get(reason) as Fault,
    cases: reasons.get(reason) ?? 0,
  }));
  const faultCases = (fault: Fault) =>
    byReason.filter((r) => r.fault === fault).reduce((s, r) => s + r.cases, 0);

  const rateRows = (kind: 'sku' | 'category') => {
    const cases = byDim(`opened_${kind}`);
    const lines = byDim(`delivered_${kind}`);
    const keys = new Set([...cases.keys(), ...lines.keys()]);
    return [...keys]
      .map((key) => {
        const c = cases.get(key) ?? 0;
        const l = lines.get(key) ?? 0;
        return { key, cases: c, lines_delivered: l, rate: ratio(c, l) };
      })
      .sort(
        (a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.cases - a.cases || (a.key < b.key ? -1 : 1),
      );
  };
  const skus = rateRows('sku');
  const categories = rateRows('category');
  const linesDelivered = sum('delivered_sku');

  const refundRows = rows.filter((r) => r.metric === 'refunded');
  const byDestination = new Map<
    string,
    { currency: string; destination: string; refunds: number; amount: number }
  >();
  const byCurrency = new Map<
    string,
    {
      currency: string;
      refunds: number;
      amount: number;
      deductions: number;
      restocking_fees: number;
    }
  >();
  for (const r of refundRows) {
    const key = `${r.currency} ${r.dim}`;
    const d = byDestination.get(key) ?? {
      currency: r.currency,
      destination: r.dim,
      refunds: 0,
      amount: 0,
    };
    d.refunds += r.n;
    d.amount += r.amount;
    byDestination.set(key, d);
    const c = byCurrency.get(r.currency) ?? {
      currency: r.currency,
      refunds: 0,
      amount: 0,
      deductions: 0,
      restocking_fees: 0,
    };
    c.refunds += r.n;
    c.amount += r.amount;
    c.deductions += r.deduction;
    c.restocking_fees += r.restocking_fee;
    byCurrency.set(r.currency, c);
  }
  const inOrder = <T extends { currency: string }>(m: Map<string, T>) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);

  const dispositions = new Map<
    string,
    { sku: string; resellable: number; damaged: number; destroy: number }
  >();
  for (const [dim, units] of byDim('disposition')) {
    const [kind, ...rest] = dim.split(':');
    const sku = rest.join(':');
    const row = dispositions.get(sku) ?? { sku, resellable: 0, damaged: 0, destroy: 0 };
    if (kind === 'resellable' || kind === 'damaged' || kind === 'destroy') row[kind] += units;
    dispositions.set(sku, row);
  }
  const total = (d: { resellable: number; damaged: number; destroy: number }) =>
    d.resellable + d.damaged + d.destroy;

  const decisions = sum('decided');
  const missed = sum('auto_approved') + sum('auto_refunded');

  return {
    seller_id: head.seller_id,
    time_zone: head.time_zone,
    from: head.range.from,
    to: head.range.to,
    granularity,
    cases: {
      opened,
      by_reason: byReason,
      by_fault: (['seller', 'buyer'] as const).map((fault) => ({
        fault,
        cases: faultCases(fault),
      })),
    },
    return_rate: {
      cases: opened,
      lines_delivered: linesDelivered,
      rate: ratio(opened, linesDelivered),
      by_sku: skus.slice(0, MAX_BREAKDOWN_ROWS).map(({ key, ...r }) => ({ sku: key, ...r })),
      by_category: categories
        .slice(0, MAX_BREAKDOWN_ROWS)
        .map(({ key, ...r }) => ({ category: key, ...r })),
      truncated: skus.length > MAX_BREAKDOWN_ROWS || categories.length > MAX_BREAKDOWN_ROWS,
    },
    refunds: {
      by_destination: inOrder(byDestination),
      by_currency: inOrder(byCurrency),
      time_to_refund: times,
    },
    dispositions: [...dispositions.values()]
      .sort((a, b) => total(b) - total(a) || (a.sku < b.sku ? -1 : 1))
      .slice(0, MAX_BREAKDOWN_ROWS),
    deadlines: {
      decisions_on_time: decisions,
      deadlines_missed: missed,
      compliance: ratio(decisions, decisions + missed),
      automatic: {
        auto_approved: sum('auto_approved'),
        auto_refunded: sum('auto_refunded'),
        auto_closed: sum('auto_closed'),
      },
    },
    disputes: {
      opened: sum('dispute_opened'),
      ruled_for_buyer: sum('ruled', (r) => r.dim === 'buyer'),
      ruled_for_seller: sum('ruled', (r) => r.dim === 'seller'),
    },
    appeals: {
      appealed: sum('appealed'),
      upheld: sum('appeal_decided', (r) => r.dim === 'appeal_upheld'),
      overturned: sum('appeal_decided', (r) => r.dim === 'appeal_overturned'),
      appeal_rate: ratio(sum('appealed'), sum('ruled') + sum('auto_refunded')),
      overturn_rate: ratio(
        sum('appeal_decided', (r) => r.dim === 'appeal_overturned'),
        sum('appeal_decided'),
      ),
    },
    series: seriesOf(rows, head.range, granularity),
  };
}

/** The same figures per period, every period of the range present (zeros where nothing happened). */
function seriesOf(rows: RollupRow[], range: DayRange, granularity: Granularity): PeriodFigures[] {
  const periods = new Map(
    periodsOf(range, granularity).map((period) => [
      period,
      {
        period,
        cases: 0,
        cases_by_reason: Object.fromEntries(REASON_CODES.map((r) => [r, 0])) as Record<
          ReasonCode,
          number
        >,
        refunds: [] as PeriodFigures['refunds'],
        decisions_on_time: 0,
        deadlines_missed: 0,
        compliance: null as number | null,
        auto_approved: 0,
        auto_refunded: 0,
        auto_closed: 0,
        disputes_opened: 0,
      },
    ]),
  );
  for (const r of rows) {
    const p = r.period === null ? undefined : periods.get(r.period);
    if (!p) continue;
    switch (r.metric) {
      case 'opened':
        p.cases += r.n;
        if (r.dim in p.cases_by_reason) p.cases_by_reason[r.dim as ReasonCode] += r.n;
        break;
      case 'refunded':
        p.refunds.push({
          currency: r.currency,
          destination: r.dim,
          refunds: r.n,
          amount: r.amount,
        });
        break;
      case 'decided':
        p.decisions_on_time += r.n;
        break;
      case 'auto_approved':
      case 'auto_refunded':
        p[r.metric] += r.n;
        p.deadlines_missed += r.n;
        break;
      case 'auto_closed':
        p.auto_closed += r.n;
        break;
      case 'dispute_opened':
        p.disputes_opened += r.n;
        break;
    }
  }
  return [...periods.values()].map((p) => ({
    ...p,
    refunds: p.refunds.sort((a, b) =>
      a.currency === b.currency
        ? a.destination < b.destination
          ? -1
          : 1
        : a.currency < b.currency
          ? -1
          : 1,
    ),
    compliance: ratio(p.decisions_on_time, p.decisions_on_time + p.deadlines_missed),
  }));
}

// --- Calendar days ------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date between 2000 and 2100 as YYYY-MM-DD, or null. */
export function parseDay(value: string): number | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return null;
  const ms = Date.UTC(y, mo - 1, d);
  return new Date(ms).getUTCDate() === d && new Date(ms).getUTCMonth() === mo - 1 ? ms : null;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of each period of the range: its start, then every later period boundary. */
export function periodsOf(range: DayRange, granularity: Granularity): string[] {
  const end = parseDay(range.to) as number;
  let at = parseDay(range.from) as number;
  const out: string[] = [];
  while (at <= end) {
    out.push(dayOf(at));
    const d = new Date(at);
    if (granularity === 'day') at += DAY_MS;
    else if (granularity === 'week') at += (7 - ((d.getUTCDay() + 6) % 7)) * DAY_MS;
    else at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return out;
}

function zoneOrUtc(zone: string | null): string {
  return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
}

/**
 * The range asked for: `to` defaults to today in the zone, `from` to 29 days before `to`. Both
 * are calendar dates, both included; `from` may not follow `to`, nor the range exceed the limit.
 */
export function resolveRange(
  query: { from?: string | undefined; to?: string | undefined },
  zone: string | null,
  now: Date,
): DayRange {
  const bad = (field: 'from' | 'to', message: string) =>
    new AppError('validation_failed', `${field}: ${message}`, {
      fields: [{ path: `querystring.${field}`, message }],
    });
  const today = DateTime.fromJSDate(now, { zone: zoneOrUtc(zone) }).toISODate() as string;
  const to = query.to ?? (query.from ? dayOf((parseDay(query.from) ?? 0) + 29 * DAY_MS) : today);
  const toMs = parseDay(to);
  if (toMs === null) throw bad('to', 'must be a date YYYY-MM-DD between 2000 and 2100');
  const from = query.from ?? dayOf(toMs - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  const fromMs = parseDay(from);
  if (fromMs === null) throw bad('from', 'must be a date YYYY-MM-DD between 2000 and 2100');
  if (fromMs > toMs) throw bad('from', 'must not be after to');
  if ((toMs - fromMs) / DAY_MS + 1 > MAX_RANGE_DAYS) {
    throw bad('to', `the range may cover at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to };
}

// --- Who may see what ---------------------------------------------------------------------------

/** A shop's staff see their shop; agents and operators every shop; anyone else finds nothing. */
export async function shopInReach(
  db: Db,
  principal: Principal,
  sellerId: string,
): Promise<SellerRow> {
  const seller = await findSeller(db, sellerId);
  const visible =
    seller &&
    (principal.role === 'agent' ||
      principal.role === 'operator' ||
      (principal.role === 'seller' && principal.seller_id === sellerId));
  if (!visible) throw new AppError('not_found', 'Seller not found.');
  return seller;
}

function requireStaff(principal: Principal, ...roles: Principal['role'][]): void {
  if (!roles.includes(principal.role)) {
    throw new AppError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
  }
}

export interface AnalyticsQuery {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
}

/** GET /v1/sellers/{id}/analytics: one shop's figures (the shop's staff, agents, operators). */
export async function sellerAnalytics(
  db: Db,
  principal: Principal,
  sellerId: string,
  query: AnalyticsQuery,
  now: Date,
): Promise<Figures> {
  requireStaff(principal, 'seller', 'agent', 'operator');
  const seller = await shopInReach(db, principal, sellerId);
  const range = resolveRange(query, seller.timeZone, now);
  const scope: AnalyticsScope = { seller_id: seller.id };
  const [rows, times] = await Promise.all([
    rollup(db, scope, range, query.granularity),
    refundTimes(db, scope, range),
  ]);
  return figuresOf(
    rows,
    times,
    { seller_id: seller.id, time_zone: seller.timeZone, range },
    query.granularity,
  );
}

/** GET /v1/analytics: every shop's figures added up, and the shops with the most seller-fault returns. */
export async function platformAnalytics(
  db: Db,
  principal: Principal,
  query: AnalyticsQuery & { min_lines: number; shops: number },
  now: Date,
): Promise<PlatformFigures> {
  requireStaff(principal, 'agent', 'operator');
  const range = resolveRange(query, null, now);
  const [rows, times, shops] = await Promise.all([
    rollup(db, {}, range, query.granularity),
    refundTimes(db, {}, range),
    shopsBySellerFault(db, range, SELLER_FAULT, query.min_lines, query.shops),
  ]);
  return {
    ...figuresOf(rows, times, { seller_id: null, time_zone: null, range }, query.granularity),
    // The seller-fault return rate of a shop = its cases opened for a seller-fault reason / its
    // order lines delivered, over the range; shops with fewer lines than min_lines are left out.
    top_shops: shops.map((s) => ({
      ...s,
      rate: ratio(s.seller_fault_cases, s.lines_delivered) ?? 0,
    })),
  };
}

// --- CSV export ---------------------------------------------------------------------------------

export type ExportQuery = Omit<CaseFilters, 'start' | 'end'> & {
  from?: string | undefined;
  to?: string | undefined;
};

const EXPORT_PAGE = 500;

export const CSV_COLUMNS = [
  'case_id',
  'order_id',
  'requested_at',
  'status',
  'outcome',
  'type',
  'reason',
  'fault',
  'skus',
  'categories',
  'quantity',
  'currency',
  'refund_amount',
  'refund_destination',
  'deduction',
  'restocking_fee',
  'refunded_at',
  'hours_to_refund',
  'due_at',
  'disputed_at',
  'ruling',
  'automatic_outcomes',
] as const;

/** What a spreadsheet runs as a formula when a cell starts with it (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that would start a formula gets a leading apostrophe, so it shows as text instead. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, semicolon, quote or line break, quotes
 * doubled. Text that a spreadsheet would run as a formula gets a leading apostrophe, so an
 * exported SKU can never execute. The semicolon is quoted too because spreadsheets in many
 * locales split cells on it: quoted, a list joined with it stays one cell.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Several values in one cell, joined with `;`. Each value is neutralized before the join, so none
 * can start a formula wherever a spreadsheet splits the cell (`MUG-01;=HYPERLINK(...)`).
 */
export function csvList(values: readonly string[] | null): string | null {
  return values?.length ? values.map(neutralizeFormula).join(';') : null;
}

/** Minor units as a decimal in the currency's major unit (1250 USD → 12.50), for spreadsheets. */
export function decimalAmount(minor: number | null, currency: string): string | null {
  if (minor === null) return null;
  const digits = isCurrency(currency) ? minorUnits(currency) : 2;
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

function csvLine(r: CaseExportRow): string {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const values: (string | number | null)[] = [
    r.id,
    r.order_id,
    iso(r.requested_at),
    r.status,
    r.outcome,
    r.type,
    r.reason,
    r.fault,
    csvList(r.skus),
    csvList(r.categories),
    r.quantity,
    r.currency,
    decimalAmount(r.refund_amount, r.currency),
    r.refund_destination,
    decimalAmount(r.deduction, r.currency),
    decimalAmount(r.restocking_fee, r.currency),
    iso(r.refunded_at),
    r.seconds_to_refund === null ? null : (r.seconds_to_refund / 3600).toFixed(1),
    iso(r.due_at),
    iso(r.disputed_at),
    r.ruling,
    csvList(r.automatic),
  ];
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * GET /v1/sellers/{id}/analytics/cases.csv: the shop's cases behind a figure, with the same range
 * and filters. Checks access and input first (so errors are answered as problems), then streams
 * keyset pages of EXPORT_PAGE rows: memory stays flat however many cases match.
 */
export async function exportCases(
  db: Db,
  principal: Principal,
  sellerId: string,
  query: ExportQuery,
  now: Date,
): Promise<{ filename: string; lines: AsyncGenerator<string> }> {
  requireStaff(principal, 'seller', 'agent', 'operator');
  const seller = await shopInReach(db, principal, sellerId);
  const range = resolveRange(query, seller.timeZone, now);
  const { start, end } = await rangeInstants(db, seller.timeZone, range);
  const filters: CaseFilters = { ...query, start, end };
  async function* lines(): AsyncGenerator<string> {
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    let after: CaseKey | undefined;
    for (;;) {
      const page = await caseExportPage(db, seller.id, filters, after, EXPORT_PAGE);
      if (page.length) yield page.map(csvLine).join('');
      const last = page.at(-1);
      if (!last || page.length < EXPORT_PAGE) return;
      after = { at: last.key_at, id: last.id };
    }
  }
  return {
    filename: `returns-${seller.id}-${range.from}-${range.to}.csv`,
    lines: lines(),
  };
}
