import { and, asc, desc, eq, getTableColumns, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { DeliveryAddress, LineVariant, Order } from '../domain/index.ts';
import { type CaseViewFacts, caseFactsJson, type FactsAsked, factsValues } from './cases.ts';
import type { Db } from './database.ts';
import type { EndpointRow } from './held.ts';
import { anyOfPlaceholder, preparedByIds, preparedQuery } from './prepared.ts';
import { addressFromJson, type ReturnAddressRow, returnAddressOf } from './return-addresses.ts';
import { orderLines, orders, returnCases, sellers } from './schema.ts';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

export interface StoredOrder extends Order {
  external_id: string;
  total_paid: number;
  payment_reference: string;
  /** Where the order was delivered; null when the marketplace did not say. */
  ship_to: DeliveryAddress | null;
  created_at: Date;
}

export interface OrderScope {
  buyer_id?: string;
  seller_id?: string;
}

function scopeConditions(scope: OrderScope): SQL[] {
  const conditions: SQL[] = [];
  if (scope.buyer_id) conditions.push(eq(orders.buyerId, scope.buyer_id));
  if (scope.seller_id) conditions.push(eq(orders.sellerId, scope.seller_id));
  return conditions;
}

function toOrder(row: OrderRow, lines: OrderLineRow[]): StoredOrder {
  return {
    id: row.id,
    external_id: row.externalId,
    seller_id: row.sellerId,
    buyer_id: row.buyerId,
    currency: row.currency,
    placed_at: row.placedAt,
    delivered_at: row.deliveredAt,
    shipping_amount: row.shippingAmount,
    order_discount_amount: row.orderDiscountAmount,
    total_paid: row.totalPaid,
    payment_reference: row.paymentReference,
    ship_to: (row.shipTo as DeliveryAddress | null) ?? null,
    created_at: row.createdAt,
    lines: lines
      .sort((a, b) => a.position - b.position)
      .map((l) => ({
        id: l.id,
        sku: l.sku,
        title: l.title,
        category: l.category,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        line_discount_amount: l.lineDiscountAmount,
        tax_amount: l.taxAmount,
        ...(l.inStock === null ? {} : { in_stock: l.inStock }),
        ...(l.variants ? { variants: l.variants as LineVariant[] } : {}),
      })),
  };
}

export async function insertOrder(
  db: Db,
  order: typeof orders.$inferInsert,
  lines: (typeof orderLines.$inferInsert)[],
): Promise<boolean> {
  // A concurrent ingest of the same marketplace order loses quietly; the caller reloads the winner.
  const inserted = await db
    .insert(orders)
    .values(order)
    .onConflictDoNothing({ target: orders.externalId })
    .returning({ id: orders.id });
  if (!inserted.length) return false;
  if (lines.length) await db.insert(orderLines).values(lines);
  return true;
}

export async function findOrderIdByExternalId(
  db: Db,
  externalId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.externalId, externalId));
  return row?.id;
}

export async function setOrderDelivered(db: Db, id: string, deliveredAt: Date): Promise<void> {
  await db.update(orders).set({ deliveredAt }).where(eq(orders.id, id));
}

export async function findOrder(
  db: Db,
  id: string,
  scope: OrderScope = {},
): Promise<StoredOrder | undefined> {
  if (scope.buyer_id || scope.seller_id) {
    const [row] = await db
      .select({ order: orders, lines: LINES })
      .from(orders)
      .where(and(eq(orders.id, id), ...scopeConditions(scope)));
    return row && toOrder(row.order, row.lines);
  }
  const [row] = await ordersById(db, [id]);
  return row && toOrder(row.order, row.lines);
}

