import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../../api.ts';
import { ProblemList } from '../../components/ProblemList.tsx';
import { useFormat } from '../../format.ts';
import {
  CASE_TYPES,
  DEADLINE_NAMES,
  type DeadlineName,
  FAULTS,
  REASON_CODES,
  REASONS,
  REFUND_DESTINATIONS,
} from '../../generated/domain.ts';
import { currencyDigits, currencySymbol, toMajor, toMinor } from '../../money.ts';
import { applyFieldErrors, problemText } from '../../problems.ts';
import { useMe } from '../../session.tsx';

type Policy = Schemas['ReturnPolicy'];
type Payer = 'seller' | 'buyer';
type Unit = 'hours' | 'business_days';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'JPY', 'CAD', 'AUD', 'SGD'];

interface CategoryRow {
  name: string;
  returnable: boolean;
  window_days: number | null;
  /** Kept as it was: this form does not edit per-category reasons. */
  reasons_allowed?: string[];
}

interface RuleRow {
  fault: 'any' | Payer;
  reasons: string[];
  case_types: string[];
  max_amount: number | null;
}

interface PolicyValues {
  currency: string;
  window_days: number | null;
  reasons_allowed: string[];
  refund_only_reasons: string[];
  condition_text: string;
  preparation_checklist: string[];
  categories: CategoryRow[];
  return_shipping_payer: { seller: Payer; buyer: Payer };
  return_shipping_reimbursement_cap: number | null;
  restocking_fee_pct: number | null;
  max_deduction_pct: number | null;
  refund_destinations: string[];
  auto_approval: RuleRow[];
  tracking_silence_days: number | null;
  reminder_hours_before: string[];
  deadlines: Record<DeadlineName, { unit: Unit; value: number | null }>;
}

/** The API's policy as the form shows it: money in major units, maps as editable rows. */
function toValues(p: Policy): PolicyValues {
  const money = (minor: number) => toMajor(minor, p.currency);
  const deadlines = {} as PolicyValues['deadlines'];
  for (const name of DEADLINE_NAMES) {
    const d = p.deadlines[name];
    deadlines[name] =
      d && 'business_days' in d
        ? { unit: 'business_days', value: d.business_days }
        : { unit: 'hours', value: d && 'hours' in d ? d.hours : null };
  }
  return {
    currency: p.currency,
    window_days: p.window_days,
    reasons_allowed: p.reasons_allowed,
    refund_only_reasons: p.refund_only_reasons,
    condition_text: p.condition_text,
    preparation_checklist: p.preparation_checklist,
    categories: Object.entries(p.categories).map(([name, rule]) => ({
      name,
      returnable: rule.returnable !== false,
      window_days: rule.window_days ?? null,
      ...(rule.reasons_allowed ? { reasons_allowed: rule.reasons_allowed } : {}),
    })),
    return_shipping_payer: {
      seller: p.return_shipping_payer.seller === 'buyer' ? 'buyer' : 'seller',
      buyer: p.return_shipping_payer.buyer === 'seller' ? 'seller' : 'buyer',
    },
    return_shipping_reimbursement_cap: money(p.return_shipping_reimbursement_cap),
    restocking_fee_pct: p.restocking_fee_pct,
    max_deduction_pct: p.max_deduction_pct,
    refund_destinations: p.refund_destinations,
    auto_approval: p.auto_approval.map((r) => ({
      fault: r.fault === 'seller' || r.fault === 'buyer' ? r.fault : 'any',
      reasons: r.reasons ?? [],
      case_types: r.case_types ?? [],
      max_amount: r.max_amount === undefined ? null : money(r.max_amount),
    })),
    tracking_silence_days: p.tracking_silence_days,
    reminder_hours_before: p.reminder_hours_before.map(String),
    deadlines,
  };
}

