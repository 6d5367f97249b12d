import type { CaseState, EvidenceRequest, ReturnCase, Role } from './case.ts';
import { expiryTarget, type NextActionName, SUBMIT_EVIDENCE, WAITING } from './transitions.ts';

export interface NextAction {
  actor: Role;
  /** A command name, or what the party has to do ('review_request', 'inspect', ...). */
  action: NextActionName;
  /** null where the product sets no deadline (agent ruling, payment gateway). */
  due_at: Date | null;
  /** Where the case goes if the deadline passes (for "approved automatically on ..."). */
  on_expiry: CaseState | null;
}

/** What the next action depends on: the state, the type and the deadlines. */
export type NextActionFacts = Pick<ReturnCase, 'state' | 'type' | 'due_at'> & {
  evidence_request: Pick<EvidenceRequest, 'from' | 'due_at'> | null;
};

/** Who the case waits for, to do what, by when; null once the case is finished. */
export function nextAction(c: NextActionFacts): NextAction | null {
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
