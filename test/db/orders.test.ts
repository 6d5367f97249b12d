import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrder, findOrders } from '../../src/db/orders.ts';
import { orderLines, orders } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

const NOW = new Date('2026-03-10T15:00:00.000Z');

describe.each(ENGINES)('orders with their lines [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database.db, NOW);
  });
  afterAll(() => database.close());

  it('one statement per read answers every line of every order, in position order', async () => {
    const db = database.db;
    const all = await db.select().from(orders).orderBy(asc(orders.id));
    expect(all.length).toBeGreaterThanOrEqual(20);
    const many = await findOrders(db, [...all.map((o) => o.id), 'ord_missing']);
    expect(many.size).toBe(all.length);
    let lines = 0;
    for (const row of all) {
      const stored = await db
        .select()
        .from(orderLines)
        .where(eq(orderLines.orderId, row.id))
        .orderBy(asc(orderLines.position));
      const want = stored.map((l) => ({
        id: l.id,
        sku: l.sku,
        title: l.title,
        category: l.category,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        line_discount_amount: l.lineDiscountAmount,
        tax_amount: l.taxAmount,
      }));
      const one = await findOrder(db, row.id);
      expect(one?.lines).toEqual(want);
      expect(one?.total_paid).toBe(row.totalPaid);
      expect(many.get(row.id)).toEqual(one);
      expect((await findOrder(db, row.id, { buyer_id: row.buyerId }))?.lines).toEqual(want);
      expect(await findOrder(db, row.id, { buyer_id: 'usr_someone_else' })).toBeUndefined();
      lines += want.length;
    }
    expect(lines).toBeGreaterThan(all.length);
    expect(await findOrder(db, 'ord_missing')).toBeUndefined();
  });
});
