import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { PolicyForm } from '../../components/policy/PolicyForm.tsx';
import { problemText } from '../../problems.ts';
import { useMe } from '../../session.tsx';

/** The shop's return policy: what buyers read before they buy, and what every deadline runs on. */
export function PolicyPage() {
  const { t } = useTranslation('seller');
  const me = useMe();
  const sellerId = me.seller_id ?? '';
  const query = useQuery({
    queryKey: ['policy', sellerId],
    queryFn: () =>
      unwrap(api.GET('/v1/sellers/{id}/return_policy', { params: { path: { id: sellerId } } })),
    enabled: Boolean(sellerId),
    // Someone editing should not have the form reset under them by a background refetch.
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    document.title = `${t('policy.title')} · Sendback`;
  }, [t]);

  if (!sellerId) return <Result status="403" title={t('policy.noShop')} />;
  if (query.isPending) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  if (query.error) {
    return (
      <Result
        status="error"
        title={problemText(query.error, t)}
        extra={<Button onClick={() => void query.refetch()}>{t('common:common.retry')}</Button>}
      />
    );
  }
  return <PolicyForm sellerId={sellerId} answer={query.data} />;
}
