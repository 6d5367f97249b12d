import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Descriptions,
  Flex,
  Row,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type PrepaidLabel, type ReturnCase, unwrap } from '../../api.ts';
import { labelUrl } from '../../components/PrepaidLabelCard.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { ShipForm } from './CaseActions.tsx';
import { useSellerText } from './shared.tsx';

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
          <PackingChecklist c={c} />
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

/**
 * The shop's packing checklist, where it belongs: while the buyer packs the parcel. The ticks are
 * the buyer's own reminders (kept on this device only); nothing waits for them.
 */
function PackingChecklist({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const sellerText = useSellerText();
  const eligibility = useQuery({
    queryKey: ['returns', 'eligibility', c.order_id],
    queryFn: () =>
      unwrap(api.GET('/v1/orders/{id}/eligibility', { params: { path: { id: c.order_id } } })),
    staleTime: 300_000,
  });
  const storageKey = `sendback.packed.${c.id}`;
  const [ticked, setTicked] = useState<string[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as string[];
    } catch {
      return [];
    }
  });
  const items = eligibility.data?.preparation_checklist ?? [];
  if (!items.length) return null;
  return (
    <section
      aria-labelledby="packing-title"
      data-testid="packing-checklist"
      style={{ marginBottom: 16 }}
    >
      <Typography.Title level={3} id="packing-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t('sendBack.checklistTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('sendBack.checklistHint')}
      </Typography.Paragraph>
      <Flex vertical gap={4}>
        {items.map((item) => (
          <Checkbox
            key={item}
            checked={ticked.includes(item)}
            onChange={(e) => {
              const next = e.target.checked ? [...ticked, item] : ticked.filter((x) => x !== item);
              setTicked(next);
              localStorage.setItem(storageKey, JSON.stringify(next));
            }}
          >
            {sellerText(item)}
          </Checkbox>
        ))}
      </Flex>
    </section>
  );
}
