import { Table, Tag } from 'antd';
import type { BarSeriesOption } from 'echarts/charts';
import { useMemo } from 'react';
import { ChartCard } from './ChartCard.tsx';
import { CsvButton } from './CsvButton.tsx';
import { EChart, type ECOption } from './EChart.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import { axisGrid, COMPLIANCE_COLOR } from './theme.ts';
import type { FiguresProps, Period } from './types.ts';

/** Decisions made in time and what deadlines decided on their own, with the compliance rate. */
export function Compliance({ data, csv }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  const option = useMemo<ECOption>(() => {
    const auto = (
      key: 'auto_approved' | 'auto_refunded' | 'auto_closed',
      name: string,
    ): BarSeriesOption => ({
      type: 'bar',
      stack: 'steps',
      name,
      color: COMPLIANCE_COLOR[key],
      emphasis: { focus: 'series' },
      label: {
        show: true,
        position: 'inside',
        fontWeight: 'bold',
        color: '#fff',
        formatter: (p) => (Number(p.value) > 0 ? String(p.value) : ''),
      },
      data: data.series.map((p) => p[key]),
    });
    return {
      title: { text: t('charts.compliance'), show: false },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { ...axisGrid, top: 64 },
      xAxis: {
        type: 'category',
        data: data.series.map((p) => fmt.period(p.period, data.granularity)),
      },
      yAxis: [
        { type: 'value', minInterval: 1 },
        {
          type: 'value',
          min: 0,
          max: 1,
          axisLabel: { formatter: (v: number) => fmt.rate(v) },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'bar',
          stack: 'steps',
          name: t('series.decisionsOnTime'),
          color: COMPLIANCE_COLOR.decisions,
          // Only the automatic outcomes carry a pattern: they are what the chart points at.
          itemStyle: { decal: { symbol: 'none' } },
          data: data.series.map((p) => p.decisions_on_time),
        },
        auto('auto_approved', t('series.autoApproved')),
        auto('auto_refunded', t('series.autoRefunded')),
        auto('auto_closed', t('series.autoClosed')),
        {
          type: 'line',
          name: t('series.compliance'),
          yAxisIndex: 1,
          color: COMPLIANCE_COLOR.line,
          symbol: 'diamond',
          symbolSize: 8,
          connectNulls: true,
          tooltip: { valueFormatter: (v) => fmt.rate(v === null ? null : Number(v)) },
          data: data.series.map((p) => p.compliance),
        },
      ],
    };
  }, [data, t, fmt]);
  const d = data.deadlines;
  const nothing =
    d.decisions_on_time +
      d.automatic.auto_approved +
      d.automatic.auto_refunded +
      d.automatic.auto_closed ===
    0;
  const highlight = (n: number) =>
    n > 0 ? (
      <Tag color="volcano" style={{ fontWeight: 600 }}>
        {fmt.count(n)}
      </Tag>
    ) : (
      fmt.count(n)
    );
  return (
    <ChartCard
      id="chart-compliance"
      title={t('charts.compliance')}
      help={t('charts.complianceHelp')}
      empty={nothing}
      extra={
        csv ? <CsvButton href={csv({ automatic: 'any' })}>{t('export.automatic')}</CsvButton> : null
      }
      chart={<EChart option={option} />}
      table={
        <Table<Period>
          size="small"
          rowKey="period"
          dataSource={data.series}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          columns={[
            {
              key: 'period',
              title: t('col.period'),
              render: (_, p) => fmt.period(p.period, data.granularity),
            },
            {
              key: 'decisions',
              title: t('series.decisionsOnTime'),
              align: 'right',
              render: (_, p) => fmt.count(p.decisions_on_time),
            },
            {
              key: 'auto_approved',
              title: t('series.autoApproved'),
              align: 'right',
              render: (_, p) => highlight(p.auto_approved),
            },
            {
              key: 'auto_refunded',
              title: t('series.autoRefunded'),
              align: 'right',
              render: (_, p) => highlight(p.auto_refunded),
            },
            {
              key: 'auto_closed',
              title: t('series.autoClosed'),
              align: 'right',
              render: (_, p) => highlight(p.auto_closed),
            },
            {
              key: 'compliance',
              title: t('series.compliance'),
              align: 'right',
              render: (_, p) => fmt.rate(p.compliance),
            },
          ]}
        />
      }
    />
  );
}
