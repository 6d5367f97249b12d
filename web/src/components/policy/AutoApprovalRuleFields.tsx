import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES, FAULTS, REASON_CODES } from '../../generated/domain.ts';
import { MoneyField } from './MoneyField.tsx';
import { FIELDSET, LEGEND } from './styles.ts';

/** One automatic-approval rule: fault, reasons, case types and a top amount (empty: any). */
export function AutoApprovalRuleFields({
  index,
  name,
  onRemove,
}: {
  index: number;
  name: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation('seller');
  return (
    <fieldset style={FIELDSET}>
      <legend style={LEGEND}>{t('policy.rule', { n: index + 1 })}</legend>
      <Row gutter={16} align="bottom">
        <Col xs={24} md={5}>
          <Form.Item name={[name, 'fault']} label={t('policy.field.ruleFault')}>
            <Select
              options={(['any', ...FAULTS] as const).map((v) => ({
                value: v,
                label: v === 'any' ? t('policy.anyFault') : t(`common:fault.${v}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name={[name, 'reasons']} label={t('policy.field.ruleReasons')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('policy.anyReason')}
              options={REASON_CODES.map((r) => ({ value: r, label: t(`common:reason.${r}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={5}>
          <Form.Item name={[name, 'case_types']} label={t('policy.field.ruleTypes')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('policy.anyType')}
              options={CASE_TYPES.map((v) => ({ value: v, label: t(`common:type.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={20} md={5}>
          <MoneyField name={[name, 'max_amount']} label={t('policy.field.ruleMaxAmount')} />
        </Col>
        <Col xs={4} md={2}>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('policy.removeRule', { n: index + 1 })}
            onClick={onRemove}
            style={{ marginBottom: 24 }}
          />
        </Col>
      </Row>
    </fieldset>
  );
}
