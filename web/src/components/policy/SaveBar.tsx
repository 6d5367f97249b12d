import { SaveOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';

/** The bar that stays at the bottom of the screen: unsaved or last saved, discard, save. */
export function SaveBar({
  dirty,
  saving,
  updatedAt,
  onDiscard,
}: {
  dirty: boolean;
  saving: boolean;
  updatedAt: string;
  onDiscard: () => void;
}) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  return (
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
        {dirty ? t('policy.unsaved') : t('policy.lastSaved', { at: f.dateTime(updatedAt) })}
      </Typography.Text>
      <Space>
        <Button disabled={!dirty || saving} onClick={onDiscard}>
          {t('policy.discard')}
        </Button>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
          {t('policy.save')}
        </Button>
      </Space>
    </Flex>
  );
}
