import { useTranslation } from 'react-i18next';
import { ChecklistEditor } from './ChecklistEditor.tsx';
import { PolicyRuleRow } from './PolicyRuleRow.tsx';
import { PolicySection } from './PolicySection.tsx';

/** The condition the item must be in, and what buyers check before they send it back. */
export function ConditionSection() {
  const { t } = useTranslation('seller');
  return (
    <PolicySection title={t('policy.section.condition')}>
      <PolicyRuleRow rule="condition_text" />
      <ChecklistEditor />
    </PolicySection>
  );
}
