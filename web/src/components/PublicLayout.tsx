import { Flex, Layout } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../Shell.tsx';
import { useSession } from '../session.tsx';

/** The frame of the pages anyone may open, signed in or not: a shop's policy, the bundle check. */
export function PublicLayout({ children, signIn }: { children: ReactNode; signIn: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '0 16px',
          background: '#fff',
          borderBottom: '1px solid #e5e5e5',
        }}
      >
        <Flex align="center" gap={6} style={{ fontWeight: 600, fontSize: 18, flex: 1 }}>
          <img src="/favicon.svg" alt="" width={22} height={22} />
          {t('app.name')}
        </Flex>
        <LanguageSwitch />
        {me ? null : (
          <Link to="/" style={{ whiteSpace: 'nowrap' }}>
            {signIn}
          </Link>
        )}
      </Layout.Header>
      <Layout.Content
        id="main"
        style={{ padding: '16px 12px 32px', maxWidth: 820, width: '100%', margin: '0 auto' }}
      >
        {children}
      </Layout.Content>
    </Layout>
  );
}
