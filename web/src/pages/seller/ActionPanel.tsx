import {
  CheckOutlined,
  CloseOutlined,
  DollarOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  InboxOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, type ReturnCase } from '../../api.ts';
import { AttachmentUpload } from '../../components/Attachments.tsx';
import { DispositionFields, dispositionsBody } from '../../components/flows/DispositionFields.tsx';
import { ProblemList } from '../../components/ProblemList.tsx';
import { useCommand } from '../../components/useCommand.ts';
import { useFormat } from '../../format.ts';
import { PACKAGE_REJECT_REASONS, REJECT_REASONS } from '../../generated/domain.ts';
import { currencyDigits, currencySymbol, toMajor, toMinor } from '../../money.ts';
import { applyFieldErrors, problemText } from '../../problems.ts';

/** What a shop may run on a case, in the order the buttons show. */
const SELLER_COMMANDS = [
  'approve',
  'mark_received',
  'accept_package',
  'submit_evidence',
  'offer_partial_refund',
  'extend_receiving',
  'dispute_receipt',
  'reject',
  'reject_package',
] as const;
type SellerCommand = (typeof SELLER_COMMANDS)[number];
type FormCommand =
  | 'reject'
  | 'offer_partial_refund'
  | 'accept_package'
  | 'reject_package'
  | 'submit_evidence'
  | 'dispute_receipt';
const FORM_COMMANDS: readonly SellerCommand[] = [
  'dispute_receipt',
  'reject',
  'offer_partial_refund',
  'accept_package',
  'reject_package',
  'submit_evidence',
];
const PRIMARY: readonly SellerCommand[] = [
  'approve',
  'mark_received',
  'accept_package',
  'submit_evidence',
];
const DANGER: readonly SellerCommand[] = ['reject', 'reject_package'];

const ICONS: Record<SellerCommand, ReactNode> = {
  approve: <CheckOutlined />,
  mark_received: <InboxOutlined />,
  accept_package: <CheckOutlined />,
  submit_evidence: <FileSearchOutlined />,
  offer_partial_refund: <DollarOutlined />,
  extend_receiving: <FieldTimeOutlined />,
  dispute_receipt: <ExclamationCircleOutlined />,
  reject: <CloseOutlined />,
  reject_package: <StopOutlined />,
};

/**
 * The shop's decisions on one case. The buttons come only from the case's `allowed_commands`
 * (the server's transition table), so the page never offers what the server would refuse.
 */
