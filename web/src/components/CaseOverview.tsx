import { Alert, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnCase } from '../api.ts';
import { useFormat } from '../format.ts';
import { AttachmentList } from './Attachments.tsx';
import { NextAction } from './NextAction.tsx';
import { RefundBreakdown } from './RefundBreakdown.tsx';
import { StatusTag } from './StatusTag.tsx';
import { CaseTimeline } from './Timeline.tsx';

/** What every party sees of a case: status, deadline, items, money, shipment, timeline. */
export function CaseOverview({ c, actions }: { c: ReturnCase; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('case.id')} <span title={c.id}>…{c.id.slice(-8)}</span>
        </Typography.Title>
        <StatusTag status={c.status} />
        {c.outcome ? (
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
              <RefundBreakdown preview={c.refund_preview} />
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
