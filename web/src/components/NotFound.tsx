import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** An unknown address, or one of another role's consoles: say so, and offer the way home. */
export function NotFound({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t('notFound.title')}</h1>}
      subTitle={t('notFound.text')}
      extra={<Link to={home}>{t('notFound.home')}</Link>}
      data-testid="not-found"
    />
  );
}
