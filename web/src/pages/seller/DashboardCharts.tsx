import { DownloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarChart, LineChart } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schemas, serverNow } from '../../api.ts';
import { useFormat } from '../../format.ts';
import {
  REASON_CODES,
  REFUND_DESTINATIONS,
  type RefundDestination,
} from '../../generated/domain.ts';
import { analyticsEn } from '../../i18n/analytics.en.ts';
import { analyticsZh } from '../../i18n/analytics.zh-CN.ts';
import { addStrings } from '../../i18n/index.ts';

// The dashboard's building blocks, shared by the seller console and the agent's platform view:
// ECharts (tree-shaken: bar and line charts, SVG renderer) in a small React wrapper, every chart
// with a data table beside it, decal patterns and labels so colour is never the only cue, and
// ECharts' aria description on.

addStrings('analytics', analyticsEn, analyticsZh);

use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

type ECOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export type Figures = Schemas['SellerAnalytics'];
export type Granularity = Figures['granularity'];
type Period = Figures['series'][number];

/** Okabe–Ito: told apart by people with the common colour-vision deficiencies. */
const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#8F7A00',
  '#000000',
];
const DESTINATION_COLOR: Record<RefundDestination, string> = {
  original_payment: '#0072B2',
  platform_balance: '#009E73',
};
/** The shop's own decisions stay quiet; automatic outcomes stand out (colour, pattern, label). */
const COMPLIANCE_COLOR = {
  decisions: '#9AA5B8',
  auto_approved: '#C2410C',
  auto_refunded: '#882255',
  auto_closed: '#332288',
  line: '#1d4ed8',
};

export function useAnalyticsT() {
  return useTranslation(['analytics', 'common'], { nsMode: 'fallback' });
}

/** The reader's formats: numbers, percentages, money, periods, durations. */
export function useFigureFormat() {
  const { t } = useAnalyticsT();
  const f = useFormat();
  return useMemo(() => {
    const percent = new Intl.NumberFormat(f.locale, {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    const count = new Intl.NumberFormat(f.locale);
    return {
      ...f,
      count: (n: number) => count.format(n),
      rate: (r: number | null | undefined) =>
        r === null || r === undefined ? t('none') : percent.format(r),
      /** Minor units in the currency's major unit, for chart axes. */
      major: (minor: number, currency: string) => minor / 10 ** currencyDigits(currency),
      period: (day: string, granularity: Granularity) =>
        new Intl.DateTimeFormat(f.locale, {
          timeZone: 'UTC',
          ...(granularity === 'month'
            ? { year: 'numeric', month: 'short' }
            : { month: 'short', day: 'numeric' }),
        }).format(new Date(`${day}T00:00:00Z`)),
      duration: (seconds: number | null | undefined) => {
        if (seconds === null || seconds === undefined) return t('none');
        const m = Math.round(seconds / 60);
        const d = Math.floor(m / 1440);
        const h = Math.floor((m % 1440) / 60);
        if (d > 0) return t('duration.days', { d, h });
        if (h > 0) return t('duration.hours', { h, m: m % 60 });
        return t('duration.minutes', { m });
      },
    };
  }, [f, t]);
}

function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

// --- The chart wrapper ------------------------------------------------------------------------

/**
 * One ECharts instance on a div (SVG renderer), re-created when the language changes so its own
 * words (the aria description) follow. Options are replaced, not merged, on every change.
 */
export function EChart({ option, height = 320 }: { option: ECOption; height?: number }) {
  const node = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? 'ZH' : 'EN';
  useEffect(() => {
    const el = node.current;
    if (!el) return;
    const instance = init(el, null, { renderer: 'svg', locale });
    instance.setOption(withAria(latest.current), { notMerge: true });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);
  useEffect(() => {
    chart.current?.setOption(withAria(option), { notMerge: true });
  }, [option]);
  return (
    <div
      ref={node}
      role="img"
      data-testid="echart"
      style={{ width: '100%', height, minWidth: 0 }}
    />
  );
}

/** ECharts' generated description (aria-label) and a decal pattern per series, always on. */
function withAria(option: ECOption): ECOption {
  return { aria: { enabled: true, decal: { show: true } }, ...option };
}

/** A titled card: the chart, or (one click away) the same numbers as a table. */
export function ChartCard({
  id,
  title,
  help,
  extra,
  chart,
  table,
  empty,
}: {
  id: string;
  title: string;
  help?: string;
  extra?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  empty?: boolean;
}) {
  const { t } = useAnalyticsT();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = `${id}-title`;
  return (
    <Card
      data-testid={id}
      role="region"
      aria-labelledby={headingId}
      title={
        <Typography.Title id={headingId} level={2} style={{ margin: 0, fontSize: 17 }}>
          {title}
        </Typography.Title>
      }
      extra={
        <Segmented
          aria-label={t('charts.view')}
          size="small"
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('charts.chart') },
            { value: 'table', label: t('charts.table') },
          ]}
        />
      }
      style={{ height: '100%' }}
    >
      <Flex justify="space-between" align="start" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ flex: '1 1 240px' }}>
          {help}
        </Typography.Text>
        {extra ? <Space wrap>{extra}</Space> : null}
      </Flex>
      {empty ? (
        <Empty description={t('charts.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : view === 'chart' ? (
        chart
      ) : (
        table
      )}
    </Card>
  );
}

