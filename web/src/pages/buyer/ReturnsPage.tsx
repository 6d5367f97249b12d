import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas, unwrap } from '../../api.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { TERMINAL_STATES } from '../../generated/domain.ts';
import { LinkButton, problemText, shortId, useOrderIndex, usePageTitle } from './shared.tsx';

type Summary = Schemas['ReturnCaseSummary'];
type Filter = 'yours' | 'open' | 'done' | 'all';

/** Finished cases: the case's status comes from the API as a plain state name. */
const FINISHED: readonly string[] = TERMINAL_STATES;

/** My returns, newest first: where each stands, whose turn it is, and until when. */
export function ReturnsPage() {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const navigate = useNavigate();
  usePageTitle(t('returns.title'));
  const [filter, setFilter] = useState<Filter>('all');
  const { lines } = useOrderIndex();
  const list = new Intl.ListFormat(f.locale, { style: 'narrow', type: 'conjunction' });
  const returns = useQuery({
    queryKey: ['returns', 'mine'],
    queryFn: () =>
      unwrap(api.GET('/v1/returns', { params: { query: { sort: '-created_at', limit: 200 } } })),
  });
  const all = returns.data?.data ?? [];
  const yours = (c: Summary) => c.next_action?.actor === 'buyer';
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
      <Segmented<Filter>
        aria-label={t('returns.filter')}
        value={filter}
        onChange={setFilter}
        options={(['all', 'yours', 'open', 'done'] as const).map((key) => ({
          value: key,
          label: `${t(`returns.filters.${key}`)} (${groups[key].length})`,
        }))}
      />
      <Table<Summary>
        rowKey="id"
        loading={returns.isPending}
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: (
            <Space orientation="vertical" style={{ padding: 24 }}>
              <Typography.Text type="secondary">{t('returns.empty')}</Typography.Text>
              <LinkButton to="/buyer/orders">{t('returns.startFromOrders')}</LinkButton>
            </Space>
          ),
        }}
        onRow={(c) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest('a,button')) return;
            navigate(`/buyer/returns/${c.id}`);
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('returns.columns.items'),
            key: 'items',
            render: (_, c) => {
              const names = c.lines.map((l) => {
                const line = lines.get(l.order_line_id);
                return line ? `${line.title} × ${l.quantity}` : `× ${l.quantity}`;
              });
              return (
                <Space orientation="vertical" size={0}>
                  <Link to={`/buyer/returns/${c.id}`} data-testid="return-link">
                    {names.length ? list.format(names) : shortId(c.id)}
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`common:type.${c.type}`)} · {t(`common:reason.${c.reason}`)} ·{' '}
                    {shortId(c.id)}
                  </Typography.Text>
                </Space>
              );
            },
          },
          {
            title: t('returns.columns.status'),
            key: 'status',
            render: (_, c) => <StatusTag status={c.status} />,
          },
          {
            title: t('returns.columns.next'),
            key: 'next',
            render: (_, c) =>
              c.next_action ? (
                <Space orientation="vertical" size={0}>
                  <span>
                    {yours(c) ? (
                      <Tag color="blue" style={{ color: '#0b3a8c', marginInlineEnd: 8 }}>
                        {t('returns.yourTurn')}
                      </Tag>
                    ) : null}
                    {t(`common:action.${c.next_action.action}`, {
                      defaultValue: c.next_action.action,
                    })}
                  </span>
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {c.outcome ? t(`common:outcome.${c.outcome}`) : '—'}
                </Typography.Text>
              ),
          },
          {
            title: t('returns.columns.due'),
            key: 'due',
            render: (_, c) =>
              c.next_action?.due_at ? (
                <Space orientation="vertical" size={0}>
                  <Countdown dueAt={c.next_action.due_at} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.dateTime(c.next_action.due_at)}
                  </Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('returns.columns.refund'),
            key: 'refund',
            align: 'right',
            render: (_, c) =>
              c.refund_amount !== null ? (
                f.money(c.refund_amount, c.currency)
              ) : c.offer_amount !== null && c.status === 'partial_offer' ? (
                <Typography.Text>
                  {t('returns.offered', { amount: f.money(c.offer_amount, c.currency) })}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('returns.columns.opened'),
            key: 'opened',
            render: (_, c) => f.date(c.created_at),
          },
        ]}
      />
    </Space>
  );
}
