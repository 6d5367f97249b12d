import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api.ts';
import { caseRef } from '../../caseRef.ts';
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
      {wallet.isPending ? <Skeleton active data-testid="loading" /> : null}
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
          {entries.length ? (
            <Card size="small" styles={{ body: { padding: '0 12px' } }}>
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="wallet-entries">
                {entries.map((e, index) => (
                  <li
                    key={e.id}
                    data-testid="wallet-entry"
                    style={{
                      padding: '10px 0',
                      borderTop: index ? '1px solid #f0f0f0' : undefined,
                    }}
                  >
                    <Flex justify="space-between" align="baseline" gap={12}>
                      <div style={{ minWidth: 0 }}>
                        {e.case_id && e.items ? (
                          <Link to={`/buyer/returns/${e.case_id}`} data-testid="wallet-entry-case">
                            {t('wallet.refundFor', { items: e.items, ref: caseRef(e.case_id) })}
                          </Link>
                        ) : (
                          <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                            {describe(e.description)}
                          </Typography.Text>
                        )}
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {f.dateTime(e.created_at)}
                          </Typography.Text>
                        </div>
                      </div>
                      <Typography.Text
                        strong
                        style={{
                          color: e.amount >= 0 ? '#166534' : '#b91c1c',
                          whiteSpace: 'nowrap',
                        }}
                      >
                        {e.amount >= 0 ? '+' : ''}
                        {f.money(e.amount, e.currency)}
                      </Typography.Text>
                    </Flex>
                  </li>
                ))}
              </ul>
            </Card>
          ) : (
            <Card>
              <Empty description={t('wallet.noEntries')} />
            </Card>
          )}
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
