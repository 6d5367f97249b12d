/**
 * Seller analytics benchmark (issue 10, item 2).
 *
 *   npx tsx bench/analytics.ts [--url postgres://postgres@127.0.0.1:5432/postgres]
 *     [--cases 1000000] [--sellers 10] [--calls 30] [--max-seconds 1500] [--out FILE] [--keep]
 *
 * On a fresh PostgreSQL database (created from --url's server, dropped at the end unless --keep):
 * migrates, bulk-loads --cases cases over --sellers shops with `seedBulkCases` (the triggers keep
 * the analytics rollup current while it loads, as they do for every writer), VACUUM ANALYZEs as
 * autovacuum would, then answers the analytics call of the largest shop over its last year
 * in-process (app.inject: routing, validation, queries, serialisation) --calls times per variant
 * and reports p50/p99. Also: EXPLAIN (ANALYZE, BUFFERS) of the queries behind the call, the same
 * figures computed from the base tables with indexes instead of the rollup (the alternative that
 * was measured and rejected), and what the triggers cost a write. Prints markdown (and writes it to
 * --out). Stops itself after --max-seconds.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { SystemClock } from '../src/app/clock.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, type Db, openDatabase, queryRows } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedBulkCases } from '../src/demo/bulk-cases.ts';
import { buildApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    cases: { type: 'string', default: '1000000' },
    sellers: { type: 'string', default: '10' },
    calls: { type: 'string', default: '30' },
    'max-seconds': { type: 'string', default: '1500' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const CASES = Number(args.cases);
const SELLERS = Number(args.sellers);
const CALLS = Number(args.calls);
const DEADLINE = Date.now() + Number(args['max-seconds']) * 1000;
const TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;

const started = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
const log = (msg: string) => process.stderr.write(`[${elapsed().toFixed(1)} s] ${msg}\n`);
const out: string[] = [];
const say = (md = '') => {
  out.push(md);
  process.stdout.write(`${md}\n`);
};

function checkTime(phase: string) {
  if (Date.now() > DEADLINE) throw new Error(`out of time (--max-seconds) before ${phase}`);
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}
const ms = (v: number) => v.toFixed(v < 10 ? 2 : 1);
function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - t0) / 1e6];
}

async function explain(db: Db, query: SQL): Promise<string> {
  const rows = await queryRows<{ 'QUERY PLAN': string }>(
    db,
    sql`explain (analyze, buffers, costs off) ${query}`,
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function main() {
  const name = `sendback_bench_analytics_${Date.now().toString(36)}`;
  const url = new URL(args.url);
  await admin(url.toString(), `create database ${name}`);
  url.pathname = `/${name}`;
  log(`database ${name}`);
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: url.toString(), poolSize: 4 });
    const db = database.db;
    await migrate(db);
    const now = new Date();

    // 1. Load. The rollup is written by the triggers inside each batch's transaction.
    checkTime('the load');
    const [, loadMs] = await timed(() =>
      seedBulkCases(db, CASES, now, {
        sellers: SELLERS,
        parallel: 2,
        log: (m) => log(m),
      }),
    );
    log('vacuum analyze');
    const [, vacuumMs] = await timed(() => db.execute(sql`vacuum analyze`));
    const [sizes] = await queryRows<Record<string, string>>(
      db,
      sql`select
        (select count(*) from return_cases)::text as cases,
        (select count(*) from case_events)::text as events,
        (select count(*) from analytics_daily)::text as rollup_rows,
        (select count(*) from analytics_refunds)::text as refund_rows,
        pg_size_pretty(pg_total_relation_size('return_cases')) as cases_size,
        pg_size_pretty(pg_total_relation_size('case_events')) as events_size,
        pg_size_pretty(pg_total_relation_size('analytics_daily')) as rollup_size,
        pg_size_pretty(pg_total_relation_size('analytics_refunds')) as refunds_size`,
    );
    const [shop] = await queryRows<{ seller_id: string; time_zone: string; n: number }>(
      db,
      sql`select c.seller_id, s.time_zone, count(*)::int as n
        from return_cases c join sellers s on s.id = c.seller_id
        group by 1, 2 order by 3 desc limit 1`,
    );
    if (!shop) throw new Error('no shop');
    const to = new Intl.DateTimeFormat('en-CA', { timeZone: shop.time_zone }).format(now);
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [inRange] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from return_cases where seller_id = ${shop.seller_id}
        and created_at >= (${from}::date::timestamp at time zone ${shop.time_zone})`,
    );
    const [rollupOfShop] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from analytics_daily where seller_id = ${shop.seller_id}
        and day between ${from}::date and ${to}::date`,
    );

    say('## Seller analytics (issue 10)');
    say();
    say(
      `Run ${now.toISOString()} on ${(await queryRows<{ v: string }>(db, sql`select version() as v`))[0]?.v.split(',')[0]}, ` +
        `Node ${process.version}; ${CASES.toLocaleString('en-US')} cases over ${SELLERS} shops ` +
        '(`seedBulkCases`, two batches at once), the machine shared with other work ' +
        '(2 cores). Reproduce: `npx tsx bench/analytics.ts` (see the file for options).',
    );
    say();
    say(
      table(
        ['what', 'value'],
        [
          [
            'bulk load, triggers keeping the rollup',
            `${(loadMs / 1000).toFixed(1)} s (${Math.round(CASES / (loadMs / 1000))} cases/s)`,
          ],
          ['VACUUM ANALYZE after the load', `${(vacuumMs / 1000).toFixed(1)} s`],
          [
            'cases / events',
            `${sizes?.cases} / ${sizes?.events} (${sizes?.cases_size} / ${sizes?.events_size})`,
          ],
          ['rollup rows (analytics_daily)', `${sizes?.rollup_rows} (${sizes?.rollup_size})`],
          ['refund rows (analytics_refunds)', `${sizes?.refund_rows} (${sizes?.refunds_size})`],
          [
            'the measured shop',
            `${shop.seller_id}: ${shop.n.toLocaleString('en-US')} cases, ${inRange?.n.toLocaleString('en-US')} requested in ${from} … ${to}; ${rollupOfShop?.n.toLocaleString('en-US')} rollup rows for the year`,
          ],
        ],
      ),
    );
    say();

    // 2. The endpoint, in-process.
    checkTime('the calls');
    const config = loadConfig({ SENDBACK_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
    const app = await buildApp({
      config,
      database: { ...database, close: async () => {} },
      clock: new SystemClock(),
      logger: createLogger('silent'),
    });
    await app.ready();
    const variants: [string, string][] = [
      [
        'shop, 365 days by day',
        `/v1/sellers/${shop.seller_id}/analytics?from=${from}&to=${to}&granularity=day`,
      ],
      [
        'shop, 365 days by week',
        `/v1/sellers/${shop.seller_id}/analytics?from=${from}&to=${to}&granularity=week`,
      ],
      [
        'shop, 365 days by month',
        `/v1/sellers/${shop.seller_id}/analytics?from=${from}&to=${to}&granularity=month`,
      ],
      ['shop, last 30 days by day', `/v1/sellers/${shop.seller_id}/analytics?granularity=day`],
      [
        'platform (all shops), 365 days by week',
        `/v1/analytics?from=${from}&to=${to}&granularity=week`,
      ],
    ];
    const rows: (string | number)[][] = [];
    let opened = 0;
    for (const [label, path] of variants) {
      checkTime(label);
      const call = async () => {
        const res = await app.inject({
          method: 'GET',
          url: path,
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
        return res;
      };
      for (let i = 0; i < 3; i++) await call(); // warm-up
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < CALLS; i++) {
        const [res, t] = await timed(call);
        times.push(t);
        bytes = res.body.length;
        if (label.startsWith('shop, 365 days by day')) opened = res.json().cases.opened;
      }
      times.sort((a, b) => a - b);
      rows.push([
        label,
        CALLS,
        ms(percentile(times, 50)),
        ms(percentile(times, 99)),
        ms(times.at(-1) ?? Number.NaN),
        `${(bytes / 1024).toFixed(0)} KiB`,
      ]);
      log(`${label}: p50 ${ms(percentile(times, 50))} ms`);
    }
    say(
      `\`GET /v1/sellers/{id}/analytics\` for the largest shop (${opened.toLocaleString('en-US')} ` +
        'cases opened in the year) and `GET /v1/analytics`, answered in-process (`app.inject`), ' +
        `${CALLS} calls each after 3 warm-up calls, milliseconds:`,
    );
    say();
    say(table(['call', 'n', 'p50', 'p99', 'max', 'answer'], rows));
    say();

    // 3. The plans.
    checkTime('the plans');
    const rollupQuery = sql`
      select case when metric in ('opened_sku', 'opened_category', 'delivered_sku', 'delivered_category')
          then null else to_char(greatest(date_trunc('day', day::timestamp)::date, ${from}::date), 'YYYY-MM-DD') end as period,
        metric, dim, currency, sum(n)::bigint, sum(amount)::bigint, sum(deduction)::bigint,
        sum(restocking_fee)::bigint
      from analytics_daily
      where seller_id = ${shop.seller_id} and day between ${from}::date and ${to}::date
      group by 1, metric, dim, currency`;
    const timesQuery = sql`
      select count(*)::int, percentile_cont(0.5) within group (order by seconds),
        percentile_cont(0.9) within group (order by seconds)
      from analytics_refunds
      where seller_id = ${shop.seller_id} and day between ${from}::date and ${to}::date`;
    say('Plans of the two queries behind the shop call (`EXPLAIN (ANALYZE, BUFFERS)`):');
    say();
    say('```');
    say(await explain(db, rollupQuery));
    say();
    say(await explain(db, timesQuery));
    say('```');
    say();

    // 4. The alternative: the same figures from the base tables, with indexes.
    checkTime('the baseline');
    log('baseline: base tables with indexes');
    await db.execute(
      sql`create index bench_orders_seller_delivered on orders (seller_id, delivered_at)`,
    );
    await db.execute(sql`analyze orders`);
    const start = sql`(${from}::date::timestamp at time zone ${shop.time_zone})`;
    const end = sql`((${to}::date + 1)::timestamp at time zone ${shop.time_zone})`;
    const baseline: [string, SQL][] = [
      [
        'cases by day and reason (return_cases, index on seller, created_at)',
        sql`select (created_at at time zone ${shop.time_zone})::date, reason, count(*)
          from return_cases where seller_id = ${shop.seller_id}
            and created_at >= ${start} and created_at < ${end} group by 1, 2`,
      ],
      [
        'cases per SKU (return_lines, order_lines)',
        sql`select l.sku, count(distinct c.id) from return_cases c
          join return_lines rl on rl.case_id = c.id join order_lines l on l.id = rl.order_line_id
          where c.seller_id = ${shop.seller_id} and c.created_at >= ${start} and c.created_at < ${end}
          group by 1`,
      ],
      [
        'lines delivered per SKU (new index on orders seller, delivered_at)',
        sql`select l.sku, count(*) from orders o join order_lines l on l.order_id = o.id
          where o.seller_id = ${shop.seller_id} and o.delivered_at >= ${start} and o.delivered_at < ${end}
          group by 1`,
      ],
      [
        'refunds by day, destination (jsonb), deductions and fees (jsonb), percentiles',
        sql`select e.at::date, c.data->>'refund_destination', count(*), sum(c.refund_amount),
            sum((c.data->'refund_breakdown'->>'deduction')::bigint),
            sum((c.data->'refund_breakdown'->>'restocking_fee')::bigint),
            percentile_cont(0.5) within group (order by e.at - c.created_at)
          from return_cases c join case_events e on e.case_id = c.id and e.type = 'return.refunded'
          where c.seller_id = ${shop.seller_id} and c.state = 'refunded'
            and e.at >= ${start} and e.at < ${end}
          group by 1, 2`,
      ],
      [
        'decisions and automatic outcomes by day (case_events of the shop)',
        sql`select e.at::date, e.type, count(*) from return_cases c
          join case_events e on e.case_id = c.id
          where c.seller_id = ${shop.seller_id} and e.at >= ${start} and e.at < ${end}
            and (e.actor_role = 'seller' or e.actor_role = 'system')
          group by 1, 2`,
      ],
    ];
    const baseRows: (string | number)[][] = [];
    let baseTotal = 0;
    for (const [label, query] of baseline) {
      checkTime(label);
      await db.execute(query); // warm the cache as the rollup's calls were
      const [, t] = await timed(() => db.execute(query));
      baseTotal += t;
      baseRows.push([label, ms(t)]);
      log(`baseline ${label}: ${ms(t)} ms`);
    }
    baseRows.push(['**total (the call would add these up)**', `**${ms(baseTotal)}**`]);
    await db.execute(sql`drop index bench_orders_seller_delivered`);
    say(
      'The alternative, measured on the same data: the figures straight from the base tables ' +
        '(existing indexes plus one on `orders (seller_id, delivered_at)`), the same shop and ' +
        'year, second run of each query (warm cache), milliseconds:',
    );
    say();
    say(table(['query', 'ms'], baseRows));
    say();

    // 5. What the triggers cost a write: one case event and one order line, inserted and rolled
    // back, with the analytics triggers on and off.
    checkTime('the write cost');
    log('write cost');
    const [sample] = await queryRows<{ id: string; seq: number; order_id: string }>(
      db,
      sql`select c.id, max(e.seq)::int as seq, c.order_id from return_cases c
        join case_events e on e.case_id = c.id
        where c.seller_id = ${shop.seller_id} and c.state = 'requested'
        group by c.id, c.order_id limit 1`,
    );
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const writeCost = async (on: boolean) => {
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        await client.query('begin');
        if (!on) {
          await client.query('alter table case_events disable trigger case_events_analytics');
          await client.query('alter table order_lines disable trigger order_lines_analytics');
        }
        const t0 = process.hrtime.bigint();
        await client.query(
          `insert into case_events (id, case_id, seq, type, actor_role, actor_id, at, payload, prev_hash, hash)
           values ($1, $2, $3, 'return.approved', 'seller', 'usr_bench', now(), '{"note": null}', 'x', 'y')`,
          [`evt_bench${i}`, sample?.id, (sample?.seq ?? 0) + 1],
        );
        await client.query(
          `insert into order_lines (id, order_id, position, sku, title, category, quantity, unit_price,
             line_discount_amount, tax_amount)
           values ($1, $2, 99, 'BENCH-SKU', 'Bench', 'bench', 1, 100, 0, 0)`,
          [`lin_bench${i}`, sample?.order_id],
        );
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        await client.query('rollback');
      }
      times.sort((a, b) => a - b);
      return times;
    };
    const off = await writeCost(false);
    const onT = await writeCost(true);
    await client.end();
    say(
      'What keeping the rollup costs a write: one case event (a seller decision) and one order ' +
        'line inserted in a transaction, 300 times, with the analytics triggers off and on, ' +
        'milliseconds:',
    );
    say();
    say(
      table(
        ['triggers', 'p50', 'p99'],
        [
          ['off', ms(percentile(off, 50)), ms(percentile(off, 99))],
          ['on', ms(percentile(onT, 50)), ms(percentile(onT, 99))],
        ],
      ),
    );
    say();
    await app.close();
  } finally {
    await database?.close();
    if (args.keep) log(`kept database ${name}`);
    else await admin(args.url, `drop database if exists ${name} with (force)`);
    if (args.out) writeFileSync(args.out, `${out.join('\n')}\n`);
    log('done');
  }
}

// Self-stopping: a hard stop a minute after the deadline, whatever is running.
setTimeout(
  () => {
    process.stderr.write('analytics benchmark: hard time limit reached\n');
    process.exit(2);
  },
  Math.max(0, DEADLINE - Date.now()) + 60_000,
).unref();

main().catch((err: unknown) => {
  process.stderr.write(`analytics benchmark failed: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
