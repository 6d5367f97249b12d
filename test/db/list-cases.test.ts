import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_OMITS } from '../../src/app/read-returns.ts';
import {
  type CaseCursor,
  type CaseDocument,
  type CaseFilters,
  type CaseScope,
  type CaseSort,
  listCases,
} from '../../src/db/cases.ts';
import { queryRows } from '../../src/db/database.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { CASE_STATES, TERMINAL_STATES } from '../../src/domain/index.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

const NOW = new Date('2026-03-10T15:00:00.000Z');
/** Every state a case can still move on from. */
const OPEN = CASE_STATES.filter((state) => !TERMINAL_STATES.includes(state));

/** The order each sort promises, computed from the documents. */
function compare(sort: CaseSort) {
  const dueKey = (d: CaseDocument) => (d.due_at === null ? Infinity : Date.parse(d.due_at));
  return (a: CaseDocument, b: CaseDocument): number => {
    if (sort === 'due_at') {
      const k = dueKey(a) - dueKey(b);
      if (k !== 0 && !Number.isNaN(k)) return k;
      if (dueKey(a) !== dueKey(b)) return dueKey(a) === Infinity ? 1 : -1;
      return a.id < b.id ? -1 : 1;
    }
    const k = Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1);
    return sort === 'created_at' ? k : -k;
  };
}

