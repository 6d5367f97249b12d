import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type ReturnCase } from '../../api.ts';
import { caseRef } from '../../caseRef.ts';
import { AttachmentThumbnails } from '../../components/Attachments.tsx';
import { BundleLinks } from '../../components/BundleLinks.tsx';
import { BuyerFlows } from '../../components/flows/BuyerFlows.tsx';
import { awaitsReplacement } from '../../components/flows/ReplacementStep.tsx';
import { MessageThread } from '../../components/MessageThread.tsx';
import { agreedByOf, RefundBreakdown } from '../../components/RefundBreakdown.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import type { CaseState } from '../../generated/domain.ts';
import { useCase } from '../../hooks.ts';
import { BuyerTimeline } from './BuyerTimeline.tsx';
import { CaseActions, hasBuyerActions } from './CaseActions.tsx';
import { CaseProgress, NO_REFUND_STATES } from './CaseProgress.tsx';
import { MESSAGES_ANCHOR, SendBackSection } from './SendBack.tsx';
import { problemText, usePageTitle } from './shared.tsx';

/** One return as the buyer follows it: where it stands, what to do next and by when, the thread. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('buyer');
  const query = useCase(id);
  usePageTitle(
    query.data
      ? `${t('case.title', { id: caseRef(query.data.id) })} · ${t(`common:status.${query.data.status}`)}`
      : undefined,
  );
  if (query.error) {
    // A malformed id (a mistyped link) is as unknown as a missing one.
    return query.error instanceof ApiError && [400, 404, 422].includes(query.error.status) ? (
      <Result
        status="404"
        title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('errors.returnNotFound')}</h1>}
        subTitle={t('errors.returnNotFoundHint')}
        extra={<Link to="/buyer/returns">{t('returns.back')}</Link>}
        data-testid="not-found"
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
  if (!c) return <Skeleton active paragraph={{ rows: 8 }} data-testid="loading" />;
  const sendingBack = c.type === 'return_and_refund' && c.status === 'awaiting_shipment';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page">
      <Breadcrumb
        items={[
          { title: <Link to="/buyer/returns">{t('common:nav.returns')}</Link> },
          { title: caseRef(c.id) },
        ]}
      />
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('case.title', { id: caseRef(c.id) })}
        </Typography.Title>
        <StatusTag status={c.status} />
        {c.outcome && c.status === 'closed' ? (
          <Typography.Text type="secondary">{t(`common:outcome.${c.outcome}`)}</Typography.Text>
        ) : null}
        {c.outcome === 'partially_refunded' ? (
          <Typography.Text type="secondary">{t('case.partially')}</Typography.Text>
        ) : null}
      </Flex>
      <BuyerGuide c={c} />
      <CaseProgress c={c} />
      <BuyerFlows c={c} />
      {hasBuyerActions(c) && c.status !== 'replacement_shipped' ? (
        <Card size="small">
          <CaseActions c={c} />
        </Card>
      ) : null}
      {sendingBack ? <SendBackSection c={c} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ItemsCard c={c} />
            {awaitsReplacement(c) ? null : <RefundCard c={c} />}
            <Card size="small" title={t('common:case.timeline')}>
              <BuyerTimeline caseId={c.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
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
            <BundleLinks caseId={c.id} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

/** What is being returned, in the buyer's words and photos. */
function ItemsCard({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  return (
    <Card size="small" title={t('case.items')}>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {c.lines.map((l) => (
          <li key={l.order_line_id} style={{ marginBottom: 6 }}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text>
                {l.title} <Typography.Text type="secondary">× {l.quantity}</Typography.Text>
              </Typography.Text>
              <Typography.Text style={{ whiteSpace: 'nowrap' }}>
                {f.money(l.unit_price * l.quantity, c.currency)}
              </Typography.Text>
            </Flex>
          </li>
        ))}
      </ul>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t(`common:type.${c.type}`)} · {t(`common:reason.${c.reason}`)}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
        {c.description}
      </Typography.Paragraph>
      <AttachmentThumbnails ids={c.attachment_ids} />
      {c.shipment ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('case.shippedWith', {
            carrier: c.shipment.carrier,
            tracking: c.shipment.tracking_number,
          })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** The refund, adding up; a case that ends without one says so instead of previewing one. */
function RefundCard({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  if (NO_REFUND_STATES.includes(c.status)) {
    return (
      <Card size="small" title={t('common:case.refund')} data-testid="no-refund">
        <Typography.Text type="secondary">
          {c.status === 'rejected' || c.status === 'package_rejected'
            ? t('case.noRefundYet')
            : t('case.noRefund')}
        </Typography.Text>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={c.refund_amount !== null ? t('common:case.refund') : t('case.refundExpected')}
    >
      <RefundBreakdown preview={c.refund_preview} agreedBy={agreedByOf(c)} />
    </Card>
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
