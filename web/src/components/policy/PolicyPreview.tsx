import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Flex,
  type FormInstance,
  Grid,
  List,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas, serverNow, unwrap } from '../../api.ts';
import { caseRef } from '../../caseRef.ts';
import { useFormat } from '../../format.ts';
import { problemText } from '../../problems.ts';
import { PolicySection } from './PolicySection.tsx';
import { type PolicyValues, toPolicy } from './values.ts';

type Simulation = Schemas['PolicySimulation'];
type Figures = Schemas['WhatIfFigures'];
type Change = Simulation['changed_cases'][number]['changes'][number];

const PERIODS = [30, 90] as const;

/** A day in the shop's time zone, as YYYY-MM-DD. */
function shopDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(ms));
}

interface Row {
  key: string;
  what: string;
  actual: number;
  draft: number;
  difference: number;
  currency?: string;
}

/** The rows of the summary: counts, then money per currency. */
function rowsOf(s: Simulation, label: (key: string, vars?: object) => string): Row[] {
  const row = (key: string, what: string, pick: (f: Figures) => number): Row => ({
    key,
    what,
    actual: pick(s.actual),
    draft: pick(s.draft),
    difference: pick(s.difference),
  });
  const rows = [
    row('auto', label('autoApprovals'), (f) => f.auto_approvals),
    row('returnless', label('returnlessRefunds'), (f) => f.returnless_refunds),
    row('expiries', label('expiries'), (f) => f.expiries.total),
    ...s.difference.expiries.by_deadline.map((d) =>
      row(
        `expiry-${d.deadline}`,
        label('expiry', { deadline: label(`deadline:${d.deadline}`) }),
        (f) => f.expiries.by_deadline.find((x) => x.deadline === d.deadline)?.count ?? 0,
      ),
    ),
    row('refunds', label('refunds'), (f) => f.refunds.count),
    ...s.difference.refunds.by_currency.map(({ currency }) => ({
      ...row(
        `money-${currency}`,
        label('refundMoney', { currency }),
        (f) => f.refunds.by_currency.find((x) => x.currency === currency)?.amount ?? 0,
      ),
      currency,
    })),
    ...s.difference.fees.map(({ currency }) => ({
      ...row(`fees-${currency}`, label('fees', { currency }), (f) => {
        const fee = f.fees.find((x) => x.currency === currency);
        return (fee?.restocking_fees ?? 0) + (fee?.deductions ?? 0);
      }),
      currency,
    })),
  ];
  if (s.draft.requests_refused) {
    rows.push(row('refused', label('refused'), (f) => f.requests_refused));
  }
  return rows;
}

/**
 * "Preview changes": the edited draft replayed over the shop's returns of the last 30 or 90 days
 * (POST /v1/sellers/{id}/return_policy/simulate), shown as actual → draft before the seller saves.
 */
