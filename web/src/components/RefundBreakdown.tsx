import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api.ts';
import { useFormat } from '../format.ts';

type Preview = Schemas['RefundPreview'];

/**
 * The rows of a refund, each signed, that add up to its total: list prices less discounts, tax,
 * postage, fees and the deduction; then, where an offer or a ruling set the amount, the change to
 * it; then, where the order's remaining payment limits the refund, that limit.
 */
export function refundRows(p: Preview): { key: string; amount: number; strong?: boolean }[] {
  const gross = p.lines.reduce((s, l) => s + l.gross, 0);
  const discount = p.lines.reduce((s, l) => s + l.discount, 0);
  const rows: { key: string; amount: number; strong?: boolean }[] = [];
  const add = (key: string, amount: number, show = amount !== 0) => {
    if (show) rows.push({ key, amount });
  };
  // Lines carry the split; older previews without lines show items after discounts.
  if (p.lines.length && gross - discount === p.items) {
    add('gross', gross, true);
    add('discount', -discount);
  } else {
    add('items', p.items, true);
  }
  add('tax', p.tax, true);
  add('original_shipping', p.original_shipping);
  add('return_shipping_reimbursement', p.return_shipping_reimbursement);
  add('restocking_fee', -p.restocking_fee);
  add('deduction', -p.deduction);
  let sum = rows.reduce((s, r) => s + r.amount, 0);
  if (p.agreed_amount !== null && p.agreed_amount !== sum) {
    rows.push({ key: 'subtotal', amount: sum, strong: true });
    // The subtotal is not added again: the agreed amount replaces it.
    rows.push({ key: 'agreed', amount: p.agreed_amount - sum });
    sum = p.agreed_amount;
  }
  if (p.total !== sum) add(p.capped ? 'capped' : 'rounding', p.total - sum);
  return rows;
}

export function RefundBreakdown({ preview }: { preview: Preview | null | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!preview) return null;
  const money = (n: number) => f.money(n, preview.currency);
  return (
    <Descriptions size="small" column={1} bordered data-testid="refund-breakdown">
      {refundRows(preview).map(({ key, amount, strong }) => (
        <Descriptions.Item
          key={key}
          label={strong ? <strong>{t(`money.${key}`)}</strong> : t(`money.${key}`)}
        >
          <span
            data-testid={strong ? 'refund-subtotal' : 'refund-part'}
            data-amount={amount}
            style={strong ? { fontWeight: 600 } : undefined}
          >
            {money(amount)}
          </span>
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={<strong>{t('money.total')}</strong>}>
        <strong data-testid="refund-total" data-amount={preview.total}>
          {money(preview.total)}
        </strong>
      </Descriptions.Item>
    </Descriptions>
  );
}
