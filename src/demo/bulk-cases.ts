import { randomBytes, randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';
import { eventRecord } from '../app/case-context.ts';
import type { IdKind } from '../app/ids.ts';
import { chainHash, GENESIS_HASH } from '../app/record-hash.ts';
import {
  type BulkRows,
  insertBulkRows,
  insertPeople,
  isSuperuser,
  startBulkLoad,
} from '../db/bulk-load.ts';
import { type Db, inTransaction } from '../db/database.ts';
import {
  buildTemplates,
  fill,
  policyFor,
  slotValues,
  T0,
  type Templates,
  VARIANTS,
} from './bulk-templates.ts';

// How the loader works: every row takes a template (src/demo/bulk-templates.ts: a demo story
// walked once by the pure domain) and fills it with its own ids and its instants shifted by its
// own start time. Its events are chained as appendCaseEvents chains them (eventRecord and
// chainHash over the same record), so `verify` recomputes every hash. PostgreSQL only stores the
// rows (src/db/bulk-load.ts).

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HISTORY_MS = 365 * DAY_MS;
const AGENTS = 10;
const BATCH = 5_000;

// Ids in the app's format, at the row's own time. newId is monotonic within a process (right
// for live traffic); rows made out of time order would all get the latest time seen.
const pool = new Uint8Array(4096);
let used = pool.length;
function randomFraction(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]! / 256;
}
const idAt = (kind: IdKind, ms: number) => `${kind}_${ulid(ms, randomFraction).toLowerCase()}`;

const SHOP_WORDS = [
  ['Harbor', 'Maple', 'Cedar', 'Northwind', 'Bluebird', 'Copper', 'Juniper', 'Meadow', 'Summit'],
  ['Goods', 'Supply Co.', 'Trading', 'Outfitters', 'Home', 'Electronics', 'Studio', 'Market'],
] as const;

interface People {
  /** Shop k is of kind VARIANTS[k % VARIANTS.length]. */
  sellers: { id: string; staff_id: string }[];
  buyers: string[];
  agents: string[];
}

/** The shops, staff, buyers and agents the cases belong to. */
async function createPeople(
  db: Db,
  counts: { sellers: number; buyers: number; agents: number },
  startMs: number,
  salt: string,
): Promise<People> {
  const policies = VARIANTS.map((v) => policyFor(v.currency));
  const at = (offsetDays: number, k: number) => new Date(startMs + offsetDays * DAY_MS + k * 1000);
  const shops = Array.from({ length: counts.sellers }, (_, k) => {
    const variant = VARIANTS[k % VARIANTS.length]!;
    const name = `${SHOP_WORDS[0][k % 9]} ${SHOP_WORDS[1][Math.floor(k / 9) % 8]} ${k + 1}`;
    return {
      id: idAt('sel', at(0, k).getTime()),
      name,
      timeZone: variant.time_zone,
      region: variant.region,
      policy: policies[k % VARIANTS.length],
      createdAt: at(0, k),
      updatedAt: at(0, k),
    };
  });
  const person = (role: 'seller' | 'buyer' | 'agent', k: number, created: Date) => ({
    id: idAt('usr', created.getTime()),
    email: `${role}${k + 1}.${salt}@bulk.sendback.test`,
    name: `${role === 'seller' ? 'Staff member' : role === 'buyer' ? 'Buyer' : 'Agent'} ${k + 1}`,
    role,
    sellerId: null as string | null,
    createdAt: created,
  });
  const staff = shops.map((shop, k) => ({ ...person('seller', k, at(1, k)), sellerId: shop.id }));
  const buyers = Array.from({ length: counts.buyers }, (_, k) => person('buyer', k, at(30, k)));
  const agents = Array.from({ length: counts.agents }, (_, k) => person('agent', k, at(2, k)));
  await inTransaction(db, (tx) =>
    insertPeople(tx, { sellers: shops, users: [...staff, ...buyers, ...agents] }),
  );
  return {
    sellers: shops.map((shop, k) => ({ id: shop.id, staff_id: staff[k]!.id })),
    buyers: buyers.map((b) => b.id),
    agents: agents.map((a) => a.id),
  };
}

interface Plan {
  templates: Templates;
  people: People;
  now: number;
  salt: string;
}

/**
 * Cases `lo` to `hi` (numbered from 1): each picks a story by weight, a shop, a buyer and a
 * product at random, and a start time: closed ones inside `window`, waiting ones so that their
 * deadline is ahead or (about a tenth) just past.
 */
