import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { REASON_CODES } from '../../generated/domain.ts';
import { MoneyField } from './MoneyField.tsx';
import { PolicySection } from './PolicySection.tsx';
import { FIELDSET, LEGEND } from './styles.ts';
import type { CategoryRow } from './values.ts';

/**
 * Returnless refunds (cheap items refunded at once, the buyer keeps them), how many a buyer may
 * get, and how long the losing party of a ruling has to appeal.
 */
export function ReturnlessSection() {
  const { t } = useTranslation('common', { keyPrefix: 'flows.policyForm' });
  const { t: tc } = useTranslation();
  const categories = (Form.useWatch('categories') as CategoryRow[] | undefined) ?? [];
  const categoryOptions = categories
    .map((c) => c.name.trim())
    .filter(Boolean)
    .map((name) => ({ value: name, label: name }));
  const required = [{ required: true, message: t('required') }];
  return (
    <PolicySection title={t('section')}>
      <Typography.Paragraph type="secondary">{t('returnlessIntro')}</Typography.Paragraph>
      <Form.List name="returnless_refunds">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="returnless-rules">
            {fields.map((field, i) => (
              <fieldset key={field.key} style={FIELDSET}>
                <legend style={LEGEND}>{t('rule', { n: i + 1 })}</legend>
                <Row gutter={16} align="bottom">
                  <Col xs={24} md={9}>
                    <Form.Item name={[field.name, 'reasons']} label={t('reasons')}>
                      <Select
                        mode="multiple"
                        allowClear
                        placeholder={t('reasonsAny')}
                        options={REASON_CODES.map((r) => ({ value: r, label: tc(`reason.${r}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'categories']} label={t('categories')}>
                      <Select
                        mode="tags"
                        allowClear
                        placeholder={t('categoriesAny')}
                        options={categoryOptions}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={5}>
                    <MoneyField name={[field.name, 'max_amount']} label={t('maxAmount')} />
                  </Col>
                  <Col xs={4} md={2}>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('remove', { n: i + 1 })}
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
              onClick={() => add({ reasons: [], categories: [], max_amount: 10 })}
            >
              {t('add')}
            </Button>
          </Space>
        )}
      </Form.List>
      <Row gutter={24} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}>
          <Form.Item name={['returnless_limit', 'count']} label={t('limitCount')} rules={required}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['returnless_limit', 'days']} label={t('limitDays')} rules={required}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="appeal_window_days"
            label={t('appealWindow')}
            extra={t('appealWindowExtra')}
            rules={required}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Col>
      </Row>
    </PolicySection>
  );
}
