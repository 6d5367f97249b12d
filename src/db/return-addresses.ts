import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from './database.ts';
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
 * The address a buyer in `country` sends returns to: one that lists the country, else the default.
 * Null country (the marketplace gave no delivery address): the default.
 */
export async function addressForBuyer(
  db: Db,
  sellerId: string,
  country: string | null,
): Promise<ReturnAddressRow | undefined> {
  const [row] = await db
    .select()
    .from(returnAddresses)
    .where(eq(returnAddresses.sellerId, sellerId))
    .orderBy(
      sql`(${country}::text = any(${returnAddresses.buyerCountries})) is true desc`,
      sql`${returnAddresses.isDefault} desc`,
      asc(returnAddresses.id),
    )
    .limit(1);
  if (!row) return undefined;
  const serves = country !== null && row.buyerCountries.includes(country);
  return serves || row.isDefault ? row : undefined;
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
