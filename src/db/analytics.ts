import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';

// Reads of the analytics rollup. What each metric counts is defined once, where the rollup is
// written: the triggers of migration 0006_analytics (see the table there). The figures built from
// these rows (rates, shares) are defined in src/app/analytics.ts.

export type Granularity = 'day' | 'week' | 'month';

/** A calendar-date range, both ends included, in each shop's own calendar. */
export interface DayRange {
  from: string;
  to: string;
}

/** One shop, or every shop (the platform view). */
export interface AnalyticsScope {
  seller_id?: string | undefined;
}

/** Metrics counted per period (the time series); the others are summed over the whole range. */
const RANGE_ONLY = ['opened_sku', 'opened_category', 'delivered_sku', 'delivered_category'];

export interface RollupRow {
  /** First day of the period (clamped to the range's start); null for range-only metrics. */
  period: string | null;
  metric: string;
  dim: string;
  currency: string;
  n: number;
  amount: number;
  deduction: number;
  restocking_fee: number;
}

function scoped(scope: AnalyticsScope, column: SQL): SQL {
  return scope.seller_id ? sql`${column} = ${scope.seller_id}` : sql`true`;
}

/** The rollup of the range, summed per period (day, week from Monday, month), metric and breakdown. */
export async function rollup(
  db: Db,
  scope: AnalyticsScope,
  range: DayRange,
  granularity: Granularity,
): Promise<RollupRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select
        case when metric in ${RANGE_ONLY} then null
          else to_char(greatest(date_trunc(${granularity}, day::timestamp)::date, ${range.from}::date),
            'YYYY-MM-DD') end as period,
        metric, dim, currency,
        sum(n)::bigint as n, sum(amount)::bigint as amount, sum(deduction)::bigint as deduction,
        sum(restocking_fee)::bigint as restocking_fee
      from analytics_daily
      where ${scoped(scope, sql`seller_id`)}
        and day between ${range.from}::date and ${range.to}::date
      group by 1, metric, dim, currency`,
  );
  return rows.map((r) => ({
    period: (r.period as string | null) ?? null,
    metric: String(r.metric),
    dim: String(r.dim),
    currency: String(r.currency),
    n: Number(r.n),
    amount: Number(r.amount),
    deduction: Number(r.deduction),
    restocking_fee: Number(r.restocking_fee),
  }));
}

export interface RefundTimes {
  refunds: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

/**
 * Time from request to refund of the refunds paid in the range. Percentiles are continuous
 * (linear interpolation between the closest ranks, like a spreadsheet's PERCENTILE.INC): of n
 * sorted times t[0..n-1], the p-th is t[k] + f * (t[k+1] - t[k]) with k + f = p * (n - 1).
 */
export async function refundTimes(
  db: Db,
  scope: AnalyticsScope,
  range: DayRange,
): Promise<RefundTimes> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select count(*)::int as refunds,
        percentile_cont(0.5) within group (order by seconds) as median,
        percentile_cont(0.9) within group (order by seconds) as p90
      from analytics_refunds
      where ${scoped(scope, sql`seller_id`)}
        and day between ${range.from}::date and ${range.to}::date`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return {
    refunds: Number(row?.refunds ?? 0),
    median_seconds: num(row?.median),
    p90_seconds: num(row?.p90),
  };
}

export interface ShopRate {
  seller_id: string;
  name: string;
  seller_fault_cases: number;
  lines_delivered: number;
}

