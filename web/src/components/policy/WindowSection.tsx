import { useTranslation } from 'react-i18next';
import { PolicyRuleRow } from './PolicyRuleRow.tsx';
import { PolicySection } from './PolicySection.tsx';

/** How long buyers may ask, and for which reasons (and for which they may keep the item). */
export function WindowSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.window')}>
      <PolicyRuleRow rule="window_days" />
      <PolicyRuleRow rule="reasons_allowed" />
      <PolicyRuleRow rule="refund_only_reasons" />
    </PolicySection>
  );
}
