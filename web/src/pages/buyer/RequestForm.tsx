import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { paths } from '../../../../src/client/schema.ts';
import { ApiError, api, idempotencyKey, type Order, type Schemas, unwrap } from '../../api.ts';
import { AttachmentUpload } from '../../components/Attachments.tsx';
import {
  SwapRadios,
  swapChoices,
  typeOffered,
  VariantPicker,
} from '../../components/flows/RequestSwap.tsx';
import { RefundBreakdown } from '../../components/RefundBreakdown.tsx';
import { isContact } from '../../contact.ts';
import { useFormat } from '../../format.ts';
import {
  BUYER_FAULT_REASONS,
  type CaseType,
  type RefundDestination as Destination,
  SELLER_FAULT_REASONS,
} from '../../generated/domain.ts';
import { usePhone } from '../../hooks.ts';
import { faultOf, fieldErrors, problemText, useDebounced } from './shared.tsx';

type Eligibility = Schemas['Eligibility'];
type Policy = Schemas['ReturnPolicy'];
type RequestBody = paths['/v1/returns']['post']['requestBody']['content']['application/json'];
type Reason = RequestBody['reason'];

const intersect = (lists: string[][]): string[] =>
  lists.length ? lists.reduce((a, b) => a.filter((x) => b.includes(x))) : [];

/** Request fields the form marks in place when the server refuses them. */
const SHOWN_FIELDS = [
  'lines',
  'reason',
  'description',
  'attachment_ids',
  'refund_destination',
  'exchange_sku',
];

/** Where the keyboard goes when a section needs attention. */
const FOCUS: Record<string, string> = {
  lines: 'request-lines',
  reason: 'request-reason',
  description: 'request-description',
  refund_destination: 'request-destination',
  exchange_sku: 'request-exchange',
  contact: 'request-contact',
};

/**
 * The return request: the order's items with what can be returned (and why not), then the reason,
 * contact and refund destination, with a live refund preview. (The packing checklist comes at the
 * send-back step: "the item is unused" is no condition for reporting a defect.)
 */