// --- Range controls ----------------------------------------------------------------------------

export interface RangeValue {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
}

/** From, to (calendar days, both included) and the period size; presets end today. */
export function RangeControls({
  value,
  shown,
  onChange,
  extra,
}: {
  value: RangeValue;
  /** The range the server answered for (it fills in defaults). */
  shown: { from: string; to: string } | undefined;
  /** A change to the range; the caller merges it into the latest one (the address's). */
  onChange: (patch: Partial<RangeValue>) => void;
  extra?: ReactNode;
}) {
  const { t } = useAnalyticsT();
  const today = dayjs(serverNow());
  const from = value.from ?? shown?.from;
  const to = value.to ?? shown?.to;
  const preset = (days: number): [Dayjs, Dayjs] => [today.subtract(days - 1, 'day'), today];
  return (
    <Card size="small">
      <search aria-label={t('range.label')}>
        <Flex wrap gap={12} align="center">
          <DatePicker.RangePicker
            aria-label={t('range.label')}
            allowClear={false}
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            placeholder={[t('range.from'), t('range.to')]}
            presets={[
              { label: t('range.last7'), value: preset(7) },
              { label: t('range.last30'), value: preset(30) },
              { label: t('range.last90'), value: preset(90) },
              { label: t('range.last365'), value: preset(365) },
            ]}
            onChange={(dates) => {
              const [a, b] = dates ?? [];
              if (a && b) {
                onChange({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
              }
            }}
          />
          <Space>
            <Typography.Text id="granularity-label">{t('range.granularity')}</Typography.Text>
            <Segmented
              aria-labelledby="granularity-label"
              value={value.granularity}
              onChange={(g) => onChange({ granularity: g as Granularity })}
              options={(['day', 'week', 'month'] as const).map((g) => ({
                value: g,
                label: t(`range.${g}`),
              }))}
            />
          </Space>
          <div style={{ flex: 1 }} />
          {extra}
        </Flex>
      </search>
    </Card>
  );
}

// --- The figures -------------------------------------------------------------------------------

/** Where the CSV of some cases comes from (the seller's dashboard has it; the platform has not). */
export type CsvLink = (filters: Record<string, string>) => string;

function CsvButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button size="small" icon={<DownloadOutlined />} href={href} download>
      {children}
    </Button>
  );
}

