import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PolicyRuleRow } from './PolicyRuleRow.tsx';
import { PolicySection } from './PolicySection.tsx';

/** When the shop is reminded of a deadline, and when a silent parcel counts as lost. */
export function RemindersSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.reminders')}>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <PolicyRuleRow rule="reminder_hours_before" />
        </Col>
        <Col xs={24} md={12}>
          <PolicyRuleRow rule="tracking_silence_days" />
        </Col>
      </Row>
    </PolicySection>
  );
}
