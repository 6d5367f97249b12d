import { Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../api.ts';
import { useFormat } from '../../format.ts';
import type { CaseType } from '../../generated/domain.ts';
import { useFlowsT } from './shared.tsx';

type OrderLine = Order['lines'][number];
export type Variant = NonNullable<OrderLine['variants']>[number];

export interface SwapChoices {
  /** Every line considered is in stock: the same item can be sent again. */
  replacement: boolean;
  /** One line considered, with in-stock variants at its price or lower (others are not offered). */
  exchange: { line: OrderLine; variants: Variant[] } | null;
}

/** What the order lines being returned allow besides money: a replacement, an exchange. */
export function swapChoices(lines: (OrderLine | undefined)[]): SwapChoices {
  const known = lines.filter((l): l is OrderLine => l !== undefined);
  const replacement = known.length > 0 && known.every((l) => l.in_stock === true);
  const [only] = known;
  const variants =
    known.length === 1 && only
      ? (only.variants ?? []).filter(
          (v) => v.in_stock && v.unit_price <= only.unit_price && v.sku !== only.sku,
        )
      : [];
  return {
    replacement,
    exchange: only && variants.length ? { line: only, variants } : null,
  };
}

/** Whether a chosen type is still on offer for the lines now chosen. */
export function typeOffered(type: CaseType, refundOnly: boolean, swap: SwapChoices): boolean {
  if (type === 'refund_only') return refundOnly;
  if (type === 'replacement') return swap.replacement;
  if (type === 'exchange') return swap.exchange !== null;
  return true;
}

/** The replacement and exchange choices, inside the request form's type group. */
export function SwapRadios({ swap }: { swap: SwapChoices }) {
  const { t } = useFlowsT();
  const { t: tc } = useTranslation();
  return (
    <>
      {swap.replacement ? (
        <Radio value="replacement">
          <Typography.Text strong>{tc('type.replacement')}</Typography.Text>
          <Typography.Text type="secondary"> · {t('request.replacementHint')}</Typography.Text>
        </Radio>
      ) : null}
      {swap.exchange ? (
        <Radio value="exchange">
          <Typography.Text strong>{tc('type.exchange')}</Typography.Text>
          <Typography.Text type="secondary"> · {t('request.exchangeHint')}</Typography.Text>
        </Radio>
      ) : null}
    </>
  );
}

/** The variants the buyer may take instead, with what comes back to them for a cheaper one. */
export function VariantPicker({
  exchange,
  quantity,
  currency,
  value,
  onChange,
  error,
}: {
  exchange: NonNullable<SwapChoices['exchange']>;
  quantity: number;
  currency: string;
  value: string | undefined;
  onChange: (sku: string) => void;
  error?: string | undefined;
}) {
  const { t } = useFlowsT();
  const f = useFormat();
  const { line, variants } = exchange;
  const chosen = variants.find((v) => v.sku === value);
  const difference = chosen ? (line.unit_price - chosen.unit_price) * quantity : 0;
  return (
    <div style={{ marginTop: 12 }} data-testid="variant-picker">
      <Typography.Text strong id="variant-picker-title">
        {t('request.variantLabel')}
      </Typography.Text>
      <Radio.Group
        aria-labelledby="variant-picker-title"
        value={value}
        onChange={(e) => onChange(e.target.value as string)}
        style={{ display: 'block', marginTop: 8 }}
      >
        <Space orientation="vertical">
          {variants.map((v, i) => {
            const diff = (line.unit_price - v.unit_price) * quantity;
            return (
              <Radio key={v.sku} value={v.sku} id={i === 0 ? 'request-exchange' : undefined}>
                <Typography.Text>{v.title}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  · {f.money(v.unit_price, currency)} ·{' '}
                  {diff > 0
                    ? t('request.variantDifference', { amount: f.money(diff, currency) })
                    : t('request.variantSame')}
                </Typography.Text>
              </Radio>
            );
          })}
        </Space>
      </Radio.Group>
      {chosen && difference > 0 ? (
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 8 }}
          data-testid="exchange-difference"
        >
          {t('request.differenceNote', { amount: f.money(difference, currency) })}
        </Typography.Paragraph>
      ) : null}
      {error ? (
        <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
          {error}
        </Typography.Text>
      ) : null}
    </div>
  );
}
