import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { eventRecord } from '../app/case-context.ts';
import { newId } from '../app/ids.ts';
import { canonicalJson, GENESIS_HASH } from '../app/record-hash.ts';
import { type Db, inTransaction, queryRows } from '../db/database.ts';
import { sellers as sellersTable, users as usersTable } from '../db/schema.ts';
import {
  type Actor,
  type DecideContext,
  type DomainEvent,
  decide,
  decideRequest,
  evolve,
  type Order,
  parsePolicy,
  type ReturnCase,
  TERMINAL_STATES,
} from '../domain/index.ts';
import { DESCRIPTIONS, STORIES, type Story, type StoryActor, walkStory } from './stories.ts';

// How the loader works: every case follows one of the demo's stories (src/demo/seed-demo.ts). Each
// story is walked once per shop kind and product with the pure domain, at a fixed time and with
// placeholder ids; the resulting case JSON and the canonical JSON of each event record become
// `format()` templates whose `%n$s` slots take the ids and instants of one row. PostgreSQL then
// fills them for thousands of rows per statement (INSERT ... SELECT over generate_series), shifts
// every instant by the row's own start time, and chains the event hashes with sha256() exactly
// as appendCaseEvents does: the same canonical text, so `verify` can recompute every hash.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Where the template walks start; rows shift every instant by their own offset from it. */
const T0 = Date.UTC(2025, 5, 10, 14, 30, 0);
const HISTORY_MS = 365 * DAY_MS;
const AGENTS = 10;
const BATCH = 20_000;

/** Placeholder ids in the templates, in the order of their `%n$s` slots. */
const IDS = ['__RET__', '__ORD__', '__LIN__', '__BUY__', '__SEL__', '__STF__', '__AGT__'] as const;
const [RET, ORD, LIN, BUY, SEL, STF, AGT] = IDS;
const EVENT_ID = '__EID__';
const ISO_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g;

/** How often each story happens, in percent: mostly closed history, some open work. */
const WEIGHTS: Readonly<Record<string, number>> = {
  requested: 3,
  requested_refund_only: 1,
  requested_resubmitted: 0.3,
  partial_offer: 0.5,
  partial_offer_refund_only: 0.3,
  rejected: 0.6,
  rejected_refund_only: 0.2,
  awaiting_shipment: 3,
  in_transit: 2.5,
  delivered: 1,
  package_rejected: 0.3,
  disputed: 0.4,
  disputed_refund_only: 0.2,
  refund_pending_refund_only: 0.5,
  refund_pending: 0.5,
  refund_failed: 0.2,
  refunded: 30,
  refunded_refund_only: 14,
  refunded_partial_offer: 4,
  refunded_with_deduction: 3,
  refunded_by_ruling: 1,
  closed_not_shipped: 7,
  closed_rejected: 4,
  closed_package_rejected: 1.5,
  closed_ruled_for_seller: 1,
  closed_refund_only_rejected: 1,
  cancelled: 6,
  cancelled_refund_only: 3,
};

interface Product {
  sku: string;
  title: string;
  category: string;
  unit_price: number;
  tax_amount: number;
}

