import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  List,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, idempotencyKey, serverNow, unwrap } from '../../api.ts';
import { Countdown, urgency } from '../../components/Countdown.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { CASE_STATES, REASON_CODES, TERMINAL_STATES } from '../../generated/domain.ts';
import { useCase } from '../../hooks.ts';
import { problemText } from '../../problems.ts';
import {
  type CaseStatus,
  type CaseSummary,
  type ReasonCode,
  SELLER_MOVES,
  shortRef,
} from './util.ts';

type Due = 'all' | 'soon' | 'overdue';
const DAY_MS = 24 * 3600_000;
const PAGE_SIZE = 50;

interface BulkResult {
  id: string;
  state: 'pending' | 'ok' | 'failed';
  detail?: string;
}

/** The filters live in the address, so a reload or a shared link shows the same queue. */
function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const statuses = params
    .getAll('status')
    .filter((s): s is CaseStatus => CASE_STATES.includes(s as CaseStatus));
  const reasonParam = params.get('reason');
  const reason = REASON_CODES.includes(reasonParam as ReasonCode)
    ? (reasonParam as ReasonCode)
    : undefined;
  const dueParam = params.get('due');
  const due: Due = dueParam === 'soon' || dueParam === 'overdue' ? dueParam : 'all';
  const q = params.get('q')?.trim() || undefined;
  const update = (next: {
    statuses?: CaseStatus[];
    reason?: ReasonCode | null;
    due?: Due;
    q?: string | null;
  }) => {
    const merged = {
      statuses: next.statuses ?? statuses,
      reason: next.reason === undefined ? reason : next.reason,
      due: next.due ?? due,
      q: next.q === undefined ? q : next.q?.trim(),
    };
    const out = new URLSearchParams();
    for (const s of merged.statuses) out.append('status', s);
    if (merged.reason) out.set('reason', merged.reason);
    if (merged.due !== 'all') out.set('due', merged.due);
    if (merged.q) out.set('q', merged.q.slice(0, 100));
    setParams(out, { replace: true });
  };
  return { statuses, reason, due, q, update, search: params.toString() };
}

