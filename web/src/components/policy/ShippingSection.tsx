import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PolicyRuleRow } from './PolicyRuleRow.tsx';
import { PolicySection } from './PolicySection.tsx';

/** Who pays return postage by fault, how the shop pays it, up to what, and the fees it may keep. */
export function ShippingSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.shipping')}>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <PolicyRuleRow rule="payer_seller_fault" />
        </Col>
        <Col xs={24} md={12}>
          <PolicyRuleRow rule="payer_buyer_fault" />
        </Col>
        <Col xs={24}>
          <PolicyRuleRow rule="return_postage" />
        </Col>
        <Col xs={24} md={8}>
          <PolicyRuleRow rule="return_shipping_reimbursement_cap" />
        </Col>
        <Col xs={24} md={8}>
          <PolicyRuleRow rule="restocking_fee_pct" />
        </Col>
        <Col xs={24} md={8}>
          <PolicyRuleRow rule="max_deduction_pct" />
        </Col>
      </Row>
    </PolicySection>
  );
}
