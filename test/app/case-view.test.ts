import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  listEntryPieces,
  summarizeCase,
  summarizeDocument,
  toJson,
} from '../../src/app/case-view.ts';
import { LIST_OMITS } from '../../src/app/read-returns.ts';
import { type CaseDocument, caseFromData, listCases } from '../../src/db/cases.ts';
import { queryRows } from '../../src/db/database.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { nextAction } from '../../src/domain/index.ts';
import { CaseSummarySchema } from '../../src/http/case-schemas.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

const NOW = new Date('2026-03-10T15:00:00.000Z');

describe.each(ENGINES)('case summaries [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedDemo(database.db, NOW);
  });
  afterAll(() => database.close());

  it('a list entry made from the stored document is the summary of the revived case', async () => {
    const rows = await queryRows<{ data: CaseDocument }>(
      database.db,
      sql`select data from return_cases order by id`,
    );
    // Every state, with and without deadlines, evidence requests, shipments and offers.
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.some((r) => r.data.evidence_request !== null)).toBe(true);
    expect(rows.some((r) => r.data.due_at === null)).toBe(true);
    for (const { data } of rows) {
      const fromDocument = summarizeDocument(structuredClone(data));
      expect(fromDocument).toEqual(summarizeCase(caseFromData(data)));
      expect(JSON.parse(JSON.stringify(fromDocument))).toEqual(fromDocument);
      // The next action read from the document's strings is the domain's, on the revived case.
      expect(fromDocument.next_action).toEqual(
        toJson(nextAction(caseFromData(structuredClone(data)))),
      );
    }
  });

  it('a queue entry, written by the database as text, is what the summary schema answers', async () => {
    const documents = await queryRows<{
      id: string;
      data: CaseDocument;
      order_number: string;
      buyer_name: string;
      shop_name: string;
    }>(
      database.db,
      sql`select c.id, c.data, o.external_id as order_number, u.name as buyer_name,
            s.name as shop_name
          from return_cases c join orders o on o.id = c.order_id
          join users u on u.id = c.buyer_id join sellers s on s.id = c.seller_id`,
    );
    const rows = await listCases(database.db, {}, {}, 'created_at', {
      limit: 1000,
      omit: LIST_OMITS,
    });
    expect(rows).toHaveLength(documents.length);
    const byId = new Map(documents.map((d) => [d.id, d]));
    for (const row of rows) {
      const pieces: string[] = [];
      listEntryPieces(row, pieces);
      const entry = JSON.parse(pieces.join(''));
      const { data, order_number, buyer_name, shop_name } = byId.get(row.id)!;
      // The names come from the order, the buyer and the shop, joined by the list query.
      expect(entry).toMatchObject({ order_number, buyer_name, shop_name });
      // What the route answered when zod encoded each summary: schema fields only, no others.
      const encoded = JSON.parse(
        JSON.stringify(
          z.encode(CaseSummarySchema, {
            // caseFromData revives the document in place: it gets a copy, the checks below the original.
            ...summarizeCase(caseFromData(structuredClone(data))),
            order_number,
            buyer_name,
            shop_name,
          }),
        ),
      );
      expect(entry).toEqual(encoded);
      expect(Object.keys(entry).sort()).toEqual(Object.keys(CaseSummarySchema.shape).sort());
      expect(row.due_at).toBe(data.due_at);
      expect(row.created_at).toBe(data.created_at);
    }
    // The document holds fields the API does not show; the entry leaves them out.
    expect(Object.keys(documents[0]!.data)).toContain('refund_breakdown');
  });
});
