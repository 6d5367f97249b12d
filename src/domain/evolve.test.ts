import { describe, expect, it } from 'vitest';
import type { DomainEvent } from './case.ts';
import { evolve } from './evolve.ts';
import { nextAction } from './next-action.ts';
import { caseIn, openCase, run, seller, system, validCommand } from './test-builders.ts';

describe('evolve', () => {
  it('replays a stored log (JSON payloads) into the same case', () => {
    const c = openCase();
    const { case: done, events } = run(c, [
      [validCommand('approve'), seller],
      [validCommand('ship'), { role: 'buyer', id: 'usr_buyer' }],
      [validCommand('carrier_delivered'), system],
      [{ name: 'accept_package' }, seller],
      [validCommand('refund_succeeded'), system],
    ]);
    const requested: DomainEvent = {
      type: 'return.requested',
      actor: { role: 'buyer', id: 'usr_buyer' },
      at: c.created_at,
      payload: {
        id: c.id,
        type: c.type,
        order_id: c.order_id,
        buyer_id: c.buyer_id,
        seller_id: c.seller_id,
        currency: c.currency,
        reason: c.reason,
        fault: c.fault,
        description: c.description,
        attachment_ids: c.attachment_ids,
        lines: c.lines,
        refund_destination: c.refund_destination,
        to: 'requested',
        due_at: c.due_at?.toISOString(),
      },
    };
    const stored = [requested, ...events].map((e) => ({
      ...e,
      payload: JSON.parse(JSON.stringify(e.payload)),
    }));
    expect(stored.reduce(evolve, null)).toEqual(done);
    expect(done).toMatchObject({ state: 'refunded', outcome: 'refunded', version: 7 });
    expect(done.shipment?.delivered_at).toBeInstanceOf(Date);
  });

  it('refuses events it does not know, or that cannot start a case', () => {
    const c = openCase();
    const at = c.created_at;
    expect(() => evolve(c, { type: 'return.teleported', actor: system, at, payload: {} })).toThrow(
      RangeError,
    );
    expect(() => evolve(null, { type: 'return.approved', actor: system, at, payload: {} })).toThrow(
      RangeError,
    );
    expect(() => evolve(c, { type: 'return.parcel_lost', actor: system, at, payload: {} })).toThrow(
      /no shipment/,
    );
  });

  it('records a refund failure even without a message', () => {
    const { case: pending } = caseIn('refund_pending');
    const failed = evolve(pending, {
      type: 'return.refund_failed',
      actor: system,
      at: pending.updated_at,
      payload: { to: 'refund_failed', due_at: null },
    });
    expect(failed).toMatchObject({ state: 'refund_failed', refund_failure: 'refund failed' });
  });
});

describe('nextAction', () => {
  it('names who the case waits for in every open state', () => {
    const expected = {
      requested: ['seller', 'review_request', 'awaiting_shipment'],
      partial_offer: ['buyer', 'answer_offer', 'requested'],
      rejected: ['buyer', 'escalate_or_resubmit', 'closed'],
      awaiting_shipment: ['buyer', 'ship', 'closed'],
      in_transit: ['seller', 'mark_received', 'refund_pending'],
      delivered: ['seller', 'inspect', 'refund_pending'],
      package_rejected: ['buyer', 'escalate', 'closed'],
      disputed: ['buyer', 'submit_evidence', 'disputed'],
      refund_pending: ['system', 'refund', null],
      refund_failed: ['agent', 'retry_refund', null],
    } as const;
    for (const [state, [actor, action, on_expiry]] of Object.entries(expected)) {
      const { case: c } = caseIn(state as keyof typeof expected);
      expect(nextAction(c), state).toEqual({ actor, action, due_at: c.due_at, on_expiry });
    }
    expect(nextAction(caseIn('requested', 'refund_only').case)?.on_expiry).toBe('refund_pending');
    for (const state of ['refunded', 'closed', 'cancelled'] as const) {
      expect(nextAction(caseIn(state).case)).toBeNull();
    }
  });
});
