import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { changeLanguage, type Language } from './i18n/index.ts';
import { useLiveUpdates } from './live.ts';
import { signOut, useMe, useSession } from './session.tsx';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('language.label')}
      value={i18n.language as Language}
      style={{ width: 120 }}
      onChange={(value: Language) => void changeLanguage(value)}
      options={[
        { value: 'en', label: t('language.en') },
        { value: 'zh-CN', label: t('language.zh-CN') },
      ]}
    />
  );
}

const NAV: Record<string, { key: string; path: string }[]> = {
  buyer: [
    { key: 'orders', path: '/buyer/orders' },
    { key: 'returns', path: '/buyer/returns' },
    { key: 'wallet', path: '/buyer/wallet' },
  ],
  seller: [
    { key: 'queue', path: '/seller/queue' },
    { key: 'dashboard', path: '/seller/dashboard' },
    { key: 'policy', path: '/seller/policy' },
    { key: 'returnAddresses', path: '/seller/return-addresses' },
  ],
  agent: [
    { key: 'disputes', path: '/agent/disputes' },
    { key: 'failedRefunds', path: '/agent/refunds' },
    { key: 'platform', path: '/agent/platform' },
  ],
  operator: [{ key: 'disputes', path: '/agent/disputes' }],
};

/** The frame around every page: navigation for the role, language, live status, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const live = useLiveUpdates(true);
  const items = (NAV[me.role] ?? []).map((item) => ({
    key: item.path,
    label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
  }));
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          background: '#fff',
          borderBottom: '1px solid #e5e5e5',
        }}
      >
        <Typography.Text strong style={{ fontSize: 18 }}>
          {t('app.name')}
        </Typography.Text>
        <nav aria-label="main" style={{ flex: 1, minWidth: 0 }}>
          <Menu
            mode="horizontal"
            selectedKeys={selected ? [selected] : []}
            items={items}
            style={{ borderBottom: 0 }}
          />
        </nav>
        <Space>
          <Tag color={live ? 'green' : 'default'}>{t('common.live')}</Tag>
          <Badge count={me.unread_messages + me.unread_notifications} size="small">
            <BellOutlined aria-label={t('nav.notifications')} style={{ fontSize: 18 }} />
          </Badge>
          <LanguageSwitch />
          <Typography.Text>
            {me.name} · {t(`roles.${me.role}`)}
          </Typography.Text>
          <Button
            onClick={async () => {
              await signOut();
              refresh();
              navigate('/');
            }}
          >
            {t('auth.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content
        id="main"
        tabIndex={-1}
        style={{ padding: 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}
      >
        {children}
      </Layout.Content>
    </Layout>
  );
}