export function QueuePage() {
  const { t } = useTranslation('seller');
  const client = useQueryClient();
  const filters = useQueueFilters();
  const { statuses, reason, due, q } = filters;
  const [searchText, setSearchText] = useState(q ?? '');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<{ running: boolean; results: BulkResult[] } | null>(null);

  useEffect(() => {
    document.title = `${t('queue.title')} · Sendback`;
  }, [t]);

  // "Now" is fixed when the filter is chosen, so the query key (and the list) stays stable.
  const dueBefore = useMemo(() => {
    if (due === 'soon') return new Date(serverNow() + DAY_MS).toISOString();
    if (due === 'overdue') return new Date(serverNow()).toISOString();
    return undefined;
  }, [due]);

  const query = useInfiniteQuery({
    queryKey: ['returns', 'seller-queue', { statuses, reason, dueBefore, q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/returns', {
          params: {
            query: {
              sort: 'due_at',
              limit: PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(statuses.length ? { status: statuses } : {}),
              ...(reason ? { reason } : {}),
              ...(dueBefore ? { due_before: dueBefore } : {}),
              ...(q ? { q } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

  const rows = useMemo(() => {
    const seen = new Map<string, CaseSummary>();
    for (const page of query.data?.pages ?? []) {
      for (const c of page.data) if (!seen.has(c.id)) seen.set(c.id, c);
    }
    return [...seen.values()];
  }, [query.data]);

  // Only cases still waiting for a decision stay selected (a case may move on while you look).
  const approvable = useMemo(
    () => new Set(rows.filter((r) => r.status === 'requested').map((r) => r.id)),
    [rows],
  );
  const chosen = selected.filter((id) => approvable.has(id));
  const filtered = statuses.length > 0 || reason !== undefined || due !== 'all' || q !== undefined;
  const clearAll = () => {
    setSearchText('');
    filters.update({ statuses: [], reason: null, due: 'all', q: null });
  };
  const myMove =
    statuses.length === SELLER_MOVES.length && SELLER_MOVES.every((s) => statuses.includes(s));

  async function approveChosen() {
    const targets = rows.filter((r) => chosen.includes(r.id));
    const results: BulkResult[] = targets.map((r) => ({ id: r.id, state: 'pending' }));
    setBulk({ running: true, results: [...results] });
    const settle = (i: number, result: BulkResult) => {
      results[i] = result;
      setBulk({ running: true, results: [...results] });
    };
    // A few at a time: fast for a morning's backlog, gentle on the server.
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const i = next++;
        const c = targets[i]!;
        try {
          const after = await unwrap(
            api.POST('/v1/returns/{id}/approve', {
              params: {
                path: { id: c.id },
                header: { 'if-match': `"${c.version}"`, 'idempotency-key': idempotencyKey() },
              },
              body: {},
            }),
          );
          settle(i, { id: c.id, state: 'ok', detail: after.status });
        } catch (error) {
          settle(i, { id: c.id, state: 'failed', detail: problemText(error, t) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(3, targets.length) }, worker));
    setBulk({ running: false, results });
    setSelected(results.filter((r) => r.state === 'failed').map((r) => r.id));
    void client.invalidateQueries({ queryKey: ['returns'] });
    for (const r of results) void client.invalidateQueries({ queryKey: ['return', r.id] });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('queue.title')}
        subtitle={t('queue.subtitle')}
        actions={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void query.refetch()}
            loading={query.isFetching && !query.isFetchingNextPage}
          >
            {t('queue.refresh')}
          </Button>
        }
      />

      <Card size="small">
        <search aria-label={t('queue.filters')}>
          <Flex wrap gap={12} align="center">
            <Input.Search
              aria-label={t('queue.search')}
              placeholder={t('queue.searchPlaceholder')}
              allowClear
              value={searchText}
              maxLength={100}
              style={{ flex: '1 1 240px', maxWidth: 360, minWidth: 0 }}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (!e.target.value) filters.update({ q: null });
              }}
              onSearch={(value) => filters.update({ q: value.trim() || null })}
              enterButton={t('common:common.search')}
            />
            <Radio.Group
              aria-label={t('queue.due.label')}
              optionType="button"
              value={due}
              onChange={(e) => filters.update({ due: e.target.value as Due })}
              options={[
                { value: 'all', label: t('queue.due.all') },
                { value: 'soon', label: t('queue.due.soon') },
                { value: 'overdue', label: t('queue.due.overdue') },
              ]}
            />
            <Select
              mode="multiple"
              allowClear
              aria-label={t('queue.status')}
              placeholder={t('queue.anyStatus')}
              style={{ flex: '1 1 220px', maxWidth: 520, minWidth: 0 }}
              value={statuses}
              maxTagCount="responsive"
              onChange={(value: CaseStatus[]) => filters.update({ statuses: value })}
              options={CASE_STATES.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
              optionFilterProp="label"
            />
            <Select
              allowClear
              aria-label={t('queue.reason')}
              placeholder={t('queue.anyReason')}
              style={{ flex: '0 1 220px', minWidth: 0 }}
              value={reason ?? null}
              onChange={(value: ReasonCode | null | undefined) =>
                filters.update({ reason: value ?? null })
              }
              options={REASON_CODES.map((r) => ({ value: r, label: t(`common:reason.${r}`) }))}
            />
            <Button
              aria-pressed={myMove}
              type={myMove ? 'primary' : 'default'}
              ghost={myMove}
              onClick={() => filters.update({ statuses: myMove ? [] : [...SELLER_MOVES] })}
            >
              {t('queue.myMove')}
            </Button>
            {filtered ? (
              <Button type="link" onClick={clearAll}>
                {t('queue.clear')}
              </Button>
            ) : null}
          </Flex>
        </search>
      </Card>

      <Flex
        align="center"
        gap={12}
        wrap
        style={{ minHeight: 32 }}
        role="toolbar"
        aria-label={t('queue.bulk')}
      >
        <Typography.Text aria-live="polite">
          {chosen.length ? t('queue.selected', { count: chosen.length }) : t('queue.selectHint')}
        </Typography.Text>
        <Popconfirm
          title={t('queue.approveConfirmTitle', { count: chosen.length })}
          description={t('queue.approveConfirmBody')}
          okText={t('common:command.approve')}
          cancelText={t('common:common.cancel')}
          onConfirm={() => void approveChosen()}
          disabled={!chosen.length || bulk?.running}
        >
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={!chosen.length}
            loading={bulk?.running}
          >
            {t('queue.approveSelected')}
          </Button>
        </Popconfirm>
      </Flex>

      {bulk ? <BulkReport bulk={bulk} onClose={() => setBulk(null)} /> : null}

      {query.error ? (
        <Alert
          type="error"
          showIcon
          title={problemText(query.error, t)}
          action={<Button onClick={() => void query.refetch()}>{t('common:common.retry')}</Button>}
        />
      ) : null}

      <QueueTable
        rows={rows}
        loading={query.isPending || (query.isPlaceholderData && query.isFetching)}
        selected={chosen}
        onSelect={setSelected}
        search={filters.search}
        empty={
          <Empty
            description={filtered ? t('queue.emptyFiltered') : t('queue.empty')}
            image={Empty.PRESENTED_IMAGE_SIMPLE}
          >
            {filtered ? <Button onClick={clearAll}>{t('queue.clear')}</Button> : null}
          </Empty>
        }
      />

      {query.hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('queue.more')}
          </Button>
        </Flex>
      ) : rows.length > 0 ? (
        <Typography.Text type="secondary" style={{ textAlign: 'center', display: 'block' }}>
          {t('queue.end', { count: rows.length })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function QueueTable({
  rows,
  loading,
  selected,
  onSelect,
  search,
  empty,
}: {
  rows: CaseSummary[];
  loading: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
  search: string;
  empty: React.ReactNode;
}) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const location = useLocation();
  const columns: ColumnsType<CaseSummary> = [
    {
      key: 'case',
      title: t('queue.col.case'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Link
            to={`/seller/returns/${c.id}`}
            state={{ from: `${location.pathname}?${search}` }}
            aria-label={t('queue.openCase', { ref: shortRef(c.id) })}
            data-case-id={c.id}
          >
            <Typography.Text code>{shortRef(c.id)}</Typography.Text>
          </Link>
          <CaseItems id={c.id} />
          {c.type === 'refund_only' ? (
            <Tag style={{ marginTop: 2 }}>{t('common:type.refund_only')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'buyer',
      title: t('queue.col.buyer'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text data-testid="buyer-name">{c.buyer_name}</Typography.Text>
          <Typography.Text type="secondary" data-testid="order-number">
            {t('queue.order', { number: c.order_number })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'reason',
      title: t('queue.col.reason'),
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <span>{t(`common:reason.${c.reason}`)}</span>
          <Tag color={c.fault === 'seller' ? 'orange' : 'default'}>
            {t(`common:fault.${c.fault}`)}
          </Tag>
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('queue.col.status'),
      render: (_, c) => <StatusTag status={c.status} />,
    },
    {
      key: 'next',
      title: t('queue.col.next'),
      render: (_, c) =>
        c.next_action ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong={c.next_action.actor === 'seller'}>
              {t(`common:action.${c.next_action.action}`, { defaultValue: c.next_action.action })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {c.next_action.actor === 'seller'
                ? t('queue.yourMove')
                : t(`common:roles.${c.next_action.actor}`)}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'due',
      title: t('queue.col.due'),
      render: (_, c) =>
        c.due_at ? (
          <Space orientation="vertical" size={0}>
            <Countdown dueAt={c.due_at} />
            <Typography.Text type="secondary" data-testid="due-date">
              {f.dateTime(c.due_at)}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('common:case.noDeadline')}</Typography.Text>
        ),
    },
    {
      key: 'amount',
      title: t('queue.col.amount'),
      align: 'right',
      render: (_, c) => <CaseAmount c={c} />,
    },
  ];
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 980 }}
      locale={{ emptyText: loading ? ' ' : empty }}
      onRow={(c) => {
        // Overdue and nearly due rows stand out (the countdown also says it in words).
        const level = c.due_at ? urgency(new Date(c.due_at).getTime() - serverNow()) : 'later';
        return {
          'data-case-id': c.id,
          'data-urgency': level,
          style: ROW_BACKGROUND[level] ? { background: ROW_BACKGROUND[level] } : undefined,
        } as React.HTMLAttributes<HTMLElement>;
      }}
      rowSelection={{
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(String)),
        getCheckboxProps: (c) => ({
          disabled: c.status !== 'requested',
          'aria-label': t('queue.selectCase', { ref: shortRef(c.id) }),
        }),
      }}
    />
  );
}

const ROW_BACKGROUND: Record<string, string | undefined> = {
  overdue: '#fff1f0',
  urgent: '#fff7e6',
};

/** The returned items' titles (from the case itself; the list answers only line ids). */
function CaseItems({ id }: { id: string }) {
  const detail = useCase(id);
  const titles = detail.data?.lines.map((l) =>
    l.quantity > 1 ? `${l.quantity} × ${l.title}` : l.title,
  );
  if (!titles?.length) return null;
  return (
    <Typography.Text style={{ maxWidth: 260 }} ellipsis={{ tooltip: titles.join(', ') }}>
      {titles.join(', ')}
    </Typography.Text>
  );
}

/** The money at stake: what was refunded or offered, else the refund as the policy computes it. */
function CaseAmount({ c }: { c: CaseSummary }) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const detail = useCase(c.id);
  let amount: number | null | undefined = null;
  let label = '';
  if (c.refund_amount !== null) {
    amount = c.refund_amount;
    label = t('queue.amount.refund');
  } else if (c.status === 'partial_offer' && c.offer_amount !== null) {
    amount = c.offer_amount;
    label = t('queue.amount.offered');
  } else if (
    !(TERMINAL_STATES as readonly CaseStatus[]).includes(c.status) &&
    c.status !== 'rejected' &&
    c.status !== 'package_rejected'
  ) {
    amount = detail.data?.refund_preview?.total;
    label = t('queue.amount.preview');
  }
  if (amount === null || amount === undefined) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }}>
      <Typography.Text strong data-testid="amount">
        {f.money(amount, c.currency)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
    </Space>
  );
}

function BulkReport({
  bulk,
  onClose,
}: {
  bulk: { running: boolean; results: BulkResult[] };
  onClose: () => void;
}) {
  const { t } = useTranslation('seller');
  const ok = bulk.results.filter((r) => r.state === 'ok').length;
  const failed = bulk.results.filter((r) => r.state === 'failed').length;
  return (
    <Alert
      data-testid="bulk-report"
      type={bulk.running ? 'info' : failed ? 'warning' : 'success'}
      showIcon
      closable={bulk.running ? false : { onClose, 'aria-label': t('queue.dismiss') }}
      title={
        bulk.running
          ? t('queue.bulkRunning', { done: ok + failed, total: bulk.results.length })
          : t('queue.bulkDone', { ok, failed })
      }
      description={
        <List
          size="small"
          dataSource={bulk.results}
          renderItem={(r) => (
            <List.Item key={r.id} data-testid="bulk-result" data-case-id={r.id}>
              <Space wrap>
                <Link to={`/seller/returns/${r.id}`}>
                  <Typography.Text code>{shortRef(r.id)}</Typography.Text>
                </Link>
                {r.state === 'pending' ? (
                  <Typography.Text type="secondary">{t('queue.bulkPending')}</Typography.Text>
                ) : r.state === 'ok' ? (
                  <Typography.Text type="success">
                    {t('queue.bulkApproved', {
                      status: t(`common:status.${r.detail}`, { defaultValue: r.detail }),
                    })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="danger">
                    {t('queue.bulkFailed', { reason: r.detail })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}
