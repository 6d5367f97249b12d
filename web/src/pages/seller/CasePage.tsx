import { ArrowLeftOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Col, Result, Row, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { BundleLinks } from '../../components/BundleLinks.tsx';
import { CaseOverview } from '../../components/CaseOverview.tsx';
import { BuyerHistoryCard } from '../../components/flows/BuyerHistoryCard.tsx';
import { SellerFlows } from '../../components/flows/SellerFlows.tsx';
import { MessageThread } from '../../components/MessageThread.tsx';
import { PrepaidLabelCard } from '../../components/PrepaidLabelCard.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { useCase } from '../../hooks.ts';
import { problemText } from '../../problems.ts';
import { SellerActions } from './ActionPanel.tsx';
import { EvidenceCard } from './Evidence.tsx';
import { shortRef } from './util.ts';

/** One case: what happened, the evidence, the shop's decisions, and the order's thread beside it. */
export function CasePage() {
  const { t } = useTranslation('seller');
  const { id = '' } = useParams();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/seller/queue';
  const query = useCase(id);

  useEffect(() => {
    document.title = `${t('case.title', { ref: shortRef(id) })} · Sendback`;
  }, [t, id]);

  const back = (
    <Breadcrumb
      aria-label={t('case.breadcrumb')}
      items={[
        {
          key: 'queue',
          title: (
            <Link to={from}>
              <ArrowLeftOutlined /> {t('common:nav.queue')}
            </Link>
          ),
        },
        { key: 'case', title: t('case.title', { ref: shortRef(id) }) },
      ]}
    />
  );

  if (query.isPending) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <Spin size="large" style={{ display: 'block', margin: 48 }} />
      </Space>
    );
  }
  if (query.error) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('case.notFound') : problemText(query.error, t)}
        extra={
          missing ? (
            <Link to="/seller/queue">{t('case.back')}</Link>
          ) : (
            <Button onClick={() => void query.refetch()}>{t('common:common.retry')}</Button>
          )
        }
      />
    );
  }
  const c = query.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <CaseOverview
            c={c}
            actions={
              <>
                <SellerActions c={c} />
                <SellerFlows c={c} />
              </>
            }
          />
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {c.label ? <PrepaidLabelCard c={c} /> : null}
            {c.return_address ? <ReturnAddressCard address={c.return_address} /> : null}
            <BuyerHistoryCard c={c} scope="shop" />
            <EvidenceCard c={c} />
            <MessageThread
              orderId={c.order_id}
              caseId={c.id}
              title={t('common:messages.titleSeller')}
            />
            <BundleLinks caseId={c.id} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
