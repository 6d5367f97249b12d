import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, List, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey, unwrap } from '../api.ts';
import { caseRef } from '../caseRef.ts';
import { useFormat } from '../format.ts';
import { useMe } from '../session.tsx';
import { AttachmentList, AttachmentUpload } from './Attachments.tsx';

/**
 * The order's thread. Bodies are plain text rendered as text (React escapes them); newlines are
 * kept with CSS. Reading the thread moves the read marker. Given a case, the reader may show only
 * that case's lines (an order may have several returns; people's messages belong to the order).
 */
export function MessageThread({
  orderId,
  title,
  caseId,
}: {
  orderId: string;
  title?: string;
  caseId?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [attachments, setAttachments] = useState<string[]>([]);
  const [onlyCase, setOnlyCase] = useState(false);
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
  const otherCases = new Set(
    (thread.data?.data ?? []).map((m) => m.case_id).filter((id) => id && id !== caseId),
  );
  const shown = (thread.data?.data ?? []).filter(
    (m) => !onlyCase || !caseId || m.case_id === null || m.case_id === caseId,
  );
  const authorOf = (m: { author: { id: string; role: string; name?: string } }) => {
    const role = t(`roles.${m.author.role}`, { defaultValue: m.author.role });
    if (m.author.id === me.id) return `${t('messages.you')} (${me.name}) · ${role}`;
    return m.author.name ? `${m.author.name} · ${role}` : role;
  };
  return (
    <Card
      title={title ?? t('case.messages')}
      size="small"
      data-testid="thread"
      extra={
        caseId && otherCases.size > 0 ? (
          <Segmented<'all' | 'case'>
            size="small"
            aria-label={t('messages.filter')}
            value={onlyCase ? 'case' : 'all'}
            onChange={(v) => setOnlyCase(v === 'case')}
            options={[
              { value: 'all', label: t('messages.allCases') },
              { value: 'case', label: t('messages.oneCase', { ref: caseRef(caseId) }) },
            ]}
          />
        ) : null
      }
    >
      {shown.length ? (
        <List
          size="small"
          dataSource={shown}
          renderItem={(m) => (
            <List.Item key={m.id} data-testid={m.kind === 'system' ? 'system-line' : 'message'}>
              <div style={{ width: '100%' }}>
                <Typography.Text
                  strong={m.kind === 'message'}
                  type={m.kind === 'system' ? 'secondary' : undefined}
                >
                  {m.kind === 'system' ? t('messages.system') : authorOf(m)}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">{f.dateTime(m.created_at)}</Typography.Text>
                <div
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                  data-testid="message-body"
                >
                  {m.kind === 'system' && m.event_type
                    ? `${t(`event.${m.event_type.replace('return.', '')}`, { defaultValue: m.body })} · ${m.case_id ? caseRef(m.case_id) : ''}`
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
      <Flex gap={8} align="flex-end" style={{ marginTop: 12 }}>
        <Input.TextArea
          aria-label={t('messages.placeholder')}
          placeholder={t('messages.placeholder')}
          value={body}
          maxLength={4000}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
          style={{ flex: 1, minWidth: 0 }}
          onChange={(e) => setBody(e.target.value)}
        />
        <Button
          type="primary"
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={!body.trim() && attachments.length === 0}
        >
          {t('messages.send')}
        </Button>
      </Flex>
      <div style={{ marginTop: 8 }}>
        <AttachmentUpload value={attachments} onChange={setAttachments} />
      </div>
      {send.error ? <Typography.Text type="danger">{send.error.message}</Typography.Text> : null}
    </Card>
  );
}
