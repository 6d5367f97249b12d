import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AutoApprovalRuleFields } from './AutoApprovalRuleFields.tsx';
import { PolicySection } from './PolicySection.tsx';

/** Requests approved the moment they are filed, when they match every condition of a rule. */
export function AutoApprovalSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.autoApproval')}>
      <Typography.Paragraph type="secondary">{t('policy.help.autoApproval')}</Typography.Paragraph>
      <Form.List name="auto_approval">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {fields.map((field, i) => (
              <AutoApprovalRuleFields
                key={field.key}
                index={i}
                name={field.name}
                onRemove={() => remove(field.name)}
              />
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
    </PolicySection>
  );
}