export function SellerActions({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('seller');
  const [open, setOpen] = useState<FormCommand | null>(null);
  const commands = SELLER_COMMANDS.filter((name) => c.allowed_commands.includes(name));
  // A live update may take a command away while its form is open.
  const active = open && commands.includes(open) ? open : null;

  const hints: ReactNode[] = [];
  if (c.status === 'requested' && !c.allowed_commands.includes('reject') && c.fault === 'buyer') {
    hints.push(
      <Alert
        key="mind"
        type="info"
        showIcon
        title={t('actions.hint.noRejectTitle')}
        description={t('actions.hint.noReject')}
      />,
    );
  }
  if (c.status === 'disputed' && c.evidence_request?.from === 'seller') {
    hints.push(
      <Alert
        key="evidence"
        type="warning"
        showIcon
        title={t('actions.hint.evidenceAsked')}
        description={c.evidence_request.note}
      />,
    );
  }

  return (
    <section aria-labelledby="seller-actions-title" data-testid="seller-actions">
      <Typography.Title level={3} id="seller-actions-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t('actions.title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {hints}
        {commands.length === 0 ? (
          <Typography.Text type="secondary">
            {c.next_action
              ? t(
                  // The shop's own step with a panel of its own (sending a replacement): the
                  // case allows the shop commands that are not among these buttons.
                  c.next_action.actor === 'seller' && c.allowed_commands.length > 0
                    ? 'actions.yourStepBelow'
                    : 'actions.waiting',
                  {
                    who: t(`common:roles.${c.next_action.actor}`),
                    what: t(`common:action.${c.next_action.action}`, {
                      defaultValue: c.next_action.action,
                    }),
                  },
                )
              : t('actions.nothing')}
          </Typography.Text>
        ) : (
          <Flex wrap gap={8}>
            {commands.map((name) =>
              FORM_COMMANDS.includes(name) ? (
                <Button
                  key={name}
                  icon={ICONS[name]}
                  type={PRIMARY.includes(name) ? 'primary' : 'default'}
                  danger={DANGER.includes(name)}
                  aria-expanded={active === name}
                  aria-controls={active === name ? `form-${name}` : undefined}
                  onClick={() => setOpen(active === name ? null : (name as FormCommand))}
                >
                  {t(`common:command.${name}`)}
                </Button>
              ) : (
                <ConfirmCommand key={name} c={c} command={name} />
              ),
            )}
          </Flex>
        )}
        {active ? (
          <div id={`form-${active}`}>
            <CommandForm key={active} c={c} command={active} onClose={() => setOpen(null)} />
          </div>
        ) : null}
      </Space>
    </section>
  );
}

/** One-click commands, confirmed first: approve, mark received, extend receiving. */
function ConfirmCommand({ c, command }: { c: ReturnCase; command: SellerCommand }) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const { message } = App.useApp();
  const run = useCommand(c);
  const [error, setError] = useState<string | null>(null);
  const [noAddress, setNoAddress] = useState<string | null>(null);
  const total = c.refund_preview ? f.money(c.refund_preview.total, c.refund_preview.currency) : '';
  const description =
    command === 'approve'
      ? c.type === 'refund_only'
        ? t('actions.confirm.approveRefundOnly', { amount: total })
        : t('actions.confirm.approveReturn')
      : t(`actions.confirm.${command}`);
  return (
    <>
      <Popconfirm
        title={t(`actions.confirm.${command}Title`)}
        description={<div style={{ maxWidth: 320 }}>{description}</div>}
        okText={t(`common:command.${command}`)}
        cancelText={t('common:common.cancel')}
        onConfirm={async () => {
          setError(null);
          setNoAddress(null);
          try {
            await run.mutateAsync({ command });
            void message.success(t(`actions.done.${command}`));
          } catch (err) {
            if (err instanceof ApiError && err.problem.rule === 'return_address_missing') {
              setNoAddress(err.problem.detail ?? '');
            } else {
              setError(problemText(err, t));
            }
          }
        }}
      >
        <Button
          icon={ICONS[command]}
          type={PRIMARY.includes(command) ? 'primary' : 'default'}
          loading={run.isPending}
        >
          {t(`common:command.${command}`)}
        </Button>
      </Popconfirm>
      {error ? <Alert type="error" showIcon title={error} style={{ flexBasis: '100%' }} /> : null}
      {noAddress !== null ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="no-return-address"
          style={{ flexBasis: '100%' }}
          title={t('actions.noAddress.title')}
          description={
            <>
              <div>{noAddress}</div>
              <Link to="/seller/return-addresses">{t('actions.noAddress.link')}</Link>
            </>
          }
        />
      ) : null}
    </>
  );
}

interface CommandValues {
  reason?: string;
  note?: string;
  attachment_ids: string[];
  amount?: number | null;
  deduction_amount?: number | null;
}

