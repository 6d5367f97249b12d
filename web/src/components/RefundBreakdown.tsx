import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api.ts';
import { useFormat } from '../format.ts';

export function RefundBreakdown({
  preview,
}: {
  preview: Schemas['RefundPreview'] | null | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!preview) return null;
  const money = (n: number) => f.money(n, preview.currency);
  const rows: [string, number, boolean][] = [
    ['items', preview.items, true],
    ['tax', preview.tax, true],
    ['original_shipping', preview.original_shipping, preview.original_shipping > 0],
    [
      'return_shipping_reimbursement',
      preview.return_shipping_reimbursement,
      preview.return_shipping_reimbursement > 0,
    ],
    ['restocking_fee', -preview.restocking_fee, preview.restocking_fee > 0],
    ['deduction', -preview.deduction, preview.deduction > 0],
  ];
  return (
    <Descriptions size="small" column={1} bordered data-testid="refund-breakdown">
      {rows
        .filter(([, , show]) => show)
        .map(([key, value]) => (
          <Descriptions.Item key={key} label={t(`money.${key}`)}>
            {money(value)}
          </Descriptions.Item>
        ))}
      <Descriptions.Item label={<strong>{t('money.total')}</strong>}>
        <strong data-testid="refund-total">{money(preview.total)}</strong>
      </Descriptions.Item>
    </Descriptions>
  );
}
