import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../../api.ts';
import { caseRef } from '../../caseRef.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormat } from '../../format.ts';
import { refundFailureText } from '../../serverText.ts';
import { useMe } from '../../session.tsx';
import { DecisionDialog } from './DecisionDialog.tsx';
import { useRefundFailure } from './DecisionPanel.tsx';
import { useAgentT, useCursorPages, visuallyHidden } from './util.ts';

type Summary = Schemas['ReturnCaseSummary'];

const PAGE_SIZE = 25;

function FailureCell({ c }: { c: Summary }) {
  const { t } = useAgentT();
  const f = useFormat();
  const failure = useRefundFailure(c.id);
  const reason = c.refund_failure ?? failure.error;
  if (failure.isPending && !reason) {
    return <Typography.Text>{t('common.loading')}</Typography.Text>;
  }
  return (
    <Space orientation="vertical" size={0} data-testid="failure">
      <Typography.Text type="danger" strong>
        {reason ? refundFailureText(reason, t) : t('refunds.unknownFailure')}
      </Typography.Text>
      {failure.at ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.dateTime(failure.at)} · {t('refunds.attempts', { count: failure.attempts })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** Refunds the gateway gave up on: why, how much, where to; retry, to another destination if needed. */
export function RefundsPage() {
  const { t } = useAgentT();
  const f = useFormat();
  const me = useMe();
  const paging = useCursorPages('');
  const [retrying, setRetrying] = useState<Summary | null>(null);
  const query = useQuery({
    queryKey: ['returns', 'agent', 'refund_failed', paging.cursor ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/v1/returns', {
          params: {
            query: {
              status: 'refund_failed',
              sort: 'created_at',
              limit: PAGE_SIZE,
              ...(paging.cursor ? { cursor: paging.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.data ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title={t('refunds.title')} subtitle={t('refunds.intro')} />
      {query.error ? (
        <Alert
          type="error"
          showIcon
          title={t('desk.loadError', { message: query.error.message })}
        />
      ) : null}
      <Table<Summary>
        data-testid="refunds-table"
        aria-label={t('refunds.table')}
        rowKey="id"
        loading={query.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('refunds.empty') }}
        columns={[
          {
            key: 'id',
            title: t('desk.caseId'),
            render: (_, c) => (
              <Link to={`/agent/returns/${c.id}`}>
                <Typography.Text code style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {caseRef(c.id)}
                </Typography.Text>
              </Link>
            ),
          },
          {
            key: 'shop',
            title: t('desk.shop'),
            render: (_, c) => (
              <Typography.Text style={{ fontSize: 12 }}>{c.shop_name}</Typography.Text>
            ),
          },
          {
            key: 'amount',
            title: t('refunds.amount'),
            align: 'right',
            render: (_, c) => (
              <Typography.Text strong data-testid="refund-amount">
                {c.refund_amount === null ? '—' : f.money(c.refund_amount, c.currency)}
              </Typography.Text>
            ),
          },
          {
            key: 'destination',
            title: t('refunds.destination'),
            render: (_, c) => t(`destination.${c.refund_destination}`),
          },
          {
            key: 'failure',
            title: t('refunds.failure'),
            render: (_, c) => <FailureCell c={c} />,
          },
          {
            key: 'actions',
            title: <span style={visuallyHidden}>{t('refunds.actions')}</span>,
            render: (_, c) =>
              me.role === 'agent' ? (
                <Button
                  type="primary"
                  onClick={() => setRetrying(c)}
                  aria-label={`${t('refunds.retry')} ${caseRef(c.id)}`}
                >
                  {t('refunds.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Space>
        <Button onClick={paging.previous} disabled={!paging.hasPrevious}>
          {t('desk.previous')}
        </Button>
        <Typography.Text aria-live="polite">{t('desk.page', { n: paging.page })}</Typography.Text>
        <Button
          onClick={() => query.data?.next_cursor && paging.next(query.data.next_cursor)}
          disabled={!query.data?.next_cursor}
        >
          {t('desk.next')}
        </Button>
      </Space>
      {retrying ? (
        <DecisionDialog
          c={retrying}
          command="retry_refund"
          open
          onClose={() => setRetrying(null)}
        />
      ) : null}
    </Space>
  );
}
