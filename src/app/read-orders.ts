import type { Db } from '../db/database.ts';
import { findOrder, listOrders, type StoredOrder } from '../db/orders.ts';
import { findSellers, type SellerRow } from '../db/users.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { scopeOf } from './reach.ts';
import { visibleSeller } from './return-policy.ts';

export type { SellerRow, StoredOrder };

/** An order as its answers show it: with the name of the shop it was bought from. */
export type ShownOrder = StoredOrder & { shop_name: string };

/** The orders with their shops' names (one read for all of them). */
export async function withShopNames(db: Db, orders: StoredOrder[]): Promise<ShownOrder[]> {
  const shops = await findSellers(db, [...new Set(orders.map((o) => o.seller_id))]);
  return orders.map((o) => ({ ...o, shop_name: shops.get(o.seller_id)?.name ?? '' }));
}

/** GET /v1/orders: the caller's orders (a buyer's, a shop's, or all), newest first. */
export async function listMyOrders(
  db: Db,
  principal: Principal,
  page: { limit: number; before?: string | undefined },
): Promise<{ orders: ShownOrder[]; next: string | null }> {
  const rows = await listOrders(db, scopeOf(principal), {
    limit: page.limit + 1,
    before: page.before,
  });
  const shown = rows.slice(0, page.limit);
  return {
    orders: await withShopNames(db, shown),
    next: rows.length > page.limit ? shown.at(-1)!.id : null,
  };
}

/** GET /v1/orders/{id}: one order in the caller's reach, with its lines. */
export async function showOrder(db: Db, principal: Principal, id: string): Promise<ShownOrder> {
  const order = await findOrder(db, id, scopeOf(principal));
  if (!order) throw new AppError('not_found', 'Order not found.');
  return (await withShopNames(db, [order]))[0]!;
}

/** GET /v1/sellers/{id}: a shop, to whoever may read its policy. */
export async function showSeller(db: Db, principal: Principal, id: string): Promise<SellerRow> {
  return visibleSeller(db, principal, id);
}
