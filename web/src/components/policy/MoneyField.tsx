import { Form, InputNumber } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePolicyCurrency } from './currency.ts';

/** An amount in the policy's currency, typed in major units (the form converts on save). */
export function MoneyField({
  name,
  label,
  extra,
}: {
  name: string | (string | number)[];
  label: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation('seller');
  const { symbol, digits } = usePolicyCurrency();
  return (
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
}
