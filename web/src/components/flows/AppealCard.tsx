import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { type ReturnCase, serverNow } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { AttachmentUpload } from '../Attachments.tsx';
import { useCommand } from '../useCommand.ts';
import { appealDeadline, ErrorLine, useFlowsT, usePublicPolicy } from './shared.tsx';

/** Whether the case page of this party shows the appeal card. */
export function showsAppeal(c: ReturnCase, party: 'buyer' | 'seller'): boolean {
  return !!c.appeal || (c.decided?.loser === party && c.allowed_commands.includes('appeal'));
}

/**
 * The appeal, for the buyer or the shop: the party that lost a ruling (or, for a shop, an
 * automatic refund) may appeal once within the policy's window; afterwards both see how it went.
 */
export function AppealCard({ c, party }: { c: ReturnCase; party: 'buyer' | 'seller' }) {
  const { t } = useFlowsT();
  const f = useFormat();
  const { message } = App.useApp();
  const command = useCommand(c);
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<string[]>([]);
  const canAppeal =
    !c.appeal && c.decided?.loser === party && c.allowed_commands.includes('appeal');
  const policy = usePublicPolicy(c.seller_id, c.policy_version);
  if (!showsAppeal(c, party)) return null;

  if (c.appeal) {
    const a = c.appeal;
    const text =
      a.decision === 'upheld'
        ? t('appeal.upheld', { date: f.dateTime(a.decided_at) })
        : a.decision === 'overturned'
          ? t('appeal.overturned', { date: f.dateTime(a.decided_at) })
          : t('appeal.pending', { by: t(`party.${a.by}`), date: f.dateTime(a.opened_at) });
    return (
      <Alert
        type={a.decision === null ? 'warning' : 'info'}
        showIcon
        data-testid="appeal-status"
        title={text}
        description={
          <>
            <Typography.Text type="secondary">{t('appeal.theirNote')}</Typography.Text>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a.note}</Typography.Text>
            {a.compensation && party === 'seller' ? (
              <div>{t('appeal.compensation', { amount: f.money(a.compensation, c.currency) })}</div>
            ) : null}
          </>
        }
      />
    );
  }

  const decided = c.decided!;
  const due = appealDeadline(decided.at, policy.data?.policy.appeal_window_days);
  const closed = due !== null && new Date(due).getTime() < serverNow();
  if (!canAppeal || closed) return null;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('appeal.title')}</h2>}
      data-testid="appeal-card"
    >
      <Typography.Paragraph>
        {decided.by === 'system' ? t('appeal.introSystem') : t('appeal.intro')}
      </Typography.Paragraph>
      {due ? (
        <Typography.Paragraph strong data-testid="appeal-until">
          {t('appeal.until', { due: f.dateTime(due) })}
        </Typography.Paragraph>
      ) : null}
      {!open ? (
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('appeal.open')}
        </Button>
      ) : (
        <Form
          layout="vertical"
          requiredMark={false}
          aria-label={t('appeal.title')}
          onFinish={async ({ note }: { note: string }) => {
            await command.mutateAsync({
              command: 'appeal',
              body: { note: note.trim(), ...(files.length ? { attachment_ids: files } : {}) },
            });
            void message.success(t('appeal.sent'));
            setOpen(false);
          }}
        >
          <ErrorLine error={command.error} />
          <Form.Item
            name="note"
            label={t('appeal.note')}
            extra={t('appeal.noteExtra')}
            rules={[{ required: true, whitespace: true, message: t('appeal.noteRequired') }]}
          >
            <Input.TextArea
              autoFocus
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              showCount
            />
          </Form.Item>
          <Form.Item label={t('appeal.evidence')}>
            <AttachmentUpload value={files} onChange={setFiles} thumbnails />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={command.isPending}>
              {t('appeal.submit')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('appeal.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
