import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PolicyRuleRow } from './PolicyRuleRow.tsx';
import { PolicySection } from './PolicySection.tsx';

/** Where refunds may go, and the currency of the policy's amounts. */
export function RefundsSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.refunds')}>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <PolicyRuleRow rule="refund_destinations" />
        </Col>
        <Col xs={24} md={12}>
          <PolicyRuleRow rule="currency" />
        </Col>
      </Row>
    </PolicySection>
  );
}
