import { spawnSync } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceOverdueCases } from '../../src/app/advance-overdue-cases.ts';
import { eventRecord } from '../../src/app/case-context.ts';
import { chainHash, GENESIS_HASH } from '../../src/app/record-hash.ts';
import { verifyRecords } from '../../src/app/verify-records.ts';
import { type CaseEventRow, eventsOfCases } from '../../src/db/cases.ts';
import { caseEvents, policyVersions } from '../../src/db/schema.ts';
import { upsTracking } from '../../src/demo/tracking-numbers.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import { createOrder, createShop, type Shop } from '../support/fixtures.ts';
import { client, type Json } from '../support/http.ts';

const DAY_S = 86_400;

/**
 * `sendback verify --replay`: every automatic decision is re-derived from the policy version it
 * names. An insider who edits a decision and rewrites the hash chain after it passes the chain
 * check, but not the replay.
 */
describe.each(ENGINES)('verify --replay re-derives automatic decisions [%s]', (engine) => {
  let t: TestApp;
  let shop: Shop;
  let api: ReturnType<typeof client>;
  const cases: Record<string, Json> = {};

  const open = async (reason: string, line: number): Promise<Json> => {
    const order = await createOrder(t.app, shop);
    const res = await api.post('/v1/returns', shop.buyer, {
      order_id: order.id,
      reason,
      description: 'Not as it should be.',
      lines: [{ order_line_id: order.lines[line].id, quantity: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const run = async (id: string, command: string, who: { token: string }, body: object = {}) => {
    const res = await api.post(`/v1/returns/${id}/${command}`, who, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };
  const events = async (id: string): Promise<Json[]> =>
    (await api.get(`/v1/returns/${id}/events`, shop.staff)).body.data;
  const putPolicy = async (policy: object) => {
    const res = await api.put(`/v1/sellers/${shop.seller.id}/return_policy`, shop.staff, policy);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const replay = () => verifyRecords(t.database.db, { replay: true, page_size: 2 });

  /**
   * What an insider with database access does: lifts the append-only trigger, edits one event,
   * and rewrites the hashes from there on so the chain still holds. Answers the undo.
   */
  async function rewrite(
    caseId: string,
    seq: number,
    edit: (row: CaseEventRow) => void,
  ): Promise<() => Promise<void>> {
    const original = await eventsOfCases(t.database.db, [caseId]);
    const rows = structuredClone(original);
    edit(rows.find((r) => r.seq === seq)!);
    await store(rows);
    return () => store(original);
  }
  async function store(rows: CaseEventRow[]) {
    const db = t.database.db;
    await db.execute(sql`alter table case_events disable trigger case_events_append_only`);
    let prevHash = GENESIS_HASH;
    for (const row of rows) {
      const hash = chainHash(prevHash, eventRecord(row));
      await db
        .update(caseEvents)
        .set({ at: row.at, payload: row.payload, prevHash, hash })
        .where(eq(caseEvents.id, row.id));
      prevHash = hash;
    }
    await db.execute(sql`alter table case_events enable trigger case_events_append_only`);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    shop = await createShop(t.app);
    api = client(t.app);
    // Version 2: a damaged mug is refunded without a return; a defective item is approved at once.
    await putPolicy({
      returnless_refunds: [{ reasons: ['damaged'], categories: ['kitchen'], max_amount: 5000 }],
      returnless_limit: { count: 5, days: 30 },
      auto_approval: [{ reasons: ['defective'] }],
    });
    cases.returnless = await open('damaged', 0);
    cases.autoApproved = await open('defective', 1);
    cases.reviewSilence = await open('not_as_described', 1);
    cases.receivingSilence = await open('not_as_described', 1);
    await run(cases.receivingSilence.id, 'approve', shop.staff);
    await run(cases.receivingSilence.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(cases.receivingSilence.id),
    });
    cases.inspectionSilence = await open('not_as_described', 1);
    await run(cases.inspectionSilence.id, 'approve', shop.staff);
    await run(cases.inspectionSilence.id, 'ship', shop.buyer, {
      carrier: 'UPS',
      tracking_number: upsTracking(cases.inspectionSilence.id),
    });
    await run(cases.inspectionSilence.id, 'mark_received', shop.staff);
    // Version 3 changes a deadline: the cases opened under version 2 keep theirs, and the
    // expiries below are decided under version 3.
    await putPolicy({ deadlines: { buyer_ship: { hours: 9 * 24 } } });
    t.clock.advance(11 * DAY_S);
    const swept = await advanceOverdueCases(t.database.db, t.clock.now());
    expect(swept).toMatchObject({ expired: 4, errors: 0 });
  });
  afterAll(() => t.close());

  it('re-derives every automatic decision of an untouched record', async () => {
    const kinds = async (id: string) =>
      (await events(id))
        .filter((e) => e.actor.role === 'system')
        .map((e) => [e.type, e.payload.rule ?? null, e.payload.policy_version]);
    expect(await kinds(cases.returnless.id)).toEqual([
      ['return.returnless_refund_approved', 'returnless_refunds[0]', 2],
      ['return.refund_pending', null, 2],
    ]);
    expect(await kinds(cases.autoApproved.id)).toEqual([
      ['return.auto_approved', 'auto_approval[0]', 2],
      ['return.shipment_expired', 'deadline:buyer_ship', 3],
    ]);
    expect(await kinds(cases.reviewSilence.id)).toEqual([
      ['return.auto_approved', 'deadline:seller_review', 3],
    ]);
    expect(await kinds(cases.receivingSilence.id)).toEqual([
      ['return.receiving_expired', 'deadline:seller_receive', 3],
      ['return.refund_pending', null, 3],
    ]);
    expect(await kinds(cases.inspectionSilence.id)).toEqual([
      ['return.inspection_expired', 'deadline:seller_inspect', 3],
      ['return.refund_pending', null, 3],
    ]);
    const report = await replay();
    expect(report.problems).toEqual([]);
    expect(report.decisions).toBe(6);
  });

  it('finds an auto-approval whose inputs were altered and whose chain was rewritten', async () => {
    const [, approval] = await events(cases.autoApproved.id);
    const undo = await rewrite(cases.autoApproved.id, 2, (row) => {
      (row.payload as Json).inputs.amount = 1;
    });
    try {
      // The chain holds: plain verify sees nothing.
      expect((await verifyRecords(t.database.db)).problems).toEqual([]);
      const report = await replay();
      expect(report.problems).toEqual([
        {
          kind: 'automatic_decision',
          subject: cases.autoApproved.id,
          detail: expect.stringMatching(
            new RegExp(
              `^event #2 \\(${approval.id}\\) return\\.auto_approved, rule auto_approval\\[0\\]: ` +
                'event #2 payload\\.inputs\\.amount: recorded 1, policy v2 gives \\d+$',
            ),
          ),
        },
      ]);
    } finally {
      await undo();
    }
    expect((await replay()).problems).toEqual([]);
  });

  it("recounts the buyer's returnless refunds a returnless refund records", async () => {
    const undo = await rewrite(cases.returnless.id, 2, (row) => {
      (row.payload as Json).inputs.buyer_returnless_in_window = 3;
    });
    try {
      expect((await replay()).problems).toEqual([
        {
          kind: 'automatic_decision',
          subject: cases.returnless.id,
          detail: expect.stringContaining(
            'inputs.buyer_returnless_in_window: recorded 3, but the record shows 0 returnless ' +
              'refunds of this buyer at the shop in the 30 days before (policy v2)',
          ),
        },
      ]);
    } finally {
      await undo();
    }
  });

  it('finds a refund on silence whose amount or time was altered', async () => {
    const id = cases.receivingSilence.id;
    const log = await events(id);
    const undoAmount = await rewrite(id, log.length, (row) => {
      (row.payload as Json).amount += 500;
    });
    try {
      const [problem] = (await replay()).problems;
      expect(problem).toMatchObject({ kind: 'automatic_decision', subject: id });
      expect(problem?.detail).toMatch(
        new RegExp(`event #${log.length} payload\\.amount: recorded \\d+, policy v3 gives \\d+$`),
      );
    } finally {
      await undoAmount();
    }
    // The expiry moved to a day before its deadline.
    const expiry = log.at(-2);
    const undoAt = await rewrite(id, log.length - 1, (row) => {
      row.at = new Date(new Date(expiry.payload.inputs.due_at).getTime() - DAY_S * 1000);
    });
    try {
      const problems = (await replay()).problems;
      expect(problems).toEqual([
        {
          kind: 'automatic_decision',
          subject: id,
          detail: expect.stringContaining(
            `event #${log.length - 1} (${expiry.id}) return.receiving_expired, rule ` +
              'deadline:seller_receive: policy v3 would not have made it (expire): Nothing expires before',
          ),
        },
      ]);
    } finally {
      await undoAt();
    }
  });

  it('finds a decision its stored policy version would not have made', async () => {
    const db = t.database.db;
    const where = sql`${policyVersions.sellerId} = ${shop.seller.id} and ${policyVersions.version} = 2`;
    const [stored] = await db.select().from(policyVersions).where(where);
    await db
      .update(policyVersions)
      .set({ policy: { auto_approval: [] } })
      .where(where);
    try {
      const subjects = (await replay()).problems.map((p) => [p.subject, p.detail]);
      expect(subjects).toContainEqual([
        cases.autoApproved.id,
        expect.stringContaining(
          'policy v2 would not have made it (auto_approve): No auto-approval rule matches',
        ),
      ]);
      expect(subjects).toContainEqual([
        cases.returnless.id,
        expect.stringContaining('policy v2 would not have made it (refund_returnless)'),
      ]);
      // The review deadline was set under version 2 as well: its default still gives 48 h.
      expect(subjects.map(([s]) => s)).not.toContain(cases.reviewSilence.id);
    } finally {
      await db.update(policyVersions).set({ policy: stored!.policy }).where(where);
    }
  });

  it('`sendback verify --replay` exits 1 and names the altered event', async () => {
    const [, approval] = await events(cases.autoApproved.id);
    const undo = await rewrite(cases.autoApproved.id, 2, (row) => {
      (row.payload as Json).rule = 'auto_approval[1]';
    });
    try {
      const cli = spawnSync(process.execPath, ['bin/sendback.js', 'verify', '--replay'], {
        env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      const output = cli.stdout + cli.stderr;
      expect(cli.status, output).toBe(1);
      expect(output).toContain('re-derived 6 automatic decisions');
      expect(output).toContain(
        `automatic_decision  ${cases.autoApproved.id}  event #2 (${approval.id})`,
      );
      expect(output).toContain(
        'payload.rule: recorded "auto_approval[1]", policy v2 gives "auto_approval[0]"',
      );
    } finally {
      await undo();
    }
  }, 60_000);
});
