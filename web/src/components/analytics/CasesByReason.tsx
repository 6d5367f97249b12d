import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { REASON_CODES } from '../../generated/domain.ts';
import { ChartCard } from './ChartCard.tsx';
import { CsvButton } from './CsvButton.tsx';
import { EChart, type ECOption } from './EChart.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import { axisGrid, PALETTE } from './theme.ts';
import type { FiguresProps, Period } from './types.ts';

/** Cases opened in each period, stacked by reason. */
export function CasesByReason({ data, csv }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  const option = useMemo<ECOption>(
    () => ({
      title: { text: t('charts.casesByReason'), show: false },
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: axisGrid,
      xAxis: {
        type: 'category',
        data: data.series.map((p) => fmt.period(p.period, data.granularity)),
      },
      yAxis: { type: 'value', minInterval: 1, name: t('series.cases') },
      series: REASON_CODES.map((reason) => ({
        type: 'bar',
        stack: 'cases',
        name: t(`common:reason.${reason}`),
        emphasis: { focus: 'series' },
        data: data.series.map((p) => p.cases_by_reason[reason]),
      })),
    }),
    [data, t, fmt],
  );
  const columns: ColumnsType<Period> = [
    {
      key: 'period',
      title: t('col.period'),
      render: (_, p) => fmt.period(p.period, data.granularity),
      fixed: 'left',
    },
    ...REASON_CODES.map((reason) => ({
      key: reason,
      title: t(`common:reason.${reason}`),
      align: 'right' as const,
      render: (_: unknown, p: Period) => fmt.count(p.cases_by_reason[reason]),
    })),
    {
      key: 'total',
      title: t('series.cases'),
      align: 'right',
      render: (_, p) => <strong>{fmt.count(p.cases)}</strong>,
    },
  ];
  return (
    <ChartCard
      id="chart-cases-by-reason"
      title={t('charts.casesByReason')}
      help={t('charts.casesByReasonHelp')}
      extra={csv ? <CsvButton href={csv({})}>{t('export.all')}</CsvButton> : null}
      empty={data.cases.opened === 0}
      chart={<EChart option={option} />}
      table={
        <Table<Period>
          size="small"
          rowKey="period"
          columns={columns}
          dataSource={data.series}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      }
    />
  );
}
