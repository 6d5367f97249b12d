import { Alert, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnCase } from '../api.ts';
import { caseRef } from '../caseRef.ts';
import { useFormat } from '../format.ts';
import { AttachmentList } from './Attachments.tsx';
import { awaitsReplacement } from './flows/ReplacementStep.tsx';
import { NextAction } from './NextAction.tsx';
import { agreedByOf, RefundBreakdown } from './RefundBreakdown.tsx';
import { StatusTag } from './StatusTag.tsx';
import { CaseTimeline } from './Timeline.tsx';

/** States whose case pays nothing unless a refund was already made: no preview to show. */
const NO_REFUND_STATES: readonly string[] = ['rejected', 'package_rejected', 'closed', 'cancelled'];

/** Whether the case has a refund, or may still have one, to show. */
export function showsRefund(c: Pick<ReturnCase, 'status' | 'refund_amount'>): boolean {
  return c.refund_amount !== null || !NO_REFUND_STATES.includes(c.status);
}

/** What every party sees of a case: status, deadline, items, money, shipment, timeline. */
export function CaseOverview({ c, actions }: { c: ReturnCase; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('case.id')}{' '}
          <span title={c.id} data-testid="case-ref">
            {caseRef(c.id)}
          </span>
        </Typography.Title>
        <StatusTag status={c.status} />
        {/* The outcome only where it says more than the status ("Refunded Refunded" did not). */}
        {c.outcome && t(`outcome.${c.outcome}`) !== t(`status.${c.status}`) ? (
          <Typography.Text type="secondary">{t(`outcome.${c.outcome}`)}</Typography.Text>
        ) : null}
      </Space>
      {c.flags.map((flag) => (
        <Alert
          key={flag}
          type="warning"
          showIcon
          message={t(`case.flags.${flag}`, { defaultValue: flag })}
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <NextAction c={c} />
            {actions ? <Card size="small">{actions}</Card> : null}
            <Card size="small" title={t('case.lines')}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('case.buyer')}>
                  <span data-testid="buyer-name">{c.buyer_name}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('case.orderNumber')}>
                  <Typography.Text copyable data-testid="order-number">
                    {c.order_number}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('case.shop')}>
                  <span data-testid="shop-name">{c.shop_name}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('case.type')}>{t(`type.${c.type}`)}</Descriptions.Item>
                <Descriptions.Item label={t('case.reason')}>
                  {t(`reason.${c.reason}`)} ({t(`fault.${c.fault}`)})
                </Descriptions.Item>
                <Descriptions.Item label={t('case.created')}>
                  {f.dateTime(c.created_at)}
                </Descriptions.Item>
              </Descriptions>
              <Table
                size="small"
                rowKey="order_line_id"
                pagination={false}
                dataSource={c.lines}
                columns={[
                  { title: 'SKU', dataIndex: 'sku' },
                  { title: t('case.lines'), dataIndex: 'title' },
                  { title: '×', dataIndex: 'quantity' },
                  {
                    title: t('common.amount'),
                    dataIndex: 'unit_price',
                    render: (v: number) => f.money(v, c.currency),
                  },
                ]}
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
                {c.description}
              </Typography.Paragraph>
              <AttachmentList ids={c.attachment_ids} />
            </Card>
            {c.shipment ? (
              <Card size="small" title={t('case.shipment')}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('case.carrier')}>
                    {c.shipment.carrier}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('case.tracking')}>
                    {c.shipment.tracking_number}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('status.in_transit')}>
                    {f.dateTime(c.shipment.shipped_at)}
                  </Descriptions.Item>
                  {c.shipment.delivered_at ? (
                    <Descriptions.Item label={t('status.delivered')}>
                      {f.dateTime(c.shipment.delivered_at)}
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              size="small"
              title={c.refund_amount !== null ? t('case.refund') : t('case.refundPreview')}
            >
              {awaitsReplacement(c) ? (
                <Typography.Text data-testid="replacement-instead">
                  {t('case.replacementInstead', {
                    amount: c.refund_preview
                      ? f.money(c.refund_preview.total, c.refund_preview.currency)
                      : '',
                  })}
                </Typography.Text>
              ) : showsRefund(c) ? (
                <RefundBreakdown preview={c.refund_preview} agreedBy={agreedByOf(c)} />
              ) : (
                <Typography.Text type="secondary" data-testid="no-refund">
                  {t('case.noPreview')}
                </Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('case.timeline')}>
              <CaseTimeline caseId={c.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
