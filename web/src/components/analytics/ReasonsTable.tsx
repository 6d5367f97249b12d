import { Table, Tag, Typography } from 'antd';
import { BreakdownCard } from './BreakdownCard.tsx';
import { useFigureFormat } from './format.ts';
import { useAnalyticsT } from './strings.ts';
import type { FiguresProps } from './types.ts';

/** Cases by reason, with whose fault each reason is (and their CSV, where there is one). */
export function ReasonsTable({ data, csv }: FiguresProps) {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
  return (
    <BreakdownCard id="table-reasons" title={t('sections.reasons')}>
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
                  // The accessible name starts with what is shown (the count), then says what it is.
                  aria-label={`${fmt.count(r.cases)}: ${t('export.reason', { reason: t(`common:reason.${r.reason}`) })}`}
                >
                  {fmt.count(r.cases)}
                </Typography.Link>
              ) : (
                fmt.count(r.cases)
              ),
          },
        ]}
      />
    </BreakdownCard>
  );
}
