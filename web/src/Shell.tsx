import {
  BellOutlined,
  InboxOutlined,
  MenuOutlined,
  RollbackOutlined,
  ShoppingOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import {
  Badge,
  Button,
  Drawer,
  Dropdown,
  Layout,
  Menu,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useNarrow } from './hooks.ts';
import { changeLanguage, LANGUAGES, type Language } from './i18n/index.ts';
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

const ICONS: Record<string, ReactNode> = {
  orders: <ShoppingOutlined />,
  returns: <RollbackOutlined />,
  wallet: <WalletOutlined />,
};

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
    { key: 'platformRules', path: '/agent/rules' },
  ],
  operator: [
    { key: 'disputes', path: '/agent/disputes' },
    { key: 'platformRules', path: '/agent/rules' },
  ],
};

/** Height of the buyer's tab bar on phones; the page leaves that much room below its content. */
const TAB_BAR_HEIGHT = 60;

/**
 * The frame around every page: navigation for the role, language, live status, sign-out. Wide
 * screens show it all in the header; narrower ones keep the brand, the bell and one account menu
 * in the header, and move the navigation to a tab bar at the bottom (buyers, thumb's reach) or a
 * drawer (sellers and agents, whose consoles have more sections).
 */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const narrow = useNarrow();
  const location = useLocation();
  const live = useLiveUpdates(true);
  const unread = me.unread_messages + me.unread_notifications;
  const nav = NAV[me.role] ?? [];
  const selected = nav.find((i) => location.pathname.startsWith(i.path))?.path;
  const tabBar = narrow && me.role === 'buyer';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: narrow ? 8 : 16,
          padding: narrow ? '0 12px' : '0 24px',
          background: '#fff',
          borderBottom: '1px solid #e5e5e5',
          position: narrow ? 'sticky' : undefined,
          top: 0,
          zIndex: 20,
        }}
      >
        {narrow && !tabBar ? <DrawerNav items={nav} selected={selected} /> : null}
        <Link
          to="/"
          style={{
            color: 'inherit',
            fontWeight: 600,
            fontSize: 18,
            lineHeight: '24px',
            whiteSpace: 'nowrap',
            display: 'inline-flex',
            alignItems: 'center',
            gap: 6,
          }}
          data-testid="brand"
        >
          <img src="/favicon.svg" alt="" width={22} height={22} />
          {t('app.name')}
        </Link>
        {narrow ? (
          <div style={{ flex: 1 }} />
        ) : (
          <nav aria-label="main" style={{ flex: 1, minWidth: 0 }}>
            <Menu
              mode="horizontal"
              selectedKeys={selected ? [selected] : []}
              items={nav.map((item) => ({
                key: item.path,
                label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
              }))}
              style={{ borderBottom: 0 }}
            />
          </nav>
        )}
        <Space size={narrow ? 8 : 'small'} style={{ flexShrink: 0 }}>
          <Tag color={live ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {t('common.live')}
          </Tag>
          <Link
            to="/inbox"
            // The accessible name starts with the count the badge shows.
            aria-label={`${unread ? `${unread} ` : ''}${t('nav.notifications')}`}
            data-testid="bell"
          >
            <Badge count={unread} size="small">
              <BellOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Link>
          {narrow ? (
            <AccountMenu />
          ) : (
            <>
              <LanguageSwitch />
              <span
                title={me.name}
                data-testid="account-name"
                style={{
                  display: 'inline-block',
                  maxWidth: 220,
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                  verticalAlign: 'middle',
                  lineHeight: '22px',
                }}
              >
                {me.name} · {t(`roles.${me.role}`)}
              </span>
              <SignOutButton />
            </>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content
        id="main"
        tabIndex={-1}
        style={{
          padding: narrow ? '16px 12px' : 24,
          paddingBottom: tabBar ? TAB_BAR_HEIGHT + 24 : undefined,
          maxWidth: 1400,
          width: '100%',
          minWidth: 0,
          margin: '0 auto',
        }}
      >
        {children}
      </Layout.Content>
      {tabBar ? <TabBar items={nav} selected={selected} /> : null}
    </Layout>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  return (
    <Button
      onClick={async () => {
        await signOut();
        refresh();
        navigate('/');
      }}
    >
      {t('auth.signOut')}
    </Button>
  );
}

/** On narrow screens: who is signed in, the language and sign-out, behind one button. */
function AccountMenu() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectedKeys: [`lang:${i18n.language}`],
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <Typography.Text strong>
                {me.name} · {t(`roles.${me.role}`)}
              </Typography.Text>
            ),
          },
          { type: 'divider' },
          {
            type: 'group',
            label: t('language.label'),
            children: LANGUAGES.map((lang) => ({
              key: `lang:${lang}`,
              label: t(`language.${lang}`),
            })),
          },
          { type: 'divider' },
          { key: 'signOut', label: t('auth.signOut') },
        ],
        onClick: async ({ key }) => {
          if (key.startsWith('lang:')) {
            await changeLanguage(key.slice(5) as Language);
          } else if (key === 'signOut') {
            await signOut();
            refresh();
            navigate('/');
          }
        },
      }}
    >
      <Button
        shape="circle"
        icon={<UserOutlined />}
        aria-label={t('nav.account', { name: me.name })}
        data-testid="account-menu"
      />
    </Dropdown>
  );
}

/** The buyer's three places, at the bottom of a phone's screen where the thumb reaches. */
function TabBar({
  items,
  selected,
}: {
  items: { key: string; path: string }[];
  selected: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <nav
      aria-label="main"
      data-testid="tab-bar"
      style={{
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        zIndex: 30,
        display: 'flex',
        background: '#fff',
        borderTop: '1px solid #e5e5e5',
        paddingBottom: 'env(safe-area-inset-bottom)',
        boxShadow: '0 -2px 8px rgba(0, 0, 0, 0.06)',
      }}
    >
      {items.map((item) => {
        const active = item.path === selected;
        return (
          <Link
            key={item.path}
            to={item.path}
            aria-current={active ? 'page' : undefined}
            style={{
              flex: 1,
              minWidth: 0,
              height: TAB_BAR_HEIGHT,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 2,
              fontSize: 12,
              color: active ? '#1d4ed8' : 'rgba(0, 0, 0, 0.7)',
              fontWeight: active ? 600 : 400,
            }}
          >
            <span style={{ fontSize: 20, lineHeight: 1 }}>
              {ICONS[item.key] ?? <InboxOutlined />}
            </span>
            {t(`nav.${item.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}

/** Sellers and agents on a phone or tablet: the sections in a drawer from the left. */
function DrawerNav({
  items,
  selected,
}: {
  items: { key: string; path: string }[];
  selected: string | undefined;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <nav aria-label="main">
      <Button
        type="text"
        icon={<MenuOutlined />}
        aria-label={t('nav.menu')}
        aria-expanded={open}
        onClick={() => setOpen(true)}
        data-testid="nav-toggle"
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size={280}
        title={t('app.name')}
        getContainer={false}
        styles={{ body: { padding: 0 } }}
      >
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          onClick={() => setOpen(false)}
          items={items.map((item) => ({
            key: item.path,
            label: <Link to={item.path}>{t(`nav.${item.key}`)}</Link>,
          }))}
          style={{ borderInlineEnd: 0 }}
        />
      </Drawer>
    </nav>
  );
}