/** Kinds of shop; seller number s is of kind (s - 1) % VARIANTS.length. */
const VARIANTS: readonly {
  region: string;
  time_zone: string;
  currency: string;
  shipping_amount: number;
  products: readonly Product[];
}[] = [
  {
    region: 'US',
    time_zone: 'America/New_York',
    currency: 'USD',
    shipping_amount: 599,
    products: [
      {
        sku: 'KIT-MUG-STN-4',
        title: 'Stoneware mug, set of 4',
        category: 'kitchen',
        unit_price: 3600,
        tax_amount: 320,
      },
      {
        sku: 'HOM-LMP-BRS',
        title: 'Brass desk lamp',
        category: 'lighting',
        unit_price: 12900,
        tax_amount: 1145,
      },
    ],
  },
  {
    region: 'GB',
    time_zone: 'Europe/London',
    currency: 'GBP',
    shipping_amount: 395,
    products: [
      {
        sku: 'KNT-MER-NVY-M',
        title: 'Merino crew jumper, navy (M)',
        category: 'knitwear',
        unit_price: 7900,
        tax_amount: 0,
      },
      {
        sku: 'BOT-CHL-BRN-42',
        title: 'Leather Chelsea boots (EU 42)',
        category: 'footwear',
        unit_price: 14500,
        tax_amount: 0,
      },
    ],
  },
  {
    // Cross-border: a Shenzhen shop selling to US buyers in USD.
    region: 'CN',
    time_zone: 'Asia/Shanghai',
    currency: 'USD',
    shipping_amount: 0,
    products: [
      {
        sku: 'EB-PRO2-BLK',
        title: 'Wireless earbuds Pro 2, black',
        category: 'audio',
        unit_price: 4999,
        tax_amount: 362,
      },
      {
        sku: 'SW-FIT5-GRY',
        title: 'Fitness smartwatch 5, graphite',
        category: 'wearables',
        unit_price: 8999,
        tax_amount: 652,
      },
    ],
  },
  {
    region: 'DE',
    time_zone: 'Europe/Berlin',
    currency: 'EUR',
    shipping_amount: 495,
    products: [
      {
        sku: 'KUE-BCH-SET-4',
        title: 'Kaffeebecher-Set, 4 Stück',
        category: 'kitchen',
        unit_price: 2990,
        tax_amount: 0,
      },
      {
        sku: 'ELK-KPH-BT',
        title: 'Bluetooth-Kopfhörer',
        category: 'audio',
        unit_price: 6990,
        tax_amount: 0,
      },
    ],
  },
];
const PRODUCTS = 2;

interface Template {
  tpl: number;
  /** terminal: history; deadline: waiting with a due_at; open: waiting without one. */
  kind: 'terminal' | 'deadline' | 'open';
  type: string;
  state: string;
  version: number;
  reason: string;
  fault: string;
  currency: string;
  refund_amount: number | null;
  outcome: string | null;
  due_off: number | null;
  last_off: number;
  /** Offsets from the request of the instants the `%n$s` slots from 8 on take. */
  offs: number[];
  data_fmt: string;
  placed_off: number;
  delivered_off: number;
  shipping: number;
  order_discount: number;
  total_paid: number;
  sku: string;
  title: string;
  category: string;
  quantity: number;
  unit_price: number;
  line_discount: number;
  tax: number;
  return_qty: number;
}

interface TemplateEvent {
  tpl: number;
  seq: number;
  type: string;
  actor_role: string;
  /** The actor's slot among the case's ids (1-based), or 0 for the system. */
  actor_idx: number;
  at_off: number;
  rec_fmt: string;
}

/** Turns JSON text with placeholder ids and instants into a `format()` string. */
function toFormat(text: string, instants: Map<string, number>, shift: number): string {
  let out = text.replaceAll('%', '%%');
  if (shift) out = out.replaceAll(EVENT_ID, '%1$s');
  IDS.forEach((id, i) => {
    out = out.replaceAll(id, `%${i + 1 + shift}$s`);
  });
  return out.replace(ISO_RE, (iso) => `%${instants.get(iso)! + IDS.length + 1 + shift}$s`);
}

