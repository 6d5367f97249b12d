import { Checkbox, Form, type FormRule, Input, InputNumber, Radio, Select, Typography } from 'antd';

import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { REASONS, REFUND_DESTINATIONS } from '../../generated/domain.ts';
import { type PolicyCurrency, usePolicyCurrency } from './currency.ts';
import { MoneyField } from './MoneyField.tsx';
import { POLICY_RULES, type PolicyRuleName, type RuleDescriptor } from './rules.ts';

/** One rule of the policy: its label, its help, its input and its checks, from its descriptor. */
export function PolicyRuleRow({ rule }: { rule: PolicyRuleName }) {
  const { t } = useTranslation('seller');
  const { locale } = useFormat();
  const currency = usePolicyCurrency();
  const d: RuleDescriptor = POLICY_RULES[rule];
  const label = t(`policy.field.${d.key}`);
  const extra = d.help ? t(`policy.help.${d.key}`) : undefined;
  if (d.kind === 'money') return <MoneyField name={d.name} label={label} extra={extra} />;
  return (
    <Form.Item name={d.name} label={label} extra={extra} rules={checks(d, t)}>
      {input(d, t, locale, currency)}
    </Form.Item>
  );
}

function checks(d: RuleDescriptor, t: TFunction): FormRule[] | undefined {
  const atLeastOne: FormRule = {
    type: 'array',
    min: 1,
    message: t('policy.validation.atLeastOne'),
  };
  switch (d.kind) {
    case 'days':
      return [
        { required: true, message: t('policy.validation.required') },
        { type: 'integer', min: 1, message: t('policy.validation.positiveInteger') },
      ];
    case 'percent':
      return [
        { required: true, message: t('policy.validation.required') },
        { type: 'number', min: 0, max: 100, message: t('policy.validation.percent') },
      ];
    case 'reasons':
    case 'destinations':
      return d.atLeastOne ? [atLeastOne] : undefined;
    case 'text':
      return [{ max: 4000 }];
    case 'reminders':
      return [
        {
          validator: async (_, value: string[] | undefined) => {
            const bad = (value ?? []).some((v) => !/^\d+$/.test(String(v).trim()) || Number(v) < 1);
            if (bad) throw new Error(t('policy.validation.reminders'));
          },
        },
      ];
    default:
      return undefined;
  }
}

function input(
  d: RuleDescriptor,
  t: TFunction,
  locale: string,
  currency: PolicyCurrency,
): ReactNode {
  switch (d.kind) {
    case 'days':
      return (
        <InputNumber min={1} precision={0} suffix={t('policy.unit.days')} style={{ width: 180 }} />
      );
    case 'percent':
      return (
        <InputNumber suffix="%" min={0} max={100} step={0.5} precision={2} style={{ width: 160 }} />
      );
    case 'reasons':
      return (
        <Checkbox.Group
          options={REASONS.map((r) => ({
            value: r.code,
            label: `${t(`common:reason.${r.code}`)} (${t(`common:fault.${r.fault}`)})`,
          }))}
        />
      );
    case 'text':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />;
    case 'payer':
      return (
        <Radio.Group
          options={[
            { value: 'seller', label: t('policy.payer.seller') },
            { value: 'buyer', label: t('policy.payer.buyer') },
          ]}
        />
      );
    case 'destinations':
      return (
        <Checkbox.Group
          options={REFUND_DESTINATIONS.map((destination) => ({
            value: destination,
            label: t(`common:destination.${destination}`),
          }))}
        />
      );
    case 'currency':
      return (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 260 }}
          options={currency.choices.map((code) => ({
            value: code,
            label: `${code} · ${currencyName(code, locale)}`,
          }))}
        />
      );
    case 'reminders':
      return (
        <Select
          mode="tags"
          tokenSeparators={[',', ' ']}
          options={['1', '2', '4', '12', '24', '48', '72'].map((h) => ({
            value: h,
            label: t('policy.unit.hoursN', { n: Number(h) }),
          }))}
          style={{ maxWidth: 360 }}
        />
      );
    case 'postage':
      return (
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={(['reimburse', 'prepaid_label'] as const).map((postage) => ({
            value: postage,
            label: (
              <span>
                <Typography.Text strong>{t(`policy.postage.${postage}.title`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {t(`policy.postage.${postage}.text`)}
                </Typography.Text>
              </span>
            ),
          }))}
        />
      );
    case 'money':
      return null;
  }
}

function currencyName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
