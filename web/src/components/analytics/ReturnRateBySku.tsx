import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { ChartCard } from './ChartCard.tsx';
import { EChart, type ECOption } from './EChart.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import { axisGrid, PALETTE } from './theme.ts';
import type { Figures, FiguresProps } from './types.ts';

type SkuRow = Figures['return_rate']['by_sku'][number];

/** The SKUs returned most often for their deliveries: a bar chart with its sortable table beside it. */
export function ReturnRateBySku({ data, csv }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  const top = useMemo(() => data.return_rate.by_sku.slice(0, 20), [data]);
  const option = useMemo<ECOption>(() => {
    // Highest rate on top: a horizontal bar chart draws its categories bottom-up.
    const rows = [...top].reverse();
    return {
      title: { text: t('charts.returnRateBySku'), show: false },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => fmt.rate(Number(v)),
      },
      grid: { ...axisGrid, top: 8, right: 56 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.rate(v) } },
      yAxis: { type: 'category', data: rows.map((r) => r.sku) },
      series: [
        {
          type: 'bar',
          name: t('series.rate'),
          color: PALETTE[0],
          data: rows.map((r) => r.rate ?? 0),
          label: {
            show: true,
            position: 'right',
            formatter: (p) => fmt.rate(Number(p.value)),
          },
        },
      ],
    };
  }, [top, t, fmt]);
  const columns: ColumnsType<SkuRow> = [
    {
      key: 'sku',
      dataIndex: 'sku',
      title: t('col.sku'),
      sorter: (a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
    },
    {
      key: 'cases',
      dataIndex: 'cases',
      title: t('col.cases'),
      align: 'right',
      sorter: (a, b) => a.cases - b.cases,
      render: (n: number) => fmt.count(n),
    },
    {
      key: 'lines',
      dataIndex: 'lines_delivered',
      title: t('col.lines'),
      align: 'right',
      sorter: (a, b) => a.lines_delivered - b.lines_delivered,
      render: (n: number) => fmt.count(n),
    },
    {
      key: 'rate',
      dataIndex: 'rate',
      title: t('col.rate'),
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
      render: (r: number | null) => fmt.rate(r),
    },
    ...(csv
      ? [
          {
            key: 'export',
            title: t('col.export'),
            render: (_: unknown, r: SkuRow) => (
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                href={csv({ sku: r.sku })}
                download
                aria-label={t('export.sku', { sku: r.sku })}
              />
            ),
          },
        ]
      : []),
  ];
  const table = (
    <Table<SkuRow>
      size="small"
      rowKey="sku"
      data-testid="sku-table"
      aria-label={t('charts.returnRateBySku')}
      columns={columns}
      dataSource={data.return_rate.by_sku}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      // Wider than a phone: it scrolls in its card, the page does not.
      scroll={{ x: 'max-content' }}
    />
  );
  return (
    <ChartCard
      id="chart-return-rate"
      title={t('charts.returnRateBySku')}
      help={t('charts.returnRateBySkuHelp')}
      empty={data.return_rate.by_sku.length === 0}
      chart={
        <Row gutter={16}>
          <Col xs={24} xl={13}>
            <EChart option={option} height={Math.max(240, top.length * 28 + 40)} />
          </Col>
          <Col xs={24} xl={11}>
            {table}
          </Col>
        </Row>
      }
      table={table}
    />
  );
}
