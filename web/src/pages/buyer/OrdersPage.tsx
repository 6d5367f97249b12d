import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Order, unwrap } from '../../api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { LinkButton, problemText, usePageTitle } from './shared.tsx';

/** My orders: newest first, each with its items, delivery and what was paid. */
export function OrdersPage() {
  const { t } = useTranslation('buyer');
  usePageTitle(t('orders.title'));
  const orders = useInfiniteQuery({
    queryKey: ['orders', 'list'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/orders', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  // The returns already opened, to show them on their orders.
  const returns = useQuery({
    queryKey: ['returns', 'mine'],
    queryFn: () =>
      unwrap(api.GET('/v1/returns', { params: { query: { sort: '-created_at', limit: 200 } } })),
  });
  const byOrder = new Map<string, { id: string; status: string }[]>();
  for (const c of returns.data?.data ?? []) {
    byOrder.set(c.order_id, [...(byOrder.get(c.order_id) ?? []), c]);
  }
  // Newest purchase first (the API lists by when the order reached Sendback).
  const list = (orders.data?.pages.flatMap((p) => p.data) ?? []).sort((a, b) =>
    b.placed_at.localeCompare(a.placed_at),
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('orders.title')} subtitle={t('orders.intro')} />
      {orders.isPending ? <Skeleton active paragraph={{ rows: 6 }} data-testid="loading" /> : null}
      {orders.error ? (
        <Alert
          type="error"
          showIcon
          title={problemText(orders.error, t)}
          action={<Button onClick={() => orders.refetch()}>{t('common:common.retry')}</Button>}
        />
      ) : null}
      {orders.data && list.length === 0 ? <Empty description={t('orders.empty')} /> : null}
      <ul aria-label={t('orders.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.map((order) => (
          <li key={order.id} style={{ marginBottom: 16 }}>
            <OrderCard order={order} returns={byOrder.get(order.id) ?? []} />
          </li>
        ))}
      </ul>
      {orders.hasNextPage ? (
        <Button onClick={() => orders.fetchNextPage()} loading={orders.isFetchingNextPage}>
          {t('loadMore')}
        </Button>
      ) : null}
    </Space>
  );
}

function OrderCard({
  order,
  returns,
}: {
  order: Order;
  returns: { id: string; status: string }[];
}) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const to = `/buyer/orders/${order.id}`;
  // Under 'returns': a new case changes what is left to return.
  const eligibility = useQuery({
    queryKey: ['returns', 'eligibility', order.id],
    queryFn: () =>
      unwrap(api.GET('/v1/orders/{id}/eligibility', { params: { path: { id: order.id } } })),
    staleTime: 60_000,
  });
  const returnable = eligibility.data
    ? eligibility.data.lines.some((l) => l.eligible)
    : eligibility.error
      ? true
      : undefined;
  return (
    <Card
      data-testid="order-card"
      title={
        <Flex gap={12} align="baseline" wrap>
          <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
            <Link to={to}>{t('orders.orderRef', { ref: order.external_id })}</Link>
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('orders.placed', { date: f.date(order.placed_at) })}
          </Typography.Text>
        </Flex>
      }
    >
      <Typography.Paragraph style={{ marginTop: -4 }}>
        <Typography.Text data-testid="order-shop">
          {t('orders.fromShop', { shop: order.shop_name })}
        </Typography.Text>
        <br />
        <Typography.Text strong>
          {t('orders.totalPaid', { amount: f.money(order.total_paid, order.currency) })}
        </Typography.Text>
      </Typography.Paragraph>
      <Flex gap={24} wrap justify="space-between" align="flex-start">
        <ul style={{ margin: 0, paddingLeft: 18, flex: '1 1 240px', minWidth: 0 }}>
          {order.lines.map((line) => (
            <li key={line.id}>
              <Typography.Text>{line.title}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                × {line.quantity} · {f.money(line.unit_price, order.currency)}
              </Typography.Text>
            </li>
          ))}
        </ul>
        <Space orientation="vertical" align="end" style={{ marginInlineStart: 'auto' }}>
          {order.delivered_at ? (
            <Tag color="green" style={{ color: '#135200' }}>
              {t('orders.delivered', { date: f.date(order.delivered_at) })}
            </Tag>
          ) : (
            <Tag>{t('orders.notDelivered')}</Tag>
          )}
          {returns.length ? (
            <Space wrap size={4}>
              <Typography.Text type="secondary">{t('orders.returns')}</Typography.Text>
              {returns.map((r) => (
                <Link key={r.id} to={`/buyer/returns/${r.id}`}>
                  <StatusTag status={r.status} />
                </Link>
              ))}
            </Space>
          ) : null}
          {returnable === undefined ? null : returnable ? (
            <LinkButton to={to} type="primary" data-testid="return-button">
              {t('orders.returnItems')}
            </LinkButton>
          ) : (
            <Typography.Text type="secondary" data-testid="nothing-returnable">
              {t('orders.nothingReturnable')}
            </Typography.Text>
          )}
        </Space>
      </Flex>
    </Card>
  );
}