export function RequestForm({
  order,
  eligibility,
  policy,
}: {
  order: Order;
  eligibility: Eligibility;
  policy: Policy | undefined;
}) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const phone = usePhone();

  const [selected, setSelected] = useState<Record<string, number>>({});
  const [type, setType] = useState<CaseType>('return_and_refund');
  const [reason, setReason] = useState<string | undefined>();
  const [exchangeSku, setExchangeSku] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [contact, setContact] = useState('');
  const destinations = eligibility.refund_destinations as Destination[];
  const [destination, setDestination] = useState<Destination | undefined>(
    destinations.includes('original_payment') ? 'original_payment' : destinations[0],
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const attempt = useRef<{ payload: string; key: string } | null>(null);

  const lineOf = new Map(order.lines.map((l) => [l.id, l]));
  const eligibleLines = eligibility.lines.filter((l) => l.eligible);
  const chosen = eligibility.lines.filter((l) => selected[l.order_line_id] !== undefined);
  const considered = chosen.length ? chosen : eligibleLines;
  const refundOnlyReasons = intersect(considered.map((l) => l.refund_only_reasons_allowed));
  const swap = swapChoices(considered.map((l) => lineOf.get(l.order_line_id)));
  const effectiveType: CaseType = typeOffered(type, refundOnlyReasons.length > 0, swap)
    ? type
    : 'return_and_refund';
  const reasonOptions =
    effectiveType === 'refund_only'
      ? refundOnlyReasons
      : intersect(considered.map((l) => l.reasons_allowed));
  const effectiveReason = reason && reasonOptions.includes(reason) ? reason : undefined;
  const firstReason = [...SELLER_FAULT_REASONS, ...BUYER_FAULT_REASONS].find((r) =>
    reasonOptions.includes(r),
  );
  // The line the lines' errors focus: the first that can be ticked or is ticked.
  const firstLine = eligibility.lines.findIndex(
    (l) => l.eligible || selected[l.order_line_id] !== undefined,
  );
  const lines = chosen.map((l) => ({
    order_line_id: l.order_line_id,
    quantity: selected[l.order_line_id] ?? 1,
  }));

  const previewInput = useDebounced({ type: effectiveType, reason: effectiveReason, lines }, 250);
  const canPreview = previewInput.reason !== undefined && previewInput.lines.length > 0;
  const preview = useQuery({
    queryKey: ['returns', 'preview', order.id, previewInput],
    enabled: canPreview,
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.POST('/v1/orders/{id}/refund_preview', {
          params: { path: { id: order.id } },
          body: {
            type: previewInput.type,
            reason: previewInput.reason as Reason,
            lines: previewInput.lines,
          },
        }),
      ),
  });

  const submit = useMutation({
    mutationFn: async (payload: RequestBody) => {
      // The same request sent again (a retry after a network error) carries the same key.
      const json = JSON.stringify(payload);
      if (attempt.current?.payload !== json)
        attempt.current = { payload: json, key: idempotencyKey() };
      return unwrap(
        api.POST('/v1/returns', {
          params: { header: { 'idempotency-key': attempt.current.key } },
          body: payload,
        }),
      );
    },
    onError: (error) => {
      // A refusal is final for that key; only a request that got no answer is retried with it.
      if (error instanceof ApiError) attempt.current = null;
    },
    onSuccess: (created) => {
      client.setQueryData(['return', created.id], created);
      void client.invalidateQueries({ queryKey: ['returns'] });
      message.success(t('request.sent'));
      navigate(`/buyer/returns/${created.id}`);
    },
  });

  const serverErrors = fieldErrors(submit.error);
  const lineErrors: Record<string, string> = {};
  const otherErrors: Record<string, string> = {};
  for (const [path, text] of Object.entries(serverErrors)) {
    const match = /^lines\.(\d+)/.exec(path);
    const submitted = match ? submit.variables?.lines[Number(match[1])] : undefined;
    if (submitted) lineErrors[submitted.order_line_id] = text;
    else otherErrors[path.split('.')[0] ?? path] = text;
  }
  const errorOf = (key: string) => clientErrors[key] ?? otherErrors[key];
  // Problems with no field on the form (say, the case type) are listed with the summary.
  const unplaced = Object.entries(otherErrors)
    .filter(([key]) => !SHOWN_FIELDS.includes(key))
    .map(([key, text]) => `${key}: ${text}`);

  const onSubmit = () => {
    const errors: Record<string, string> = {};
    if (!lines.length) errors['lines'] = t('request.errors.lines');
    if (!effectiveReason) errors['reason'] = t('request.errors.reason');
    if (!description.trim()) errors['description'] = t('request.errors.description');
    if (!destination) errors['refund_destination'] = t('request.errors.destination');
    if (effectiveType === 'exchange' && !exchangeSku) {
      errors['exchange_sku'] = t('common:flows.request.variantRequired');
    }
    if (contact.trim() && !isContact(contact.trim())) {
      errors['contact'] = t('request.errors.contact');
    }
    setClientErrors(errors);
    const first = Object.keys(FOCUS).find((k) => errors[k]);
    if (first) {
      document.getElementById(FOCUS[first]!)?.focus();
      return;
    }
    // In the buyer's language: the seller reads it in the request, and the record keeps it.
    const text = contact.trim()
      ? `${description.trim()}\n\n${t('request.contactLine', { contact: contact.trim() })}`
      : description.trim();
    submit.mutate({
      order_id: order.id,
      type: effectiveType,
      reason: effectiveReason as Reason,
      description: text,
      lines,
      refund_destination: destination!,
      attachment_ids: photos,
      ...(effectiveType === 'exchange' ? { exchange_sku: exchangeSku } : {}),
    });
  };

  const toggleLine = (id: string, on: boolean) => {
    setSelected((prev) => {
      const next = { ...prev };
      if (on) next[id] = 1;
      else delete next[id];
      return next;
    });
    setClientErrors(({ lines: _, ...rest }) => rest);
  };

  const feeHint = (r: string): string => {
    const fault = faultOf(r);
    const payer = eligibility.return_shipping_payer[fault] ?? fault;
    const parts = [payer === 'seller' ? t('request.sellerPays') : t('request.youPay')];
    if (fault === 'buyer' && policy && policy.restocking_fee_pct > 0) {
      parts.push(t('request.restockingFee', { pct: policy.restocking_fee_pct }));
    }
    return parts.join(' ');
  };

  return (
    <Form
      layout="vertical"
      onFinish={onSubmit}
      requiredMark={false}
      aria-label={t('request.title')}
    >
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('request.itemsTitle')}
          </Typography.Title>
        }
        style={{ marginBottom: 16 }}
      >
        <Section
          id="request-lines-title"
          hint={eligibleLines.length ? t('request.itemsHint') : undefined}
          error={errorOf('lines')}
        >
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="order-lines">
            {eligibility.lines.map((l, index) => {
              const line = lineOf.get(l.order_line_id);
              const quantity = selected[l.order_line_id];
              const error = lineErrors[l.order_line_id];
              return (
                <li
                  key={l.order_line_id}
                  data-testid="order-line"
                  data-eligible={l.eligible}
                  style={{
                    padding: '12px 0',
                    borderTop: index ? '1px solid #f0f0f0' : undefined,
                  }}
                >
                  <Flex gap={16} wrap justify="space-between" align="flex-start">
                    <div style={{ flex: '1 1 280px' }}>
                      <Checkbox
                        id={index === firstLine ? 'request-lines' : undefined}
                        checked={quantity !== undefined}
                        // One taken away while chosen can still be unticked.
                        disabled={!l.eligible && quantity === undefined}
                        onChange={(e) => toggleLine(l.order_line_id, e.target.checked)}
                      >
                        <Typography.Text strong>{l.title}</Typography.Text>
                      </Checkbox>
                      <div style={{ paddingLeft: 24 }}>
                        <Typography.Text type="secondary">
                          {l.sku}
                          {line
                            ? ` · ${f.money(line.unit_price, order.currency)} × ${line.quantity}`
                            : ''}
                        </Typography.Text>
                        <div style={{ marginTop: 4 }}>
                          {l.eligible ? (
                            <Space wrap size={4}>
                              <Tag color="green" style={{ color: '#135200' }}>
                                {l.window_closes_at
                                  ? t('eligibility.until', { date: f.dateTime(l.window_closes_at) })
                                  : t('eligibility.eligible')}
                              </Tag>
                              {l.claimed_quantity > 0 ? (
                                <Typography.Text type="secondary">
                                  {t('eligibility.claimed', { count: l.claimed_quantity })}
                                </Typography.Text>
                              ) : null}
                            </Space>
                          ) : (
                            <Space orientation="vertical" size={2}>
                              <Tag>{t('eligibility.notEligible')}</Tag>
                              {l.blockers.map((b) => (
                                <Typography.Text key={b.code} type="secondary">
                                  {blockerText(b, t, f.date)}
                                </Typography.Text>
                              ))}
                            </Space>
                          )}
                        </div>
                      </div>
                    </div>
                    {quantity !== undefined && l.eligible ? (
                      <Space>
                        <label htmlFor={`qty-${l.order_line_id}`}>{t('request.quantity')}</label>
                        <InputNumber
                          id={`qty-${l.order_line_id}`}
                          aria-label={t('request.quantityOf', { title: l.title })}
                          min={1}
                          max={l.returnable_quantity}
                          precision={0}
                          value={quantity}
                          onChange={(v) =>
                            setSelected((prev) => ({ ...prev, [l.order_line_id]: v ?? 1 }))
                          }
                          style={{ width: 72 }}
                        />
                        <Typography.Text type="secondary">
                          {t('request.ofMax', { max: l.returnable_quantity })}
                        </Typography.Text>
                      </Space>
                    ) : null}
                  </Flex>
                  {error ? (
                    <Typography.Text type="danger" role="alert" style={{ paddingLeft: 24 }}>
                      {lineErrorText(error, t)}
                    </Typography.Text>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Section>
      </Card>

      {/* A line chosen when a live update took it away (a return filed in another tab) keeps
          the form and what the buyer wrote: the line says why in place, and so does a send. */}
      {eligibleLines.length === 0 && chosen.length === 0 ? (
        <Card>
          <Empty description={t('request.nothingEligible')} />
        </Card>
      ) : (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('request.title')}
            </Typography.Title>
          }
          data-testid="request-form"
        >
          {refundOnlyReasons.length || swap.replacement || swap.exchange ? (
            <Section id="request-type-title" title={t('request.typeTitle')}>
              <Radio.Group
                name="type"
                aria-labelledby="request-type-title"
                value={effectiveType}
                onChange={(e) => setType(e.target.value as CaseType)}
              >
                <Space orientation="vertical">
                  <Radio value="return_and_refund">
                    <Typography.Text strong>{t('common:type.return_and_refund')}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      · {t('request.typeReturnHint')}
                    </Typography.Text>
                  </Radio>
                  {refundOnlyReasons.length ? (
                    <Radio value="refund_only">
                      <Typography.Text strong>{t('common:type.refund_only')}</Typography.Text>
                      <Typography.Text type="secondary">
                        {' '}
                        · {t('request.typeRefundOnlyHint')}
                      </Typography.Text>
                    </Radio>
                  ) : null}
                  <SwapRadios swap={swap} />
                </Space>
              </Radio.Group>
              {effectiveType === 'exchange' && swap.exchange ? (
                <VariantPicker
                  exchange={swap.exchange}
                  quantity={selected[swap.exchange.line.id] ?? 1}
                  currency={order.currency}
                  value={exchangeSku}
                  onChange={setExchangeSku}
                  error={errorOf('exchange_sku')}
                />
              ) : null}
            </Section>
          ) : null}

          <Section
            id="request-reason-title"
            title={t('request.reasonTitle')}
            error={errorOf('reason')}
          >
            <Radio.Group
              name="reason"
              aria-labelledby="request-reason-title"
              value={effectiveReason}
              onChange={(e) => {
                setReason(e.target.value as string);
                setClientErrors(({ reason: _, ...rest }) => rest);
              }}
              style={{ width: '100%' }}
            >
              <Flex gap={32} wrap>
                {[
                  { key: 'seller', reasons: SELLER_FAULT_REASONS },
                  { key: 'buyer', reasons: BUYER_FAULT_REASONS },
                ].map((group) => {
                  const options = group.reasons.filter((r) => reasonOptions.includes(r));
                  if (!options.length) return null;
                  return (
                    <Space key={group.key} orientation="vertical" style={{ minWidth: 220 }}>
                      <Typography.Text type="secondary">
                        {t(`request.group.${group.key}`)}
                      </Typography.Text>
                      {options.map((r) => (
                        <Radio
                          key={r}
                          value={r}
                          id={r === firstReason ? 'request-reason' : undefined}
                        >
                          {t(`common:reason.${r}`)}
                        </Radio>
                      ))}
                    </Space>
                  );
                })}
              </Flex>
            </Radio.Group>
            {effectiveReason ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                title={feeHint(effectiveReason)}
                data-testid="fee-hint"
              />
            ) : null}
          </Section>

          <Form.Item
            label={t('request.description')}
            htmlFor="request-description"
            validateStatus={errorOf('description') ? 'error' : undefined}
            help={errorOf('description')}
          >
            <Input.TextArea
              id="request-description"
              value={description}
              maxLength={4800}
              showCount
              autoSize={{ minRows: 3, maxRows: 10 }}
              placeholder={t('request.descriptionPlaceholder')}
              onChange={(e) => {
                setDescription(e.target.value);
                setClientErrors(({ description: _, ...rest }) => rest);
              }}
            />
          </Form.Item>

          <Form.Item
            label={t('request.photos')}
            extra={t('request.photosHint')}
            validateStatus={errorOf('attachment_ids') ? 'error' : undefined}
            help={errorOf('attachment_ids')}
          >
            <AttachmentUpload thumbnails value={photos} onChange={setPhotos} />
          </Form.Item>

          <Form.Item
            label={t('request.contact')}
            htmlFor="request-contact"
            extra={t('request.contactHint')}
            validateStatus={errorOf('contact') ? 'error' : undefined}
            help={errorOf('contact')}
          >
            <Input
              id="request-contact"
              value={contact}
              maxLength={120}
              autoComplete="email"
              placeholder={t('request.contactPlaceholder')}
              onChange={(e) => setContact(e.target.value)}
            />
          </Form.Item>

          <Section
            id="request-destination-title"
            title={t('request.destinationTitle')}
            error={errorOf('refund_destination')}
          >
            <Radio.Group
              name="refund_destination"
              aria-labelledby="request-destination-title"
              value={destination}
              onChange={(e) => setDestination(e.target.value as Destination)}
            >
              <Space orientation="vertical">
                {destinations.map((d, i) => (
                  <Radio key={d} value={d} id={i === 0 ? 'request-destination' : undefined}>
                    <Typography.Text strong>{t(`common:destination.${d}`)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      · {t(`request.destinationHint.${d}`)}
                    </Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Section>

          <Divider />
          <section
            aria-labelledby="request-preview-title"
            aria-live="polite"
            data-testid="request-preview"
          >
            <Flex justify="space-between" align="center">
              <Typography.Title level={3} id="request-preview-title" style={{ fontSize: 16 }}>
                {t('request.previewTitle')}
              </Typography.Title>
              {preview.isFetching ? (
                <Spin size="small" aria-label={t('request.previewUpdating')} />
              ) : null}
            </Flex>
            {canPreview && preview.data ? (
              <>
                <RefundBreakdown preview={preview.data} />
                {preview.data.capped ? (
                  <Typography.Text type="secondary">{t('request.capped')}</Typography.Text>
                ) : null}
                {destination ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    {t('request.previewTo', {
                      destination: t(`common:destination.${destination}`),
                    })}
                  </Typography.Paragraph>
                ) : null}
              </>
            ) : preview.error && canPreview ? (
              <Alert type="warning" showIcon title={problemText(preview.error, t)} />
            ) : (
              <Typography.Text type="secondary">{t('request.previewEmpty')}</Typography.Text>
            )}
          </section>

          {submit.error && !Object.keys(serverErrors).length ? (
            <Alert
              type="error"
              showIcon
              title={problemText(submit.error, t)}
              style={{ marginTop: 16 }}
            />
          ) : null}
          {Object.keys(serverErrors).length ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('request.errors.fix')}
              description={unplaced.length ? unplaced.join('\n') : undefined}
              style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}
            />
          ) : null}
          <Flex
            justify="flex-end"
            align="center"
            gap={12}
            data-testid="request-submit-bar"
            style={
              phone
                ? {
                    position: 'sticky',
                    // Above the tab bar (60 px) and the phone's home indicator.
                    bottom: 'calc(60px + env(safe-area-inset-bottom))',
                    zIndex: 5,
                    margin: '16px -12px -12px',
                    padding: 12,
                    background: '#fff',
                    borderTop: '1px solid #f0f0f0',
                  }
                : { marginTop: 16 }
            }
          >
            {phone && canPreview && preview.data ? (
              <Typography.Text style={{ flex: 1 }}>
                {t('request.youGet', {
                  amount: f.money(preview.data.total, preview.data.currency),
                })}
              </Typography.Text>
            ) : null}
            <Button
              type="primary"
              size="large"
              htmlType="submit"
              loading={submit.isPending}
              block={phone && !(canPreview && preview.data)}
            >
              {effectiveType === 'refund_only'
                ? t('request.submitRefund')
                : t('request.submitReturn')}
            </Button>
          </Flex>
        </Card>
      )}
    </Form>
  );
}

function Section({
  id,
  title,
  hint,
  error,
  children,
}: {
  id: string;
  title?: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={title ? id : undefined} style={{ marginBottom: 24 }}>
      {title ? (
        <Typography.Title level={3} id={id} style={{ fontSize: 16, marginTop: 0 }}>
          {title}
        </Typography.Title>
      ) : null}
      {hint ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {hint}
        </Typography.Paragraph>
      ) : null}
      {children}
      {error ? (
        <div role="alert" style={{ marginTop: 8 }}>
          <Typography.Text type="danger">{error}</Typography.Text>
        </div>
      ) : null}
    </section>
  );
}

type Blocker = Eligibility['lines'][number]['blockers'][number];

/** Why a line cannot be returned, from the blocker's code and facts. */
export function blockerText(
  b: Blocker,
  t: (key: string, options?: Record<string, unknown>) => string,
  date: (iso: string) => string,
): string {
  switch (b.code) {
    case 'not_delivered':
      return t('eligibility.blocker.not_delivered');
    case 'window_closed':
      return typeof b['window_closed_at'] === 'string'
        ? t('eligibility.blocker.window_closed_at', { date: date(b['window_closed_at']) })
        : t('eligibility.blocker.window_closed');
    case 'category_not_returnable':
      return t('eligibility.blocker.category_not_returnable');
    case 'fully_claimed':
      return t('eligibility.blocker.fully_claimed');
    default:
      return b.message;
  }
}

/** The server names a refused line as `code: message`; the code says it in the reader's language. */
function lineErrorText(error: string, t: (key: string) => string): string {
  const code = /^([a-z_]+):/.exec(error)?.[1];
  return code &&
    ['not_delivered', 'window_closed', 'category_not_returnable', 'fully_claimed'].includes(code)
    ? t(`eligibility.blocker.${code}`)
    : error;
}