/** The form's values as the API's policy (the whole policy: PUT replaces it). */
function toPolicy(v: PolicyValues): Record<string, unknown> {
  const money = (major: number | null) => (major === null ? null : toMinor(major, v.currency));
  const categories: Record<string, unknown> = {};
  for (const row of v.categories) {
    const name = row.name.trim();
    categories[name] = {
      ...(row.returnable ? {} : { returnable: false }),
      ...(row.returnable && row.window_days ? { window_days: row.window_days } : {}),
      ...(row.reasons_allowed ? { reasons_allowed: row.reasons_allowed } : {}),
    };
  }
  const deadlines: Record<string, unknown> = {};
  for (const name of DEADLINE_NAMES) {
    const d = v.deadlines[name];
    deadlines[name] = { [d.unit]: d.value };
  }
  return {
    currency: v.currency,
    window_days: v.window_days,
    categories,
    reasons_allowed: v.reasons_allowed,
    refund_only_reasons: v.refund_only_reasons,
    condition_text: v.condition_text,
    preparation_checklist: v.preparation_checklist.map((s) => s.trim()),
    return_shipping_payer: v.return_shipping_payer,
    return_shipping_reimbursement_cap: money(v.return_shipping_reimbursement_cap),
    restocking_fee_pct: v.restocking_fee_pct,
    max_deduction_pct: v.max_deduction_pct,
    refund_destinations: v.refund_destinations,
    auto_approval: v.auto_approval.map((r) => ({
      ...(r.fault === 'any' ? {} : { fault: r.fault }),
      ...(r.reasons.length ? { reasons: r.reasons } : {}),
      ...(r.case_types.length ? { case_types: r.case_types } : {}),
      ...(r.max_amount === null || r.max_amount === undefined
        ? {}
        : { max_amount: money(r.max_amount) }),
    })),
    tracking_silence_days: v.tracking_silence_days,
    reminder_hours_before: v.reminder_hours_before.map(Number).sort((a, b) => b - a),
    deadlines,
  };
}

const TOP_FIELDS = new Set([
  'currency',
  'window_days',
  'reasons_allowed',
  'refund_only_reasons',
  'condition_text',
  'return_shipping_reimbursement_cap',
  'restocking_fee_pct',
  'max_deduction_pct',
  'refund_destinations',
  'tracking_silence_days',
  'reminder_hours_before',
]);

/** Where an error path of the PUT shows on this form (categories are rows keyed by name). */
function fieldOf(form: FormInstance<PolicyValues>) {
  return (path: (string | number)[]): (string | number)[] | null => {
    const [head, second, third] = path;
    if (typeof head !== 'string') return null;
    if (TOP_FIELDS.has(head)) return [head];
    switch (head) {
      case 'return_shipping_payer':
        return second === 'seller' || second === 'buyer' ? [head, second] : null;
      case 'preparation_checklist':
        return typeof second === 'number' ? [head, second] : null;
      case 'deadlines':
        return typeof second === 'string' && (DEADLINE_NAMES as readonly string[]).includes(second)
          ? [head, second, 'value']
          : null;
      case 'auto_approval': {
        if (typeof second !== 'number') return null;
        const field =
          third === 'reasons' || third === 'case_types' || third === 'max_amount' ? third : 'fault';
        return [head, second, field];
      }
      case 'categories': {
        const rows = form.getFieldValue('categories') as CategoryRow[];
        const index = rows.findIndex((r) => r.name.trim() === second);
        if (index < 0) return null;
        return [head, index, third === 'window_days' ? 'window_days' : 'name'];
      }
      default:
        return null;
    }
  };
}

/** The shop's return policy: what buyers read before they buy, and what every deadline runs on. */
export function PolicyPage() {
  const { t } = useTranslation('seller');
  const me = useMe();
  const sellerId = me.seller_id ?? '';
  const query = useQuery({
    queryKey: ['policy', sellerId],
    queryFn: () =>
      unwrap(api.GET('/v1/sellers/{id}/return_policy', { params: { path: { id: sellerId } } })),
    enabled: Boolean(sellerId),
    // Someone editing should not have the form reset under them by a background refetch.
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    document.title = `${t('policy.title')} · Sendback`;
  }, [t]);

  if (!sellerId) return <Result status="403" title={t('policy.noShop')} />;
  if (query.isPending) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  if (query.error) {
    return (
      <Result
        status="error"
        title={problemText(query.error, t)}
        extra={<Button onClick={() => void query.refetch()}>{t('common:common.retry')}</Button>}
      />
    );
  }
  return <PolicyForm sellerId={sellerId} answer={query.data} />;
}

