import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../../api.ts';
import { caseRef } from '../../caseRef.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { TERMINAL_STATES } from '../../generated/domain.ts';
import { LinkButton, problemText, useOrderIndex, usePageTitle } from './shared.tsx';

type Summary = Schemas['ReturnCaseSummary'];
type Filter = 'yours' | 'open' | 'done' | 'all';

/** Finished cases: the case's status comes from the API as a plain state name. */
const FINISHED: readonly string[] = TERMINAL_STATES;

/** Cases waiting on the buyer: their next step, or evidence the platform asked them for. */
const yours = (c: Summary) =>
  c.next_action?.actor === 'buyer' || c.evidence_request?.from === 'buyer';
const dueOf = (c: Summary) =>
  c.evidence_request?.from === 'buyer'
    ? c.evidence_request.due_at
    : (c.next_action?.due_at ?? null);

/**
 * The day's order: what waits on you (nearest deadline first), then what waits on others
 * (nearest deadline first), then the finished ones, newest first.
 */
export function byUrgency(a: Summary, b: Summary): number {
  const rank = (c: Summary) => (yours(c) ? 0 : FINISHED.includes(c.status) ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 2) return b.created_at.localeCompare(a.created_at);
  const da = dueOf(a);
  const db = dueOf(b);
  if (da && db) return da.localeCompare(db);
  if (da || db) return da ? -1 : 1;
  return b.created_at.localeCompare(a.created_at);
}

/** My returns: what waits on you first, each with where it stands, the next step and until when. */
export function ReturnsPage() {
  const { t } = useTranslation('buyer');
  usePageTitle(t('returns.title'));
  const [filter, setFilter] = useState<Filter>('all');
  const returns = useQuery({
    queryKey: ['returns', 'mine'],
    queryFn: () =>
      unwrap(api.GET('/v1/returns', { params: { query: { sort: '-created_at', limit: 200 } } })),
  });
  const all = [...(returns.data?.data ?? [])].sort(byUrgency);
  const groups: Record<Filter, Summary[]> = {
    yours: all.filter(yours),
    open: all.filter((c) => !FINISHED.includes(c.status)),
    done: all.filter((c) => FINISHED.includes(c.status)),
    all,
  };
  const shown = groups[filter];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('returns.title')} subtitle={t('returns.intro')} />
      {returns.error ? (
        <Alert
          type="error"
          showIcon
          title={problemText(returns.error, t)}
          action={<Button onClick={() => returns.refetch()}>{t('common:common.retry')}</Button>}
        />
      ) : null}
      <Radio.Group
        aria-label={t('returns.filter')}
        optionType="button"
        value={filter}
        onChange={(e) => setFilter(e.target.value as Filter)}
        style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
        options={(['all', 'yours', 'open', 'done'] as const).map((key) => ({
          value: key,
          label: `${t(`returns.filters.${key}`)} (${groups[key].length})`,
        }))}
      />
      {returns.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} data-testid="loading" />
      ) : returns.data && shown.length === 0 ? (
        <Card>
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('returns.empty')}</Typography.Text>
            <LinkButton to="/buyer/orders">{t('returns.startFromOrders')}</LinkButton>
          </Space>
        </Card>
      ) : (
        <ul aria-label={t('returns.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((c) => (
            <li key={c.id} style={{ marginBottom: 12 }}>
              <ReturnCard c={c} />
            </li>
          ))}
        </ul>
      )}
    </Space>
  );
}

/** One return as a card: the items, its state, whose turn it is, the deadline and the money. */
function ReturnCard({ c }: { c: Summary }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const { lines } = useOrderIndex();
  const list = new Intl.ListFormat(f.locale, { style: 'narrow', type: 'conjunction' });
  const names = c.lines.map((l) => {
    const line = lines.get(l.order_line_id);
    return line ? `${line.title} × ${l.quantity}` : `× ${l.quantity}`;
  });
  const due = dueOf(c);
  const mine = yours(c);
  const step = c.evidence_request?.from === 'buyer' ? 'submit_evidence' : c.next_action?.action;
  return (
    <Card
      size="small"
      data-testid="return-card"
      data-case={c.id}
      data-yours={mine}
      style={mine ? { borderColor: '#1d4ed8' } : undefined}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Link
            to={`/buyer/returns/${c.id}`}
            data-testid="return-link"
            style={{ fontWeight: 600, overflowWrap: 'anywhere' }}
          >
            {names.length ? list.format(names) : caseRef(c.id)}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(`common:type.${c.type}`)} · {t(`common:reason.${c.reason}`)} ·{' '}
              {t('returns.openedOn', { date: f.date(c.created_at) })}
            </Typography.Text>
          </div>
        </div>
        <StatusTag status={c.status} />
      </Flex>
      <Flex justify="space-between" align="flex-end" gap={8} wrap style={{ marginTop: 8 }}>
        <div style={{ minWidth: 0 }}>
          {step ? (
            <div>
              {mine ? (
                <Tag color="blue" style={{ color: '#0b3a8c' }}>
                  {t('returns.yourTurn')}
                </Tag>
              ) : null}
              <Typography.Text>
                {t(`nextStep.${step}`, {
                  defaultValue: t(`common:action.${step}`, { defaultValue: '' }),
                })}
              </Typography.Text>
            </div>
          ) : c.outcome ? (
            <Typography.Text type="secondary">{t(`common:outcome.${c.outcome}`)}</Typography.Text>
          ) : null}
          {due ? (
            <div data-testid="return-due">
              <Countdown dueAt={due} />{' '}
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                · {f.deadline(due)}
              </Typography.Text>
            </div>
          ) : null}
        </div>
        <div style={{ textAlign: 'right' }} data-testid="return-refund">
          {c.refund_amount !== null ? (
            <Typography.Text strong>{f.money(c.refund_amount, c.currency)}</Typography.Text>
          ) : c.offer_amount !== null && c.status === 'partial_offer' ? (
            <Typography.Text>
              {t('returns.offered', { amount: f.money(c.offer_amount, c.currency) })}
            </Typography.Text>
          ) : null}
        </div>
      </Flex>
    </Card>
  );
}
