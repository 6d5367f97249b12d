import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api, type ReturnCase, unwrap } from '../../api.ts';
import { useCommand } from '../../components/useCommand.ts';
import { useFormat } from '../../format.ts';
import { REFUND_DESTINATIONS } from '../../generated/domain.ts';
import { commandErrorText, currencyDigits, toMinor, useAgentT } from './util.ts';

export type AgentCommand =
  | 'request_evidence'
  | 'rule_for_buyer'
  | 'rule_for_seller'
  | 'retry_refund';

/** What a decision needs to know about the case (a full case or a list row). */
export type DecisionCase = Pick<
  ReturnCase,
  'id' | 'version' | 'currency' | 'seller_id' | 'refund_amount' | 'refund_destination'
> & { refund_preview?: ReturnCase['refund_preview'] };

type Destination = ReturnCase['refund_destination'];

interface Values {
  from?: 'buyer' | 'seller';
  kind?: 'full' | 'partial';
  amount?: number | null;
  destination?: Destination;
  note?: string;
}

const NOTE_MAX = 2000;

/** The evidence deadline of the shop's policy, in words (72 h unless the shop changed it). */
function useEvidenceDeadline(sellerId: string, enabled: boolean): string {
  const { t } = useAgentT();
  const policy = useQuery({
    queryKey: ['policy', sellerId],
    queryFn: () =>
      unwrap(api.GET('/v1/sellers/{id}/return_policy', { params: { path: { id: sellerId } } })),
    enabled,
    staleTime: 300_000,
  });
  const d = policy.data?.policy.deadlines['evidence_response'];
  if (d && 'business_days' in d) return t('ruling.businessDays', { count: d.business_days });
  return t('ruling.hours', { count: d && 'hours' in d ? d.hours : 72 });
}

/**
 * One decision in two steps: the form, then a plain summary to confirm. The command runs with
 * the case's version (412 when it moved meanwhile) and a fresh idempotency key.
 */
