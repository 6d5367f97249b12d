import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, type Schemas, unwrap } from '../../api.ts';
import { MessageThread } from '../../components/MessageThread.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { useMediaQuery } from '../../hooks.ts';
import { RequestForm } from './RequestForm.tsx';
import { problemText, usePageTitle, useSellerText } from './shared.tsx';

/** One order: what can be returned and why not, the shop's policy, the request form, the thread. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('buyer');
  const f = useFormat();
  // One column below antd's xl: the shop's policy is read before the form, not after its button.
  const stacked = useMediaQuery('(max-width: 1199.98px)');
  const order = useQuery({
    queryKey: ['order', id],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}', { params: { path: { id } } })),
  });
  // Under 'returns': when a case of this order changes, what is left to return changes too.
  const eligibility = useQuery({
    queryKey: ['returns', 'eligibility', id],
    queryFn: () => unwrap(api.GET('/v1/orders/{id}/eligibility', { params: { path: { id } } })),
  });
  const sellerId = order.data?.seller_id;
  const policy = useQuery({
    queryKey: ['policy', sellerId],
    enabled: sellerId !== undefined,
    queryFn: () =>
      unwrap(
        api.GET('/v1/sellers/{id}/return_policy', { params: { path: { id: sellerId ?? '' } } }),
      ),
    staleTime: 300_000,
  });
  const returns = useQuery({
    queryKey: ['returns', 'order', id],
    queryFn: () =>
      unwrap(api.GET('/v1/returns', { params: { query: { order_id: id, sort: '-created_at' } } })),
  });
  usePageTitle(order.data ? t('orders.orderRef', { ref: order.data.external_id }) : undefined);

  if (order.error) {
    // A malformed id (a mistyped link) is as unknown as a missing one.
    return order.error instanceof ApiError && [400, 404, 422].includes(order.error.status) ? (
      <Result
        status="404"
        title={t('errors.orderNotFound')}
        extra={<Link to="/buyer/orders">{t('orders.back')}</Link>}
      />
    ) : (
      <Alert
        type="error"
        showIcon
        title={problemText(order.error, t)}
        action={<Button onClick={() => order.refetch()}>{t('common:common.retry')}</Button>}
      />
    );
  }
  if (!order.data) return <Skeleton active />;
  const o = order.data;
  // One column on narrower screens: the policy comes before the form there, beside it here.
  const policySummary = eligibility.data ? (
    <PolicySummary
      eligibility={eligibility.data}
      policy={policy.data?.policy}
      shop={policy.data ? { id: policy.data.seller_id, name: policy.data.shop_name } : undefined}
    />
  ) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/buyer/orders">{t('common:nav.orders')}</Link> },
          { title: o.external_id },
        ]}
      />
      <PageHeader title={t('orders.orderRef', { ref: o.external_id })} />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'placed', label: t('order.placed'), children: f.dateTime(o.placed_at) },
          {
            key: 'delivered',
            label: t('order.delivered'),
            children: o.delivered_at ? f.dateTime(o.delivered_at) : t('orders.notDelivered'),
          },
          {
            key: 'shipping',
            label: t('order.shipping'),
            children: f.money(o.shipping_amount, o.currency),
          },
          { key: 'paid', label: t('order.paid'), children: f.money(o.total_paid, o.currency) },
        ]}
      />
      {returns.data?.data.length ? (
        <Alert
          type="info"
          showIcon
          title={t('order.existingReturns', { count: returns.data.data.length })}
          description={
            <Space orientation="vertical" size={4}>
              {returns.data.data.map((r) => (
                <Space key={r.id} wrap>
                  <StatusTag status={r.status} />
                  <Link to={`/buyer/returns/${r.id}`}>
                    {t('order.viewReturn', {
                      reason: t(`common:reason.${r.reason}`),
                      date: f.date(r.created_at),
                    })}
                  </Link>
                </Space>
              ))}
            </Space>
          }
        />
      ) : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={15}>
          {stacked && policySummary ? (
            <div style={{ marginBottom: 16 }}>{policySummary}</div>
          ) : null}
          {eligibility.data ? (
            <RequestForm order={o} eligibility={eligibility.data} policy={policy.data?.policy} />
          ) : eligibility.error ? (
            <Alert type="error" showIcon title={problemText(eligibility.error, t)} />
          ) : (
            <Skeleton active />
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {stacked ? null : policySummary}
            <MessageThread orderId={o.id} title={t('common:messages.title')} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** The shop's rules in plain words: window, who pays return postage, fees, condition. */
function PolicySummary({
  eligibility,
  policy,
  shop,
}: {
  eligibility: Schemas['Eligibility'];
  policy: Schemas['ReturnPolicy'] | undefined;
  /** The shop the order is from, named so the buyer knows whom they write to and return to. */
  shop: { id: string; name: string } | undefined;
}) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const sellerText = useSellerText();
  const windowDays = policy?.window_days ?? eligibility.lines[0]?.window_days;
  const payer = eligibility.return_shipping_payer;
  return (
    <Card
      title={
        // A long shop name wraps instead of being cut off on a phone.
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
          {shop ? t('policy.titleOf', { shop: shop.name }) : t('policy.title')}
        </Typography.Title>
      }
      data-testid="policy-summary"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          ...(windowDays !== undefined
            ? [
                {
                  key: 'window',
                  label: t('policy.window'),
                  children: t('policy.windowDays', { count: windowDays }),
                },
              ]
            : []),
          {
            key: 'postage',
            label: t('policy.postage'),
            children: (
              <Space orientation="vertical" size={0}>
                <span>
                  {payer['seller'] === 'seller'
                    ? t('policy.postageSellerFault')
                    : t('policy.postageSellerFaultBuyer')}
                </span>
                <span>
                  {payer['buyer'] === 'seller'
                    ? t('policy.postageBuyerFaultSeller')
                    : t('policy.postageBuyerFault')}
                </span>
                {policy?.return_postage === 'prepaid_label' ? (
                  <Typography.Text type="secondary">{t('policy.postageLabel')}</Typography.Text>
                ) : policy && policy.return_shipping_reimbursement_cap > 0 ? (
                  <Typography.Text type="secondary">
                    {t('policy.postageCap', {
                      amount: f.money(policy.return_shipping_reimbursement_cap, policy.currency),
                    })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          ...(policy
            ? [
                {
                  key: 'restocking',
                  label: t('policy.restocking'),
                  children:
                    policy.restocking_fee_pct > 0
                      ? t('policy.restockingPct', { pct: policy.restocking_fee_pct })
                      : t('policy.restockingNone'),
                },
              ]
            : []),
          {
            key: 'destinations',
            label: t('policy.refundTo'),
            children: new Intl.ListFormat(f.locale, { type: 'disjunction' }).format(
              eligibility.refund_destinations.map((d) => t(`common:destination.${d}`)),
            ),
          },
        ]}
      />
      {eligibility.condition_text ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
            {t('policy.condition')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {sellerText(eligibility.condition_text)}
          </Typography.Paragraph>
        </>
      ) : null}
      {shop ? (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          <Link to={`/shops/${shop.id}/policy`}>{t('policy.fullPolicy')}</Link>
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