/** Newest first; `before` is the last id of the previous page. */
export async function listOrders(
  db: Db,
  scope: OrderScope,
  page: { limit: number; before?: string | undefined },
): Promise<StoredOrder[]> {
  const conditions = scopeConditions(scope);
  if (page.before) conditions.push(lt(orders.id, page.before));
  const rows = await db
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(page.limit);
  if (!rows.length) return [];
  const lines = await db
    .select()
    .from(orderLines)
    .where(
      inArray(
        orderLines.orderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(orderLines.position));
  return rows.map((row) =>
    toOrder(
      row,
      lines.filter((l) => l.orderId === row.id),
    ),
  );
}

/**
 * An order's lines, as a JSON array of line rows made by PostgreSQL in the same statement as the
 * order (one round trip instead of two). The keys are the table's, as Drizzle maps its columns.
 */
const LINES = sql<OrderLineRow[]>`coalesce((select json_agg(json_build_object(${sql.raw(
  Object.entries(getTableColumns(orderLines))
    .map(([key, column]) => `'${key}', l."${column.name}"`)
    .join(', '),
)})) from "order_lines" l where l."order_id" = "orders"."id"), '[]'::json)`;

// Every command reads its order and lines: built once (src/db/prepared.ts).
const ordersById = preparedByIds('orders_by_id', (db, ids) =>
  db.select({ order: orders, lines: LINES }).from(orders).where(sql`${orders.id} = any(${ids})`),
);

const { policy: _policy, ...sellerColumns } = getTableColumns(sellers);

/**
 * What deciding about an order's cases reads, for several orders in one statement: each order with
 * its lines, its shop's row, and its cases' stored documents (in id order). A command's read (by
 * its cases' ids) adds each case's newest event (`heads`) and the address the buyer would send a
 * parcel to, should a request be approved (`address`). A command whose answer shows the case adds
 * what the case's page shows beside it (`facts`, caseFactsJson), with or without the buyer's record.
 */
const orderContextsQuery = (
  variant: 'plain' | 'heads_and_address',
  by: 'id' | 'case',
  facts: FactsForm = 'no_facts',
) =>
  preparedByIds(
    `order_contexts_${variant}_by_${by}${facts === 'no_facts' ? '' : `_${facts}`}`,
    (db, ids) =>
      db
        .select({
          order: orders,
          lines: LINES,
          // The policy as PostgreSQL writes it: the parsed policy is kept by that text
          // (policyOfText), so a command parses neither the JSON nor the policy again.
          seller: { ...sellerColumns, policy: sql<string>`${sellers.policy}::text` },
          // A command's read leaves out the cases it locks: the lock's statement sent their
          // documents already (contextsFrom puts them back), and each is parsed once.
          cases: sql<unknown[]>`coalesce((select json_agg(c."data" order by c."id")
          from "return_cases" c where c."order_id" = "orders"."id"${
            variant === 'plain' ? sql`` : sql` and c."id" <> all(${ids})`
          }), '[]'::json)`,
          held:
            variant === 'plain'
              ? sql<null>`null`
              : sql<string[]>`coalesce((select json_agg(c."id") from "return_cases" c
              where c."order_id" = "orders"."id" and c."id" = any(${ids})), '[]'::json)`,
          // Who receives the order's events: the shop's enabled endpoints and the operators'.
          endpoints: sql<EndpointRow[]>`coalesce((select json_agg(json_build_object('id', e.id,
            'sellerId', e.seller_id, 'events', e.events) order by e.id)
          from webhook_endpoints e where e.status = 'enabled' and e.deleted_at is null
            and (e.seller_id is null or e.seller_id = "orders"."seller_id")), '[]'::json)`,
          // Each case's newest event: the head its next event chains to.
          heads:
            variant === 'plain'
              ? sql<null>`null`
              : sql<Record<string, { seq: number; hash: string } | null>>`coalesce((select
              json_object_agg(c."id", (select json_build_object('seq', e.seq, 'hash', e.hash)
                from case_events e where e.case_id = c."id" order by e.seq desc limit 1))
            from "return_cases" c where c."order_id" = "orders"."id"), '{}'::json)`,
          address:
            variant === 'heads_and_address'
              ? sql<unknown>`${returnAddressOf(sql.raw('"orders"'))}`
              : sql<null>`null`,
          facts:
            facts === 'no_facts'
              ? sql<CaseViewFacts | null>`null`
              : sql<CaseViewFacts | null>`${caseFactsJson(facts === 'facts_record', sql.raw('"orders"'))}`,
        })
        .from(orders)
        .innerJoin(sellers, eq(sellers.id, orders.sellerId))
        .where(
          by === 'id'
            ? sql`${orders.id} = any(${ids})`
            : sql`${orders.id} in (select x."order_id" from "return_cases" x where x."id" = any(${ids}))`,
        ),
  );
type FactsForm = 'no_facts' | 'facts' | 'facts_record';
/** A context statement's three forms: without facts, with them, with them and the buyer's record. */
const contextForms = (variant: 'plain' | 'heads_and_address', by: 'id' | 'case') => ({
  no_facts: orderContextsQuery(variant, by),
  facts: orderContextsQuery(variant, by, 'facts'),
  facts_record: orderContextsQuery(variant, by, 'facts_record'),
});
const ORDER_CONTEXTS = contextForms('plain', 'id');
// Of the orders of some cases: a command sends it in one write with the statement that locks them.
const ORDER_CONTEXTS_OF_CASES = contextForms('heads_and_address', 'case');

type ContextRows = Awaited<ReturnType<typeof ORDER_CONTEXTS.no_facts>>;

/** Runs the form of a context statement that reads the facts asked for, with their values. */
function readContexts(
  forms: typeof ORDER_CONTEXTS,
  db: Db,
  ids: readonly string[],
  asked: FactsAsked | undefined,
): Promise<ContextRows> {
  if (!asked) return forms.no_facts(db, ids);
  const query = (asked.record ? forms.facts_record : forms.facts) as (
    db: Db,
    ids: readonly string[],
    values: Record<string, unknown>,
  ) => Promise<ContextRows>;
  return query(db, ids, factsValues(asked));
}

export interface OrderContextRow {
  order: StoredOrder;
  /** The shop's row, its policy as the JSON text PostgreSQL wrote. */
  seller: Omit<typeof sellers.$inferSelect, 'policy'> & { policy: string };
  /**
   * The order's cases as stored (`return_cases.data`), in id order; of a command's read, without
   * the cases it asked for (`held`), which its lock read.
   */
  cases: unknown[];
  /** Of a command's read: the ids of the order's cases left out of `cases`. */
  held: string[] | null;
  /** The enabled webhook endpoints the order's events go to. */
  endpoints: EndpointRow[];
  /** Of a command's read (findOrderContextsOfCases): each case's newest event (null: none yet). */
  heads: Record<string, { seq: number; hash: string } | null> | null;
  /** Of a command's read: where the buyer sends a return (null: the shop has no address, or not asked). */
  address: ReturnAddressRow | null;
  /** What the case's page shows beside it, when asked for (FactsAsked); else null. */
  facts: CaseViewFacts | null;
}

/** Orders with their lines, shops and cases, by id (one statement). */
export async function findOrderContexts(
  db: Db,
  ids: string[],
  facts?: FactsAsked,
): Promise<Map<string, OrderContextRow>> {
  if (!ids.length) return new Map();
  return orderContextsFrom(await readContexts(ORDER_CONTEXTS, db, ids, facts));
}

/**
 * findOrderContexts with heads and addresses, of the orders of some cases: what a command reads
 * about the cases it locks, in a statement that needs no answer from the lock's (readTogether).
 */
export async function findOrderContextsOfCases(
  db: Db,
  caseIds: string[],
  facts?: FactsAsked,
): Promise<Map<string, OrderContextRow>> {
  if (!caseIds.length) return new Map();
  return orderContextsFrom(await readContexts(ORDER_CONTEXTS_OF_CASES, db, caseIds, facts));
}

function orderContextsFrom(rows: ContextRows): Map<string, OrderContextRow> {
  const out = new Map<string, OrderContextRow>();
  for (const row of rows) {
    out.set(row.order.id, {
      order: toOrder(row.order, row.lines),
      seller: row.seller,
      cases: row.cases,
      held: row.held,
      endpoints: row.endpoints,
      heads: row.heads,
      address: row.address ? addressFromJson(row.address) : null,
      facts: row.facts,
    });
  }
  return out;
}

/** Several orders with their lines, by id. */
export async function findOrders(db: Db, ids: string[]): Promise<Map<string, StoredOrder>> {
  const out = new Map<string, StoredOrder>();
  if (!ids.length) return out;
  for (const row of await ordersById(db, ids)) {
    out.set(row.order.id, toOrder(row.order, row.lines));
  }
  return out;
}

// Money and sibling cases are decided per order: every command that can move money, or that reads
// the order's other cases, first locks the order rows, in id order so that batches never wait on
// each other in a cycle. Only then are the cases locked and read. The lock is FOR NO KEY UPDATE:
// it excludes every other order lock as FOR UPDATE would, but not the key-share lock a foreign key
// check takes, so a message inserting the order's thread while a command holds the order does not
// wait on it (with FOR UPDATE the two could deadlock: the command then waits on that thread).
const lockOrdersOfCaseIds = preparedQuery('lock_orders_of_cases', (db) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .where(
      sql`${orders.id} in (select ${returnCases.orderId} from ${returnCases} where ${anyOfPlaceholder(returnCases.id)})`,
    )
    .orderBy(asc(orders.id))
    .for('no key update'),
);

const lockOrderIds = preparedByIds('lock_orders', (db, ids) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .where(sql`${orders.id} = any(${ids})`)
    .orderBy(asc(orders.id))
    .for('no key update'),
);

/** Locks the orders of these cases (in id order) until the transaction ends. */
export async function lockOrdersOfCases(db: Db, caseIds: string[]): Promise<string[]> {
  if (!caseIds.length) return [];
  const rows = await lockOrdersOfCaseIds(db, { ids: caseIds });
  return rows.map((r) => r.id);
}

/** Locks these orders (in id order) until the transaction ends. */
export async function lockOrders(db: Db, orderIds: string[]): Promise<string[]> {
  if (!orderIds.length) return [];
  const rows = await lockOrderIds(db, [...new Set(orderIds)]);
  return rows.map((r) => r.id);
}

const lockFreeOrderIds = preparedQuery('lock_free_orders', (db) =>
  db
    .select({ id: orders.id })
    .from(orders)
    .where(anyOfPlaceholder(orders.id))
    .orderBy(asc(orders.id))
    .for('no key update', { skipLocked: true }),
);

/**
 * Locks those of these orders that no one else holds, in id order, without waiting (the deadline
 * sweeper: a case whose order is busy waits for the next batch).
 */
export async function lockFreeOrders(db: Db, orderIds: string[]): Promise<Set<string>> {
  if (!orderIds.length) return new Set();
  const rows = await lockFreeOrderIds(db, { ids: [...new Set(orderIds)] });
  return new Set(rows.map((r) => r.id));
}

/** Whether the buyer has an order from the shop (a buyer may read the policy of shops they bought from). */
export async function buyerHasOrderFrom(
  db: Db,
  buyerId: string,
  sellerId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), eq(orders.sellerId, sellerId)))
    .limit(1);
  return row !== undefined;
}
