import { Card, Empty, Flex, Segmented, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useAnalyticsT } from './strings.ts';

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
        <Typography.Title
          id={headingId}
          level={2}
          style={{ margin: 0, fontSize: 17, whiteSpace: 'normal' }}
        >
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
