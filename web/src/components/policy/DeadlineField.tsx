import { Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeadlineName } from '../../generated/domain.ts';

/** One deadline of the policy: a number and its unit (hours or business days). */
export function DeadlineField({ name }: { name: DeadlineName }) {
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