async function buildTemplate(
  tpl: number,
  s: Story,
  variant: (typeof VARIANTS)[number],
  product: Product,
): Promise<{ template: Template; events: TemplateEvent[] }> {
  const placedAt = new Date(T0 - 9 * DAY_MS);
  const deliveredAt = new Date(T0 - 4 * DAY_MS);
  const order: Order = {
    id: ORD,
    seller_id: SEL,
    buyer_id: BUY,
    currency: variant.currency,
    placed_at: placedAt,
    delivered_at: deliveredAt,
    shipping_amount: variant.shipping_amount,
    order_discount_amount: 0,
    lines: [
      {
        id: LIN,
        sku: product.sku,
        title: product.title,
        category: product.category,
        quantity: 1,
        unit_price: product.unit_price,
        line_discount_amount: 0,
        tax_amount: product.tax_amount,
      },
    ],
  };
  const policy = parsePolicy({ currency: variant.currency });
  if (!policy.ok) throw new Error(policy.error.message);
  const ctx: DecideContext = {
    order,
    policy: policy.value,
    calendar: { time_zone: variant.time_zone, region: variant.region },
    other_cases: [],
  };
  const actors: Record<StoryActor, Actor> = {
    buyer: { role: 'buyer', id: BUY },
    seller: { role: 'seller', id: STF },
    agent: { role: 'agent', id: AGT },
    system: { role: 'system', id: 'system' },
  };
  const requested = decideRequest(
    {
      id: RET,
      order_id: ORD,
      type: s.type,
      reason: s.reason,
      description: DESCRIPTIONS[s.reason],
      lines: [{ order_line_id: LIN, quantity: 1 }],
      refund_destination: s.refund_destination,
    },
    actors.buyer,
    new Date(T0),
    ctx,
  );
  if (!requested.ok) throw new Error(`template ${s.key}: ${requested.error.message}`);
  const domainEvents: DomainEvent[] = [...requested.value.events];
  const c: ReturnCase = await walkStory(
    s,
    requested.value.case,
    order,
    async (now, cmd, by, at) => {
      const decided = decide(now, cmd, actors[by], at, { ...ctx, other_cases: [now] });
      if (!decided.ok) throw new Error(`template ${s.key}, ${cmd.name}: ${decided.error.message}`);
      domainEvents.push(...decided.value);
      return decided.value.reduce(evolve, now);
    },
  );

  const dataText = JSON.stringify(c);
  const records = domainEvents.map((e, i) =>
    canonicalJson(
      eventRecord({
        id: EVENT_ID,
        caseId: RET,
        seq: i + 1,
        type: e.type,
        actorRole: e.actor.role,
        actorId: e.actor.id,
        at: e.at,
        payload: e.payload,
      }),
    ),
  );
  const instants = new Map<string, number>();
  for (const text of [dataText, ...records]) {
    for (const iso of text.match(ISO_RE) ?? []) {
      if (!instants.has(iso)) instants.set(iso, instants.size);
    }
  }
  const offs = [...instants.keys()].map((iso) => Date.parse(iso) - T0);
  const slot = (id: string) => (id === 'system' ? 0 : IDS.indexOf(id as (typeof IDS)[number]) + 1);
  const terminal = TERMINAL_STATES.includes(c.state);
  return {
    template: {
      tpl,
      kind: terminal ? 'terminal' : c.due_at ? 'deadline' : 'open',
      type: c.type,
      state: c.state,
      version: c.version,
      reason: c.reason,
      fault: c.fault,
      currency: c.currency,
      refund_amount: c.refund_amount,
      outcome: c.outcome,
      due_off: c.due_at ? c.due_at.getTime() - T0 : null,
      last_off: c.updated_at.getTime() - T0,
      offs,
      data_fmt: toFormat(dataText, instants, 0),
      placed_off: placedAt.getTime() - T0,
      delivered_off: deliveredAt.getTime() - T0,
      shipping: variant.shipping_amount,
      order_discount: 0,
      total_paid: product.unit_price + product.tax_amount + variant.shipping_amount,
      sku: product.sku,
      title: product.title,
      category: product.category,
      quantity: 1,
      unit_price: product.unit_price,
      line_discount: 0,
      tax: product.tax_amount,
      return_qty: 1,
    },
    events: domainEvents.map((e, i) => ({
      tpl,
      seq: i + 1,
      type: e.type,
      actor_role: e.actor.role,
      actor_idx: slot(e.actor.id),
      at_off: e.at.getTime() - T0,
      rec_fmt: toFormat(records[i]!, instants, 1),
    })),
  };
}

// --- SQL fragments (generated here from numbers and fixed text, never from input) -------------

const B32 = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * An id in the app's format: kind, then a ULID of 26 lowercase Crockford base-32 characters: the
 * 48-bit millisecond time (so ids sort by creation), then 64 random bits as 16 hex digits (hex
 * digits are base-32 digits too).
 */
function idSql(kind: string, ms: string, seed: string): string {
  const time = Array.from(
    { length: 10 },
    (_, j) => `substr('${B32}', (((${ms}) >> ${5 * (9 - j)}) & 31)::int + 1, 1)`,
  ).join(' || ');
  return `('${kind}_' || ${time} || substr(md5(${seed}), 1, 16))`;
}

