import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnCase } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { usePhone } from '../../hooks.ts';
import { useMe } from '../../session.tsx';
import { AttachmentList } from '../Attachments.tsx';
import { useCommand } from '../useCommand.ts';
import { ErrorLine, useFlowsT } from './shared.tsx';

/**
 * An appealed case as the second agent sees it: the first decision and the appeal side by side,
 * then uphold or overturn with reasons. The agent who made the first decision may not decide it.
 */
export function AgentAppealPanel({ c }: { c: ReturnCase }) {
  const { t } = useFlowsT();
  const { t: tc } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const command = useCommand(c);
  const [form] = Form.useForm<{ note: string }>();
  const phone = usePhone();
  if (!c.appeal) return null;
  const a = c.appeal;
  const d = c.decided;
  const allowed = new Set(c.allowed_commands);
  const canDecide = allowed.has('uphold_appeal') || allowed.has('overturn_appeal');
  const firstByMe = d?.agent_id === me.id;

  const first =
    d?.by === 'system'
      ? t('agent.autoRefund')
      : t('agent.rulingFor', {
          party: t(`party.${d?.loser === 'buyer' ? 'seller' : 'buyer'}`),
        });

  const decide = async (name: 'uphold_appeal' | 'overturn_appeal') => {
    const { note } = await form.validateFields();
    await command.mutateAsync({ command: name, body: { note: note.trim() } });
    void message.success(t('agent.done'));
  };

  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('agent.title')}</h2>}
      data-testid="appeal-decision"
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        layout={phone ? 'vertical' : 'horizontal'}
        items={[
          {
            key: 'first',
            label: t('agent.first'),
            children: (
              <>
                <Typography.Text strong>
                  {t('agent.firstBy', { what: first, date: d ? f.dateTime(d.at) : '—' })}
                </Typography.Text>
                {d?.agent_id ? (
                  <div>
                    <Typography.Text type="secondary">
                      {t('agent.firstAgent', { id: d.agent_id })}
                    </Typography.Text>
                  </div>
                ) : null}
                {c.ruling?.note ? (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                    {c.ruling.note}
                  </Typography.Paragraph>
                ) : null}
              </>
            ),
          },
          {
            key: 'appeal',
            label: t('agent.appealNote'),
            children: (
              <>
                <Typography.Text strong>
                  {t('agent.appealBy', {
                    by: t(`party.${a.by}`),
                    date: f.dateTime(a.opened_at),
                  })}
                </Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                  {a.note}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {t('agent.from', { state: tc(`status.${a.from}`) })}
                </Typography.Text>
                {a.attachment_ids.length ? <AttachmentList ids={a.attachment_ids} /> : null}
              </>
            ),
          },
          ...(a.decision
            ? [
                {
                  key: 'result',
                  label: t('agent.result'),
                  children: (
                    <>
                      <Typography.Text strong>
                        {t(
                          a.decision === 'upheld' ? 'agent.resultUpheld' : 'agent.resultOverturned',
                          {
                            id: a.decided_by ?? '—',
                            date: f.dateTime(a.decided_at),
                          },
                        )}
                      </Typography.Text>
                      {a.compensation ? (
                        <div>
                          {t('agent.compensation', { amount: f.money(a.compensation, c.currency) })}
                        </div>
                      ) : null}
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canDecide && firstByMe ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('agent.sameAgent')}
          data-testid="appeal-same-agent"
        />
      ) : null}
      {canDecide && !firstByMe ? (
        <Form form={form} layout="vertical" requiredMark={false} style={{ marginTop: 12 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('agent.decide')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('agent.upholdHint')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('agent.overturnHint')}</Typography.Paragraph>
          <ErrorLine error={command.error} />
          <Form.Item
            name="note"
            label={t('agent.note')}
            rules={[{ required: true, whitespace: true, message: t('agent.noteRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
          </Form.Item>
          <Flex gap={8} wrap>
            {allowed.has('uphold_appeal') ? (
              <Popconfirm
                title={t('agent.confirmUphold')}
                okText={t('agent.uphold')}
                cancelText={tc('common.cancel')}
                onConfirm={() => decide('uphold_appeal')}
              >
                <Button loading={command.isPending}>{t('agent.uphold')}</Button>
              </Popconfirm>
            ) : null}
            {allowed.has('overturn_appeal') ? (
              <Popconfirm
                title={t('agent.confirmOverturn')}
                okText={t('agent.overturn')}
                cancelText={tc('common.cancel')}
                onConfirm={() => decide('overturn_appeal')}
              >
                <Button type="primary" loading={command.isPending}>
                  {t('agent.overturn')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        </Form>
      ) : null}
    </Card>
  );
}
