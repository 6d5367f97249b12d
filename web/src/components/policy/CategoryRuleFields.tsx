import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELDSET, LEGEND } from './styles.ts';
import type { CategoryRow, PolicyValues } from './values.ts';

/** One category rule: its name, whether it can be returned at all, and its own return window. */
export function CategoryRuleFields({
  index,
  name,
  onRemove,
}: {
  index: number;
  name: number;
  onRemove: () => void;
}) {
  const { t } = useTranslation('seller');
  const form = Form.useFormInstance<PolicyValues>();
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
