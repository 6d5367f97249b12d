import { Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { REFUND_DESTINATIONS } from '../../generated/domain.ts';
import { currencyDigits } from '../../money.ts';
import { ChartCard } from './ChartCard.tsx';
import { CsvButton } from './CsvButton.tsx';
import { EChart, type ECOption } from './EChart.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import { axisGrid, DESTINATION_COLOR } from './theme.ts';
import type { FiguresProps } from './types.ts';

/** Money refunded in each period, by destination, one currency at a time. */
export function RefundMoney({ data, csv }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  // The currency with the most refunds first.
  const currencies = [...data.refunds.by_currency]
    .sort((a, b) => b.refunds - a.refunds)
    .map((c) => c.currency);
  const [picked, setPicked] = useState<string | undefined>();
  const currency = picked && currencies.includes(picked) ? picked : currencies[0];
  const option = useMemo<ECOption>(() => {
    const cur = currency ?? 'USD';
    return {
      title: { text: t('charts.refundMoney'), show: false },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => fmt.money(Math.round(Number(v) * 10 ** currencyDigits(cur)), cur),
      },
      legend: { top: 0 },
      grid: axisGrid,
      xAxis: {
        type: 'category',
        data: data.series.map((p) => fmt.period(p.period, data.granularity)),
      },
      yAxis: {
        type: 'value',
        name: cur,
        axisLabel: {
          formatter: (v: number) =>
            new Intl.NumberFormat(fmt.locale, { notation: 'compact' }).format(v),
        },
      },
      series: REFUND_DESTINATIONS.map((destination) => ({
        type: 'bar',
        stack: 'money',
        name: t(`destination.${destination}`),
        color: DESTINATION_COLOR[destination],
        emphasis: { focus: 'series' },
        data: data.series.map((p) =>
          fmt.major(
            p.refunds
              .filter((r) => r.currency === cur && r.destination === destination)
              .reduce((s, r) => s + r.amount, 0),
            cur,
          ),
        ),
      })),
    };
  }, [data, currency, t, fmt]);
  const rows = data.series.flatMap((p) =>
    p.refunds.map((r) => ({ key: `${p.period} ${r.currency} ${r.destination}`, period: p, ...r })),
  );
  return (
    <ChartCard
      id="chart-refund-money"
      title={t('charts.refundMoney')}
      help={t('charts.refundMoneyHelp')}
      empty={currencies.length === 0}
      extra={
        <>
          {currencies.length > 1 ? (
            <Select
              size="small"
              aria-label={t('charts.currency')}
              value={currency}
              onChange={setPicked}
              options={currencies.map((c) => ({ value: c, label: c }))}
              style={{ width: 90 }}
            />
          ) : null}
          {csv ? (
            <CsvButton href={csv({ basis: 'refunded' })}>{t('export.refunded')}</CsvButton>
          ) : null}
        </>
      }
      chart={<EChart option={option} />}
      table={
        <Table
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          columns={[
            {
              key: 'period',
              title: t('col.period'),
              render: (_, r) => fmt.period(r.period.period, data.granularity),
            },
            {
              key: 'destination',
              title: t('col.destination'),
              render: (_, r) => t(`destination.${r.destination}`, { defaultValue: r.destination }),
            },
            { key: 'refunds', title: t('col.refunds'), dataIndex: 'refunds', align: 'right' },
            {
              key: 'amount',
              title: t('col.amount'),
              align: 'right',
              render: (_, r) => fmt.money(r.amount, r.currency),
            },
          ]}
        />
      }
    />
  );
}
