import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import type { ReturnCase } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { useCommand } from '../useCommand.ts';
import { ErrorLine, useFlowsT } from './shared.tsx';

/** Whether the buyer's case page shows the replacement step. */
export function showsReplacementStep(c: ReturnCase): boolean {
  return (
    (c.type === 'replacement' || c.type === 'exchange') &&
    (c.status === 'replacement_pending' || c.status === 'replacement_shipped' || !!c.replacement)
  );
}

/**
 * The buyer's replacement (or exchanged variant): what is coming, whether it is on its way with
 * which tracking number, and the two answers once sent: it arrived, or something is wrong.
 */
export function ReplacementStep({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  const f = useFormat();
  const { message } = App.useApp();
  const command = useCommand(c);
  const [wrong, setWrong] = useState(false);
  const allowed = new Set(c.allowed_commands);
  if (!showsReplacementStep(c)) return null;
  const r = c.replacement;
  const due = c.next_action?.due_at ?? c.due_at;
  return (
    <Card
      size="small"
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {c.type === 'exchange' ? t('replacement.titleExchange') : t('replacement.title')}
        </h2>
      }
      data-testid="replacement-step"
    >
      <ErrorLine error={command.error} />
      {c.exchange ? (
        <Typography.Paragraph>
          {t('replacement.exchangeFor', {
            title: c.exchange.title,
            price: f.money(c.exchange.unit_price, c.currency),
          })}
          {c.exchange.difference > 0 ? (
            <>
              <br />
              <Typography.Text type="secondary">
                {t('replacement.difference', {
                  amount: f.money(c.exchange.difference, c.currency),
                })}
              </Typography.Text>
            </>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      {!r ? (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {due ? t('replacement.waiting', { due: f.dateTime(due) }) : t('replacement.waitingNoDue')}
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('replacement.sent', { date: f.date(r.dispatched_at), carrier: r.carrier })}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('replacement.tracking')}{' '}
            <Typography.Text copyable strong data-testid="replacement-tracking">
              {r.tracking_number}
            </Typography.Text>
          </Typography.Paragraph>
          {r.delivered_at ? (
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('replacement.delivered', { date: f.date(r.delivered_at) })}
            </Typography.Paragraph>
          ) : null}
          {c.status === 'replacement_shipped' && due ? (
            <Typography.Paragraph type="secondary">
              {t('replacement.confirmBy', { due: f.dateTime(due) })}
            </Typography.Paragraph>
          ) : null}
        </>
      )}
      {allowed.has('confirm_replacement') || allowed.has('escalate') ? (
        <Flex gap={8} wrap>
          {allowed.has('confirm_replacement') ? (
            <Popconfirm
              title={t('replacement.arrived')}
              description={<div style={{ maxWidth: 300 }}>{t('replacement.arrivedConfirm')}</div>}
              okText={t('replacement.arrived')}
              cancelText={t('appeal.cancel')}
              onConfirm={async () => {
                await command.mutateAsync({ command: 'confirm_replacement', body: {} });
                void message.success(t('replacement.confirmed'));
              }}
            >
              <Button type="primary" size="large" loading={command.isPending}>
                {t('replacement.arrived')}
              </Button>
            </Popconfirm>
          ) : null}
          {allowed.has('escalate') && c.status === 'replacement_shipped' ? (
            <Button size="large" danger aria-expanded={wrong} onClick={() => setWrong(!wrong)}>
              {t('replacement.wrong')}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {wrong ? (
        <Form
          layout="vertical"
          style={{ marginTop: 16 }}
          aria-label={t('replacement.wrong')}
          requiredMark={false}
          onFinish={async ({ note }: { note: string }) => {
            await command.mutateAsync({ command: 'escalate', body: { note: note.trim() } });
            void message.success(t('replacement.escalated'));
            setWrong(false);
          }}
        >
          <Alert type="info" title={t('replacement.wrongIntro')} style={{ marginBottom: 12 }} />
          <Form.Item
            name="note"
            label={t('replacement.wrongNote')}
            rules={[{ required: true, whitespace: true, message: t('replacement.noteRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
          </Form.Item>
          <Button htmlType="submit" type="primary" danger loading={command.isPending}>
            {t('replacement.wrongSubmit')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}

/** A returnless refund: the buyer keeps the item and needs to send nothing back. */
export function ReturnlessNotice({ c, party }: { c: ReturnCase; party: 'buyer' | 'seller' }) {
  const { t } = useFlowsT();
  if (!c.keeps_item) return null;
  return party === 'buyer' ? (
    <Alert
      type="success"
      showIcon
      data-testid="returnless-notice"
      title={t('returnless.title')}
      description={t('returnless.text')}
    />
  ) : (
    <Alert type="info" showIcon data-testid="returnless-notice" title={t('returnless.seller')} />
  );
}

/**
 * A replacement or exchange still on its way to being replaced: no refund is coming (an
 * exchange's price difference aside, which the replacement step shows), so the refund preview
 * and the "Refunded" milestone do not apply.
 */
export function awaitsReplacement(c: ReturnCase): boolean {
  return (c.type === 'replacement' || c.type === 'exchange') && c.refund_amount === null;
}
