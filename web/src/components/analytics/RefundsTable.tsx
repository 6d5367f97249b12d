import { Space, Table } from 'antd';
import { BreakdownCard } from './BreakdownCard.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import type { FiguresProps } from './types.ts';

/** Refunds by destination and currency, and what the shop kept (deductions, restocking fees). */
export function RefundsTable({ data }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  const kept = data.refunds.by_currency;
  return (
    <BreakdownCard id="table-refunds" title={t('sections.refunds')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Table
          size="small"
          rowKey={(r) => `${r.currency} ${r.destination}`}
          pagination={false}
          dataSource={data.refunds.by_destination}
          locale={{ emptyText: t('kpi.noRefunds') }}
          columns={[
            {
              key: 'destination',
              title: t('col.destination'),
              render: (_, r) => t(`destination.${r.destination}`, { defaultValue: r.destination }),
            },
            { key: 'currency', title: t('col.currency'), dataIndex: 'currency' },
            { key: 'refunds', title: t('col.refunds'), dataIndex: 'refunds', align: 'right' },
            {
              key: 'amount',
              title: t('col.amount'),
              align: 'right',
              render: (_, r) => fmt.money(r.amount, r.currency),
            },
          ]}
        />
        {kept.length ? (
          <Table
            size="small"
            rowKey="currency"
            pagination={false}
            dataSource={kept}
            columns={[
              { key: 'currency', title: t('col.currency'), dataIndex: 'currency' },
              {
                key: 'deductions',
                title: t('col.deductions'),
                align: 'right',
                render: (_, r) => fmt.money(r.deductions, r.currency),
              },
              {
                key: 'restocking',
                title: t('col.restocking'),
                align: 'right',
                render: (_, r) => fmt.money(r.restocking_fees, r.currency),
              },
            ]}
          />
        ) : null}
      </Space>
    </BreakdownCard>
  );
}
