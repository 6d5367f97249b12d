import type { CaseState, EvidenceRequest, ReturnCase, Role } from './case.ts';
import { expiryTarget, type NextActionName, SUBMIT_EVIDENCE, WAITING } from './transitions.ts';

/**
 * `T` is how instants are held: Dates in the domain, or the JSON form's strings for a view that
 * reads a stored document (the next action only passes its deadline through).
 */
export interface NextAction<T = Date> {
  actor: Role;
  /** A command name, or what the party has to do ('review_request', 'inspect', ...). */
  action: NextActionName;
  /** null where the product sets no deadline (agent ruling, payment gateway). */
  due_at: T | null;
  /** Where the case goes if the deadline passes (for "approved automatically on ..."). */
  on_expiry: CaseState | null;
}

/** What the next action depends on: the state, the type and the deadlines. */
export type NextActionFacts<T = Date> = Pick<ReturnCase, 'state' | 'type'> & {
  due_at: T | null;
  evidence_request: { from: EvidenceRequest['from']; due_at: T } | null;
};

/** Who the case waits for, to do what, by when; null once the case is finished. */
export function nextAction<T = Date>(c: NextActionFacts<T>): NextAction<T> | null {
  const waiting = WAITING[c.state];
  if (!waiting) return null;
  if (c.state === 'disputed' && c.evidence_request) {
    return {
      actor: c.evidence_request.from,
      action: SUBMIT_EVIDENCE,
      due_at: c.evidence_request.due_at,
      on_expiry: 'disputed',
    };
  }
  const on_expiry = waiting.deadline ? expiryTarget(c) : null;
  return { actor: waiting.actor, action: waiting.action, due_at: c.due_at, on_expiry };
}
