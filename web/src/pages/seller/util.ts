import type { Schemas } from '../../api.ts';
import { CASE_STATES, type CaseState, WAITING_FOR } from '../../generated/domain.ts';

export type CaseSummary = Schemas['ReturnCaseSummary'];
export type CaseStatus = CaseSummary['status'];
export type ReasonCode = CaseSummary['reason'];

/** The states in which the shop has the next move (who each state waits for, from the domain). */
export const SELLER_MOVES: readonly CaseState[] = CASE_STATES.filter(
  (s) => WAITING_FOR[s] === 'seller',
);

/** A case's short reference ("R-XXXXXXXX"), as every page shows it. */
export { caseRef as shortRef } from '../../caseRef.ts';
