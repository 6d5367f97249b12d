import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Descriptions, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PrepaidLabel, ReturnCase } from '../../api.ts';
import { labelUrl } from '../../components/PrepaidLabelCard.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { ShipForm } from './CaseActions.tsx';

/** The id of the buyer's message thread on the case page, for "ask the seller" links. */
export const MESSAGES_ANCHOR = 'messages';

/**
 * The "send it back" step of an approved return: where the parcel goes (with a copy button for
 * the carrier's form), the prepaid label when the shop pays by label, and the shipping form.
 */
export function SendBackSection({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const label = c.label;
  const canShip = c.allowed_commands.includes('ship');
  const ship = canShip ? (
    label?.status === 'purchased' ? (
      // With a bought label the parcel ships on its first scan; the form is for another way.
      <Collapse
        size="small"
        items={[
          {
            key: 'ship',
            label: t('sendBack.shipYourself'),
            children: <ShipForm c={c} intro={t('sendBack.shipYourselfHint')} />,
          },
        ]}
      />
    ) : (
      <section aria-labelledby="ship-title">
        <Typography.Title level={3} id="ship-title" style={{ fontSize: 16, marginTop: 0 }}>
          {t('common:command.ship')}
        </Typography.Title>
        <ShipForm c={c} />
      </section>
    )
  ) : null;
  return (
    <Card
      size="small"
      data-testid="send-back"
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('sendBack.title')}
        </Typography.Title>
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          {c.return_address ? (
            <ReturnAddressCard address={c.return_address} />
          ) : (
            <Alert
              type="warning"
              showIcon
              data-testid="no-return-address"
              title={t('sendBack.noAddress')}
              description={
                <>
                  {t('sendBack.noAddressHint')}{' '}
                  <a href={`#${MESSAGES_ANCHOR}`}>{t('sendBack.toMessages')}</a>
                </>
              }
            />
          )}
        </Col>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            {label ? <LabelForBuyer c={c} label={label} /> : null}
            {ship}
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}

/** The prepaid label as the buyer uses it: print it, or have the counter scan its code. */
function LabelForBuyer({ c, label }: { c: ReturnCase; label: PrepaidLabel }) {
  const { t } = useTranslation('buyer');
  if (label.status === 'requested') {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="label-pending"
        title={t('sendBack.labelPending')}
        description={t('sendBack.labelPendingHint')}
      />
    );
  }
  if (label.status === 'failed') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="label-failed"
        title={t('sendBack.labelFailed')}
        description={t('sendBack.labelFailedHint')}
      />
    );
  }
  const carrier = label.carrier ?? t('sendBack.theCarrier');
  return (
    <section aria-labelledby="label-title" data-testid="buyer-label">
      <Typography.Title level={3} id="label-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t('sendBack.labelTitle')}
      </Typography.Title>
      <Flex gap={24} wrap align="start">
        <Flex vertical gap={8} style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('sendBack.labelIntro', { carrier })}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'carrier',
                label: t('common:case.carrier'),
                children: [label.carrier, label.service].filter(Boolean).join(' · ') || '—',
              },
              {
                key: 'tracking',
                label: t('common:case.tracking'),
                children: (
                  <span style={{ overflowWrap: 'anywhere' }} data-testid="label-tracking">
                    {label.tracking_number ?? '—'}
                  </span>
                ),
              },
            ]}
          />
          <div>
            <Button
              type="primary"
              icon={<FilePdfOutlined />}
              href={labelUrl(c.id)}
              target="_blank"
              rel="noopener"
              data-testid="label-pdf"
            >
              {t('sendBack.pdf')}
            </Button>
          </div>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('sendBack.labelShipsItself', { carrier })}
          </Typography.Paragraph>
        </Flex>
        <figure style={{ margin: 0, flex: '0 1 180px', textAlign: 'center' }}>
          <img
            src={labelUrl(c.id, 'qr')}
            alt={t('sendBack.qrAlt', { tracking: label.tracking_number ?? '' })}
            width={164}
            height={164}
            data-testid="label-qr"
            style={{ imageRendering: 'pixelated', border: '1px solid #e5e5e5', borderRadius: 4 }}
          />
          <figcaption style={{ fontSize: 13, marginTop: 4 }}>{t('sendBack.qrHint')}</figcaption>
        </figure>
      </Flex>
    </section>
  );
}
