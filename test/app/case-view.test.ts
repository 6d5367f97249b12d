import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeCase, summarizeDocument } from '../../src/app/case-view.ts';
import { seedDemo } from '../../src/app/seed-demo.ts';
import { type CaseDocument, caseFromData } from '../../src/db/cases.ts';
import { queryRows } from '../../src/db/database.ts';
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
    }
  });
});
