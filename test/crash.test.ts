import { describe, expect, inject, it } from 'vitest';
import { ENGINES, TEST_DATABASE_URL } from './support/db.ts';
import { runToExit } from './support/serve.ts';

/**
 * The crash test (scripts/crash-test.ts), smaller: the server killed with SIGKILL twice while
 * lifecycles run, restarted each time; every acknowledged command must be in the records, no
 * refund paid twice, every webhook event delivered, and `sendback verify` must pass. Run once, on
 * the system PostgreSQL when there is one (CI), else on the embedded server.
 */
const engine = ENGINES.at(-1)!;
const adminUrl = engine === 'postgres' ? TEST_DATABASE_URL! : inject('embeddedAdminUrl');

interface Summary {
  lifecycles: number;
  acknowledged_commands: number;
  sigkills: number;
  failed_calls: number;
  case_states: Record<string, number>;
  refunds_succeeded: number;
  simulated_processor_bookings: number;
  webhook_events: number;
  webhook_events_received: number;
  verify: string;
  problems: number;
}

function runCrashTest(args: string[]): Promise<{ code: number | null; output: string }> {
  return runToExit(['--import', 'tsx', 'scripts/crash-test.ts', ...args], {
    TEST_DATABASE_URL: adminUrl,
  });
}

describe(`crash test [${engine}]`, () => {
  it('loses no acknowledged command and pays no refund twice across two SIGKILLs', async () => {
    const { code, output } = await runCrashTest([
      '--lifecycles',
      '300',
      '--users',
      '8',
      '--kills',
      '2',
    ]);
    const json = /^\[[\d:]+\] (\{[\s\S]*?^\})/m.exec(output)?.[1];
    expect(json, output).toBeDefined();
    const summary = JSON.parse(json!) as Summary;
    expect(summary.problems, output).toBe(0);
    expect(code, output).toBe(0);
    expect(summary.sigkills).toBe(2);
    expect(output).toMatch(/SIGKILL #2 after/);
    expect(summary.lifecycles).toBe(300);
    // request, approve, ship, accept_package per lifecycle, each acknowledged once.
    expect(summary.acknowledged_commands).toBe(1200);
    expect(summary.case_states).toEqual({ refunded: 300 });
    expect(summary.refunds_succeeded).toBe(300);
    expect(summary.webhook_events_received).toBe(summary.webhook_events);
    expect(summary.webhook_events).toBeGreaterThan(0);
    expect(summary.verify).toBe('All records verify.');
  }, 300_000);
});
