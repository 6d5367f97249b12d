import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './database.ts';

export interface BuyerHistoryRow {
  orders: number;
  cases: number;
  cases_recent: number;
  refunds: number;
  returnless: number;
  returnless_recent: number;
  disputes_lost: number;
}

/**
 * A buyer's return record in one statement: orders, cases (and those since `recentSince`),
 * refunded cases, returnless refunds (and those since `returnlessSince`), disputes lost. With
 * `sellerId`, only at that shop.
 */
export async function buyerHistory(
  db: Db,
  buyerId: string,
  options: { sellerId?: string; recentSince: Date; returnlessSince: Date },
): Promise<BuyerHistoryRow> {
  const shop = options.sellerId ? sql`and seller_id = ${options.sellerId}` : sql``;
  const [row] = await queryRows<Record<keyof BuyerHistoryRow, string>>(
    db,
    sql`select
      (select count(*) from orders where buyer_id = ${buyerId} ${shop}) as orders,
      count(*) as cases,
      count(*) filter (where created_at >= ${options.recentSince.toISOString()}::timestamptz) as cases_recent,
      count(*) filter (where outcome in ('refunded', 'partially_refunded')) as refunds,
      count(*) filter (where keeps_item) as returnless,
      count(*) filter (where keeps_item
        and created_at >= ${options.returnlessSince.toISOString()}::timestamptz) as returnless_recent,
      count(*) filter (where outcome = 'ruled_for_seller') as disputes_lost
    from return_cases where buyer_id = ${buyerId} ${shop}`,
  );
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]),
  ) as unknown as BuyerHistoryRow;
}
