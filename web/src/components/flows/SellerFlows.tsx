import type { ReturnCase } from '../../api.ts';
import { AppealCard } from './AppealCard.tsx';
import { ReturnlessNotice } from './ReplacementStep.tsx';
import { SellerReplacementPanel } from './SellerReplacementPanel.tsx';

/** The shop's case page, below its decisions: replacement, refund instead, appeal, returnless. */
export function SellerFlows({ c }: { c: ReturnCase }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, marginTop: 12 }}>
      <ReturnlessNotice c={c} party="seller" />
      <SellerReplacementPanel c={c} />
      <AppealCard c={c} party="seller" />
    </div>
  );
}
