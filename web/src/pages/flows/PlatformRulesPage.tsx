import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Space } from 'antd';
import { useEffect } from 'react';
import { api, idempotencyKey, unwrap } from '../../api.ts';
import { ErrorLine, useFlowsT } from '../../components/flows/shared.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../session.tsx';

interface RulesValues {
  max_cases_90_days: number | null;
  /** Returns per 100 orders, as people read a rate (the API keeps returns per order). */
  max_return_rate_pct: number | null;
  min_orders: number | null;
}

/**
 * The platform's thresholds over which a buyer gets no automatic approval or returnless refund:
 * operators change them, agents read them (they explain a flagged buyer).
 */
export function PlatformRulesPage() {
  const { t } = useFlowsT();
  const me = useMe();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<RulesValues>();
  const editable = me.role === 'operator';
  const query = useQuery({
    queryKey: ['platform-rules'],
    queryFn: () => unwrap(api.GET('/v1/platform/rules')),
  });
  const save = useMutation({
    mutationFn: (v: RulesValues) =>
      unwrap(
        api.PUT('/v1/platform/rules', {
          params: { header: { 'idempotency-key': idempotencyKey() } },
          body: {
            max_cases_90_days: v.max_cases_90_days ?? null,
            max_return_rate:
              v.max_return_rate_pct === null || v.max_return_rate_pct === undefined
                ? null
                : v.max_return_rate_pct / 100,
            min_orders: v.min_orders ?? 0,
          },
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(['platform-rules'], saved);
      void message.success(t('rules.saved'));
    },
  });

  useEffect(() => {
    document.title = `${t('rules.title')} · Sendback`;
  }, [t]);

  const rules = query.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <PageHeader title={t('rules.title')} subtitle={t('rules.subtitle')} />
      {!editable ? <Alert type="info" showIcon title={t('rules.readOnly')} /> : null}
      {query.error ? (
        <Alert
          type="error"
          showIcon
          title={t('rules.loadError', { message: query.error.message })}
        />
      ) : null}
      {!rules ? (
        query.isPending ? (
          <Skeleton active />
        ) : null
      ) : (
        <Card size="small">
          <Form<RulesValues>
            form={form}
            layout="vertical"
            disabled={!editable}
            requiredMark={false}
            aria-label={t('rules.title')}
            data-testid="platform-rules"
            initialValues={{
              max_cases_90_days: rules.max_cases_90_days,
              max_return_rate_pct:
                rules.max_return_rate === null
                  ? null
                  : Math.round(rules.max_return_rate * 10000) / 100,
              min_orders: rules.min_orders,
            }}
            onFinish={(v) => save.mutate(v)}
          >
            <ErrorLine error={save.error} />
            <Form.Item
              name="max_cases_90_days"
              label={t('rules.maxCases')}
              extra={t('rules.maxCasesExtra')}
            >
              <InputNumber
                min={0}
                max={100000}
                precision={0}
                placeholder={t('rules.noLimit')}
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item
              name="max_return_rate_pct"
              label={t('rules.maxRate')}
              extra={t('rules.maxRateExtra')}
            >
              <InputNumber
                min={0}
                max={10000}
                precision={2}
                suffix="%"
                placeholder={t('rules.noLimit')}
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item
              name="min_orders"
              label={t('rules.minOrders')}
              rules={[{ required: true, message: t('policyForm.required') }]}
            >
              <InputNumber min={0} max={100000} precision={0} style={{ width: 200 }} />
            </Form.Item>
            {editable ? (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('rules.save')}
              </Button>
            ) : null}
          </Form>
        </Card>
      )}
    </Space>
  );
}