/** Per shop: requests for a seller-fault reason and order lines delivered in the range. */
export async function shopsBySellerFault(
  db: Db,
  range: DayRange,
  sellerFaultReasons: readonly string[],
  minLines: number,
  limit: number,
): Promise<ShopRate[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with per_shop as (
        select seller_id,
          coalesce(sum(n) filter (where metric = 'opened' and dim in ${sellerFaultReasons}), 0)
            as seller_fault_cases,
          coalesce(sum(n) filter (where metric = 'delivered_sku'), 0) as lines_delivered
        from analytics_daily
        where day between ${range.from}::date and ${range.to}::date
          and metric in ('opened', 'delivered_sku')
        group by seller_id
      )
      select p.seller_id, s.name, p.seller_fault_cases::bigint as seller_fault_cases,
        p.lines_delivered::bigint as lines_delivered
      from per_shop p join sellers s on s.id = p.seller_id
      where p.lines_delivered >= ${minLines} and p.lines_delivered > 0
      order by p.seller_fault_cases::float8 / p.lines_delivered desc,
        p.seller_fault_cases desc, p.seller_id
      limit ${limit}`,
  );
  return rows.map((r) => ({
    seller_id: String(r.seller_id),
    name: String(r.name),
    seller_fault_cases: Number(r.seller_fault_cases),
    lines_delivered: Number(r.lines_delivered),
  }));
}

// --- The cases behind the figures (CSV export) -------------------------------------------------

export interface CaseFilters {
  /** Which date the range applies to: the request's, or the refund's. */
  basis: 'requested' | 'refunded';
  /** Instants of the range: from the first day's midnight to the midnight after the last day. */
  start: Date;
  end: Date;
  reasons?: string[] | undefined;
  fault?: string | undefined;
  statuses?: string[] | undefined;
  type?: string | undefined;
  sku?: string | undefined;
  category?: string | undefined;
  destination?: string | undefined;
  /** Only cases that had this automatic outcome (a metric of the rollup), or any of them. */
  automatic?: string | undefined;
}

/** Keyset position: the basis instant and id of the last row of the previous page. */
export interface CaseKey {
  at: Date;
  id: string;
}

export interface CaseExportRow {
  id: string;
  order_id: string;
  requested_at: Date;
  status: string;
  outcome: string | null;
  type: string;
  reason: string;
  fault: string;
  /** Distinct, sorted; the CSV joins them into one cell after neutralizing each. */
  skus: string[];
  categories: string[];
  quantity: number;
  currency: string;
  refund_amount: number | null;
  refund_destination: string | null;
  deduction: number | null;
  restocking_fee: number | null;
  refunded_at: Date | null;
  seconds_to_refund: number | null;
  due_at: Date | null;
  disputed_at: Date | null;
  ruling: string | null;
  /** The automatic outcomes the case had (auto_approved, auto_refunded, auto_closed), sorted. */
  automatic: string[];
  /** The keyset instant (requested_at or refunded_at). */
  key_at: Date;
}

const date = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** A jsonb array of strings (null when the aggregate had no rows). */
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** One page of a shop's cases for the export, in basis order (time, then id). */
export async function caseExportPage(
  db: Db,
  sellerId: string,
  f: CaseFilters,
  after: CaseKey | undefined,
  limit: number,
): Promise<CaseExportRow[]> {
  const refunded = f.basis === 'refunded';
  const keyAt = refunded ? sql`r.refunded_at` : sql`c.created_at`;
  const keyId = refunded ? sql`r.case_id` : sql`c.id`;
  const where: SQL[] = [
    refunded ? sql`r.seller_id = ${sellerId}` : sql`c.seller_id = ${sellerId}`,
    sql`${keyAt} >= ${f.start.toISOString()}::timestamptz`,
    sql`${keyAt} < ${f.end.toISOString()}::timestamptz`,
  ];
  if (refunded) where.push(sql`c.seller_id = ${sellerId}`);
  if (after) {
    where.push(sql`(${keyAt}, ${keyId}) > (${after.at.toISOString()}::timestamptz, ${after.id})`);
  }
  if (f.reasons?.length) where.push(sql`c.reason in ${f.reasons}`);
  if (f.fault) where.push(sql`c.fault = ${f.fault}`);
  if (f.statuses?.length) where.push(sql`c.state in ${f.statuses}`);
  if (f.type) where.push(sql`c.type = ${f.type}`);
  if (f.destination) where.push(sql`c.data->>'refund_destination' = ${f.destination}`);
  if (f.sku || f.category) {
    where.push(sql`exists (
      select 1 from return_lines rl
      cross join lateral (select ol.sku, ol.category from order_lines ol where ol.id = rl.order_line_id) l
      where rl.case_id = c.id
        ${f.sku ? sql`and l.sku = ${f.sku}` : sql``}
        ${f.category ? sql`and l.category = ${f.category}` : sql``})`);
  }
  if (f.automatic) {
    where.push(sql`exists (
      select 1 from case_events e
      where e.case_id = c.id
        and sendback_analytics_metric(e.type, e.actor_role, e.payload->>'cause') in ${
          f.automatic === 'any' ? ['auto_approved', 'auto_refunded', 'auto_closed'] : [f.automatic]
        })`);
  }
  const from = refunded
    ? sql`analytics_refunds r join return_cases c on c.id = r.case_id`
    : sql`return_cases c left join analytics_refunds r on r.case_id = c.id`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select c.id, c.order_id, c.created_at, c.state, c.outcome, c.type, c.reason, c.fault,
        c.currency, c.due_at,
        case when c.state in ('refund_pending', 'refund_failed', 'refunded')
          then c.refund_amount end as refund_amount,
        case when c.state in ('refund_pending', 'refund_failed', 'refunded')
          then c.data->>'refund_destination' end as refund_destination,
        case when jsonb_typeof(c.data->'refund_breakdown'->'agreed_amount') is distinct from 'number'
          then (c.data->'refund_breakdown'->>'deduction')::bigint end as deduction,
        case when jsonb_typeof(c.data->'refund_breakdown'->'agreed_amount') is distinct from 'number'
          then (c.data->'refund_breakdown'->>'restocking_fee')::bigint end as restocking_fee,
        r.refunded_at, r.seconds as seconds_to_refund,
        c.data->'dispute'->>'opened_at' as disputed_at,
        c.data->'ruling'->>'for' as ruling,
        lines.skus, lines.categories, lines.quantity,
        (select jsonb_agg(m order by m) from (
          select distinct sendback_analytics_metric(e.type, e.actor_role, e.payload->>'cause') as m
          from case_events e where e.case_id = c.id
        ) x where m in ('auto_approved', 'auto_refunded', 'auto_closed')) as automatic,
        ${keyAt} as key_at
      from ${from}
      left join lateral (
        select jsonb_agg(distinct l.sku) as skus,
          jsonb_agg(distinct l.category) as categories,
          coalesce(sum(rl.quantity), 0)::int as quantity
        from return_lines rl
        -- Correlated, so each line is one index lookup whatever the statistics say.
        cross join lateral (
          select ol.sku, ol.category from order_lines ol where ol.id = rl.order_line_id
        ) l
        where rl.case_id = c.id
      ) lines on true
      where ${sql.join(where, sql` and `)}
      order by ${keyAt}, ${keyId}
      limit ${limit}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    order_id: String(r.order_id),
    requested_at: date(r.created_at) as Date,
    status: String(r.state),
    outcome: (r.outcome as string | null) ?? null,
    type: String(r.type),
    reason: String(r.reason),
    fault: String(r.fault),
    skus: texts(r.skus),
    categories: texts(r.categories),
    quantity: Number(r.quantity ?? 0),
    currency: String(r.currency),
    refund_amount: num(r.refund_amount),
    refund_destination: (r.refund_destination as string | null) ?? null,
    deduction: num(r.deduction),
    restocking_fee: num(r.restocking_fee),
    refunded_at: date(r.refunded_at),
    seconds_to_refund: num(r.seconds_to_refund),
    due_at: date(r.due_at),
    disputed_at: date(r.disputed_at),
    ruling: (r.ruling as string | null) ?? null,
    automatic: texts(r.automatic),
    key_at: date(r.key_at) as Date,
  }));
}

/**
 * The instants a range of calendar days starts and ends in a time zone (the midnight after its last
 * day), by the database's zone rules, as the rollup counts days.
 */
export async function rangeInstants(
  db: Db,
  timeZone: string,
  range: DayRange,
): Promise<{ start: Date; end: Date }> {
  const [row] = await queryRows<{ start_at: unknown; end_at: unknown }>(
    db,
    sql`
      select (${range.from}::date::timestamp at time zone sendback_zone(${timeZone})) as start_at,
        ((${range.to}::date + 1)::timestamp at time zone sendback_zone(${timeZone})) as end_at`,
  );
  return { start: date(row?.start_at) as Date, end: date(row?.end_at) as Date };
}
