import type { ReturnCase } from '../../api.ts';
import { AppealCard } from './AppealCard.tsx';
import { ReplacementStep, ReturnlessNotice } from './ReplacementStep.tsx';

/** The buyer's case page: a returnless refund, the replacement step, the appeal. */
export function BuyerFlows({ c }: { c: ReturnCase }) {
  return (
    <>
      <ReturnlessNotice c={c} party="buyer" />
      <ReplacementStep c={c} />
      <AppealCard c={c} party="buyer" />
    </>
  );
}
