import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnCase, Schemas } from '../api.ts';
import { useFormat } from '../format.ts';

type Preview = Schemas['RefundPreview'];

/** Who set a case's agreed amount: a ruling, an accepted offer, or an offer still unanswered. */
export type AgreedBy = 'offer' | 'offered' | 'ruling';

export function agreedByOf(c: Pick<ReturnCase, 'status' | 'ruling'>): AgreedBy {
  if (c.ruling?.amount != null) return 'ruling';
  return c.status === 'partial_offer' ? 'offered' : 'offer';
}

export interface RefundRow {
  key: string;
  amount: number;
}

/**
 * The refund as a sum anyone can check: every row shown adds up to the total below it. Prices are
 * shown before discounts with the discount as its own row; an agreed amount (an offer or a ruling)
 * and the order's limit appear as the differences they make, not as silent replacements.
 */
export function refundRows(preview: Preview, agreedBy: AgreedBy = 'offer'): RefundRow[] {
  const gross = preview.lines.reduce((s, l) => s + l.gross, 0);
  const discount = preview.lines.reduce((s, l) => s + l.discount, 0);
  const rows: RefundRow[] = [
    // Line data older than the discount split still adds up: items is then the price paid.
    { key: 'items', amount: preview.lines.length ? gross : preview.items },
    { key: 'discount', amount: preview.lines.length ? -discount : 0 },
    { key: 'tax', amount: preview.tax },
    { key: 'original_shipping', amount: preview.original_shipping },
    { key: 'return_shipping_reimbursement', amount: preview.return_shipping_reimbursement },
    { key: 'restocking_fee', amount: -preview.restocking_fee },
  ];
  const shown = rows.filter((r) => r.amount !== 0 || r.key === 'items' || r.key === 'tax');
  if (preview.agreed_amount !== null) {
    const before = shown.reduce((s, r) => s + r.amount, 0);
    shown.push({
      key: `agreed_${agreedBy}`,
      amount: preview.agreed_amount - before,
    });
  } else if (preview.deduction > 0) {
    shown.push({ key: 'deduction', amount: -preview.deduction });
  }
  // What the order's limit (or a refund that cannot go below zero) takes off the sum.
  const rest = preview.total - shown.reduce((s, r) => s + r.amount, 0);
  if (rest !== 0) shown.push({ key: preview.capped ? 'capped' : 'floor', amount: rest });
  return shown.filter((r) => r.amount !== 0 || r.key === 'items' || r.key === 'tax');
}

export function RefundBreakdown({
  preview,
  agreedBy,
}: {
  preview: Preview | null | undefined;
  agreedBy?: AgreedBy;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!preview) return null;
  const money = (n: number) => f.money(n, preview.currency);
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="refund-breakdown"
      styles={{ label: { width: '60%' } }}
    >
      {refundRows(preview, agreedBy).map(({ key, amount }) => (
        <Descriptions.Item key={key} label={t(`money.${key}`)}>
          <span data-testid="refund-component" data-minor={amount}>
            {money(amount)}
          </span>
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={<strong>{t('money.total')}</strong>}>
        <strong data-testid="refund-total" data-minor={preview.total}>
          {money(preview.total)}
        </strong>
      </Descriptions.Item>
    </Descriptions>
  );
}
