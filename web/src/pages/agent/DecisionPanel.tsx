import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, type DescriptionsProps, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type ReturnCase, unwrap } from '../../api.ts';
import { AttachmentList } from '../../components/Attachments.tsx';
import { Countdown, humanDuration } from '../../components/Countdown.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { refundFailureText } from '../../serverText.ts';
import { useMe } from '../../session.tsx';
import { type AgentCommand, DecisionDialog } from './DecisionDialog.tsx';
import { useAgentT, useNow } from './util.ts';

const AGENT_COMMANDS: AgentCommand[] = [
  'request_evidence',
  'rule_for_buyer',
  'rule_for_seller',
  'retry_refund',
];

const BUTTON_LABEL: Record<AgentCommand, string> = {
  request_evidence: 'ruling.requestEvidence',
  rule_for_buyer: 'ruling.ruleForBuyer',
  rule_for_seller: 'ruling.ruleForSeller',
  retry_refund: 'ruling.retryRefund',
};

/** The last refund failure of a case, from its events: when it happened and how many times. */
export function useRefundFailure(caseId: string, enabled = true) {
  const events = useQuery({
    queryKey: ['return', caseId, 'events'],
    queryFn: () => unwrap(api.GET('/v1/returns/{id}/events', { params: { path: { id: caseId } } })),
    enabled,
  });
  const failures = (events.data?.data ?? []).filter((e) => e.type === 'return.refund_failed');
  const last = failures.at(-1);
  const error = last?.payload['error'];
  return {
    isPending: events.isPending,
    attempts: failures.length,
    at: last?.at ?? null,
    error: typeof error === 'string' && error ? error : null,
  };
}

/**
 * What the dispute is about and what the agent may decide: the escalation, the seller's
 * rejection, an outstanding evidence request, the ruling and refund, and one button per command
 * the case allows now (each opens a dialog with a confirmation step).
 */
export function DecisionPanel({ c }: { c: ReturnCase }) {
  const { t } = useAgentT();
  const f = useFormat();
  const me = useMe();
  const now = useNow();
  const [dialog, setDialog] = useState<AgentCommand | null>(null);
  const failure = useRefundFailure(c.id, c.status === 'refund_failed');
  // The case keeps the provider's reason; older cases have it only in their events.
  const failureText = c.refund_failure ?? failure.error;
  const commands = AGENT_COMMANDS.filter((cmd) => c.allowed_commands.includes(cmd));
  const money = (minor: number) => f.money(minor, c.currency);

  const facts: DescriptionsProps['items'] = [];
  if (c.dispute) {
    facts.push(
      {
        key: 'from',
        label: t('dispute.openedFrom'),
        children: <StatusTag status={c.dispute.opened_from} />,
      },
      {
        key: 'at',
        label: t('dispute.openedAt'),
        children: (
          <span>
            {f.dateTime(c.dispute.opened_at)}
            {c.status === 'disputed' ? (
              <Typography.Text type="secondary" data-testid="dispute-waiting">
                {' · '}
                {t('dispute.waiting', {
                  time: humanDuration(now - new Date(c.dispute.opened_at).getTime(), t),
                })}
              </Typography.Text>
            ) : null}
          </span>
        ),
      },
      {
        key: 'note',
        label: t('dispute.buyerSays'),
        children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.dispute.note || '—'}</span>,
      },
    );
  }
  for (const [key, rejection, reasonNs, label] of [
    ['rejection', c.rejection, 'rejectReason', 'dispute.sellerRejection'],
    ['package', c.package_rejection, 'packageReason', 'dispute.packageRejection'],
  ] as const) {
    if (!rejection) continue;
    facts.push({
      key,
      label: t(label),
      children: (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>
            {t(`${reasonNs}.${rejection.reason}`, { defaultValue: rejection.reason })}
          </Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{rejection.note}</span>
          <Typography.Text type="secondary">{f.dateTime(rejection.at)}</Typography.Text>
          <AttachmentList ids={rejection.attachment_ids} />
        </Space>
      ),
    });
  }
  if (c.evidence_request) {
    facts.push({
      key: 'evidence',
      label: t('dispute.evidenceRequest'),
      children: (
        <Space orientation="vertical" size={2} data-testid="open-evidence-request">
          <span>
            {t('dispute.evidenceRequestFrom', {
              party: t(`party.${c.evidence_request.from}`),
              date: f.dateTime(c.evidence_request.due_at),
            })}{' '}
            · <Countdown dueAt={c.evidence_request.due_at} />
          </span>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.evidence_request.note}</span>
        </Space>
      ),
    });
  }
  if (c.ruling) {
    facts.push({
      key: 'ruling',
      label: t('dispute.ruling'),
      children: (
        <Space orientation="vertical" size={2} data-testid="ruling">
          <Typography.Text strong>
            {t('dispute.ruledFor', { party: t(`party.${c.ruling.for}`) })}
            {c.ruling.amount !== null ? ` · ${money(c.ruling.amount)}` : ''}
          </Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.ruling.note}</span>
        </Space>
      ),
    });
  }
  if (c.refund_amount !== null) {
    facts.push({
      key: 'refund',
      label: t('dispute.refund'),
      children: (
        <span data-testid="refund-amount">
          {t('dispute.refundTo', {
            amount: money(c.refund_amount),
            destination: t(`destination.${c.refund_destination}`),
          })}
        </span>
      ),
    });
  }
  if (c.status === 'refund_failed') {
    facts.push({
      key: 'failure',
      label: t('dispute.refundFailure'),
      children: (
        <Space orientation="vertical" size={2} data-testid="refund-failure">
          <Typography.Text type="danger" strong>
            {failureText
              ? refundFailureText(failureText, t)
              : failure.isPending
                ? t('common.loading')
                : t('refunds.unknownFailure')}
          </Typography.Text>
          {failure.at ? (
            <Typography.Text type="secondary">
              {f.dateTime(failure.at)} · {t('refunds.attempts', { count: failure.attempts })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    });
  }

  const canAct = me.role === 'agent';
  return (
    <section aria-labelledby="decision-title">
      <Typography.Title level={3} id="decision-title" style={{ marginTop: 0, fontSize: 18 }}>
        {c.dispute ? t('dispute.title') : t('ruling.title')}
      </Typography.Title>
      {facts.length ? (
        <Descriptions size="small" column={1} bordered items={facts} style={{ marginBottom: 12 }} />
      ) : null}
      {!canAct ? (
        <Alert type="info" showIcon title={t('desk.readOnly')} />
      ) : commands.length ? (
        <>
          <Typography.Paragraph type="secondary">{t('ruling.intro')}</Typography.Paragraph>
          <Space wrap>
            {commands.map((cmd) => (
              <Button
                key={cmd}
                type={cmd === 'rule_for_buyer' || cmd === 'retry_refund' ? 'primary' : 'default'}
                onClick={() => setDialog(cmd)}
              >
                {t(BUTTON_LABEL[cmd])}
              </Button>
            ))}
          </Space>
        </>
      ) : (
        <Typography.Text type="secondary">{t('desk.noActions')}</Typography.Text>
      )}
      {dialog ? (
        <DecisionDialog c={c} command={dialog} open onClose={() => setDialog(null)} />
      ) : null}
    </section>
  );
}
