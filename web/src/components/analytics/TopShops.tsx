import { Card, InputNumber, Space, Table, Tooltip, Typography } from 'antd';
import type { Schemas } from '../../api.ts';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';

type ShopRank = Schemas['PlatformAnalytics']['top_shops'][number];

/** The platform's ranking: shops whose own faults cause the most returns for what they deliver. */
export function TopShops({
  shops,
  minLines,
  onMinLinesChange,
}: {
  shops: ShopRank[];
  /** Shops delivering fewer order lines than this are left out (their rates say little). */
  minLines: number;
  onMinLinesChange: (minLines: number) => void;
}) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  return (
    <Card
      role="region"
      aria-labelledby="top-shops-title"
      data-testid="top-shops"
      title={
        <Typography.Title id="top-shops-title" level={2} style={{ margin: 0, fontSize: 17 }}>
          {t('sections.topShops')}
        </Typography.Title>
      }
      extra={
        <Space>
          <Typography.Text id="min-lines-label">{t('sections.minLines')}</Typography.Text>
          <InputNumber
            aria-labelledby="min-lines-label"
            min={1}
            max={1_000_000}
            value={minLines}
            onChange={(v) => onMinLinesChange(typeof v === 'number' && v >= 1 ? v : 1)}
            style={{ width: 100 }}
          />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('sections.topShopsHelp')}
      </Typography.Paragraph>
      <Table<ShopRank>
        size="small"
        rowKey="seller_id"
        pagination={false}
        dataSource={shops}
        locale={{ emptyText: t('sections.noShops') }}
        columns={[
          {
            key: 'shop',
            title: t('col.shop'),
            render: (_, s) => (
              <Tooltip title={s.seller_id}>
                <span>{s.name}</span>
              </Tooltip>
            ),
          },
          {
            key: 'cases',
            title: t('col.sellerFaultCases'),
            align: 'right',
            render: (_, s) => fmt.count(s.seller_fault_cases),
          },
          {
            key: 'lines',
            title: t('col.lines'),
            align: 'right',
            render: (_, s) => fmt.count(s.lines_delivered),
          },
          {
            key: 'rate',
            title: t('col.sellerFaultRate'),
            align: 'right',
            render: (_, s) => <strong>{fmt.rate(s.rate)}</strong>,
          },
        ]}
      />
    </Card>
  );
}
