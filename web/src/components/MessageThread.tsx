import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Input, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey, unwrap } from '../api.ts';
import { useFormat } from '../format.ts';
import { useMe } from '../session.tsx';
import { AttachmentList, AttachmentUpload } from './Attachments.tsx';

/**
 * The order's thread. Bodies are plain text rendered as text (React escapes them); newlines are
 * kept with CSS. Reading the thread moves the read marker.
 */
export function MessageThread({ orderId, title }: { orderId: string; title?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [attachments, setAttachments] = useState<string[]>([]);
  const thread = useQuery({
    queryKey: ['messages', orderId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/orders/{id}/messages', {
          params: { path: { id: orderId }, query: { limit: 200 } },
        }),
      ),
  });
  const last = thread.data?.data.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (last > (thread.data?.last_read_seq ?? 0)) {
      void api
        .POST('/v1/orders/{id}/messages/read', {
          params: { path: { id: orderId } },
          body: { seq: last },
        })
        .then(() => client.invalidateQueries({ queryKey: ['me'] }));
    }
  }, [last, thread.data?.last_read_seq, orderId, client]);
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/orders/{id}/messages', {
          params: { path: { id: orderId }, header: { 'idempotency-key': idempotencyKey() } },
          body: { body, attachment_ids: attachments },
        }),
      ),
    onSuccess: () => {
      setBody('');
      setAttachments([]);
      void client.invalidateQueries({ queryKey: ['messages', orderId] });
    },
  });
  return (
    <Card title={title ?? t('case.messages')} size="small" data-testid="thread">
      {thread.data?.data.length ? (
        <List
          size="small"
          dataSource={thread.data.data}
          renderItem={(m) => (
            <List.Item key={m.id} data-testid={m.kind === 'system' ? 'system-line' : 'message'}>
              <div style={{ width: '100%' }}>
                <Typography.Text
                  strong={m.kind === 'message'}
                  type={m.kind === 'system' ? 'secondary' : undefined}
                >
                  {m.kind === 'system'
                    ? t('messages.system')
                    : m.author.id === me.id
                      ? me.name
                      : t(`roles.${m.author.role}`)}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">{f.dateTime(m.created_at)}</Typography.Text>
                <div
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                  data-testid="message-body"
                >
                  {m.kind === 'system' && m.event_type
                    ? `${t(`event.${m.event_type.replace('return.', '')}`, { defaultValue: m.body })} · ${m.case_id?.slice(-8) ?? ''}`
                    : m.body}
                </div>
                <AttachmentList ids={m.attachment_ids} />
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty description={t('messages.empty')} />
      )}
      <Space.Compact direction="vertical" style={{ width: '100%', marginTop: 12 }}>
        <Input.TextArea
          aria-label={t('messages.placeholder')}
          placeholder={t('messages.placeholder')}
          value={body}
          maxLength={4000}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
          onChange={(e) => setBody(e.target.value)}
        />
      </Space.Compact>
      <Space style={{ marginTop: 8 }}>
        <AttachmentUpload value={attachments} onChange={setAttachments} />
        <Button
          type="primary"
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={!body.trim() && attachments.length === 0}
        >
          {t('messages.send')}
        </Button>
      </Space>
      {send.error ? <Typography.Text type="danger">{send.error.message}</Typography.Text> : null}
    </Card>
  );
}