const tsSql = (ms: string) => `(timestamptz 'epoch' + (${ms}) * interval '1 millisecond')`;
const isoSql = (ms: string) =>
  `to_char(${tsSql(ms)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

const SHOP_WORDS = [
  ['Harbor', 'Maple', 'Cedar', 'Northwind', 'Bluebird', 'Copper', 'Juniper', 'Meadow', 'Summit'],
  ['Goods', 'Supply Co.', 'Trading', 'Outfitters', 'Home', 'Electronics', 'Studio', 'Market'],
] as const;

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The shops, staff, buyers and agents the cases belong to, numbered from 1 for the batches. */
async function createPeople(
  db: Db,
  counts: { sellers: number; buyers: number; agents: number },
  startMs: number,
  salt: string,
): Promise<string> {
  const policies = VARIANTS.map((v) => policyFor(v.currency));
  const at = (offsetDays: number, k: number) => new Date(startMs + offsetDays * DAY_MS + k * 1000);
  const shops = Array.from({ length: counts.sellers }, (_, k) => {
    const variant = VARIANTS[k % VARIANTS.length]!;
    const name = `${SHOP_WORDS[0][k % 9]} ${SHOP_WORDS[1][Math.floor(k / 9) % 8]} ${k + 1}`;
    return {
      id: newId('sel', at(0, k)),
      name,
      timeZone: variant.time_zone,
      region: variant.region,
      policy: policies[k % VARIANTS.length],
      createdAt: at(0, k),
      updatedAt: at(0, k),
    };
  });
  const person = (role: 'seller' | 'buyer' | 'agent', k: number, created: Date) => ({
    id: newId('usr', created),
    email: `${role}${k + 1}.${salt}@bulk.sendback.test`,
    name: `${role === 'seller' ? 'Staff member' : role === 'buyer' ? 'Buyer' : 'Agent'} ${k + 1}`,
    role,
    sellerId: null as string | null,
    createdAt: created,
  });
  const staff = shops.map((shop, k) => ({ ...person('seller', k, at(1, k)), sellerId: shop.id }));
  const buyers = Array.from({ length: counts.buyers }, (_, k) => person('buyer', k, at(30, k)));
  const agents = Array.from({ length: counts.agents }, (_, k) => person('agent', k, at(2, k)));
  await inTransaction(db, async (tx) => {
    for (const rows of chunks(shops, 2000)) await tx.insert(sellersTable).values(rows);
    for (const rows of chunks([...staff, ...buyers, ...agents], 5000)) {
      await tx.insert(usersTable).values(rows);
    }
  });
  return JSON.stringify({
    sellers: shops.map((shop, k) => ({ s: k + 1, seller_id: shop.id, staff_id: staff[k]!.id })),
    buyers: buyers.map((b, k) => ({ u: k + 1, buyer_id: b.id })),
    agents: agents.map((a, k) => ({ a: k + 1, agent_id: a.id })),
  });
}

function policyFor(currency: string) {
  const parsed = parsePolicy({ currency });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export interface BulkResult {
  cases: number;
  events: number;
  sellers: number;
  buyers: number;
}

/**
 * Loads `n` historical return cases for benchmarks, spread over `sellers` shops (default 1,000)
 * and one buyer per ~100 cases: each with its order and line, its `return_lines` row and its
 * hash-chained events. Most cases are closed history over the past year; the rest are open, with
 * deadlines spread over the coming days and about a tenth already overdue. Batches of 20,000 cases,
 * one transaction each, written by INSERT ... SELECT in the database (PostgreSQL 15+);
 * `parallel` runs that many batches at once.
 */
export async function seedBulkCases(
  db: Db,
  n: number,
  now: Date,
  options: {
    sellers?: number;
    batchSize?: number;
    parallel?: number;
    log?: (msg: string) => void;
  } = {},
): Promise<BulkResult> {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('the number of cases must be >= 1');
  const sellerCount = options.sellers ?? 1000;
  if (!Number.isSafeInteger(sellerCount) || sellerCount < 1) {
    throw new RangeError('the number of sellers must be >= 1');
  }
  const batchSize = options.batchSize ?? BATCH;
  const parallel = Math.max(1, options.parallel ?? 1);
  const log = options.log ?? (() => {});
  const buyerCount = Math.max(1, Math.ceil(n / 100));

  const stories = STORIES.filter((s) => (WEIGHTS[s.key] ?? 0) > 0);
  const templates: Template[] = [];
  const templateEvents: TemplateEvent[] = [];
  for (const [p, s] of stories.entries()) {
    for (const [v, variant] of VARIANTS.entries()) {
      for (const [q, product] of variant.products.entries()) {
        const tpl = (p * VARIANTS.length + v) * PRODUCTS + q + 1;
        const built = await buildTemplate(tpl, s, variant, product);
        templates.push(built.template);
        templateEvents.push(...built.events);
      }
    }
  }
  const total = stories.reduce((sum, s) => sum + WEIGHTS[s.key]!, 0);
  let cumulative = 0;
  const thresholds = stories.map((s) => {
    const at = cumulative / total;
    cumulative += WEIGHTS[s.key]!;
    return at;
  });

  const nowMs = now.getTime();
  const historyStart = nowMs - HOUR_MS - HISTORY_MS;
  const salt = randomBytes(4).toString('hex');
  const people = await createPeople(
    db,
    { sellers: sellerCount, buyers: buyerCount, agents: AGENTS },
    historyStart - 90 * DAY_MS,
    salt,
  );
  log(`created ${sellerCount} sellers, ${buyerCount} buyers, ${AGENTS} agents`);

  // The rows are consistent by construction; a superuser may skip the per-row foreign-key
  // triggers for speed (as pg_restore --disable-triggers does). Others keep the checks.
  const [role] = await queryRows<{ su: string }>(
    db,
    sql`select current_setting('is_superuser') as su`,
  );
  const skipTriggers = role?.su === 'on';

  const shared = {
    people,
    templates: JSON.stringify(templates),
    events: JSON.stringify(templateEvents),
    thresholds,
    slots: Math.max(...templates.map((t) => t.offs.length)),
    sellers: sellerCount,
    buyers: buyerCount,
    now: nowMs,
    salt,
  };
  const batches = Math.ceil(n / batchSize);
  let next = 0;
  let done = 0;
  let events = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < batches) {
      const b = next++;
      const lo = b * batchSize + 1;
      const hi = Math.min(n, (b + 1) * batchSize);
      // Closed cases fill the year in order, batch by batch, so ids grow as real traffic's do.
      const windowLo = historyStart + Math.floor((b * HISTORY_MS) / batches);
      const windowLen = Math.floor(HISTORY_MS / batches);
      const written = await inTransaction(db, async (tx) => {
        await tx.execute(sql`set local statement_timeout = 0`);
        await tx.execute(sql`set local synchronous_commit = off`);
        await tx.execute(sql`set local jit = off`);
        await tx.execute(sql`set local work_mem = '64MB'`);
        if (skipTriggers) await tx.execute(sql`set local session_replication_role = replica`);
        return loadBatch(tx, shared, { lo, hi, windowLo, windowLen });
      });
      events += written;
      done += hi - lo + 1;
      log(`inserted ${done}/${n} cases (${events} events)`);
    }
  };
  // A failed batch rolls back alone; the other workers finish the batch they are in, then stop.
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(parallel, batches) }, () =>
      worker().catch((err: unknown) => {
        failed = true;
        throw err;
      }),
    ),
  );
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return { cases: n, events, sellers: sellerCount, buyers: buyerCount };
}

interface Shared {
  people: string;
  templates: string;
  events: string;
  thresholds: number[];
  slots: number;
  sellers: number;
  buyers: number;
  now: number;
  salt: string;
}

/** One batch, in the caller's transaction; answers the number of events written. */
async function loadBatch(
  tx: Db,
  p: Shared,
  b: { lo: number; hi: number; windowLo: number; windowLen: number },
): Promise<number> {
  await tx.execute(sql`
    create temp table sb_tpl on commit drop as
    select * from jsonb_to_recordset(${p.templates}::text::jsonb) as x(
      tpl int, kind text, type text, state text, version int, reason text, fault text,
      currency text, refund_amount bigint, outcome text, due_off bigint, last_off bigint,
      offs bigint[], data_fmt text, placed_off bigint, delivered_off bigint, shipping bigint,
      order_discount bigint, total_paid bigint, sku text, title text, category text,
      quantity int, unit_price bigint, line_discount bigint, tax bigint, return_qty int)`);
  await tx.execute(sql`
    create temp table sb_tpl_evt on commit drop as
    select * from jsonb_to_recordset(${p.events}::text::jsonb) as x(
      tpl int, seq int, type text, actor_role text, actor_idx int, at_off bigint, rec_fmt text)`);
  await tx.execute(sql`
    create temp table sb_sel on commit drop as
    select * from jsonb_to_recordset((${p.people}::text::jsonb) -> 'sellers')
      as x(s int, seller_id text, staff_id text)`);
  await tx.execute(sql`
    create temp table sb_buy on commit drop as
    select * from jsonb_to_recordset((${p.people}::text::jsonb) -> 'buyers')
      as x(u int, buyer_id text)`);
  await tx.execute(sql`
    create temp table sb_agt on commit drop as
    select * from jsonb_to_recordset((${p.people}::text::jsonb) -> 'agents')
      as x(a int, agent_id text)`);
  for (const table of ['sb_tpl', 'sb_tpl_evt', 'sb_sel', 'sb_buy', 'sb_agt']) {
    await tx.execute(sql.raw(`analyze ${table}`));
  }

  const isos = Array.from(
    { length: p.slots },
    (_, k) =>
      `case when t.offs[${k + 1}] is null then null else ${isoSql(`d.base_ms + t.offs[${k + 1}]`)} end`,
  ).join(',\n      ');
  // Each row: its story (by weight), shop, buyer, agent and product, its start time, its ids, and
  // `vals`, the text of every `%n$s` slot of its templates.
  await tx.execute(
    sql.raw(`
    create temp table sb_b on commit drop as
    with g as (
      select i,
        width_bucket(random(), '{${p.thresholds.join(',')}}'::float8[]) as path,
        1 + floor(random() * ${p.sellers})::int as s,
        1 + floor(random() * ${p.buyers})::int as u,
        1 + (i % ${AGENTS})::int as a,
        floor(random() * ${PRODUCTS})::int as q,
        random() as r
      from generate_series(${b.lo}::bigint, ${b.hi}::bigint) as i
    ), c as (
      select g.*, ((g.path - 1) * ${VARIANTS.length} + (g.s - 1) % ${VARIANTS.length})
        * ${PRODUCTS} + g.q + 1 as tpl
      from g
    ), r as (
      select c.i, c.tpl, c.s, c.u, c.a,
        case t.kind
          -- waiting: entered its state up to 1.12 deadlines ago, so ~11% are overdue
          when 'deadline' then ${p.now}::bigint
            - floor(c.r * (t.due_off - t.last_off) * 1.12)::bigint - t.last_off
          -- waiting on an agent or the payment gateway: up to three days
          when 'open' then ${p.now}::bigint - floor(c.r * ${3 * DAY_MS})::bigint - t.last_off
          else ${b.windowLo}::bigint + floor(c.r * ${b.windowLen})::bigint - t.last_off
        end as base_ms
      from c join sb_tpl t using (tpl)
    ), d as (
      select r.*,
        ${idSql('ret', 'r.base_ms', `'${p.salt}:ret:' || r.i`)} as ret_id,
        ${idSql('ord', 'r.base_ms + t.delivered_off + 600000', `'${p.salt}:ord:' || r.i`)} as ord_id,
        ${idSql('lin', 'r.base_ms + t.delivered_off + 600000', `'${p.salt}:lin:' || r.i`)} as lin_id
      from r join sb_tpl t using (tpl)
    )
    select d.i, d.tpl, d.base_ms, d.ret_id, d.ord_id, d.lin_id, bu.buyer_id, se.seller_id,
      array[d.ret_id, d.ord_id, d.lin_id, bu.buyer_id, se.seller_id, se.staff_id, ag.agent_id,
      ${isos}] as vals
    from d join sb_tpl t using (tpl)
      join sb_sel se on se.s = d.s
      join sb_buy bu on bu.u = d.u
      join sb_agt ag on ag.a = d.a`),
  );
  await tx.execute(sql`analyze sb_b (tpl)`);
  await tx.execute(
    sql.raw(`
    insert into orders (id, external_id, seller_id, buyer_id, currency, placed_at, delivered_at,
      shipping_amount, order_discount_amount, total_paid, payment_reference, created_at)
    select b.ord_id, 'BULK-${p.salt}-' || b.i, b.seller_id, b.buyer_id, t.currency,
      ${tsSql('b.base_ms + t.placed_off')}, ${tsSql('b.base_ms + t.delivered_off')},
      t.shipping, t.order_discount, t.total_paid, 'pay_sim_bulk_${p.salt}_' || b.i,
      ${tsSql('b.base_ms + t.delivered_off + 600000')}
    from sb_b b join sb_tpl t using (tpl)`),
  );
  await tx.execute(
    sql.raw(`
    insert into order_lines (id, order_id, position, sku, title, category, quantity, unit_price,
      line_discount_amount, tax_amount)
    select b.lin_id, b.ord_id, 0, t.sku, t.title, t.category, t.quantity, t.unit_price,
      t.line_discount, t.tax
    from sb_b b join sb_tpl t using (tpl)`),
  );
  await tx.execute(
    sql.raw(`
    insert into return_cases (id, order_id, seller_id, buyer_id, type, state, version, reason,
      fault, currency, refund_amount, due_at, outcome, data, created_at, updated_at)
    select b.ret_id, b.ord_id, b.seller_id, b.buyer_id, t.type, t.state, t.version, t.reason,
      t.fault, t.currency, t.refund_amount,
      case when t.due_off is null then null else ${tsSql('b.base_ms + t.due_off')} end,
      t.outcome, format(t.data_fmt, variadic b.vals)::jsonb,
      ${tsSql('b.base_ms')}, ${tsSql('b.base_ms + t.last_off')}
    from sb_b b join sb_tpl t using (tpl)`),
  );
  await tx.execute(
    sql.raw(`
    insert into return_lines (case_id, order_line_id, quantity)
    select b.ret_id, b.lin_id, t.return_qty from sb_b b join sb_tpl t using (tpl)`),
  );

  // The events' records as appendCaseEvents hashes them, then the chain: each hash covers the
  // previous one and the record, SHA-256 in hex, starting from the genesis hash.
  await tx.execute(
    sql.raw(`
    create temp table sb_ev on commit drop as
    select t.i, t.seq, x.id, t.ret_id, t.type, t.actor_role,
      case when t.actor_idx = 0 then 'system' else t.vals[t.actor_idx] end as actor_id,
      t.at_ms, format(t.rec_fmt, variadic array_prepend(x.id, t.vals)) as rec
    from (
      select b.i, b.ret_id, b.vals, e.seq, e.type, e.actor_role, e.actor_idx, e.rec_fmt,
        b.base_ms + e.at_off as at_ms
      from sb_b b join sb_tpl_evt e using (tpl)
    ) t
    cross join lateral (
      select ${idSql('evt', 't.at_ms', `'${p.salt}:evt:' || t.i || ':' || t.seq`)} as id
    ) x`),
  );
  await tx.execute(sql`create index on sb_ev (i, seq)`);
  await tx.execute(sql`analyze sb_ev (i, seq)`);
  const inserted = await tx.execute(
    sql.raw(`
    insert into case_events (id, case_id, seq, type, actor_role, actor_id, at, payload,
      prev_hash, hash)
    with recursive chain as (
      select e.*, '${GENESIS_HASH}'::text as prev_hash,
        encode(sha256(convert_to('${GENESIS_HASH}' || e.rec, 'UTF8')), 'hex') as hash
      from sb_ev e where e.seq = 1
      union all
      select e.*, c.hash, encode(sha256(convert_to(c.hash || e.rec, 'UTF8')), 'hex')
      from chain c join sb_ev e on e.i = c.i and e.seq = c.seq + 1
    )
    select id, ret_id, seq, type, actor_role, actor_id, ${tsSql('at_ms')},
      (rec::jsonb) -> 'payload', prev_hash, hash
    from chain`),
  );
  return affected(inserted);
}
