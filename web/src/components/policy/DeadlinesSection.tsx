import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { DEADLINE_NAMES } from '../../generated/domain.ts';
import { DeadlineField } from './DeadlineField.tsx';
import { PolicySection } from './PolicySection.tsx';

/** Every deadline of the policy, counted in the shop's time zone and business days. */
export function DeadlinesSection({ timeZone, region }: { timeZone: string; region: string }) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  return (
    <PolicySection title={t('policy.section.deadlines')}>
      <Typography.Paragraph type="secondary">
        {t('policy.help.deadlines', { tz: f.zone(timeZone), region: f.region(region) })}
      </Typography.Paragraph>
      <Row gutter={[24, 0]}>
        {DEADLINE_NAMES.map((name) => (
          <Col xs={24} md={12} key={name}>
            <DeadlineField name={name} />
          </Col>
        ))}
      </Row>
    </PolicySection>
  );
}
