import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas, unwrap } from '../../api.ts';
import { caseRef } from '../../caseRef.ts';
import { Countdown, humanDuration } from '../../components/Countdown.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { REASON_CODES, type ReasonCode } from '../../generated/domain.ts';
import { useAgentT, useCursorPages, useNow } from './util.ts';

type Summary = Schemas['ReturnCaseSummary'];

const PAGE_SIZE = 25;

/** The queue: every disputed case, oldest first, so the longest wait is on top. */
export function DisputesPage() {
  const { t } = useAgentT();
  const f = useFormat();
  const navigate = useNavigate();
  const now = useNow();
  const [reason, setReason] = useState<ReasonCode | undefined>();
  const [shop, setShop] = useState('');
  const sellerId = shop || undefined;
  // The shops with disputes, by name, to pick from (the first page of every shop's disputes).
  const shopsQuery = useQuery({
    queryKey: ['returns', 'agent', 'disputed', 'shops'],
    queryFn: () =>
      unwrap(api.GET('/v1/returns', { params: { query: { status: 'disputed', limit: 200 } } })),
  });
  const shops = useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of shopsQuery.data?.data ?? []) byId.set(c.seller_id, c.shop_name);
    return [...byId].sort((x, y) => x[1].localeCompare(y[1]));
  }, [shopsQuery.data]);
  const paging = useCursorPages(`${reason ?? ''}|${sellerId ?? ''}`);
  const query = useQuery({
    queryKey: ['returns', 'agent', 'disputed', { reason, sellerId }, paging.cursor ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/v1/returns', {
          params: {
            query: {
              status: 'disputed',
              sort: 'created_at',
              limit: PAGE_SIZE,
              ...(paging.cursor ? { cursor: paging.cursor } : {}),
              ...(reason ? { reason } : {}),
              ...(sellerId ? { seller_id: sellerId } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.data ?? [];
  const open = (id: string) => navigate(`/agent/returns/${id}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('disputes.title')}
        subtitle={`${t('disputes.intro')} ${t('desk.nowLive')}`}
      />
      <Card size="small">
        <Space wrap align="end">
          <div>
            <label htmlFor="agent-filter-reason" style={{ display: 'block' }}>
              {t('disputes.filterReason')}
            </label>
            <Select<ReasonCode | ''>
              id="agent-filter-reason"
              style={{ width: 220 }}
              value={reason ?? ''}
              onChange={(v) => setReason(v || undefined)}
              options={[
                { value: '', label: t('disputes.allReasons') },
                ...REASON_CODES.map((r) => ({ value: r, label: t(`reason.${r}`) })),
              ]}
            />
          </div>
          <div>
            <label htmlFor="agent-filter-shop" style={{ display: 'block' }}>
              {t('disputes.filterShop')}
            </label>
            <Select<string>
              id="agent-filter-shop"
              showSearch
              optionFilterProp="label"
              style={{ width: 260, maxWidth: '100%' }}
              value={shop}
              onChange={(v) => setShop(v ?? '')}
              options={[
                { value: '', label: t('disputes.filterShopPlaceholder') },
                ...shops.map(([id, name]) => ({ value: id, label: name })),
              ]}
            />
          </div>
          {reason || shop ? (
            <Button
              onClick={() => {
                setReason(undefined);
                setShop('');
              }}
            >
              {t('disputes.clear')}
            </Button>
          ) : null}
          <Button onClick={() => void query.refetch()} loading={query.isFetching}>
            {t('desk.refresh')}
          </Button>
        </Space>
      </Card>
      {query.error ? (
        <Alert
          type="error"
          showIcon
          title={t('desk.loadError', { message: query.error.message })}
        />
      ) : null}
      <Table<Summary>
        data-testid="disputes-table"
        aria-label={t('disputes.table')}
        rowKey="id"
        size="middle"
        loading={query.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('disputes.empty') }}
        scroll={{ x: 1000 }}
        onRow={(c) => ({
          onClick: (event) => {
            // The link in the first cell handles its own clicks (and keyboard users).
            if ((event.target as HTMLElement).closest('a')) return;
            open(c.id);
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            key: 'id',
            title: t('desk.caseId'),
            render: (_, c) => (
              <Link to={`/agent/returns/${c.id}`} data-case-id={c.id}>
                <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                  {caseRef(c.id)}
                </Typography.Text>
              </Link>
            ),
          },
          {
            key: 'shop',
            title: t('desk.shop'),
            render: (_, c) => <span title={c.seller_id}>{c.shop_name}</span>,
          },
          {
            key: 'buyer',
            title: t('disputes.buyerOrder'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="buyer-name">{c.buyer_name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.order_number}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'reason',
            title: t('case.reason'),
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                <span>{t(`reason.${c.reason}`)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`type.${c.type}`)} · {t(`fault.${c.fault}`)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: 'from',
            title: t('disputes.openedFrom'),
            render: (_, c) =>
              c.dispute ? <StatusTag status={c.dispute.opened_from} /> : <span>—</span>,
          },
          {
            key: 'waiting',
            title: t('disputes.waiting'),
            render: (_, c) => {
              const since = c.dispute?.opened_at ?? c.updated_at;
              return (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong data-testid="waiting">
                    {humanDuration(now - new Date(since).getTime(), t)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('disputes.since', { date: f.dateTime(since) })}
                  </Typography.Text>
                </Space>
              );
            },
          },
          {
            key: 'evidence',
            title: t('disputes.evidence'),
            render: (_, c) =>
              c.evidence_request ? (
                <Space orientation="vertical" size={0} data-testid="evidence-request">
                  <Tag color="orange">
                    {t('disputes.evidenceFrom', { party: t(`party.${c.evidence_request.from}`) })}
                  </Tag>
                  <Countdown dueAt={c.evidence_request.due_at} />
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {t('disputes.noEvidenceRequest')}
                </Typography.Text>
              ),
          },
        ]}
      />
      <Space>
        <Button onClick={paging.previous} disabled={!paging.hasPrevious}>
          {t('desk.previous')}
        </Button>
        <Typography.Text aria-live="polite">
          {t('desk.page', { n: paging.page })} · {t('disputes.count', { count: rows.length })}
        </Typography.Text>
        <Button
          onClick={() => query.data?.next_cursor && paging.next(query.data.next_cursor)}
          disabled={!query.data?.next_cursor}
        >
          {t('desk.next')}
        </Button>
      </Space>
    </Space>
  );
}