function batchRows(
  plan: Plan,
  b: { lo: number; hi: number; windowLo: number; windowLen: number },
): BulkRows {
  const rows: BulkRows = { orders: [], orderLines: [], cases: [], returnLines: [], events: [] };
  const { people, salt } = plan;
  for (let i = b.lo; i <= b.hi; i++) {
    const storyDraw = Math.random();
    const shop = Math.floor(Math.random() * people.sellers.length);
    const seller = people.sellers[shop]!;
    const buyerId = people.buyers[Math.floor(Math.random() * people.buyers.length)]!;
    const agentId = people.agents[i % people.agents.length]!;
    const t = plan.templates.pick(storyDraw, shop, Math.random());
    const c = t.case;
    const lastOff = c.updated_at.getTime() - T0;
    const r = Math.random();
    // The row's request time; every instant of the template moves by base - T0.
    const base =
      t.kind === 'deadline'
        ? // waiting: entered its state up to 1.12 deadlines ago, so ~11% are overdue
          plan.now - Math.floor(r * (c.due_at!.getTime() - T0 - lastOff) * 1.12) - lastOff
        : t.kind === 'open'
          ? // waiting on an agent or the payment gateway: up to three days
            plan.now - Math.floor(r * 3 * DAY_MS) - lastOff
          : b.windowLo + Math.floor(r * b.windowLen) - lastOff;
    const shift = (d: Date) => new Date(d.getTime() - T0 + base);

    const orderedAt = shift(t.order.delivered_at!).getTime() + 600_000;
    const caseId = idAt('ret', base);
    const orderId = idAt('ord', orderedAt);
    const lineId = idAt('lin', orderedAt);
    const vals = slotValues(
      t,
      {
        case: caseId,
        order: orderId,
        line: lineId,
        buyer: buyerId,
        seller: seller.id,
        staff: seller.staff_id,
        agent: agentId,
      },
      base,
    );

    rows.orders.push({
      id: orderId,
      externalId: `BULK-${salt}-${i}`,
      sellerId: seller.id,
      buyerId,
      currency: t.order.currency,
      placedAt: shift(t.order.placed_at),
      deliveredAt: shift(t.order.delivered_at!),
      shippingAmount: t.order.shipping_amount,
      orderDiscountAmount: t.order.order_discount_amount,
      totalPaid: t.total_paid,
      paymentReference: `pay_sim_bulk_${salt}_${i}`,
      createdAt: new Date(orderedAt),
    });
    const line = t.order.lines[0]!;
    rows.orderLines.push({
      id: lineId,
      orderId,
      position: 0,
      sku: line.sku,
      title: line.title,
      category: line.category,
      quantity: line.quantity,
      unitPrice: line.unit_price,
      lineDiscountAmount: line.line_discount_amount,
      taxAmount: line.tax_amount,
    });
    rows.cases.push({
      id: caseId,
      orderId,
      sellerId: seller.id,
      buyerId,
      type: c.type,
      state: c.state,
      version: c.version,
      reason: c.reason,
      fault: c.fault,
      currency: c.currency,
      refundAmount: c.refund_amount,
      dueAt: c.due_at ? shift(c.due_at) : null,
      outcome: c.outcome,
      data: fill(t.data, vals),
      createdAt: new Date(base),
      updatedAt: shift(c.updated_at),
    });
    for (const l of c.lines) {
      rows.returnLines.push({ caseId, orderLineId: lineId, quantity: l.quantity });
    }
    // The chain as appendCaseEvents writes it: each hash covers the previous one and the record.
    let prevHash = GENESIS_HASH;
    for (const [k, e] of t.events.entries()) {
      const at = new Date(base + e.at_off);
      const event = {
        id: idAt('evt', at.getTime()),
        caseId,
        seq: k + 1,
        type: e.type,
        actorRole: e.actor_role,
        actorId: e.actor_slot < 0 ? 'system' : vals[e.actor_slot]!,
        at,
        payload: JSON.parse(fill(e.payload, vals)) as Record<string, unknown>,
        prevHash,
        hash: '',
      };
      event.hash = chainHash(prevHash, eventRecord(event));
      rows.events.push(event);
      prevHash = event.hash;
    }
  }
  return rows;
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
 * deadlines spread over the coming days and about a tenth already overdue. Batches of 5,000
 * cases, one transaction each; `parallel` batches at once (one is made while another is written).
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

  const templates = await buildTemplates();
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
  const plan: Plan = { templates, people, now: nowMs, salt };
  // The rows are consistent by construction; a superuser may skip the per-row foreign-key
  // triggers for speed. Others keep the checks.
  const skipTriggers = await isSuperuser(db);

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
      const rows = batchRows(plan, { lo, hi, windowLo, windowLen });
      await inTransaction(db, async (tx) => {
        await startBulkLoad(tx, { skipTriggers });
        await insertBulkRows(tx, rows);
      });
      events += rows.events.length;
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
