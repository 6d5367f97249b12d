import { Alert, Card, Result, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { usePublicPolicy } from '../../components/flows/shared.tsx';
import { PublicLayout } from '../../components/PublicLayout.tsx';
import { useFormat } from '../../format.ts';

/**
 * A shop's return policy in plain words, for anyone (no sign-in): what a buyer reads before
 * buying. `?version=N` shows an earlier version (cases name the one they were decided under).
 */
export default function PublicPolicyPage() {
  const { sellerId = '' } = useParams();
  const [params] = useSearchParams();
  const version = Number(params.get('version')) || null;
  const { t } = useTranslation('common', { keyPrefix: 'flows.public' });
  const { t: tc } = useTranslation();
  const f = useFormat();
  const query = usePublicPolicy(sellerId, version);
  const answer = query.data;

  useEffect(() => {
    document.title = answer ? `${t('title', { shop: answer.shop_name })} · Sendback` : 'Sendback';
  }, [t, answer]);

  let body: ReactNode;
  if (query.error) {
    const missing = query.error instanceof ApiError && [400, 404, 422].includes(query.error.status);
    body = (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('notFound') : t('loadError')}
        data-testid="policy-not-found"
      />
    );
  } else if (!answer) {
    body = <Skeleton active paragraph={{ rows: 10 }} />;
  } else {
    const p = answer.policy;
    const money = (minor: number) => f.money(minor, p.currency);
    const list = (items: string[]) => items.join(t('listSep'));
    const categories = Object.entries(p.categories);
    const notReturnable = categories.filter(([, r]) => r.returnable === false).map(([n]) => n);
    const ownWindows = categories.filter(
      ([, r]) => r.returnable !== false && r.window_days !== undefined,
    );
    const ruleText = (r: (typeof p.returnless_refunds)[number]) => {
      const conditions = [
        ...(r.reasons?.length
          ? [t('returnlessReasons', { list: list(r.reasons.map((x) => tc(`reason.${x}`))) })]
          : []),
        ...(r.categories?.length ? [t('returnlessCategories', { list: list(r.categories) })] : []),
      ];
      return conditions.length
        ? t('returnlessRuleWhen', {
            amount: money(r.max_amount),
            conditions: conditions.join(t('conditionSep')),
          })
        : t('returnlessRule', { amount: money(r.max_amount) });
    };
    const payer = (who: string) => (who === 'seller' ? t('payerSeller') : t('payerBuyer'));
    const sellerPays =
      p.return_shipping_payer.seller === 'seller' || p.return_shipping_payer.buyer === 'seller';
    const sections: { key: string; title: string; children: ReactNode }[] = [
      {
        key: 'window',
        title: t('window'),
        children: (
          <>
            <Typography.Paragraph
              strong
              style={{ fontSize: 16, marginBottom: ownWindows.length ? undefined : 0 }}
            >
              {t('windowText', { days: p.window_days })}
            </Typography.Paragraph>
            {ownWindows.map(([name, r]) => (
              <Typography.Paragraph key={name} style={{ marginBottom: 4 }}>
                {t('categoryWindow', { category: name, days: r.window_days })}
              </Typography.Paragraph>
            ))}
          </>
        ),
      },
      {
        key: 'notReturnable',
        title: t('notReturnable'),
        children: (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {notReturnable.length ? list(notReturnable) : t('notReturnableNone')}
          </Typography.Paragraph>
        ),
      },
      {
        key: 'condition',
        title: t('condition'),
        children: (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {p.condition_text}
            </Typography.Paragraph>
            {p.preparation_checklist.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {p.preparation_checklist.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
          </>
        ),
      },
      {
        key: 'postage',
        title: t('postage'),
        children: (
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('sellerFault', { who: payer(p.return_shipping_payer.seller) })}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: sellerPays ? 4 : 0 }}>
              {t('buyerFault', { who: payer(p.return_shipping_payer.buyer) })}
            </Typography.Paragraph>
            {sellerPays ? (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {p.return_postage === 'prepaid_label'
                  ? t('prepaid')
                  : t('reimburse', { cap: money(p.return_shipping_reimbursement_cap) })}
              </Typography.Paragraph>
            ) : null}
          </>
        ),
      },
      {
        key: 'refunds',
        title: t('refunds'),
        children: (
          <>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {list(p.refund_destinations.map((d) => tc(`destination.${d}`)))}
            </Typography.Paragraph>
            {p.refund_only_reasons.length ? (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('refundOnlyText', {
                  list: list(p.refund_only_reasons.map((r) => tc(`reason.${r}`))),
                })}
              </Typography.Paragraph>
            ) : null}
          </>
        ),
      },
      {
        key: 'restocking',
        title: t('restocking'),
        children: (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {p.restocking_fee_pct > 0
              ? t('restockingText', { pct: p.restocking_fee_pct })
              : t('restockingNone')}
          </Typography.Paragraph>
        ),
      },
      {
        key: 'returnless',
        title: t('returnless'),
        children: p.returnless_refunds.length ? (
          <>
            {p.returnless_refunds.map((r, i) => (
              <Typography.Paragraph key={JSON.stringify([i, r])} style={{ marginBottom: 4 }}>
                {ruleText(r)}
              </Typography.Paragraph>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('returnlessLimit', p.returnless_limit)}
            </Typography.Paragraph>
          </>
        ) : (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('returnlessNone')}
          </Typography.Paragraph>
        ),
      },
      {
        key: 'appeals',
        title: t('appeals'),
        children: (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t('appealsText', { days: p.appeal_window_days })}
          </Typography.Paragraph>
        ),
      },
    ];
    body = (
      <Space
        orientation="vertical"
        size="middle"
        style={{ width: '100%' }}
        data-testid="public-policy"
      >
        <div>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
            {t('title', { shop: answer.shop_name })}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="policy-version">
            {t('version', { version: answer.version, date: f.date(answer.updated_at) })}
          </Typography.Text>
        </div>
        {answer.version !== answer.current_version ? (
          <Alert
            type="warning"
            showIcon
            title={t('versionOld', { version: answer.version, current: answer.current_version })}
            action={<Link to={`/shops/${sellerId}/policy`}>{t('current')}</Link>}
          />
        ) : null}
        {sections.map((s) => (
          <Card
            key={s.key}
            size="small"
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{s.title}</h2>}
            data-testid={`policy-${s.key}`}
          >
            {s.children}
          </Card>
        ))}
        <Typography.Text>
          <a href={`/v1/sellers/${sellerId}/return_policy/jsonld`} data-testid="jsonld-link">
            {t('jsonld')}
          </a>
        </Typography.Text>
      </Space>
    );
  }

  return <PublicLayout signIn={t('signIn')}>{body}</PublicLayout>;
}
