import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api.ts';
import { FiguresView } from '../../components/analytics/FiguresView.tsx';
import { RangeControls } from '../../components/analytics/RangeControls.tsx';
import { mergeRange, type RangeValue, rangeFromParams } from '../../components/analytics/range.ts';
import { titleOf, useAnalyticsT } from '../../components/analytics/strings.ts';
import type { CsvLink } from '../../components/analytics/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { useMe } from '../../session.tsx';

/** The shop's analytics: key figures, charts with their tables, CSV of the cases behind them. */
export function DashboardPage() {
  const { t } = useAnalyticsT();
  const f = useFormat();
  const me = useMe();
  const sellerId = me.seller_id ?? '';
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params);

  useEffect(() => {
    document.title = titleOf(t, 'dashboard.title');
  }, [t]);

  const query = useQuery({
    queryKey: ['analytics', 'seller', sellerId, range],
    enabled: Boolean(sellerId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/sellers/{id}/analytics', {
          params: {
            path: { id: sellerId },
            query: {
              granularity: range.granularity,
              ...(range.from ? { from: range.from } : {}),
              ...(range.to ? { to: range.to } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  const csv = useCallback<CsvLink>(
    (filters) => {
      const q = new URLSearchParams(filters);
      if (data) {
        q.set('from', data.from);
        q.set('to', data.to);
      }
      return `/v1/sellers/${encodeURIComponent(sellerId)}/analytics/cases.csv?${q}`;
    },
    [data, sellerId],
  );

  const change = (patch: Partial<RangeValue>) => setParams(mergeRange(patch), { replace: true });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle')}
        actions={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void query.refetch()}
            loading={query.isFetching}
          >
            {t('refresh')}
          </Button>
        }
      />
      <RangeControls value={range} shown={data} onChange={change} />
      {data?.time_zone ? (
        <Typography.Text type="secondary" data-testid="range-shown">
          {t('dashboard.zone', { zone: f.zone(data.time_zone) })}
        </Typography.Text>
      ) : null}
      {query.error ? (
        <Alert
          type="error"
          showIcon
          title={t('loadError', { message: query.error.message })}
          action={<Button onClick={() => void query.refetch()}>{t('retry')}</Button>}
        />
      ) : null}
      {data ? (
        <div aria-busy={query.isFetching} data-range={`${data.from}/${data.to}`}>
          <FiguresView data={data} csv={csv} />
        </div>
      ) : query.isPending ? (
        <Spin description={t('loading')} style={{ display: 'block', margin: 48 }}>
          <div style={{ minHeight: 80 }} />
        </Spin>
      ) : null}
    </Space>
  );
}
