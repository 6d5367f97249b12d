import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, InputNumber, Space, Spin, Table, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../../api.ts';
import { FiguresView } from '../../components/analytics/FiguresView.tsx';
import { useFigureFormat } from '../../components/analytics/format.ts';
import { RangeControls } from '../../components/analytics/RangeControls.tsx';
import { mergeRange, type RangeValue, rangeFromParams } from '../../components/analytics/range.ts';
import { titleOf, useAnalyticsT } from '../../components/analytics/strings.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

type ShopRank = Schemas['PlatformAnalytics']['top_shops'][number];

/** Every shop's figures added up, and the shops whose own faults cause the most returns. */
export function PlatformPage() {
  const { t } = useAnalyticsT();
  const fmt = useFigureFormat();
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
            <Card
              role="region"
              aria-labelledby="top-shops-title"
              data-testid="top-shops"
              title={
                <Typography.Title
                  id="top-shops-title"
                  level={2}
                  style={{ margin: 0, fontSize: 17 }}
                >
                  {t('sections.topShops')}
                </Typography.Title>
              }
              extra={
                <Space>
                  <Typography.Text id="min-lines-label">{t('sections.minLines')}</Typography.Text>
                  <InputNumber
                    aria-labelledby="min-lines-label"
                    min={1}
                    max={1_000_000}
                    value={minLines}
                    onChange={(v) => setMinLines(typeof v === 'number' && v >= 1 ? v : 1)}
                    style={{ width: 100 }}
                  />
                </Space>
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {t('sections.topShopsHelp')}
              </Typography.Paragraph>
              <Table<ShopRank>
                size="small"
                rowKey="seller_id"
                pagination={false}
                dataSource={data.top_shops}
                locale={{ emptyText: t('sections.noShops') }}
                columns={[
                  {
                    key: 'shop',
                    title: t('col.shop'),
                    render: (_, s) => (
                      <Tooltip title={s.seller_id}>
                        <span>{s.name}</span>
                      </Tooltip>
                    ),
                  },
                  {
                    key: 'cases',
                    title: t('col.sellerFaultCases'),
                    align: 'right',
                    render: (_, s) => fmt.count(s.seller_fault_cases),
                  },
                  {
                    key: 'lines',
                    title: t('col.lines'),
                    align: 'right',
                    render: (_, s) => fmt.count(s.lines_delivered),
                  },
                  {
                    key: 'rate',
                    title: t('col.sellerFaultRate'),
                    align: 'right',
                    render: (_, s) => <strong>{fmt.rate(s.rate)}</strong>,
                  },
                ]}
              />
            </Card>
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