describe.each(ENGINES)('case lists [%s]', (engine) => {
  let database: TestDatabase;
  let documents: CaseDocument[];
  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database.db, NOW);
    documents = (
      await queryRows<{ data: CaseDocument }>(database.db, sql`select data from return_cases`)
    ).map((r) => r.data);
  });
  afterAll(() => database.close());

  /** Every page of a list, three cases at a time, following the cursor as the route makes it. */
  async function walk(scope: CaseScope, filters: CaseFilters, sort: CaseSort): Promise<string[]> {
    const ids: string[] = [];
    let after: CaseCursor | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const rows = await listCases(database.db, scope, filters, sort, {
        limit: 3,
        after,
        omit: LIST_OMITS,
      });
      ids.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < 3 || !last) return ids;
      after = { key: sort === 'due_at' ? last.due_at : last.created_at, id: last.id };
    }
    throw new Error('the cursor never ended');
  }

  const expected = (keep: (d: CaseDocument) => boolean, sort: CaseSort) =>
    documents
      .filter(keep)
      .sort(compare(sort))
      .map((d) => d.id);

  it.each(['due_at', 'created_at', '-created_at'] as const)(
    'pages by %s through every case, in order, none twice',
    async (sort) => {
      expect(documents.length).toBeGreaterThanOrEqual(20);
      expect(await walk({}, {}, sort)).toEqual(expected(() => true, sort));
      const shop = documents[0]!.seller_id;
      expect(await walk({ seller_id: shop }, {}, sort)).toEqual(
        expected((d) => d.seller_id === shop, sort),
      );
      const buyer = documents[0]!.buyer_id;
      expect(await walk({ buyer_id: buyer }, {}, sort)).toEqual(
        expected((d) => d.buyer_id === buyer, sort),
      );
    },
  );

  it("shows each case's order number, kept on the case from its order", async () => {
    const rows = await listCases(database.db, {}, {}, 'created_at', {
      limit: 100,
      omit: LIST_OMITS,
    });
    const numbers = await queryRows<{ id: string; external_id: string }>(
      database.db,
      sql`select c.id, o.external_id from return_cases c join orders o on o.id = c.order_id`,
    );
    expect(rows.length).toBe(documents.length);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.order_number]))).toEqual(
      Object.fromEntries(numbers.map((n) => [n.id, n.external_id])),
    );
    // Not for the taking from the insert: the order's own number is what the row keeps.
    const [one] = documents;
    await expect(
      queryRows(
        database.db,
        sql`insert into return_cases (id, order_id, seller_id, buyer_id, type, state, version,
          reason, fault, currency, data, created_at, updated_at, order_number)
          select 'ret_01kzzzzzzzzzzzzzzzzzzzzzzz', order_id, seller_id, buyer_id, type, state,
            version, reason, fault, currency, data, created_at, updated_at, 'NOT-THE-NUMBER'
          from return_cases where id = ${one!.id}
          returning order_number`,
      ),
    ).resolves.toEqual([{ order_number: numbers.find((n) => n.id === one!.id)!.external_id }]);
    await queryRows(
      database.db,
      sql`delete from return_cases where id = 'ret_01kzzzzzzzzzzzzzzzzzzzzzzz' returning id`,
    );
  });

  it('filters by each field, alone and together, within the scope', async () => {
    const some = documents[3]!;
    const middle = new Date(
      [...documents].sort(compare('created_at'))[Math.floor(documents.length / 2)]!.created_at,
    );
    const dues = documents.flatMap((d) => (d.due_at === null ? [] : [Date.parse(d.due_at)]));
    const dueMiddle = new Date(dues.sort((a, b) => a - b)[Math.floor(dues.length / 2)]!);
    const cases: [CaseScope, CaseFilters, (d: CaseDocument) => boolean][] = [
      [
        {},
        { status: ['requested', 'delivered'] },
        (d) => ['requested', 'delivered'].includes(d.state),
      ],
      [{}, { type: 'refund_only' }, (d) => d.type === 'refund_only'],
      [{}, { reason: some.reason }, (d) => d.reason === some.reason],
      [{}, { seller_id: some.seller_id }, (d) => d.seller_id === some.seller_id],
      [{}, { buyer_id: some.buyer_id }, (d) => d.buyer_id === some.buyer_id],
      [{}, { order_id: some.order_id }, (d) => d.order_id === some.order_id],
      [
        {},
        { due_before: dueMiddle },
        (d) => d.due_at !== null && Date.parse(d.due_at) < dueMiddle.getTime(),
      ],
      [{}, { created_from: middle }, (d) => Date.parse(d.created_at) >= middle.getTime()],
      [{}, { created_to: middle }, (d) => Date.parse(d.created_at) <= middle.getTime()],
      [
        { seller_id: some.seller_id },
        { status: ['requested'], type: 'return_and_refund' },
        (d) =>
          d.seller_id === some.seller_id &&
          d.state === 'requested' &&
          d.type === 'return_and_refund',
      ],
      // Several states of one shop by deadline: the states' ordered runs merged (listCases).
      [
        { seller_id: some.seller_id },
        { status: [...OPEN, 'requested', 'refunded'] },
        (d) => d.seller_id === some.seller_id && [...OPEN, 'refunded'].includes(d.state),
      ],
      [
        {},
        { seller_id: some.seller_id, status: ['requested', 'awaiting_shipment', 'closed'] },
        (d) =>
          d.seller_id === some.seller_id &&
          ['requested', 'awaiting_shipment', 'closed'].includes(d.state),
      ],
      [
        { seller_id: some.seller_id },
        { status: [...OPEN, 'refunded', 'closed'], type: 'return_and_refund' },
        (d) =>
          d.seller_id === some.seller_id &&
          [...OPEN, 'refunded', 'closed'].includes(d.state) &&
          d.type === 'return_and_refund',
      ],
      // A buyer asking for one shop's cases in several states (the buyer's own index).
      [
        { buyer_id: some.buyer_id },
        { seller_id: some.seller_id, status: [...OPEN, 'refunded', 'closed'] },
        (d) =>
          d.buyer_id === some.buyer_id &&
          d.seller_id === some.seller_id &&
          [...OPEN, 'refunded', 'closed'].includes(d.state),
      ],
      // A shop's staff asking for another shop's cases get none.
      [{ seller_id: 'sel_none' }, { seller_id: some.seller_id }, () => false],
    ];
    for (const [scope, filters, keep] of cases) {
      const want = expected(keep, 'due_at');
      expect(await walk(scope, filters, 'due_at'), JSON.stringify(filters)).toEqual(want);
      // The merged runs (several states of one shop) are walked over more than one page of 3,
      // through cases of more than one state.
      if (
        (filters.status?.length ?? 0) > 1 &&
        !scope.buyer_id &&
        (scope.seller_id ?? filters.seller_id)
      ) {
        const found = documents.filter((d) => want.includes(d.id));
        expect(want.length, JSON.stringify(filters)).toBeGreaterThan(3);
        expect(new Set(found.map((d) => d.state)).size, JSON.stringify(filters)).toBeGreaterThan(1);
      }
      // Every filter but the shop-and-state one leaves something to find in the demo data.
      if (scope.seller_id !== 'sel_none' && !filters.status?.includes('requested')) {
        expect(want.length, JSON.stringify(filters)).toBeGreaterThan(0);
      }
    }
  });
});
