import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { applyCaseCommand } from '../../src/app/apply-case-command.ts';
import { AppError } from '../../src/app/errors.ts';
import { verifyRecords } from '../../src/app/verify-records.ts';
import {
  type Database,
  type Db,
  inTransaction,
  openDatabase,
  queryRows,
} from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { cloneCase } from '../support/bulk.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client } from '../support/http.ts';

const CASES = 400;

describe.each(ENGINES)('sweepers and people racing on the same cases [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let nodes: Database[];
  beforeAll(async () => {
    t = await startTestApp(engine, { SENDBACK_RATE_LIMIT_WRITES: '1000000' });
    shop = await createShop(t.app);
    nodes = await Promise.all(
      [1, 2, 3, 4].map(() => openDatabase({ url: t.database.url, poolSize: 3 })),
    );
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await t.close();
  });

  it('every case moves exactly once out of requested, and every chain stays valid', async () => {
    const api = client(t.app);
    const order = await createOrder(t.app, shop);
    const first = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason: 'damaged',
      description: 'Cracked.',
      lines: [{ order_line_id: order.lines[0].id, quantity: 1 }],
    });
    const ids = [
      first.body.id as string,
      ...(await cloneCase(t.database.db, first.body.id, CASES - 1)),
    ];
    // The deadline passes while the seller and the buyer are still acting.
    t.clock.advance(48 * 3600);
    const now = t.clock.now();
    const person = async (db: Db, kind: 'approve' | 'withdraw') => {
      let won = 0;
      for (const id of ids) {
        const actor =
          kind === 'withdraw'
            ? { role: 'buyer' as const, id: shop.buyer.id }
            : { role: 'seller' as const, id: shop.staff.id };
        const command = { name: kind } as const;
        try {
          await inTransaction(db, async (tx) => {
            await applyCaseCommand(tx, id, command, actor, now);
          });
          won++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
        }
      }
      return won;
    };
    const [s1, s2, s3, approved, withdrawn] = await Promise.all([
      advanceOverdueCases(nodes[0]!.db, now, { batch_size: 25 }),
      advanceOverdueCases(nodes[1]!.db, now, { batch_size: 25 }),
      advanceOverdueCases(nodes[2]!.db, now, { batch_size: 25 }),
      person(nodes[3]!.db, 'approve'),
      person(nodes[0]!.db, 'withdraw'),
    ]);
    const [rows] = await queryRows<{ cases: number; decided_twice: number; undecided: number }>(
      t.database.db,
      sql`select count(*)::int as cases,
            count(*) filter (where decisions > 1)::int as decided_twice,
            count(*) filter (where decisions = 0 and not withdrawn)::int as undecided
          from (
            select c.id,
              count(e.id) filter (where e.type in ('return.approved', 'return.auto_approved')) as decisions,
              bool_or(e.type = 'return.withdrawn') as withdrawn
            from return_cases c join case_events e on e.case_id = c.id
            group by c.id) per_case`,
    );
    // The seller and the deadline never both decide a case, and no case is left waiting.
    expect(rows).toEqual({ cases: CASES, decided_twice: 0, undecided: 0 });
    const expired = s1.expired + s2.expired + s3.expired;
    expect(expired + approved).toBeLessThanOrEqual(CASES);
    expect(expired + approved + withdrawn).toBeGreaterThanOrEqual(CASES);
    const report = await verifyRecords(t.database.db);
    expect(report.problems).toEqual([]);
  }, 300_000);
});
