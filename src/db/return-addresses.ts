import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';
import { idListParam } from './prepared.ts';
import { returnAddresses } from './schema.ts';

export type ReturnAddressRow = typeof returnAddresses.$inferSelect;
export type NewReturnAddress = typeof returnAddresses.$inferInsert;

/** A shop's addresses, the default first, then in the order they were added. */
export function addressesOf(db: Db, sellerId: string): Promise<ReturnAddressRow[]> {
  return db
    .select()
    .from(returnAddresses)
    .where(eq(returnAddresses.sellerId, sellerId))
    .orderBy(sql`${returnAddresses.isDefault} desc`, asc(returnAddresses.id));
}

export async function findAddress(
  db: Db,
  sellerId: string,
  id: string,
): Promise<ReturnAddressRow | undefined> {
  const [row] = await db
    .select()
    .from(returnAddresses)
    .where(and(eq(returnAddresses.sellerId, sellerId), eq(returnAddresses.id, id)));
  return row;
}

/**
 * For each order, the address its buyer sends returns to: the shop's address that lists the
 * country the order was delivered to, else the shop's default. One statement for many orders.
 */
export async function addressesForOrders(
  db: Db,
  orderIds: string[],
): Promise<Map<string, ReturnAddressRow>> {
  if (!orderIds.length) return new Map();
  const rows = await queryRows<{ order_id: string; address: unknown }>(
    db,
    sql`select o.id as order_id, ${returnAddressOf(sql.raw('o'))} as address
          from orders o
         where o.id = any(${idListParam(orderIds)})`,
  );
  return new Map(
    rows.flatMap((r) => (r.address ? [[r.order_id, addressFromJson(r.address)] as const] : [])),
  );
}

/**
 * The address the buyer of the order row `order` (its table's name or alias) sends returns to, as
 * to_jsonb spells the row, or null when the shop has none: a scalar sub-select, so the command
 * that approves a request reads it in the statement that reads the order (src/db/orders.ts).
 */
export function returnAddressOf(order: SQL): SQL {
  return sql`(select to_jsonb(a) from return_addresses a
     where a.seller_id = ${order}.seller_id
       and ((${order}.ship_to->>'country') = any(a.buyer_countries) or a.is_default)
     order by ((${order}.ship_to->>'country') = any(a.buyer_countries)) is true desc,
              a.is_default desc, a.id
     limit 1)`;
}

/** A row as to_jsonb spells it (snake_case keys, ISO instants). */
export function addressFromJson(j: unknown): ReturnAddressRow {
  const r = j as Record<string, unknown>;
  return {
    id: r.id as string,
    sellerId: r.seller_id as string,
    name: r.name as string,
    line1: r.line1 as string,
    line2: (r.line2 as string | null) ?? null,
    city: r.city as string,
    region: (r.region as string | null) ?? null,
    postalCode: r.postal_code as string,
    country: r.country as string,
    phone: (r.phone as string | null) ?? null,
    instructions: (r.instructions as string | null) ?? null,
    buyerCountries: r.buyer_countries as string[],
    isDefault: r.is_default as boolean,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

/** Locks the shop's address rows, so two edits of its default cannot interleave. */
export async function lockAddressesOf(db: Db, sellerId: string): Promise<ReturnAddressRow[]> {
  return db
    .select()
    .from(returnAddresses)
    .where(eq(returnAddresses.sellerId, sellerId))
    .orderBy(asc(returnAddresses.id))
    .for('update');
}

export async function insertAddress(db: Db, row: NewReturnAddress): Promise<ReturnAddressRow> {
  const [inserted] = await db.insert(returnAddresses).values(row).returning();
  return inserted!;
}

export async function updateAddress(
  db: Db,
  id: string,
  set: Partial<NewReturnAddress>,
): Promise<ReturnAddressRow | undefined> {
  const [row] = await db
    .update(returnAddresses)
    .set(set)
    .where(eq(returnAddresses.id, id))
    .returning();
  return row;
}

/** Clears the default flag on the shop's other addresses (before one becomes the default). */
export async function clearDefault(db: Db, sellerId: string, exceptId: string): Promise<void> {
  await db
    .update(returnAddresses)
    .set({ isDefault: false })
    .where(
      and(
        eq(returnAddresses.sellerId, sellerId),
        ne(returnAddresses.id, exceptId),
        eq(returnAddresses.isDefault, true),
      ),
    );
}

export async function deleteAddress(db: Db, id: string): Promise<void> {
  await db.delete(returnAddresses).where(eq(returnAddresses.id, id));
}
