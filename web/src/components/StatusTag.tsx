import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../generated/domain.ts';

// Colour helps, but the text always says the state: nothing is told by colour alone.
const COLORS: Record<CaseState, string> = {
  requested: 'gold',
  partial_offer: 'orange',
  rejected: 'red',
  awaiting_shipment: 'blue',
  in_transit: 'geekblue',
  delivered: 'cyan',
  package_rejected: 'volcano',
  disputed: 'magenta',
  appealed: 'purple',
  replacement_pending: 'gold',
  replacement_shipped: 'cyan',
  refund_pending: 'purple',
  refund_failed: 'red',
  refunded: 'green',
  closed: 'default',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status as CaseState] ?? 'default'} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
