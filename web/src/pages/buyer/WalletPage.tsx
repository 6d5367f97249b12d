import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { problemText, usePageTitle } from './shared.tsx';

/** The platform balance: what refunds paid into it, per currency, and every entry. */
export function WalletPage() {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  usePageTitle(t('wallet.title'));
  // Under 'returns': a refund to the balance is a case change, and live updates refresh it.
  const wallet = useInfiniteQuery({
    queryKey: ['returns', 'wallet'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/wallet', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const first = wallet.data?.pages[0];
  const entries = wallet.data?.pages.flatMap((p) => p.entries) ?? [];
  const describe = (text: string) => {
    const refund = /^Refund (\S+)$/.exec(text);
    return refund ? t('wallet.refundEntry', { id: refund[1] }) : text;
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('wallet.title')} subtitle={t('wallet.intro')} />
      {wallet.error ? (
        <Alert
          type="error"
          showIcon
          title={problemText(wallet.error, t)}
          action={<Button onClick={() => wallet.refetch()}>{t('common:common.retry')}</Button>}
        />
      ) : null}
      {wallet.isPending ? <Skeleton active /> : null}
      {first ? (
        <section aria-labelledby="wallet-balances">
          <Typography.Title level={2} id="wallet-balances" style={{ fontSize: 18 }}>
            {t('wallet.balances')}
          </Typography.Title>
          {first.balances.length ? (
            <Row gutter={[16, 16]}>
              {first.balances.map((b) => (
                <Col key={b.currency} xs={24} sm={12} lg={6}>
                  <Card data-testid="wallet-balance">
                    <Typography.Text type="secondary">
                      {t('wallet.balanceIn', { currency: b.currency })}
                    </Typography.Text>
                    <div style={{ fontSize: 28, fontWeight: 600 }}>
                      {f.money(b.balance, b.currency)}
                    </div>
                  </Card>
                </Col>
              ))}
            </Row>
          ) : (
            <Card>
              <Empty description={t('wallet.noBalance')} />
            </Card>
          )}
        </section>
      ) : null}
      {first ? (
        <section aria-labelledby="wallet-entries">
          <Typography.Title level={2} id="wallet-entries" style={{ fontSize: 18 }}>
            {t('wallet.entries')}
          </Typography.Title>
          <Table
            rowKey="id"
            dataSource={entries}
            pagination={false}
            locale={{ emptyText: t('wallet.noEntries') }}
            columns={[
              {
                title: t('wallet.columns.date'),
                key: 'date',
                render: (_, e) => f.dateTime(e.created_at),
              },
              {
                title: t('wallet.columns.description'),
                key: 'description',
                render: (_, e) => describe(e.description),
              },
              {
                title: t('wallet.columns.amount'),
                key: 'amount',
                align: 'right',
                render: (_, e) => (
                  <Typography.Text strong style={{ color: e.amount >= 0 ? '#166534' : '#b91c1c' }}>
                    {e.amount >= 0 ? '+' : ''}
                    {f.money(e.amount, e.currency)}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {wallet.hasNextPage ? (
            <Button
              style={{ marginTop: 12 }}
              onClick={() => wallet.fetchNextPage()}
              loading={wallet.isFetchingNextPage}
            >
              {t('loadMore')}
            </Button>
          ) : null}
        </section>
      ) : null}
    </Space>
  );
}