export function DecisionDialog({
  c,
  command,
  open,
  onClose,
}: {
  c: DecisionCase;
  command: AgentCommand;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useAgentT();
  const f = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [values, setValues] = useState<Values>({});
  const run = useCommand(c);
  const evidenceTime = useEvidenceDeadline(c.seller_id, open && command === 'request_evidence');

  const full = c.refund_preview?.total ?? null;
  const digits = currencyDigits(c.currency);
  const money = (minor: number) => f.money(minor, c.currency);
  const kind = Form.useWatch('kind', form);

  const close = () => {
    setStep('form');
    form.resetFields();
    run.reset();
    onClose();
  };

  const body = (v: Values): Record<string, unknown> => {
    const note = v.note?.trim() ?? '';
    switch (command) {
      case 'request_evidence':
        return { from: v.from, note };
      case 'rule_for_buyer':
        return v.kind === 'partial' && v.amount != null
          ? { note, amount: toMinor(v.amount, c.currency) }
          : { note };
      case 'rule_for_seller':
        return { note };
      case 'retry_refund':
        return { destination: v.destination, ...(note ? { note } : {}) };
    }
  };

  const summary = (v: Values): string => {
    switch (command) {
      case 'request_evidence':
        return t('ruling.summaryRequest', { party: t(`party.${v.from}`), time: evidenceTime });
      case 'rule_for_buyer':
        if (v.kind === 'partial' && v.amount != null) {
          return t('ruling.summaryRuleBuyerPartial', {
            amount: money(toMinor(v.amount, c.currency)),
            full: full === null ? '—' : money(full),
          });
        }
        return t('ruling.summaryRuleBuyerFull', {
          amount: full === null ? t('ruling.asCalculated') : money(full),
        });
      case 'rule_for_seller':
        return t('ruling.summaryRuleSeller');
      case 'retry_refund':
        return t('ruling.summaryRetry', {
          amount: c.refund_amount === null ? '—' : money(c.refund_amount),
          destination: t(`destination.${v.destination ?? c.refund_destination}`),
        });
    }
  };

  const titles: Record<AgentCommand, string> = {
    request_evidence: t('command.request_evidence'),
    rule_for_buyer: t('command.rule_for_buyer'),
    rule_for_seller: t('command.rule_for_seller'),
    retry_refund: t('command.retry_refund'),
  };
  const confirmLabel: Record<AgentCommand, string> = {
    request_evidence: t('ruling.confirmRequest'),
    rule_for_buyer: t('ruling.confirmRuling'),
    rule_for_seller: t('ruling.confirmRuling'),
    retry_refund: t('ruling.confirmRetry'),
  };
  const done: Record<AgentCommand, string> = {
    request_evidence: t('ruling.doneRequest'),
    rule_for_buyer: t('ruling.doneRuleBuyer'),
    rule_for_seller: t('ruling.doneRuleSeller'),
    retry_refund: t('ruling.doneRetry'),
  };
  const noteRequired = command !== 'retry_refund';

  const review = async () => {
    try {
      const v = await form.validateFields();
      setValues(v);
      run.reset();
      setStep('confirm');
    } catch {
      // The form shows what is missing.
    }
  };

  const confirm = () =>
    run.mutate(
      { command, body: body(values) },
      {
        onSuccess: () => {
          void message.success(done[command]);
          close();
        },
        onError: (error) => {
          // A case that moved on is reloaded by useCommand; the agent looks again first.
          if (error instanceof ApiError && error.status === 412) setStep('form');
        },
      },
    );

  return (
    <Modal
      open={open}
      title={titles[command]}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
      footer={
        step === 'form' ? (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => void review()}>
              {t('ruling.review')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={() => setStep('form')} disabled={run.isPending}>
              {t('ruling.back')}
            </Button>
            <Button
              type="primary"
              danger={command === 'rule_for_seller'}
              loading={run.isPending}
              onClick={confirm}
            >
              {confirmLabel[command]}
            </Button>
          </Space>
        )
      }
    >
      {run.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={commandErrorText(run.error, t)}
          role="alert"
        />
      ) : null}
      <div hidden={step !== 'form'}>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{
            from: 'buyer',
            kind: 'full',
            destination: c.refund_destination,
            note: '',
          }}
        >
          {command === 'request_evidence' ? (
            <>
              <Form.Item name="from" label={t('ruling.from')} rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: 'buyer', label: t('ruling.fromBuyer') },
                    { value: 'seller', label: t('ruling.fromSeller') },
                  ]}
                />
              </Form.Item>
              <Typography.Paragraph type="secondary">
                {t('ruling.evidenceHint', { time: evidenceTime })}
              </Typography.Paragraph>
            </>
          ) : null}
          {command === 'rule_for_buyer' ? (
            <>
              <Form.Item name="kind" label={t('ruling.amountKind')} rules={[{ required: true }]}>
                <Radio.Group
                  orientation="vertical"
                  options={[
                    {
                      value: 'full',
                      label:
                        full === null
                          ? t('ruling.fullUnknown')
                          : t('ruling.full', { amount: money(full) }),
                    },
                    { value: 'partial', label: t('ruling.partial') },
                  ]}
                />
              </Form.Item>
              {kind === 'partial' ? (
                <Form.Item
                  name="amount"
                  label={t('ruling.amount', { currency: c.currency })}
                  extra={
                    full === null
                      ? undefined
                      : t('ruling.amountHint', { currency: c.currency, max: money(full) })
                  }
                  rules={[
                    { required: true, message: t('ruling.amountRequired') },
                    {
                      validator: async (_, value: number | null | undefined) => {
                        if (value == null) return;
                        const minor = toMinor(value, c.currency);
                        if (minor < 1) throw new Error(t('ruling.amountTooLow'));
                        if (full !== null && minor > full) {
                          throw new Error(t('ruling.amountTooHigh', { max: money(full) }));
                        }
                      },
                    },
                  ]}
                >
                  <InputNumber<number>
                    style={{ width: 220 }}
                    step={1}
                    precision={digits}
                    prefix={c.currency}
                    inputMode="decimal"
                  />
                </Form.Item>
              ) : null}
            </>
          ) : null}
          {command === 'retry_refund' ? (
            <>
              <Typography.Paragraph>
                {t('refunds.amount')}:{' '}
                <strong>{c.refund_amount === null ? '—' : money(c.refund_amount)}</strong>
              </Typography.Paragraph>
              <Form.Item
                name="destination"
                label={t('ruling.destination')}
                extra={t('ruling.destinationHint')}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  options={REFUND_DESTINATIONS.map((d) => ({
                    value: d,
                    label: t(`destination.${d}`),
                  }))}
                />
              </Form.Item>
            </>
          ) : null}
          <Form.Item
            name="note"
            label={noteRequired ? t('ruling.note') : t('ruling.noteOptional')}
            rules={[
              {
                required: noteRequired,
                whitespace: true,
                message: t('ruling.noteRequired'),
              },
              { max: NOTE_MAX, message: t('ruling.noteTooLong') },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={NOTE_MAX} showCount />
          </Form.Item>
        </Form>
      </div>
      {step === 'confirm' ? (
        <div data-testid="decision-summary">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('ruling.summaryTitle')}
          </Typography.Title>
          <Typography.Paragraph strong>{summary(values)}</Typography.Paragraph>
          {values.note?.trim() ? (
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                {
                  key: 'note',
                  label: t('ruling.noteLabel'),
                  children: (
                    <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {values.note.trim()}
                    </span>
                  ),
                },
              ]}
            />
          ) : null}
          {command === 'request_evidence' ? null : (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('ruling.final')} />
          )}
        </div>
      ) : null}
    </Modal>
  );
}
