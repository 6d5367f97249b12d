import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import type { Figures } from './types.ts';

/** The key numbers: cases opened, return rate, money refunded, time to refund, deadlines, disputes. */
export function Kpis({ data }: { data: Figures }) {
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
      // "Median" goes with the title: beside the duration it wrapped a word onto a line of its own.
      title: t('kpi.timeToRefundMedian'),
      value: fmt.duration(ttr.median_seconds),
      help: `${t('kpi.p90')} ${fmt.duration(ttr.p90_seconds)}`,
    },
    {
      key: 'compliance',
      title: t('kpi.compliance'),
      value: fmt.rate(data.deadlines.compliance),
      help: t('kpi.complianceHelp', {
        onTime: t('kpi.onTime', {
          count: data.deadlines.decisions_on_time,
          n: fmt.count(data.deadlines.decisions_on_time),
        }),
        missed: t('kpi.missed', {
          count: data.deadlines.deadlines_missed,
          n: fmt.count(data.deadlines.deadlines_missed),
        }),
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
