import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The preparation checklist buyers tick off: an ordered list of items to edit, move and remove. */
export function ChecklistEditor() {
  const { t } = useTranslation('seller');
  return (
    <>
      <Typography.Text strong id="checklist-label">
        {t('policy.field.checklist')}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('policy.help.checklist')}
      </Typography.Paragraph>
      <Form.List name="preparation_checklist">
        {(fields, { add, remove, move }) => (
          <>
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
                      <Input aria-label={t('policy.checklistItem', { n: i + 1 })} maxLength={300} />
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
            </ol>
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
          </>
        )}
      </Form.List>
    </>
  );
}
