import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { type Database, openDatabase, queryRows } from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { cloneCase } from '../support/bulk.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop } from '../support/fixtures.ts';
import { client } from '../support/http.ts';

const CASES = 10_000;

describe.each(ENGINES)('three sweepers at once [%s]', (engine) => {
  let t: TestApp;
  let nodes: Database[];
  beforeAll(async () => {
    t = await startTestApp(engine);
    // Each sweeper gets its own connection pool, as separate nodes would.
    nodes = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ url: t.database.url, poolSize: 2 })),
    );
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await t.close();
  });

  it(`expire each of ${CASES} due cases exactly once`, async () => {
    const shop = await createShop(t.app);
    const api = client(t.app);
    const order = await createOrder(t.app, shop);
    const created = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    const ids = await cloneCase(t.database.db, created.body.id, CASES - 1);
    expect(ids).toHaveLength(CASES - 1);

    t.clock.advance(48 * 3600);
    const now = t.clock.now();
    const results = await Promise.all(
      nodes.map((node) => advanceOverdueCases(node.db, now, { batch_size: 100 })),
    );
    expect(results.reduce((sum, r) => sum + r.expired, 0)).toBe(CASES);
    expect(results.reduce((sum, r) => sum + r.errors, 0)).toBe(0);

    const [counts] = await queryRows<{ cases: number; min: number; max: number }>(
      t.database.db,
      sql`select count(*)::int as cases, min(n)::int as min, max(n)::int as max from (
            select c.id, count(e.id) as n from return_cases c
            left join case_events e on e.case_id = c.id and e.type = 'return.auto_approved'
            group by c.id) per_case`,
    );
    expect(counts).toEqual({ cases: CASES, min: 1, max: 1 });
    const [left] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from return_cases where due_at <= ${now.toISOString()}::timestamptz`,
    );
    expect(left!.n).toBe(0);
    const [states] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from return_cases where state = 'awaiting_shipment' and version = 2`,
    );
    expect(states!.n).toBe(CASES);
  }, 600_000);
});
