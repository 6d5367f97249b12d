import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CategoryRuleFields } from './CategoryRuleFields.tsx';
import { PolicySection } from './PolicySection.tsx';

/** Rules by product category: excluded from returns, or with a window of their own. */
export function CategoriesSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.categories')}>
      <Typography.Paragraph type="secondary">{t('policy.help.categories')}</Typography.Paragraph>
      <Form.List name="categories">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field, i) => (
              <CategoryRuleFields
                key={field.key}
                index={i}
                name={field.name}
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
    </PolicySection>
  );
}
