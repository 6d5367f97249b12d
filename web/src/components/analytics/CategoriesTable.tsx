import { Table } from 'antd';
import { BreakdownCard } from './BreakdownCard.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import type { FiguresProps } from './types.ts';

/** The return rate of each product category. */
export function CategoriesTable({ data }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  return (
    <BreakdownCard id="table-categories" title={t('sections.categories')}>
      <Table
        size="small"
        rowKey="category"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={data.return_rate.by_category}
        columns={[
          { key: 'category', title: t('col.category'), dataIndex: 'category' },
          {
            key: 'cases',
            title: t('col.cases'),
            align: 'right',
            sorter: (a, b) => a.cases - b.cases,
            render: (_, r) => fmt.count(r.cases),
          },
          {
            key: 'lines',
            title: t('col.lines'),
            align: 'right',
            sorter: (a, b) => a.lines_delivered - b.lines_delivered,
            render: (_, r) => fmt.count(r.lines_delivered),
          },
          {
            key: 'rate',
            title: t('col.rate'),
            align: 'right',
            sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
            render: (_, r) => fmt.rate(r.rate),
          },
        ]}
      />
    </BreakdownCard>
  );
}
