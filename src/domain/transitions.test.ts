import { describe, expect, it } from 'vitest';
import { CASE_STATES, type CaseType, COMMAND_NAMES, ROLES, TERMINAL_STATES } from './case.ts';
import { decide } from './decide.ts';
import { evolve } from './evolve.ts';
import { allowedCommands, GUARDS } from './guards.ts';
import { nextAction } from './next-action.ts';
import {
  actorOf,
  caseIn,
  makeCtx,
  PATHS,
  policyWith,
  REFUND_ONLY_PATHS,
  REPLACEMENT_PATHS,
  validCommand,
} from './test-builders.ts';
import { findTransition, NEXT_ACTIONS, TRANSITIONS, targetOf, WAITING } from './transitions.ts';

// Guards pass in these walks: the seller-fault request is rejectable and matches the
// auto-approval rule, the parcel in transit is reported lost, and the dispute has an evidence
// request open, so every allowed triple shows its plain outcome.
const ctx = makeCtx({
  policy: policyWith({
    auto_approval: [{ fault: 'seller' }],
    returnless_refunds: [{ max_amount: 1_000_000 }],
  }),
  buyer: { returnless_refunds_in_window: 0, flagged: false },
});

describe('the transition table', () => {
  it('has one row per (state, command) and names only known states', () => {
    const keys = TRANSITIONS.map((row) => `${row.from}/${row.command}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of TRANSITIONS) {
      expect(CASE_STATES).toContain(row.from);
      // A closed case moves again only by an appeal of its ruling (or automatic refund).
      if (row.command !== 'appeal') expect(TERMINAL_STATES).not.toContain(row.from);
      expect(row.actors.length).toBeGreaterThan(0);
      expect(row.events.length).toBeGreaterThan(0);
    }
  });

  it('gives every non-terminal state a way out and every deadline an expiry row', () => {
    for (const state of CASE_STATES) {
      const rows = TRANSITIONS.filter((row) => row.from === state);
      const ways = rows.filter((row) => row.command !== 'appeal');
      expect(ways.length > 0).toBe(!TERMINAL_STATES.includes(state));
      if (WAITING[state]?.deadline)
        expect(findTransition(state, 'expire')?.actors).toEqual(['system']);
    }
  });

  it('names every next action a case can show in NEXT_ACTIONS, and no other', () => {
    const shown = new Set<string>();
    for (const state of CASE_STATES) {
      for (const evidence_request of [null, { from: 'buyer' as const, due_at: new Date(0) }]) {
        const next = nextAction({
          state,
          type: 'return_and_refund',
          due_at: null,
          evidence_request,
        });
        if (next) shown.add(next.action);
      }
    }
    expect([...shown].sort()).toEqual([...NEXT_ACTIONS].sort());
  });

  it('routes approval by case type', () => {
    const row = findTransition('requested', 'approve')!;
    expect(targetOf(row, { type: 'return_and_refund' })).toBe('awaiting_shipment');
    expect(targetOf(row, { type: 'refund_only' })).toBe('refund_pending');
  });
});

function walk(type: CaseType, states: readonly (typeof CASE_STATES)[number][]) {
  for (const state of states) {
    it(`${type} in ${state}: every (command, role) answers as the table says`, () => {
      const { case: c, now: after } = caseIn(state, type, makeCtx());
      expect(c.state).toBe(state);
      for (const name of COMMAND_NAMES) {
        for (const role of ROLES) {
          const actor = actorOf(role);
          const now = name === 'expire' && c.due_at ? c.due_at : after;
          const result = decide(c, validCommand(name), actor, now, ctx);
          const row = findTransition(state, name);
          const label = `${state} / ${name} / ${role}`;
          // The prepaid-label rows need a label in a given state, which no single walk has.
          const refused = row?.guard ? GUARDS[row.guard](c, now, ctx) : null;
          if (row?.actors.includes(role) && refused) {
            expect(
              [
                'label_possible',
                'label_pending',
                'label_ready',
                'returnless_rule',
                'appealable',
                'replacement_case',
              ],
              label,
            ).toContain(row.guard);
            expect(result.ok, label).toBe(false);
            if (!result.ok) expect(result.error.details.rule, label).toBe(refused.rule);
            expect(allowedCommands(c, actor, now, ctx), label).not.toContain(name);
          } else if (row?.actors.includes(role)) {
            expect(result.ok, label).toBe(true);
            if (!result.ok) continue;
            const to = targetOf(row, c);
            const expected = [
              ...row.events,
              ...(to === 'refund_pending' ? ['return.refund_pending'] : []),
            ];
            expect(
              result.value.map((e) => e.type),
              label,
            ).toEqual(expected);
            expect(
              result.value.every((e) => e.actor === actor && e.at === now),
              label,
            ).toBe(true);
            const next = result.value.reduce(evolve, c);
            expect(next.state, label).toBe(to);
            expect(next.version, label).toBe(c.version + result.value.length);
            expect(allowedCommands(c, actor, now, ctx), label).toContain(name);
          } else {
            expect(result.ok, label).toBe(false);
            if (result.ok) continue;
            const roleMayRunIt = TRANSITIONS.some(
              (r) => r.command === name && r.actors.includes(role),
            );
            const code =
              row || (name !== 'request' && !roleMayRunIt)
                ? 'actor_not_allowed'
                : 'transition_not_allowed';
            expect(result.error.code, label).toBe(code);
            expect(result.error.details.allowed_commands, label).toEqual(
              allowedCommands(c, actor, now, ctx),
            );
            expect(result.error.details.allowed_commands, label).not.toContain(name);
          }
        }
      }
    });
  }
}

describe('every (state, command, actor) triple', () => {
  walk('return_and_refund', Object.keys(PATHS) as (typeof CASE_STATES)[number][]);
  walk('replacement', Object.keys(REPLACEMENT_PATHS) as (typeof CASE_STATES)[number][]);
  walk('refund_only', Object.keys(REFUND_ONLY_PATHS) as (typeof CASE_STATES)[number][]);
});
