import { CheckOutlined } from '@ant-design/icons';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { Alert, Badge, Button, Empty, Flex, List, Segmented, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas, unwrap } from '../api.ts';
import { casePath, caseRef, withCaseRefs } from '../caseRef.ts';
import { useFormat } from '../format.ts';
import { useMe } from '../session.tsx';
import { Countdown } from './Countdown.tsx';
import { PageHeader } from './PageHeader.tsx';

type Notification = Schemas['Notification'];
type Show = 'all' | 'unread';

/** The kinds of notification the server sends today; others show the server's own title. */
const KNOWN_KINDS = ['deadline_reminder', 'return_approved', 'label_ready'] as const;

/**
 * The bell's inbox, the same for every role: reminders before deadlines and news about cases,
 * newest first, with what is unread marked; opening one marks it read and goes to its case.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [show, setShow] = useState<Show>('all');

  useEffect(() => {
    document.title = `${t('inbox.title')} · Sendback`;
  }, [t]);

  const query = useInfiniteQuery({
    queryKey: ['notifications', show],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/notifications', {
          params: {
            query: {
              limit: 25,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(show === 'unread' ? { unread: 'true' as const } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const unread = query.data?.pages[0]?.unread_count ?? me.unread_notifications;

  const markRead = useMutation({
    mutationFn: (ids: string[] | 'all') =>
      unwrap(
        api.POST('/v1/notifications/read', {
          body: ids === 'all' ? { all: true } : { ids },
        }),
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['notifications'] });
      void client.invalidateQueries({ queryKey: ['me'] });
    },
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle')}
        actions={
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={markRead.isPending && markRead.variables === 'all'}
            onClick={() => markRead.mutate('all')}
          >
            {t('inbox.markAllRead')}
          </Button>
        }
      />
      <Flex wrap gap={12} align="center" justify="space-between">
        <Segmented<Show>
          aria-label={t('inbox.show')}
          value={show}
          onChange={setShow}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: t('inbox.unread', { count: unread }) },
          ]}
        />
        <Typography.Text aria-live="polite" data-testid="inbox-unread">
          {t('inbox.unreadCount', { count: unread })}
        </Typography.Text>
      </Flex>
      {me.unread_messages > 0 ? (
        <Alert type="info" showIcon title={t('inbox.messages', { count: me.unread_messages })} />
      ) : null}
      {query.error || markRead.error ? (
        <Alert
          type="error"
          showIcon
          title={t('inbox.failed')}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
        />
      ) : null}
      <List<Notification>
        data-testid="inbox"
        loading={query.isPending}
        dataSource={items}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={show === 'unread' ? t('inbox.emptyUnread') : t('inbox.empty')}
            />
          ),
        }}
        renderItem={(n) => (
          <InboxItem
            key={n.id}
            n={n}
            role={me.role}
            onRead={() => markRead.mutate([n.id])}
            marking={markRead.isPending && Array.isArray(markRead.variables)}
          />
        )}
      />
      {query.hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('inbox.more')}
          </Button>
        </Flex>
      ) : null}
    </Space>
  );
}

function InboxItem({
  n,
  role,
  onRead,
  marking,
}: {
  n: Notification;
  role: string;
  onRead: () => void;
  marking: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const unread = n.read_at === null;
  const known = (KNOWN_KINDS as readonly string[]).includes(n.kind);
  const ref = n.case_id ? caseRef(n.case_id) : '';
  const title = known ? t(`inbox.kind.${n.kind}`, { ref }) : withCaseRefs(n.title);
  const to = n.case_id ? casePath(role, n.case_id) : null;
  return (
    <List.Item
      data-testid="notification"
      data-unread={unread}
      data-case-id={n.case_id ?? undefined}
      style={{ background: unread ? '#f0f5ff' : undefined, paddingInline: 12 }}
      actions={
        unread
          ? [
              <Button key="read" size="small" onClick={onRead} disabled={marking}>
                {t('inbox.markRead')}
              </Button>,
            ]
          : []
      }
    >
      <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
        <Space size={8} wrap>
          {unread ? <Badge status="processing" text={t('inbox.new')} /> : null}
          {to ? (
            <Link
              to={to}
              onClick={(e) => {
                e.preventDefault();
                if (unread) onRead();
                navigate(to);
              }}
              style={{ fontWeight: unread ? 600 : 400 }}
            >
              {title}
            </Link>
          ) : (
            <Typography.Text strong={unread}>{title}</Typography.Text>
          )}
        </Space>
        {n.kind === 'deadline_reminder' && n.due_at ? (
          <Typography.Text>
            {t('inbox.due', { date: f.dateTime(n.due_at) })} · <Countdown dueAt={n.due_at} />
          </Typography.Text>
        ) : n.body ? (
          <Typography.Paragraph
            type="secondary"
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0, overflowWrap: 'anywhere' }}
          >
            {withCaseRefs(n.body)}
          </Typography.Paragraph>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {f.dateTime(n.created_at)}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

export default InboxPage;
