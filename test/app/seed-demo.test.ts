import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventRecord } from '../../src/app/case-context.ts';
import { executeDueRefunds } from '../../src/app/execute-refunds.ts';
import { logIn } from '../../src/app/log-in.ts';
import { paymentGateways } from '../../src/app/payment-gateways.ts';
import { chainHash, GENESIS_HASH } from '../../src/app/record-hash.ts';
import { verifyRecords } from '../../src/app/verify-records.ts';
import { caseFromData } from '../../src/db/cases.ts';
import { queryRows } from '../../src/db/database.ts';
import { seedBulkCases } from '../../src/demo/bulk-cases.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo.ts';
import { CASE_STATES } from '../../src/domain/index.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/db.ts';

const NOW = new Date('2026-03-10T15:00:00.000Z');

interface EventRow {
  id: string;
  case_id: string;
  seq: number;
  type: string;
  actor_role: string;
  actor_id: string;
  at: Date | string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

/** Recomputes every chain as `sendback verify` would; answers the first broken link, if any. */
function brokenLink(events: EventRow[]): string | null {
  let caseId = '';
  let prev = GENESIS_HASH;
  for (const e of events) {
    if (e.case_id !== caseId) {
      caseId = e.case_id;
      prev = GENESIS_HASH;
    }
    const record = eventRecord({
      id: e.id,
      caseId: e.case_id,
      seq: e.seq,
      type: e.type,
      actorRole: e.actor_role,
      actorId: e.actor_id,
      at: new Date(e.at),
      payload: e.payload,
    });
    if (e.prev_hash !== prev || chainHash(prev, record) !== e.hash) return `${e.case_id}#${e.seq}`;
    prev = e.hash;
  }
  return null;
}

describe.each(ENGINES)('seed-demo [%s]', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(() => database.close());

  it('seeds shops, logins and cases in every state of both types, once', async () => {
    const demo = await seedDemo(database.db, NOW);
    expect(demo).not.toBeNull();
    expect(demo!.shops.map((s) => s.region).sort()).toEqual(['CN', 'GB', 'US']);
    const roles = demo!.logins.map((l) => l.role);
    expect(roles.filter((r) => r === 'seller')).toHaveLength(3);
    expect(roles.filter((r) => r === 'buyer').length).toBeGreaterThanOrEqual(3);
    expect(roles).toContain('agent');
    expect(roles).toContain('operator');
    // The printed passwords work.
    const buyer = demo!.logins.find((l) => l.role === 'buyer')!;
    expect(buyer.password).toBe(DEMO_PASSWORD);
    const attempt = { email: buyer.email, password: buyer.password, address: '127.0.0.1' };
    const limits = { per_email: 10, per_address: 10, window_ms: 60_000 };
    await expect(logIn(database.db, attempt, limits, NOW)).resolves.toBeTruthy();

    const rows = await queryRows<{ state: string; type: string; due_at: Date | string | null }>(
      database.db,
      sql`select state, type, due_at from return_cases`,
    );
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(CASE_STATES));
    expect(new Set(rows.map((r) => r.type))).toEqual(
      new Set(['return_and_refund', 'refund_only', 'replacement']),
    );
    // Nothing open is already overdue when the demo starts.
    for (const r of rows) {
      if (r.due_at) expect(new Date(r.due_at).getTime()).toBeGreaterThan(NOW.getTime());
    }
    const events = await queryRows<{ n: number; last: Date | string }>(
      database.db,
      sql`select count(*)::int as n, max(at) as last from case_events`,
    );
    expect(events[0]!.n).toBeGreaterThan(rows.length);
    expect(new Date(events[0]!.last).getTime()).toBeLessThanOrEqual(NOW.getTime());

    // Each refund row says what its case says: paid for refunded cases (in the wallet ledger
    // for the balance), failed for refund_failed, due for refund_pending.
    const refunds = await queryRows<{
      state: string;
      status: string;
      destination: string;
      settled: boolean;
      posted: number;
    }>(
      database.db,
      sql`select c.state, r.status, r.destination, r.settled_at is not null as settled,
            (select count(*)::int from ledger_transactions t where t.refund_id = r.id) as posted
          from refunds r join return_cases c on c.id = r.case_id`,
    );
    // An appealed case was refunded before its appeal.
    const statusOf = {
      refunded: 'succeeded',
      appealed: 'succeeded',
      refund_failed: 'failed',
      refund_pending: 'pending',
    };
    for (const r of refunds) {
      expect(r.status).toBe(statusOf[r.state as keyof typeof statusOf]);
      expect(r.settled).toBe(r.status === 'succeeded');
      expect(r.posted).toBe(
        r.status === 'succeeded' && r.destination === 'platform_balance' ? 1 : 0,
      );
    }
    expect(refunds.filter((r) => r.state === 'refunded').length).toBeGreaterThanOrEqual(5);
    expect(
      refunds.some((r) => r.state === 'refunded' && r.destination === 'platform_balance'),
    ).toBe(true);
    // The refund worker, run over the seeded data, finds only the refund_pending ones to pay.
    const due = refunds.filter((r) => r.status === 'pending').length;
    const errors: object[] = [];
    const run = await executeDueRefunds(database.db, new Date(NOW.getTime() + 3_600_000), {
      gateways: paymentGateways(database.db, { settle_seconds: 0, fail_rate: 0 }),
      max_attempts: 3,
      backoff_base_seconds: 60,
      log: { warn: (o) => errors.push(o), error: (o) => errors.push(o) },
    });
    expect(errors).toEqual([]);
    expect(run).toMatchObject({ claimed: due, succeeded: due });
    // Every automatic decision of the demo (rules, deadlines) re-derives from its policy version.
    const replayed = await verifyRecords(database.db, { replay: true });
    expect(replayed.problems).toEqual([]);
    expect(replayed.decisions).toBeGreaterThanOrEqual(5);

    expect(await seedDemo(database.db, NOW)).toBeNull();
    const again = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from return_cases`,
    );
    expect(again[0]!.n).toBe(rows.length);
  }, 60_000);

  it('bulk-loads cases whose data, ids and event chains read back', async () => {
    const before = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from return_cases`,
    );
    const result = await seedBulkCases(database.db, 2000, NOW);
    expect(result).toMatchObject({ cases: 2000, sellers: 1000, buyers: 20 });

    const rows = await queryRows<{
      id: string;
      state: string;
      version: number;
      due_at: Date | string | null;
      data: unknown;
    }>(database.db, sql`select id, state, version, due_at, data from return_cases`);
    expect(rows.length - before[0]!.n).toBe(2000);
    for (const row of rows) {
      const c = caseFromData(row.data);
      expect(c.id).toBe(row.id);
      expect(c.state).toBe(row.state);
      expect(c.version).toBe(row.version);
      expect(c.due_at?.getTime() ?? null).toBe(row.due_at ? new Date(row.due_at).getTime() : null);
      expect(row.id).toMatch(/^ret_[0-9a-z]{26}$/);
    }
    const states = new Set(rows.map((r) => r.state));
    expect(states.has('refunded')).toBe(true);
    expect(states.has('requested')).toBe(true);

    const events = await queryRows<EventRow>(
      database.db,
      sql`select * from case_events order by case_id, seq`,
    );
    const firsts = events.filter((e) => e.seq === 1);
    expect(firsts.length).toBe(rows.length);
    for (const e of firsts) expect(e.prev_hash).toBe('0'.repeat(64));
    expect(events.every((e) => /^evt_[0-9a-z]{26}$/.test(e.id))).toBe(true);
    expect(brokenLink(events)).toBeNull();
    // The bulk stories' automatic decisions name the shops' policy version and re-derive from it.
    const replayed = await verifyRecords(database.db, { replay: true });
    expect(replayed.problems).toEqual([]);
    expect(replayed.decisions).toBeGreaterThan(100);
  }, 60_000);
});
