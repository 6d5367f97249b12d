import { Alert, Breadcrumb, Button, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type ReturnCase } from '../../api.ts';
import { CaseOverview } from '../../components/CaseOverview.tsx';
import { MessageThread } from '../../components/MessageThread.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { useFormat } from '../../format.ts';
import type { CaseState } from '../../generated/domain.ts';
import { useCase } from '../../hooks.ts';
import { CaseActions, hasBuyerActions } from './CaseActions.tsx';
import { MESSAGES_ANCHOR, SendBackSection } from './SendBack.tsx';
import { problemText, shortId, usePageTitle } from './shared.tsx';

/** One return as the buyer follows it: where it stands, what to do next and by when, the thread. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('buyer');
  const query = useCase(id);
  usePageTitle(
    query.data
      ? `${t('case.title', { id: shortId(query.data.id) })} · ${t(`common:status.${query.data.status}`)}`
      : undefined,
  );
  if (query.error) {
    return query.error instanceof ApiError && query.error.status === 404 ? (
      <Result
        status="404"
        title={t('errors.returnNotFound')}
        extra={<Link to="/buyer/returns">{t('returns.back')}</Link>}
      />
    ) : (
      <Alert
        type="error"
        showIcon
        title={problemText(query.error, t)}
        action={<Button onClick={() => query.refetch()}>{t('common:common.retry')}</Button>}
      />
    );
  }
  const c = query.data;
  if (!c) return <Skeleton active />;
  const sendingBack = c.type === 'return_and_refund' && c.status === 'awaiting_shipment';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page">
      <Breadcrumb
        items={[
          { title: <Link to="/buyer/returns">{t('common:nav.returns')}</Link> },
          { title: shortId(c.id) },
        ]}
      />
      <BuyerGuide c={c} />
      {sendingBack ? <SendBackSection c={c} /> : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          <CaseOverview c={c} actions={hasBuyerActions(c) ? <CaseActions c={c} /> : undefined} />
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text>
              <Link to={`/buyer/orders/${c.order_id}`}>{t('case.viewOrder')}</Link>
            </Typography.Text>
            {!sendingBack && c.return_address ? (
              <ReturnAddressCard address={c.return_address} title={t('sendBack.sentTo')} />
            ) : null}
            <div id={MESSAGES_ANCHOR}>
              <MessageThread orderId={c.order_id} title={t('common:messages.title')} />
            </div>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** A bought label changes what "send it back" means: drop it off, no tracking number to enter. */
function guideKey(c: ReturnCase): string {
  return c.status === 'awaiting_shipment' && c.label?.status === 'purchased'
    ? 'guide.awaitingDropOff'
    : `guide.${c.status}`;
}

/** What this state means for the buyer, in one or two sentences, with the seller's words. */
function BuyerGuide({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const amount = c.refund_amount ?? c.refund_preview?.total;
  const money = amount !== null && amount !== undefined ? f.money(amount, c.currency) : '—';
  const due = c.next_action?.due_at ? f.dateTime(c.next_action.due_at) : '—';
  const destination = t(`common:destination.${c.refund_destination}`);
  const types: Record<CaseState, 'info' | 'success' | 'warning' | 'error'> = {
    requested: 'info',
    partial_offer: 'warning',
    rejected: 'error',
    awaiting_shipment: 'success',
    in_transit: 'info',
    delivered: 'info',
    package_rejected: 'error',
    disputed: 'warning',
    appealed: 'warning',
    replacement_pending: 'info',
    replacement_shipped: 'info',
    refund_pending: 'success',
    refund_failed: 'warning',
    refunded: 'success',
    closed: 'info',
    cancelled: 'info',
  };
  let detail: string | null = null;
  if (c.status === 'rejected' && c.rejection) {
    detail = t('guide.sellerSaid', {
      reason: t(`common:rejectReason.${c.rejection.reason}`, { defaultValue: c.rejection.reason }),
      note: c.rejection.note,
    });
  } else if (c.status === 'package_rejected' && c.package_rejection) {
    detail = t('guide.sellerSaid', {
      reason: t(`common:packageReason.${c.package_rejection.reason}`, {
        defaultValue: c.package_rejection.reason,
      }),
      note: c.package_rejection.note,
    });
  } else if (c.status === 'disputed' && c.evidence_request?.from === 'buyer') {
    detail = t('guide.evidenceAsked', {
      note: c.evidence_request.note,
      due: f.dateTime(c.evidence_request.due_at),
    });
  } else if (c.ruling) {
    detail = t('guide.ruling', { note: c.ruling.note });
  }
  return (
    <Alert
      type={types[c.status] ?? 'info'}
      showIcon
      data-testid="buyer-guide"
      title={t(guideKey(c), {
        amount: money,
        offer: c.offer_amount !== null ? f.money(c.offer_amount, c.currency) : '—',
        due,
        destination,
        outcome: c.outcome ? t(`common:outcome.${c.outcome}`) : '',
      })}
      description={detail ?? undefined}
    />
  );
}
