import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Statistic } from 'antd';
import type { ReturnCase } from '../../api.ts';
import { useFlowsT } from './shared.tsx';

/**
 * The buyer's return record beside the case: a shop sees its own dealings with the buyer, an agent
 * every shop's; a buyer over the platform's limits is flagged (no automatic decisions for them).
 */
export function BuyerHistoryCard({ c, scope }: { c: ReturnCase; scope: 'shop' | 'platform' }) {
  // The agent's page gives the card the full width: one row of figures; the shop's a side column.
  const span =
    scope === 'platform' ? { xs: 12, sm: 8, md: 6, xl: 3 } : { xs: 12, sm: 8, xl: 12, xxl: 8 };
  const { t } = useFlowsT();
  const h = c.buyer_history;
  if (!h) return null;
  const figures: { key: string; label: string; value: string | number; warn?: boolean }[] = [
    { key: 'orders', label: t('history.orders'), value: h.orders },
    { key: 'cases', label: t('history.cases'), value: h.cases },
    { key: 'last90', label: t('history.last90'), value: h.cases_last_90_days },
    {
      key: 'rate',
      label: t('history.returnRate'),
      // Cases per order: a buyer may open several on one order, so it can pass 100.
      value: h.return_rate === null ? t('history.none') : Math.round(h.return_rate * 100),
    },
    { key: 'refunds', label: t('history.refunds'), value: h.refunds },
    { key: 'returnless', label: t('history.returnless'), value: h.returnless_refunds },
    {
      key: 'lost',
      label: t('history.disputesLost'),
      value: h.disputes_lost,
      warn: h.disputes_lost > 0,
    },
  ];
  return (
    <Card
      size="small"
      title={
        <h2 style={{ fontSize: 16, margin: 0 }}>
          {scope === 'shop' ? t('history.titleShop') : t('history.title')}
        </h2>
      }
      data-testid="buyer-history"
    >
      {h.flagged ? (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          title={t('history.flagged')}
          description={t('history.flaggedText')}
          style={{ marginBottom: 12 }}
          data-testid="buyer-flagged"
        />
      ) : null}
      <Row gutter={[12, 12]}>
        {figures.map((fig) => (
          <Col key={fig.key} {...span}>
            <Statistic
              title={fig.label}
              value={fig.value}
              styles={{ content: { fontSize: 18, color: fig.warn ? '#ad6800' : undefined } }}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