/** The forms of the commands that need words, money or evidence. */
function CommandForm({
  c,
  command,
  onClose,
}: {
  c: ReturnCase;
  command: FormCommand;
  onClose: () => void;
}) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommandValues>();
  const run = useCommand(c);
  const [problems, setProblems] = useState<string[]>([]);
  const preview = c.refund_preview;
  const currency = preview?.currency ?? c.currency;
  const digits = currencyDigits(currency);
  const step = 1 / 10 ** digits;
  const symbol = currencySymbol(currency, f.locale);
  const deduction = Form.useWatch('deduction_amount', form) ?? 0;

  const toBody = (v: CommandValues): Record<string, unknown> => {
    const note = v.note?.trim();
    switch (command) {
      case 'reject':
      case 'reject_package':
        return { reason: v.reason, note, attachment_ids: v.attachment_ids };
      case 'submit_evidence':
      case 'dispute_receipt':
        return { note, attachment_ids: v.attachment_ids };
      case 'offer_partial_refund':
        return { amount: toMinor(v.amount ?? 0, currency), ...(note ? { note } : {}) };
      case 'accept_package':
        return {
          ...(v.deduction_amount
            ? { deduction_amount: toMinor(v.deduction_amount, currency) }
            : {}),
          ...(note ? { note } : {}),
          ...(v.attachment_ids.length ? { attachment_ids: v.attachment_ids } : {}),
          ...dispositionsBody(v),
        };
    }
  };

  const submit = async (values: CommandValues) => {
    setProblems([]);
    try {
      await run.mutateAsync({ command, body: toBody(values) });
      void message.success(t(`actions.done.${command}`));
      onClose();
    } catch (err) {
      if (
        err instanceof ApiError &&
        command === 'accept_package' &&
        err.problem.errors?.some((e) => e.path.endsWith('deduction_amount'))
      ) {
        form.setFields([
          {
            name: 'deduction_amount',
            errors: [
              t('actions.validation.deductionTooHigh', {
                max: f.money(preview?.max_deduction ?? 0, currency),
              }),
            ],
          },
        ]);
        setProblems([problemText(err, t)]);
        return;
      }
      const unplaced = applyFieldErrors(form, err, t, (path) => {
        const [field] = path;
        return typeof field === 'string' && field in FIELD_NAMES ? [field] : null;
      });
      setProblems([problemText(err, t), ...unplaced]);
    }
  };

  const noteRequired =
    command === 'reject' ||
    command === 'reject_package' ||
    command === 'submit_evidence' ||
    command === 'dispute_receipt';
  const evidenceRequired = command === 'reject_package';
  // Evidence and a disputed receipt are read by the platform's agent first.
  const toPlatform = command === 'submit_evidence' || command === 'dispute_receipt';

  return (
    <Form<CommandValues>
      form={form}
      layout="vertical"
      aria-label={t(`common:command.${command}`)}
      initialValues={{ attachment_ids: [], note: '' }}
      onFinish={submit}
      requiredMark={false}
      style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}
    >
      <Typography.Title level={4} style={{ fontSize: 15, marginTop: 0 }}>
        {t(`common:command.${command}`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`actions.intro.${command}`)}</Typography.Paragraph>

      {command === 'reject' || command === 'reject_package' ? (
        <Form.Item
          name="reason"
          label={t('actions.field.reason')}
          rules={[{ required: true, message: t('actions.validation.reason') }]}
        >
          <Select
            autoFocus
            placeholder={t('actions.field.reasonPlaceholder')}
            options={(command === 'reject' ? REJECT_REASONS : PACKAGE_REJECT_REASONS).map((r) => ({
              value: r,
              label: t(
                command === 'reject' ? `common:rejectReason.${r}` : `common:packageReason.${r}`,
              ),
            }))}
          />
        </Form.Item>
      ) : null}

      {command === 'offer_partial_refund' && preview ? (
        <>
          <Form.Item
            name="amount"
            label={t('actions.field.offer', { currency })}
            extra={t('actions.field.offerExtra', { total: f.money(preview.total, currency) })}
            rules={[
              { required: true, message: t('actions.validation.amount') },
              {
                validator: async (_, value: number | null | undefined) => {
                  if (value === null || value === undefined) return;
                  const minor = toMinor(value, currency);
                  if (minor < 1) throw new Error(t('actions.validation.amount'));
                  if (minor >= preview.total) {
                    throw new Error(
                      t('actions.validation.offerTooHigh', {
                        total: f.money(preview.total, currency),
                      }),
                    );
                  }
                },
              },
            ]}
          >
            <InputNumber
              autoFocus
              prefix={symbol}
              min={step}
              step={step}
              precision={digits}
              style={{ width: 220 }}
              inputMode="decimal"
            />
          </Form.Item>
          <Flex gap={8} wrap style={{ marginTop: -12, marginBottom: 16 }}>
            {[10, 20, 30, 50].map((pct) => (
              <Button
                key={pct}
                size="small"
                onClick={() => {
                  const minor = Math.max(1, Math.round((preview.total * pct) / 100));
                  form.setFieldValue('amount', toMajor(minor, currency));
                  void form.validateFields(['amount']);
                }}
              >
                {t('actions.field.percentOf', { pct })}
              </Button>
            ))}
          </Flex>
        </>
      ) : null}

      {command === 'accept_package' && preview ? (
        <>
          <Form.Item
            name="deduction_amount"
            label={t('actions.field.deduction', { currency })}
            extra={t('actions.field.deductionExtra', {
              max: f.money(preview.max_deduction, currency),
            })}
            rules={[
              {
                validator: async (_, value: number | null | undefined) => {
                  if (!value) return;
                  if (toMinor(value, currency) > preview.max_deduction) {
                    throw new Error(
                      t('actions.validation.deductionTooHigh', {
                        max: f.money(preview.max_deduction, currency),
                      }),
                    );
                  }
                },
              },
            ]}
          >
            <InputNumber
              autoFocus
              prefix={symbol}
              min={0}
              step={step}
              precision={digits}
              style={{ width: 220 }}
              inputMode="decimal"
            />
          </Form.Item>
          {/* A deduction above the maximum is refused (on the field), never quietly lowered. */}
          {toMinor(deduction || 0, currency) <= preview.max_deduction ? (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              title={t('actions.field.buyerGets', {
                amount: f.money(
                  Math.max(0, preview.total - toMinor(deduction || 0, currency)),
                  currency,
                ),
              })}
              aria-live="polite"
            />
          ) : null}
        </>
      ) : null}

      {command === 'accept_package' ? <DispositionFields c={c} /> : null}

      <Form.Item
        name="note"
        label={
          toPlatform
            ? t('actions.field.noteToPlatform')
            : noteRequired
              ? t('actions.field.noteToBuyer')
              : t('actions.field.noteOptional')
        }
        extra={toPlatform ? t('actions.field.noteToPlatformExtra') : t('actions.field.noteExtra')}
        rules={[
          { required: noteRequired, whitespace: true, message: t('actions.validation.note') },
          { max: 2000 },
        ]}
      >
        <Input.TextArea
          autoFocus={command === 'submit_evidence'}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          showCount
        />
      </Form.Item>

      <Form.Item
        name="attachment_ids"
        label={
          evidenceRequired || (command === 'accept_package' && deduction > 0)
            ? t('actions.field.evidenceRequired')
            : t('actions.field.evidenceOptional')
        }
        dependencies={['deduction_amount']}
        rules={[
          {
            validator: async (_, ids: string[] | undefined) => {
              const needed =
                evidenceRequired ||
                (command === 'accept_package' && (form.getFieldValue('deduction_amount') ?? 0) > 0);
              if (needed && !ids?.length) throw new Error(t('actions.validation.evidence'));
            },
          },
        ]}
      >
        <EvidenceField />
      </Form.Item>

      <ProblemList problems={problems} style={{ marginBottom: 16 }} />

      <Space wrap>
        <Button
          type="primary"
          danger={command === 'reject' || command === 'reject_package'}
          htmlType="submit"
          loading={run.isPending}
        >
          {t(`actions.submit.${command}`)}
        </Button>
        <Button onClick={onClose}>{t('common:common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** The shared uploader as a form control (the form item gives it value and onChange). */
function EvidenceField({
  value = [],
  onChange,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  return <AttachmentUpload value={value} onChange={(ids) => onChange?.(ids)} />;
}

/** The body fields a command's 422 may name, shown on the form's own fields. */
const FIELD_NAMES = {
  reason: true,
  note: true,
  amount: true,
  deduction_amount: true,
  attachment_ids: true,
} as const;