export function PolicyPreview({
  sellerId,
  timeZone,
  form,
  edits,
}: {
  sellerId: string;
  timeZone: string;
  form: FormInstance<PolicyValues>;
  /** Counts the form's changes, so a preview of an older draft says so. */
  edits: number;
}) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const [days, setDays] = useState<number>(30);
  const [ranAt, setRanAt] = useState<number | null>(null);
  // On a phone the four columns do not fit: what, with actual → draft under it, and the change.
  const narrow = !Grid.useBreakpoint().sm;
  const label = (key: string, vars?: object) =>
    key.startsWith('deadline:')
      ? t(`policy.deadline.${key.slice(9)}.label`, { defaultValue: key.slice(9) })
      : t(`policy.preview.${key}`, vars as Record<string, unknown>);

  const preview = useMutation({
    mutationFn: async (): Promise<Simulation> => {
      const values = await form.validateFields();
      const now = serverNow();
      return unwrap(
        api.POST('/v1/sellers/{id}/return_policy/simulate', {
          params: { path: { id: sellerId } },
          body: {
            policy: toPolicy(values) as never,
            from: shopDay(now - (days - 1) * 86_400_000, timeZone),
            to: shopDay(now, timeZone),
          },
        }),
      );
    },
    onSuccess: () => setRanAt(edits),
  });

  const amount = (value: number, currency?: string) =>
    currency ? f.money(value, currency) : String(value);
  const signed = (value: number, currency?: string) =>
    value > 0 ? `+${amount(value, currency)}` : value < 0 ? `−${amount(-value, currency)}` : '0';
  const changeText = (c: Change) => {
    const kind = t(`policy.preview.change.${c.what}`, {
      deadline: c.deadline ? label(`deadline:${c.deadline}`) : '',
    });
    const side = (v: number | null) => {
      if (v === null) return t('policy.preview.none');
      if (c.what === 'refund' || c.what === 'fees') return amount(v, c.currency);
      if (c.what === 'expiry') return String(v);
      return v ? t('policy.preview.yes') : t('policy.preview.no');
    };
    return `${kind}: ${side(c.actual)} → ${side(c.draft)}`;
  };

  const s = preview.data;
  return (
    <PolicySection title={t('policy.preview.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('policy.preview.intro')}
        </Typography.Paragraph>
        <Flex wrap gap={12} align="center">
          <Segmented<number>
            aria-label={t('policy.preview.period')}
            value={days}
            onChange={setDays}
            options={PERIODS.map((n) => ({ value: n, label: t('policy.preview.days', { n }) }))}
          />
          <Button
            icon={<EyeOutlined />}
            loading={preview.isPending}
            onClick={() => preview.mutate()}
          >
            {t('policy.preview.run')}
          </Button>
        </Flex>
        {preview.error && !('errorFields' in (preview.error as object)) ? (
          <Alert type="error" showIcon title={problemText(preview.error, t)} />
        ) : null}
        {s ? (
          <section aria-live="polite" aria-label={t('policy.preview.title')}>
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              {ranAt !== edits ? (
                <Alert type="warning" showIcon title={t('policy.preview.stale')} />
              ) : null}
              <Typography.Text>
                {t('policy.preview.considered', {
                  considered: s.cases.considered,
                  count: s.cases.in_period,
                })}{' '}
                {s.cases.truncated ? t('policy.preview.truncated', { limit: s.cases.limit }) : ''}
              </Typography.Text>
              {s.changed_cases_total === 0 ? (
                <Alert type="success" showIcon title={t('policy.preview.nothingChanged')} />
              ) : null}
              <Table<Row>
                size="small"
                pagination={false}
                {...(narrow ? {} : { scroll: { x: 'max-content' } })}
                dataSource={rowsOf(s, label)}
                columns={[
                  {
                    title: t('policy.preview.what'),
                    dataIndex: 'what',
                    key: 'what',
                    render: (what: string, r) =>
                      narrow ? (
                        <Space orientation="vertical" size={0}>
                          {what}
                          <Typography.Text type="secondary">
                            {t('policy.preview.actual')} {amount(r.actual, r.currency)} →{' '}
                            {t('policy.preview.draft')}{' '}
                            <Typography.Text strong={r.difference !== 0}>
                              {amount(r.draft, r.currency)}
                            </Typography.Text>
                          </Typography.Text>
                        </Space>
                      ) : (
                        what
                      ),
                  },
                  ...(narrow
                    ? []
                    : [
                        {
                          title: t('policy.preview.actual'),
                          key: 'actual',
                          align: 'right' as const,
                          render: (_: unknown, r: Row) => amount(r.actual, r.currency),
                        },
                        {
                          title: t('policy.preview.draft'),
                          key: 'draft',
                          align: 'right' as const,
                          render: (_: unknown, r: Row) => (
                            <Typography.Text strong={r.difference !== 0}>
                              {amount(r.draft, r.currency)}
                            </Typography.Text>
                          ),
                        },
                      ]),
                  {
                    title: t('policy.preview.difference'),
                    key: 'difference',
                    align: 'right',
                    render: (_, r) =>
                      r.difference === 0 ? (
                        <Typography.Text type="secondary">0</Typography.Text>
                      ) : (
                        <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                          {signed(r.difference, r.currency)}
                        </Tag>
                      ),
                  },
                ]}
              />
              {s.changed_cases.length ? (
                <List
                  size="small"
                  header={
                    <Typography.Text strong>
                      {t('policy.preview.changedCases', { count: s.changed_cases_total })}
                    </Typography.Text>
                  }
                  dataSource={s.changed_cases}
                  renderItem={(c) => (
                    <List.Item>
                      <Space orientation="vertical" size={0}>
                        <Link to={`/seller/returns/${c.case_id}`}>{caseRef(c.case_id)}</Link>
                        <Typography.Text>{c.changes.map(changeText).join('; ')}</Typography.Text>
                        {c.stopped ? (
                          <Typography.Text type="secondary">
                            {t('policy.preview.stopped', { at: f.dateTime(c.stopped.at) })}
                          </Typography.Text>
                        ) : null}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : null}
              <Typography.Text type="secondary">{t('policy.preview.howItWorks')}</Typography.Text>
            </Space>
          </section>
        ) : null}
      </Space>
    </PolicySection>
  );
}
