import { App, Button, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnCase } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { useCommand } from '../useCommand.ts';
import { ErrorLine, useFlowsT } from './shared.tsx';

const SECTION = { borderTop: '1px solid #f0f0f0', paddingTop: 12 } as const;

/**
 * The shop's side of a replacement or exchange: at review, "refund instead"; once the item is
 * back, send the new one (carrier and tracking number) or mark it out of stock (a refund).
 */
export function SellerReplacementPanel({ c }: { c: ReturnCase }) {
  const allowed = new Set(c.allowed_commands);
  return (
    <>
      {allowed.has('approve_as_refund') ? <RefundInstead c={c} /> : null}
      {allowed.has('dispatch_replacement') || allowed.has('replacement_unavailable') ? (
        <Dispatch c={c} />
      ) : null}
      {c.replacement ? <Sent c={c} /> : null}
    </>
  );
}

function ExchangeWanted({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  const f = useFormat();
  if (!c.exchange) return null;
  return (
    <Typography.Paragraph data-testid="exchange-wanted">
      {t('seller.exchangeWanted', {
        title: c.exchange.title,
        sku: c.exchange.sku,
        price: f.money(c.exchange.unit_price, c.currency),
        amount: f.money(c.exchange.difference, c.currency),
      })}
    </Typography.Paragraph>
  );
}

function RefundInstead({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const command = useCommand(c);
  return (
    <section style={SECTION} data-testid="refund-instead">
      <Typography.Title level={4} style={{ fontSize: 15, marginTop: 0 }}>
        {t('seller.refundInsteadTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('seller.refundInsteadIntro', { type: tc(`type.${c.type}`) })}
      </Typography.Paragraph>
      <ExchangeWanted c={c} />
      <ErrorLine error={command.error} />
      <Popconfirm
        title={t('seller.refundInstead')}
        description={<div style={{ maxWidth: 320 }}>{t('seller.refundInsteadConfirm')}</div>}
        okText={t('seller.refundInstead')}
        cancelText={tc('common.cancel')}
        onConfirm={async () => {
          await command.mutateAsync({ command: 'approve_as_refund', body: {} });
          void message.success(t('seller.refundInsteadDone'));
        }}
      >
        <Button loading={command.isPending}>{t('seller.refundInstead')}</Button>
      </Popconfirm>
    </section>
  );
}

function Dispatch({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  const { t: tc } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const command = useCommand(c);
  const allowed = new Set(c.allowed_commands);
  const due = c.next_action?.due_at ?? c.due_at;
  return (
    <section style={SECTION} data-testid="replacement-panel" aria-labelledby="replacement-title">
      <Typography.Title level={4} id="replacement-title" style={{ fontSize: 15, marginTop: 0 }}>
        {c.type === 'exchange' ? t('seller.exchangeTitle') : t('seller.replacementTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('seller.replacementIntro')}</Typography.Paragraph>
      <ExchangeWanted c={c} />
      {due ? (
        <Typography.Paragraph strong>
          {t('seller.dueBy', { due: f.dateTime(due) })}
        </Typography.Paragraph>
      ) : null}
      <ErrorLine error={command.error} />
      {allowed.has('dispatch_replacement') ? (
        <Form
          layout="vertical"
          requiredMark={false}
          aria-label={t('seller.replacementTitle')}
          onFinish={async (v: { carrier: string; tracking_number: string }) => {
            await command.mutateAsync({
              command: 'dispatch_replacement',
              body: { carrier: v.carrier.trim(), tracking_number: v.tracking_number.trim() },
            });
            void message.success(t('seller.dispatched'));
          }}
        >
          <Flex gap={12} wrap>
            <Form.Item
              name="carrier"
              label={t('seller.carrier')}
              style={{ flex: '1 1 180px' }}
              rules={[{ required: true, whitespace: true, message: t('seller.carrierRequired') }]}
            >
              <Input placeholder={t('seller.carrierPlaceholder')} maxLength={60} />
            </Form.Item>
            <Form.Item
              name="tracking_number"
              label={t('seller.trackingNumber')}
              style={{ flex: '1 1 220px' }}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  min: 4,
                  max: 40,
                  message: t('seller.trackingRequired'),
                },
              ]}
            >
              <Input maxLength={40} autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Flex>
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={command.isPending}>
              {t('seller.dispatch')}
            </Button>
            {allowed.has('replacement_unavailable') ? (
              <Popconfirm
                title={t('seller.unavailableTitle')}
                description={<div style={{ maxWidth: 320 }}>{t('seller.unavailableText')}</div>}
                okText={t('seller.unavailable')}
                okButtonProps={{ danger: true }}
                cancelText={tc('common.cancel')}
                onConfirm={async () => {
                  await command.mutateAsync({ command: 'replacement_unavailable', body: {} });
                  void message.success(t('seller.unavailableDone'));
                }}
              >
                <Button danger>{t('seller.unavailable')}</Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Form>
      ) : null}
    </section>
  );
}

function Sent({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  const f = useFormat();
  const r = c.replacement!;
  return (
    <Typography.Paragraph
      type="secondary"
      style={{ marginBottom: 0 }}
      data-testid="replacement-sent"
    >
      {t('seller.sentAlready', {
        carrier: r.carrier,
        tracking: r.tracking_number,
        date: f.date(r.dispatched_at),
      })}
    </Typography.Paragraph>
  );
}
