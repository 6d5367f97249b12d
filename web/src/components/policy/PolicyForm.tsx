import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { currencyDigits, currencySymbol } from '../../money.ts';
import { applyFieldErrors, problemText } from '../../problems.ts';
import { PageHeader } from '../PageHeader.tsx';
import { ProblemList } from '../ProblemList.tsx';
import { AutoApprovalSection } from './AutoApprovalSection.tsx';
import { CategoriesSection } from './CategoriesSection.tsx';
import { ConditionSection } from './ConditionSection.tsx';
import { CURRENCIES, type PolicyCurrency, PolicyCurrencyContext } from './currency.ts';
import { DeadlinesSection } from './DeadlinesSection.tsx';
import { PolicyPreview } from './PolicyPreview.tsx';
import { RefundsSection } from './RefundsSection.tsx';
import { RemindersSection } from './RemindersSection.tsx';
import { ReturnlessSection } from './ReturnlessSection.tsx';
import { SaveBar } from './SaveBar.tsx';
import { ShippingSection } from './ShippingSection.tsx';
import { fieldOf, type Policy, type PolicyValues, toPolicy, toValues } from './values.ts';
import { WindowSection } from './WindowSection.tsx';

/** The policy as the API answers it: the policy and the calendar its deadlines run on. */
export interface PolicyAnswer {
  policy: Policy;
  time_zone: string;
  region: string;
  updated_at: string;
}

/** The whole policy as one form: PUT replaces it; the server's field errors land on the fields. */
export function PolicyForm({ sellerId, answer }: { sellerId: string; answer: PolicyAnswer }) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<PolicyValues>();
  const initial = useMemo(() => toValues(answer.policy), [answer.policy]);
  const [dirty, setDirty] = useState(false);
  const [edits, setEdits] = useState(0);
  const [problems, setProblems] = useState<string[]>([]);
  const currency = Form.useWatch('currency', form) ?? answer.policy.currency;
  const saved = answer.policy.currency;
  const money = useMemo<PolicyCurrency>(
    () => ({
      symbol: currencySymbol(currency, f.locale),
      digits: currencyDigits(currency),
      choices: CURRENCIES.includes(saved) ? CURRENCIES : [saved, ...CURRENCIES],
    }),
    [currency, f.locale, saved],
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (values: PolicyValues) =>
      unwrap(
        api.PUT('/v1/sellers/{id}/return_policy', {
          params: { path: { id: sellerId } },
          body: toPolicy(values),
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(['policy', sellerId], saved);
      form.setFieldsValue(toValues(saved.policy));
      setDirty(false);
      setProblems([]);
      void message.success(t('policy.saved'));
    },
    onError: (error) => {
      const unplaced = applyFieldErrors(form, error, t, fieldOf(form));
      setProblems([problemText(error, t), ...unplaced]);
    },
  });

  const discard = () => {
    form.resetFields();
    form.setFieldsValue(toValues(answer.policy));
    setDirty(false);
    setProblems([]);
  };

  return (
    <PolicyCurrencyContext value={money}>
      <Form<PolicyValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        aria-label={t('policy.title')}
        onValuesChange={() => {
          setDirty(true);
          setEdits((n) => n + 1);
        }}
        onFinish={(values) => save.mutate(values)}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        requiredMark={false}
        scrollToFirstError={false}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 1040 }}>
          <PageHeader
            title={t('policy.title')}
            subtitle={t('policy.subtitle', {
              tz: f.zone(answer.time_zone),
              region: f.region(answer.region),
            })}
          />
          <WindowSection />
          <CategoriesSection />
          <ConditionSection />
          <ShippingSection />
          <RefundsSection />
          <AutoApprovalSection />
          <ReturnlessSection />
          <DeadlinesSection timeZone={answer.time_zone} region={answer.region} />
          <RemindersSection />
          <PolicyPreview
            sellerId={sellerId}
            timeZone={answer.time_zone}
            form={form}
            edits={edits}
          />
          <ProblemList problems={problems} />
          <SaveBar
            dirty={dirty}
            saving={save.isPending}
            updatedAt={answer.updated_at}
            onDiscard={discard}
          />
        </Space>
      </Form>
    </PolicyCurrencyContext>
  );
}