function PolicyForm({
  sellerId,
  answer,
}: {
  sellerId: string;
  answer: {
    policy: Policy;
    time_zone: string;
    region: string;
    updated_at: string;
  };
}) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<PolicyValues>();
  const initial = useMemo(() => toValues(answer.policy), [answer.policy]);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const currency = Form.useWatch('currency', form) ?? answer.policy.currency;
  const symbol = currencySymbol(currency, f.locale);
  const digits = currencyDigits(currency);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (values: PolicyValues) =>
      unwrap(
        api.PUT('/v1/sellers/{id}/return_policy', {
          params: { path: { id: sellerId } },
          body: toPolicy(values),
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(['policy', sellerId], saved);
      form.setFieldsValue(toValues(saved.policy));
      setDirty(false);
      setProblems([]);
      void message.success(t('policy.saved'));
    },
    onError: (error) => {
      const unplaced = applyFieldErrors(form, error, t, fieldOf(form));
      setProblems([problemText(error, t), ...unplaced]);
    },
  });

  const money = (name: (string | number)[], label: ReactNode, extra?: ReactNode) => (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[{ type: 'number', min: 0, message: t('policy.validation.nonNegative') }]}
    >
      <InputNumber
        prefix={symbol}
        min={0}
        step={1}
        precision={digits}
        style={{ width: 200 }}
        inputMode="decimal"
      />
    </Form.Item>
  );

  const percent = (name: string, label: ReactNode, extra: ReactNode) => (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        { required: true, message: t('policy.validation.required') },
        { type: 'number', min: 0, max: 100, message: t('policy.validation.percent') },
      ]}
    >
      <InputNumber suffix="%" min={0} max={100} step={0.5} precision={2} style={{ width: 160 }} />
    </Form.Item>
  );

  const reasonOptions = REASONS.map((r) => ({
    value: r.code,
    label: `${t(`common:reason.${r.code}`)} (${t(`common:fault.${r.fault}`)})`,
  }));
  const currencyName = (code: string) => {
    try {
      return new Intl.DisplayNames(f.locale, { type: 'currency' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const currencies = CURRENCIES.includes(answer.policy.currency)
    ? CURRENCIES
    : [answer.policy.currency, ...CURRENCIES];

  return (
    <Form<PolicyValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      aria-label={t('policy.title')}
      onValuesChange={() => setDirty(true)}
      onFinish={(values) => save.mutate(values)}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      }}
      requiredMark={false}
      scrollToFirstError={false}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1040 }}>
        <div>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
            {t('policy.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('policy.subtitle', { tz: answer.time_zone, region: answer.region })}
          </Typography.Text>
        </div>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.window')}</h2>} size="small">
          <Form.Item
            name="window_days"
            label={t('policy.field.windowDays')}
            extra={t('policy.help.windowDays')}
            rules={[
              { required: true, message: t('policy.validation.required') },
              { type: 'integer', min: 1, message: t('policy.validation.positiveInteger') },
            ]}
          >
            <InputNumber
              min={1}
              precision={0}
              suffix={t('policy.unit.days')}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item
            name="reasons_allowed"
            label={t('policy.field.reasonsAllowed')}
            rules={[{ type: 'array', min: 1, message: t('policy.validation.atLeastOne') }]}
          >
            <Checkbox.Group options={reasonOptions} />
          </Form.Item>
          <Form.Item
            name="refund_only_reasons"
            label={t('policy.field.refundOnlyReasons')}
            extra={t('policy.help.refundOnlyReasons')}
          >
            <Checkbox.Group options={reasonOptions} />
          </Form.Item>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.categories')}</h2>} size="small">
          <Typography.Paragraph type="secondary">
            {t('policy.help.categories')}
          </Typography.Paragraph>
          <Form.List name="categories">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, i) => (
                  <CategoryRowFields
                    key={field.key}
                    index={i}
                    name={field.name}
                    form={form}
                    onRemove={() => remove(field.name)}
                  />
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', returnable: true, window_days: null })}
                >
                  {t('policy.addCategory')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.condition')}</h2>} size="small">
          <Form.Item
            name="condition_text"
            label={t('policy.field.conditionText')}
            extra={t('policy.help.conditionText')}
            rules={[{ max: 4000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />
          </Form.Item>
          <Typography.Text strong id="checklist-label">
            {t('policy.field.checklist')}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('policy.help.checklist')}
          </Typography.Paragraph>
          <Form.List name="preparation_checklist">
            {(fields, { add, remove, move }) => (
              <ol
                aria-labelledby="checklist-label"
                style={{ paddingInlineStart: 20, margin: 0, display: 'grid', gap: 4 }}
              >
                {fields.map((field, i) => (
                  <li key={field.key}>
                    <Flex gap={8} align="start">
                      <Form.Item
                        name={field.name}
                        style={{ flex: 1, marginBottom: 4 }}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('policy.validation.itemText'),
                          },
                          { max: 300 },
                        ]}
                      >
                        <Input
                          aria-label={t('policy.checklistItem', { n: i + 1 })}
                          maxLength={300}
                        />
                      </Form.Item>
                      <Button
                        icon={<ArrowUpOutlined />}
                        aria-label={t('policy.moveUp', { n: i + 1 })}
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                      />
                      <Button
                        icon={<ArrowDownOutlined />}
                        aria-label={t('policy.moveDown', { n: i + 1 })}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, i + 1)}
                      />
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t('policy.removeItem', { n: i + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  </li>
                ))}
                <div>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add('')}
                    disabled={fields.length >= 30}
                    style={{ marginTop: 4 }}
                  >
                    {t('policy.addItem')}
                  </Button>
                </div>
              </ol>
            )}
          </Form.List>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.shipping')}</h2>} size="small">
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['return_shipping_payer', 'seller']}
                label={t('policy.field.payerSellerFault')}
              >
                <Radio.Group
                  options={[
                    { value: 'seller', label: t('policy.payer.seller') },
                    { value: 'buyer', label: t('policy.payer.buyer') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['return_shipping_payer', 'buyer']}
                label={t('policy.field.payerBuyerFault')}
              >
                <Radio.Group
                  options={[
                    { value: 'seller', label: t('policy.payer.seller') },
                    { value: 'buyer', label: t('policy.payer.buyer') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {money(
                ['return_shipping_reimbursement_cap'],
                t('policy.field.reimbursementCap'),
                t('policy.help.reimbursementCap'),
              )}
            </Col>
            <Col xs={24} md={8}>
              {percent(
                'restocking_fee_pct',
                t('policy.field.restockingFee'),
                t('policy.help.restockingFee'),
              )}
            </Col>
            <Col xs={24} md={8}>
              {percent(
                'max_deduction_pct',
                t('policy.field.maxDeduction'),
                t('policy.help.maxDeduction'),
              )}
            </Col>
          </Row>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.refunds')}</h2>} size="small">
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name="refund_destinations"
                label={t('policy.field.destinations')}
                extra={t('policy.help.destinations')}
                rules={[{ type: 'array', min: 1, message: t('policy.validation.atLeastOne') }]}
              >
                <Checkbox.Group
                  options={REFUND_DESTINATIONS.map((d) => ({
                    value: d,
                    label: t(`common:destination.${d}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="currency"
                label={t('policy.field.currency')}
                extra={t('policy.help.currency')}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 260 }}
                  options={currencies.map((code) => ({
                    value: code,
                    label: `${code} · ${currencyName(code)}`,
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.autoApproval')}</h2>} size="small">
          <Typography.Paragraph type="secondary">
            {t('policy.help.autoApproval')}
          </Typography.Paragraph>
          <Form.List name="auto_approval">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, i) => (
                  <fieldset key={field.key} style={FIELDSET}>
                    <legend style={LEGEND}>{t('policy.rule', { n: i + 1 })}</legend>
                    <Row gutter={16} align="bottom">
                      <Col xs={24} md={5}>
                        <Form.Item name={[field.name, 'fault']} label={t('policy.field.ruleFault')}>
                          <Select
                            options={(['any', ...FAULTS] as const).map((v) => ({
                              value: v,
                              label: v === 'any' ? t('policy.anyFault') : t(`common:fault.${v}`),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={7}>
                        <Form.Item
                          name={[field.name, 'reasons']}
                          label={t('policy.field.ruleReasons')}
                        >
                          <Select
                            mode="multiple"
                            allowClear
                            placeholder={t('policy.anyReason')}
                            options={REASON_CODES.map((r) => ({
                              value: r,
                              label: t(`common:reason.${r}`),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item
                          name={[field.name, 'case_types']}
                          label={t('policy.field.ruleTypes')}
                        >
                          <Select
                            mode="multiple"
                            allowClear
                            placeholder={t('policy.anyType')}
                            options={CASE_TYPES.map((v) => ({
                              value: v,
                              label: t(`common:type.${v}`),
                            }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={5}>
                        {money([field.name, 'max_amount'], t('policy.field.ruleMaxAmount'))}
                      </Col>
                      <Col xs={4} md={2}>
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('policy.removeRule', { n: i + 1 })}
                          onClick={() => remove(field.name)}
                          style={{ marginBottom: 24 }}
                        />
                      </Col>
                    </Row>
                  </fieldset>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 20}
                  onClick={() =>
                    add({ fault: 'seller', reasons: [], case_types: [], max_amount: null })
                  }
                >
                  {t('policy.addRule')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.deadlines')}</h2>} size="small">
          <Typography.Paragraph type="secondary">
            {t('policy.help.deadlines', { tz: answer.time_zone, region: answer.region })}
          </Typography.Paragraph>
          <Row gutter={[24, 0]}>
            {DEADLINE_NAMES.map((name) => (
              <Col xs={24} md={12} key={name}>
                <DeadlineField name={name} />
              </Col>
            ))}
          </Row>
        </Card>

        <Card title={<h2 style={CARD_TITLE}>{t('policy.section.reminders')}</h2>} size="small">
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name="reminder_hours_before"
                label={t('policy.field.reminders')}
                extra={t('policy.help.reminders')}
                rules={[
                  {
                    validator: async (_, value: string[] | undefined) => {
                      const bad = (value ?? []).some(
                        (v) => !/^\d+$/.test(String(v).trim()) || Number(v) < 1,
                      );
                      if (bad) throw new Error(t('policy.validation.reminders'));
                    },
                  },
                ]}
              >
                <Select
                  mode="tags"
                  tokenSeparators={[',', ' ']}
                  options={['1', '2', '4', '12', '24', '48', '72'].map((h) => ({
                    value: h,
                    label: t('policy.unit.hoursN', { n: Number(h) }),
                  }))}
                  style={{ maxWidth: 360 }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="tracking_silence_days"
                label={t('policy.field.trackingSilence')}
                extra={t('policy.help.trackingSilence')}
                rules={[
                  { required: true, message: t('policy.validation.required') },
                  { type: 'integer', min: 1, message: t('policy.validation.positiveInteger') },
                ]}
              >
                <InputNumber
                  min={1}
                  precision={0}
                  suffix={t('policy.unit.days')}
                  style={{ width: 180 }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <ProblemList problems={problems} />

        <Flex
          align="center"
          justify="space-between"
          wrap
          gap={12}
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 2,
            background: '#fff',
            borderTop: '1px solid #e5e5e5',
            padding: '12px 16px',
            boxShadow: '0 -4px 12px rgba(0,0,0,0.04)',
          }}
        >
          <Typography.Text type={dirty ? 'warning' : 'secondary'} aria-live="polite">
            {dirty
              ? t('policy.unsaved')
              : t('policy.lastSaved', { at: f.dateTime(answer.updated_at) })}
          </Typography.Text>
          <Space>
            <Button
              disabled={!dirty || save.isPending}
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(toValues(answer.policy));
                setDirty(false);
                setProblems([]);
              }}
            >
              {t('policy.discard')}
            </Button>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={save.isPending}
            >
              {t('policy.save')}
            </Button>
          </Space>
        </Flex>
      </Space>
    </Form>
  );
}

const CARD_TITLE: React.CSSProperties = { fontSize: 16, margin: 0 };
const FIELDSET: React.CSSProperties = {
  border: '1px solid #e5e5e5',
  borderRadius: 8,
  padding: '4px 12px 0',
  margin: 0,
};
const LEGEND: React.CSSProperties = {
  fontSize: 13,
  width: 'auto',
  padding: '0 4px',
  margin: 0,
  border: 0,
  color: '#595959',
};

function CategoryRowFields({
  index,
  name,
  form,
  onRemove,
}: {
  index: number;
  name: number;
  form: FormInstance<PolicyValues>;
  onRemove: () => void;
}) {
  const { t } = useTranslation('seller');
  const returnable = Form.useWatch(['categories', name, 'returnable'], form) ?? true;
  const defaultWindow = Form.useWatch('window_days', form);
  return (
    <fieldset style={FIELDSET}>
      <legend style={LEGEND}>{t('policy.categoryRule', { n: index + 1 })}</legend>
      <Row gutter={16} align="bottom">
        <Col xs={24} md={9}>
          <Form.Item
            name={[name, 'name']}
            label={t('policy.field.categoryName')}
            rules={[
              { required: true, whitespace: true, message: t('policy.validation.categoryName') },
              {
                validator: async (_, value: string | undefined) => {
                  const rows = (form.getFieldValue('categories') ?? []) as CategoryRow[];
                  const same = rows.filter((r) => r?.name?.trim() === value?.trim()).length;
                  if (value?.trim() && same > 1) throw new Error(t('policy.validation.duplicate'));
                },
              },
            ]}
          >
            <Input placeholder={t('policy.categoryPlaceholder')} maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item
            name={[name, 'returnable']}
            label={t('policy.field.returnable')}
            valuePropName="checked"
          >
            <Switch
              checkedChildren={t('common:common.yes')}
              unCheckedChildren={t('common:common.no')}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={7}>
          <Form.Item
            name={[name, 'window_days']}
            label={t('policy.field.categoryWindow')}
            rules={[{ type: 'integer', min: 1, message: t('policy.validation.positiveInteger') }]}
          >
            <InputNumber
              min={1}
              precision={0}
              disabled={!returnable}
              placeholder={
                defaultWindow ? t('policy.defaultWindow', { n: defaultWindow }) : undefined
              }
              suffix={t('policy.unit.days')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={3}>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('policy.removeCategory', { n: index + 1 })}
            onClick={onRemove}
            style={{ marginBottom: 24 }}
          />
        </Col>
      </Row>
    </fieldset>
  );
}

function DeadlineField({ name }: { name: DeadlineName }) {
  const { t } = useTranslation('seller');
  const id = `deadline-${name}`;
  return (
    <Form.Item
      label={<span id={`${id}-label`}>{t(`policy.deadline.${name}.label`)}</span>}
      extra={t(`policy.deadline.${name}.help`)}
      required
    >
      <Space.Compact>
        <Form.Item
          name={['deadlines', name, 'value']}
          noStyle
          rules={[
            { required: true, message: t('policy.validation.required') },
            { type: 'integer', min: 1, message: t('policy.validation.positiveInteger') },
          ]}
        >
          <InputNumber
            min={1}
            precision={0}
            style={{ width: 120 }}
            aria-labelledby={`${id}-label`}
          />
        </Form.Item>
        <Form.Item name={['deadlines', name, 'unit']} noStyle>
          <Select
            style={{ width: 150 }}
            aria-label={t('policy.unit.label', { what: t(`policy.deadline.${name}.label`) })}
            options={[
              { value: 'hours', label: t('policy.unit.hours') },
              { value: 'business_days', label: t('policy.unit.businessDays') },
            ]}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
