import { Alert, Breadcrumb, Col, Row, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { caseRef } from '../../caseRef.ts';
import { CaseOverview } from '../../components/CaseOverview.tsx';
import { AgentAppealPanel } from '../../components/flows/AgentAppealPanel.tsx';
import { BuyerHistoryCard } from '../../components/flows/BuyerHistoryCard.tsx';
import { MessageThread } from '../../components/MessageThread.tsx';
import { PrepaidLabelCard } from '../../components/PrepaidLabelCard.tsx';
import { ReturnAddressCard } from '../../components/ReturnAddressCard.tsx';
import { useCase } from '../../hooks.ts';
import { useMe } from '../../session.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { RecordPanel } from './RecordPanel.tsx';
import { useAgentT, visuallyHidden } from './util.ts';

/**
 * One case as the agent works it: the overview every party sees with the decision panel in it,
 * then the verified record, and the order's thread to talk to both parties.
 */
export function CasePage() {
  const { t } = useAgentT();
  const { id = '' } = useParams();
  const me = useMe();
  const query = useCase(id);
  const c = query.data;
  const fromRefunds = c?.status === 'refund_failed';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          {
            title: fromRefunds ? (
              <Link to="/agent/refunds">{t('nav.failedRefunds')}</Link>
            ) : (
              <Link to="/agent/disputes">{t('nav.disputes')}</Link>
            ),
          },
          { title: <span title={id}>{caseRef(id)}</span> },
        ]}
      />
      <h1 style={visuallyHidden}>
        {t('case.id')} {caseRef(id)}
      </h1>
      {query.error ? (
        <Alert
          type="error"
          showIcon
          title={t('desk.loadError', { message: query.error.message })}
        />
      ) : !c ? (
        <Typography.Text>{t('common.loading')}</Typography.Text>
      ) : (
        <>
          <CaseOverview c={c} actions={<DecisionPanel c={c} />} />
          <AgentAppealPanel c={c} />
          <BuyerHistoryCard c={c} scope="platform" />
          {c.return_address || c.label ? (
            <Row gutter={[16, 16]}>
              {c.return_address ? (
                <Col xs={24} md={12}>
                  <ReturnAddressCard address={c.return_address} />
                </Col>
              ) : null}
              {c.label ? (
                <Col xs={24} md={12}>
                  <PrepaidLabelCard c={c} />
                </Col>
              ) : null}
            </Row>
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={c.dispute && me.role === 'agent' ? 15 : 24}>
              <RecordPanel c={c} />
            </Col>
            {c.dispute && me.role === 'agent' ? (
              // Agents may write in a thread once its order has been disputed.
              <Col xs={24} xl={9}>
                <MessageThread orderId={c.order_id} caseId={c.id} title={t('thread.title')} />
              </Col>
            ) : null}
          </Row>
        </>
      )}
    </Space>
  );
}