function Kpis({ data }: { data: Figures }) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  const seller = data.cases.by_fault.find((x) => x.fault === 'seller')?.cases ?? 0;
  const buyer = data.cases.by_fault.find((x) => x.fault === 'buyer')?.cases ?? 0;
  const ttr = data.refunds.time_to_refund;
  const cards: { key: string; title: string; value: ReactNode; help: ReactNode }[] = [
    {
      key: 'opened',
      title: t('kpi.opened'),
      value: fmt.count(data.cases.opened),
      help: t('kpi.byFault', { seller: fmt.count(seller), buyer: fmt.count(buyer) }),
    },
    {
      key: 'rate',
      title: t('kpi.returnRate'),
      value: fmt.rate(data.return_rate.rate),
      help: t('kpi.returnRateHelp', {
        cases: fmt.count(data.return_rate.cases),
        lines: fmt.count(data.return_rate.lines_delivered),
      }),
    },
    {
      key: 'refunded',
      title: t('kpi.refunded'),
      value: data.refunds.by_currency.length
        ? data.refunds.by_currency.map((c) => fmt.money(c.amount, c.currency)).join(' · ')
        : t('kpi.noRefunds'),
      help: t('kpi.refundedCount', {
        count: data.refunds.by_currency.reduce((s, c) => s + c.refunds, 0),
      }),
    },
    {
      key: 'ttr',
      title: t('kpi.timeToRefund'),
      value: `${t('kpi.median')} ${fmt.duration(ttr.median_seconds)}`,
      help: `${t('kpi.p90')} ${fmt.duration(ttr.p90_seconds)}`,
    },
    {
      key: 'compliance',
      title: t('kpi.compliance'),
      value: fmt.rate(data.deadlines.compliance),
      help: t('kpi.complianceHelp', {
        onTime: fmt.count(data.deadlines.decisions_on_time),
        missed: fmt.count(data.deadlines.deadlines_missed),
      }),
    },
    {
      key: 'disputes',
      title: t('kpi.disputes'),
      value: fmt.count(data.disputes.opened),
      help: t('kpi.rulings', {
        buyer: fmt.count(data.disputes.ruled_for_buyer),
        seller: fmt.count(data.disputes.ruled_for_seller),
      }),
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="kpis">
      {cards.map((c) => (
        <Col key={c.key} xs={24} sm={12} lg={8} xl={4}>
          <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${c.key}`}>
            <Statistic
              title={c.title}
              value={c.value as string}
              styles={{ content: { fontSize: 22 } }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.help}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

// ECharts 6 keeps axis labels inside the grid's outer bounds by default.
const axisGrid: GridComponentOption = { left: 8, right: 16, top: 48, bottom: 28 };

function CasesByReason({ data, csv }: { data: Figures; csv?: CsvLink | undefined }) {
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

type SkuRow = Figures['return_rate']['by_sku'][number];

function ReturnRateBySku({ data, csv }: { data: Figures; csv?: CsvLink | undefined }) {
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

function RefundMoney({ data, csv }: { data: Figures; csv?: CsvLink | undefined }) {
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

function Compliance({ data, csv }: { data: Figures; csv?: CsvLink | undefined }) {
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

/** The breakdowns as plain tables: reasons and faults, refunds and what was kept, categories. */
function Breakdowns({ data, csv }: { data: Figures; csv?: CsvLink | undefined }) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  const section = (id: string, title: string, body: ReactNode) => (
    <Col xs={24} lg={8}>
      <Card
        size="small"
        role="region"
        aria-labelledby={`${id}-title`}
        data-testid={id}
        title={
          <Typography.Title id={`${id}-title`} level={2} style={{ margin: 0, fontSize: 16 }}>
            {title}
          </Typography.Title>
        }
        style={{ height: '100%' }}
      >
        {body}
      </Card>
    </Col>
  );
  const kept = data.refunds.by_currency;
  return (
    <Row gutter={[16, 16]}>
      {section(
        'table-reasons',
        t('sections.reasons'),
        <Table
          size="small"
          rowKey="reason"
          pagination={false}
          dataSource={data.cases.by_reason}
          columns={[
            {
              key: 'reason',
              title: t('col.reason'),
              render: (_, r) => t(`common:reason.${r.reason}`),
            },
            {
              key: 'fault',
              title: t('col.fault'),
              render: (_, r) => (
                <Tag color={r.fault === 'seller' ? 'orange' : 'default'}>
                  {t(`common:fault.${r.fault}`)}
                </Tag>
              ),
            },
            {
              key: 'cases',
              title: t('col.cases'),
              align: 'right',
              render: (_, r) =>
                csv && r.cases > 0 ? (
                  <Typography.Link
                    href={csv({ reason: r.reason })}
                    download
                    aria-label={t('export.reason', { reason: t(`common:reason.${r.reason}`) })}
                  >
                    {fmt.count(r.cases)}
                  </Typography.Link>
                ) : (
                  fmt.count(r.cases)
                ),
            },
          ]}
        />,
      )}
      {section(
        'table-refunds',
        t('sections.refunds'),
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
                render: (_, r) =>
                  t(`destination.${r.destination}`, { defaultValue: r.destination }),
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
        </Space>,
      )}
      {section(
        'table-categories',
        t('sections.categories'),
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
        />,
      )}
    </Row>
  );
}

/** Every figure of an answer: key numbers, the four charts (each with its table), breakdowns. */
export function FiguresView({ data, csv }: { data: Figures; csv?: CsvLink | undefined }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Kpis data={data} />
      <CasesByReason data={data} csv={csv} />
      <ReturnRateBySku data={data} csv={csv} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RefundMoney data={data} csv={csv} />
        </Col>
        <Col xs={24} xl={12}>
          <Compliance data={data} csv={csv} />
        </Col>
      </Row>
      <Breakdowns data={data} csv={csv} />
    </Space>
  );
}

/** The range in the address (`from`, `to`, `granularity`), so a reload or a link shows the same. */
export function rangeFromParams(params: URLSearchParams): RangeValue {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const g = params.get('granularity');
  return {
    from: day(params.get('from')),
    to: day(params.get('to')),
    granularity: g === 'week' || g === 'month' ? g : 'day',
  };
}

/**
 * The range after a change, merged into the address as it is now: two quick changes (a preset,
 * then a period size) must not undo each other while the first is still being rendered.
 */
export function mergeRange(patch: Partial<RangeValue>): URLSearchParams {
  return rangeToParams({
    ...rangeFromParams(new URLSearchParams(window.location.search)),
    ...patch,
  });
}

export function rangeToParams(range: RangeValue): URLSearchParams {
  const out = new URLSearchParams();
  if (range.from) out.set('from', range.from);
  if (range.to) out.set('to', range.to);
  if (range.granularity !== 'day') out.set('granularity', range.granularity);
  return out;
}

export function titleOf(t: TFunction, key: string): string {
  return `${t(key)} · Sendback`;
}
