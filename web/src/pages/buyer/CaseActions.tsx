import { useQuery } from '@tanstack/react-query';
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
  Tabs,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ReturnCase, unwrap } from '../../api.ts';
import { AttachmentUpload } from '../../components/Attachments.tsx';
import { useCommand } from '../../components/useCommand.ts';
import { useFormat } from '../../format.ts';
import { BUYER_FAULT_REASONS, SELLER_FAULT_REASONS } from '../../generated/domain.ts';
import {
  currencySymbol,
  fieldErrors,
  minorDigits,
  problemText,
  toMinor,
  useDebounced,
} from './shared.tsx';

// Shipping has its own section beside the return address (SendBack.tsx).
const BUYER_COMMANDS = [
  'accept_offer',
  'decline_offer',
  'resubmit',
  'escalate',
  'submit_evidence',
  'withdraw',
];

export function hasBuyerActions(c: ReturnCase): boolean {
  return c.allowed_commands.some((command) => BUYER_COMMANDS.includes(command));
}

/** A case command with its outcome told to the person: success, stale case, or field problems. */
function useAction(c: ReturnCase) {
  const { t } = useTranslation('buyer');
  const { message } = App.useApp();
  const command = useCommand(c);
  return {
    run: (name: string, body: Record<string, unknown>, done?: () => void) =>
      command.mutate(
        { command: name, body },
        {
          onSuccess: () => {
            message.success(t(`actions.done.${name}`));
            done?.();
          },
        },
      ),
    runAsync: async (name: string, body: Record<string, unknown>) => {
      await command.mutateAsync({ command: name, body });
      message.success(t(`actions.done.${name}`));
    },
    pending: command.isPending,
    fields: fieldErrors(command.error),
    error: command.error ? problemText(command.error, t) : null,
  };
}

function ActionError({ error }: { error: string | null }) {
  return error ? (
    <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
  ) : null;
}

