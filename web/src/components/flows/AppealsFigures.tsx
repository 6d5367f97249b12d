import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Schemas } from '../../api.ts';
import { useFlowsT } from './shared.tsx';

type Appeals = Schemas['PlatformAnalytics']['appeals'];

/** How often decisions are appealed and how often an appeal overturns them (platform view). */
export function AppealsFigures({ appeals }: { appeals: Appeals | undefined }) {
  const { t } = useFlowsT();
  if (!appeals) return null;
  const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  const cards = [
    { key: 'appealed', title: t('appealsKpi.appealed'), value: String(appeals.appealed) },
    { key: 'upheld', title: t('appealsKpi.upheld'), value: String(appeals.upheld) },
    { key: 'overturned', title: t('appealsKpi.overturned'), value: String(appeals.overturned) },
    {
      key: 'appeal-rate',
      title: t('appealsKpi.appealRate'),
      value: pct(appeals.appeal_rate),
      help: t('appealsKpi.appealRateHint'),
    },
    {
      key: 'overturn-rate',
      title: t('appealsKpi.overturnRate'),
      value: pct(appeals.overturn_rate),
      help: t('appealsKpi.overturnRateHint'),
    },
  ];
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('appealsKpi.title')}</h2>}
      data-testid="appeals-figures"
    >
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Statistic
              title={c.title}
              value={c.value}
              styles={{ content: { fontSize: 20 } }}
              data-testid={`appeals-${c.key}`}
            />
            {c.help ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.help}
              </Typography.Text>
            ) : null}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
