import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api.ts';
import { FiguresView } from '../../components/analytics/FiguresView.tsx';
import { RangeControls } from '../../components/analytics/RangeControls.tsx';
import { mergeRange, type RangeValue, rangeFromParams } from '../../components/analytics/range.ts';
import { titleOf, useAnalyticsT } from '../../components/analytics/strings.ts';
import { TopShops } from '../../components/analytics/TopShops.tsx';
import { AppealsFigures } from '../../components/flows/AppealsFigures.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** Every shop's figures added up, and the shops whose own faults cause the most returns. */
export function PlatformPage() {
  const { t } = useAnalyticsT();
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params);
  const [minLines, setMinLines] = useState(10);

  useEffect(() => {
    document.title = titleOf(t, 'platform.title');
  }, [t]);

  const query = useQuery({
    queryKey: ['analytics', 'platform', range, minLines],
    queryFn: () =>
      unwrap(
        api.GET('/v1/analytics', {
          params: {
            query: {
              granularity: range.granularity,
              min_lines: minLines,
              shops: 10,
              ...(range.from ? { from: range.from } : {}),
              ...(range.to ? { to: range.to } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const change = (patch: Partial<RangeValue>) => setParams(mergeRange(patch), { replace: true });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('platform.title')}
        subtitle={t('platform.subtitle')}
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
      <Typography.Text type="secondary">{t('platform.zone')}</Typography.Text>
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
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <TopShops shops={data.top_shops} minLines={minLines} onMinLinesChange={setMinLines} />
            <AppealsFigures appeals={data.appeals} />
            <FiguresView data={data} />
          </Space>
        </div>
      ) : query.isPending ? (
        <Spin description={t('loading')} style={{ display: 'block', margin: 48 }}>
          <div style={{ minHeight: 80 }} />
        </Spin>
      ) : null}
    </Space>
  );
}