/** What the buyer can do now, from the commands the case allows. */
export function CaseActions({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const allowed = new Set(c.allowed_commands);
  const panels: { key: string; label: string; children: ReactNode }[] = [];
  if (allowed.has('accept_offer') || allowed.has('decline_offer')) {
    panels.push({ key: 'offer', label: t('actions.offer.tab'), children: <OfferPanel c={c} /> });
  }
  if (allowed.has('submit_evidence')) {
    panels.push({
      key: 'evidence',
      label: t('common:command.submit_evidence'),
      children: <NoteForm c={c} command="submit_evidence" />,
    });
  }
  if (allowed.has('resubmit')) {
    panels.push({
      key: 'resubmit',
      label: t('common:command.resubmit'),
      children: <ResubmitForm c={c} />,
    });
  }
  if (allowed.has('escalate')) {
    panels.push({
      key: 'escalate',
      label: t('common:command.escalate'),
      children: <NoteForm c={c} command="escalate" />,
    });
  }
  return (
    <section aria-labelledby="buyer-actions-title" data-testid="buyer-actions">
      <Typography.Title level={2} id="buyer-actions-title" style={{ fontSize: 18, marginTop: 0 }}>
        {t('actions.title')}
      </Typography.Title>
      {panels.length === 1 ? (
        panels[0]!.children
      ) : panels.length > 1 ? (
        <Tabs items={panels} />
      ) : null}
      {allowed.has('withdraw') ? <WithdrawButton c={c} /> : null}
    </section>
  );
}

function OfferPanel({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const action = useAction(c);
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const offer = c.offer_amount !== null ? f.money(c.offer_amount, c.currency) : '—';
  const full = c.refund_preview ? f.money(c.refund_preview.full_amount, c.currency) : null;
  return (
    <div data-testid="offer-panel">
      <ActionError error={action.error} />
      <Typography.Paragraph style={{ fontSize: 16 }}>
        {t('actions.offer.intro')}{' '}
        <Typography.Text strong data-testid="offer-amount">
          {offer}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('actions.offer.keep')}
        {full ? ` ${t('actions.offer.full', { amount: full })}` : ''}
      </Typography.Paragraph>
      {declining ? (
        <Form
          layout="vertical"
          onFinish={() => action.run('decline_offer', note.trim() ? { note: note.trim() } : {})}
        >
          <Form.Item
            label={t('actions.offer.declineNote')}
            htmlFor="decline-note"
            extra={t('actions.offer.declineHint')}
          >
            <Input.TextArea
              id="decline-note"
              value={note}
              maxLength={2000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(e) => setNote(e.target.value)}
            />
          </Form.Item>
          <Space>
            <Button type="primary" danger htmlType="submit" loading={action.pending}>
              {t('common:command.decline_offer')}
            </Button>
            <Button onClick={() => setDeclining(false)}>{t('common:common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Space wrap>
          {c.allowed_commands.includes('accept_offer') ? (
            <Popconfirm
              title={t('actions.offer.confirmTitle', { amount: offer })}
              description={t('actions.offer.confirmText')}
              okText={t('common:command.accept_offer')}
              cancelText={t('common:common.cancel')}
              onConfirm={() => action.runAsync('accept_offer', {}).catch(() => undefined)}
            >
              <Button type="primary" loading={action.pending}>
                {t('actions.offer.accept', { amount: offer })}
              </Button>
            </Popconfirm>
          ) : null}
          {c.allowed_commands.includes('decline_offer') ? (
            <Button onClick={() => setDeclining(true)}>{t('common:command.decline_offer')}</Button>
          ) : null}
        </Space>
      )}
    </div>
  );
}

type CheckState = 'empty' | 'needCarrier' | 'checking' | 'valid' | 'invalid';

/** Carrier and tracking number; the number is checked against the carrier's format as it is typed. */
export function ShipForm({ c, intro }: { c: ReturnCase; intro?: string }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const action = useAction(c);
  const [carrier, setCarrier] = useState<string | undefined>();
  const [tracking, setTracking] = useState('');
  const [cost, setCost] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const carriers = useQuery({
    queryKey: ['carriers'],
    queryFn: () => unwrap(api.GET('/v1/carriers')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const typed = tracking.trim();
  const settled = useDebounced({ carrier, tracking: typed }, 400);
  const check = useQuery({
    queryKey: ['carriers', 'check', settled.carrier, settled.tracking],
    enabled: settled.carrier !== undefined && settled.tracking.length > 0,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/carriers', {
          params: { query: { carrier: settled.carrier!, tracking_number: settled.tracking } },
        }),
      ),
  });
  const upToDate = settled.carrier === carrier && settled.tracking === typed;
  const state: CheckState = !typed
    ? 'empty'
    : !carrier
      ? 'needCarrier'
      : !upToDate || check.isFetching || !check.data?.check
        ? 'checking'
        : check.data.check.ok
          ? 'valid'
          : 'invalid';
  const serverTracking = action.fields['tracking_number'];
  const status =
    serverTracking || state === 'invalid'
      ? 'error'
      : state === 'valid'
        ? 'success'
        : state === 'checking'
          ? 'validating'
          : undefined;
  const helpText = serverTracking
    ? t('ship.serverInvalid', { message: serverTracking })
    : state === 'invalid'
      ? t('ship.invalid', { carrier })
      : state === 'valid'
        ? t('ship.valid', { carrier })
        : state === 'checking'
          ? t('ship.checking')
          : state === 'needCarrier'
            ? t('ship.needCarrier')
            : submitted
              ? t('ship.required')
              : t('ship.trackingHint');
  const digits = minorDigits(c.currency);
  return (
    <Form
      layout="vertical"
      data-testid="ship-form"
      onFinish={() => {
        setSubmitted(true);
        if (!carrier) {
          document.getElementById('ship-carrier')?.focus();
          return;
        }
        if (state !== 'valid' || !check.data?.check) {
          document.getElementById('ship-tracking')?.focus();
          return;
        }
        action.run('ship', {
          carrier,
          tracking_number: check.data.check.normalized,
          ...(cost !== null ? { shipping_cost: toMinor(cost, c.currency) } : {}),
        });
      }}
    >
      <ActionError error={action.error} />
      <Typography.Paragraph type="secondary">{intro ?? t('ship.intro')}</Typography.Paragraph>
      <Flex gap={16} wrap>
        <Form.Item
          label={t('common:case.carrier')}
          htmlFor="ship-carrier"
          style={{ flex: '1 1 200px' }}
          validateStatus={submitted && !carrier ? 'error' : undefined}
          help={submitted && !carrier ? t('ship.needCarrier') : undefined}
        >
          <Select
            id="ship-carrier"
            showSearch
            placeholder={t('ship.carrierPlaceholder')}
            loading={carriers.isPending}
            value={carrier}
            onChange={(v: string) => setCarrier(v)}
            options={(carriers.data?.carriers ?? []).map((name) => ({ value: name, label: name }))}
          />
        </Form.Item>
        <Form.Item
          label={t('common:case.tracking')}
          htmlFor="ship-tracking"
          style={{ flex: '2 1 280px' }}
          // Always on: an Input that gains or loses its feedback icon is re-created and loses focus.
          hasFeedback
          validateStatus={status}
          help={
            <span
              id="ship-tracking-help"
              data-testid="tracking-check"
              data-state={serverTracking ? 'invalid' : state}
              aria-live="polite"
            >
              {helpText}
            </span>
          }
        >
          <Input
            id="ship-tracking"
            value={tracking}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            aria-invalid={status === 'error'}
            aria-describedby="ship-tracking-help"
            placeholder={t('ship.trackingPlaceholder')}
            onChange={(e) => setTracking(e.target.value)}
          />
        </Form.Item>
      </Flex>
      <Form.Item
        label={t('ship.cost')}
        htmlFor="ship-cost"
        extra={c.fault === 'seller' ? t('ship.costSellerFault') : t('ship.costBuyerFault')}
        validateStatus={action.fields['shipping_cost'] ? 'error' : undefined}
        help={action.fields['shipping_cost']}
      >
        <InputNumber
          id="ship-cost"
          min={0}
          precision={digits}
          step={1}
          prefix={currencySymbol(c.currency, f.locale)}
          value={cost}
          onChange={(v) => setCost(v)}
          style={{ width: 180 }}
          inputMode="decimal"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.pending}>
        {t('ship.submit')}
      </Button>
    </Form>
  );
}

/** Escalation and evidence: a note for the agent, with files. */
function NoteForm({ c, command }: { c: ReturnCase; command: 'escalate' | 'submit_evidence' }) {
  const { t } = useTranslation('buyer');
  const action = useAction(c);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const id = `${command}-note`;
  const noteError = missing ? t('actions.noteRequired') : action.fields['note'];
  return (
    <Form
      layout="vertical"
      data-testid={`${command}-form`}
      onFinish={() => {
        if (!note.trim()) {
          setMissing(true);
          document.getElementById(id)?.focus();
          return;
        }
        action.run(command, {
          note: note.trim(),
          ...(files.length ? { attachment_ids: files } : {}),
        });
      }}
    >
      <ActionError error={action.error} />
      <Typography.Paragraph type="secondary">{t(`actions.${command}.intro`)}</Typography.Paragraph>
      <Form.Item
        label={t(`actions.${command}.note`)}
        htmlFor={id}
        validateStatus={noteError ? 'error' : undefined}
        help={noteError}
      >
        <Input.TextArea
          id={id}
          value={note}
          maxLength={2000}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          onChange={(e) => {
            setNote(e.target.value);
            setMissing(false);
          }}
        />
      </Form.Item>
      <Form.Item label={t('actions.evidence')}>
        <AttachmentUpload thumbnails value={files} onChange={setFiles} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.pending}>
        {t(`actions.${command}.submit`)}
      </Button>
    </Form>
  );
}

/** After a rejection: say more (and maybe a better reason), add photos, and send it again. */
function ResubmitForm({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const action = useAction(c);
  const [description, setDescription] = useState(c.description);
  const [reason, setReason] = useState<string>(c.reason);
  const [files, setFiles] = useState<string[]>([]);
  const left = Math.max(0, 2 - c.resubmit_count);
  const reasons =
    c.type === 'refund_only'
      ? SELLER_FAULT_REASONS
      : [...SELLER_FAULT_REASONS, ...BUYER_FAULT_REASONS];
  const descriptionError = action.fields['description'];
  return (
    <Form
      layout="vertical"
      data-testid="resubmit-form"
      onFinish={() =>
        action.run('resubmit', {
          description: description.trim(),
          ...(reason !== c.reason ? { reason } : {}),
          ...(files.length ? { attachment_ids: [...c.attachment_ids, ...files] } : {}),
        })
      }
    >
      <ActionError error={action.error} />
      <Typography.Paragraph type="secondary">
        {t('actions.resubmit.intro', { count: left })}
      </Typography.Paragraph>
      <Form.Item
        label={t('common:case.reason')}
        htmlFor="resubmit-reason"
        validateStatus={action.fields['reason'] ? 'error' : undefined}
        help={action.fields['reason']}
      >
        <Select
          id="resubmit-reason"
          value={reason}
          onChange={(v: string) => setReason(v)}
          options={reasons.map((r) => ({ value: r, label: t(`common:reason.${r}`) }))}
          style={{ maxWidth: 320 }}
        />
      </Form.Item>
      <Form.Item
        label={t('common:case.description')}
        htmlFor="resubmit-description"
        validateStatus={descriptionError ? 'error' : undefined}
        help={descriptionError}
      >
        <Input.TextArea
          id="resubmit-description"
          value={description}
          maxLength={5000}
          showCount
          autoSize={{ minRows: 3, maxRows: 10 }}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('actions.evidence')}>
        <AttachmentUpload thumbnails value={files} onChange={setFiles} />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={action.pending}
        disabled={!description.trim()}
      >
        {t('actions.resubmit.submit')}
      </Button>
    </Form>
  );
}

function WithdrawButton({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('buyer');
  const { modal } = App.useApp();
  const action = useAction(c);
  return (
    <Flex justify="flex-end" style={{ marginTop: 16 }}>
      <Space orientation="vertical" align="end">
        {action.error ? <Typography.Text type="danger">{action.error}</Typography.Text> : null}
        <Button
          danger
          loading={action.pending}
          onClick={() =>
            modal.confirm({
              title: t('actions.withdraw.title'),
              content: t('actions.withdraw.text'),
              okText: t('common:command.withdraw'),
              okButtonProps: { danger: true },
              cancelText: t('actions.withdraw.keep'),
              onOk: () => action.runAsync('withdraw', {}).catch(() => undefined),
            })
          }
        >
          {t('common:command.withdraw')}
        </Button>
      </Space>
    </Flex>
  );
}
