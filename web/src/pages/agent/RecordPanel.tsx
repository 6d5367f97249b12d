import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  FileOutlined,
  FilePdfOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useMemo } from 'react';
import { api, type ReturnCase, type Schemas, unwrap } from '../../api.ts';
import { BundleLinks } from '../../components/BundleLinks.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format.ts';
import { refundFailureText } from '../../serverText.ts';
import { chainReason, eventLabel, useAgentT, visuallyHidden } from './util.ts';

type CaseRecord = Schemas['CaseRecord'];
type RecordEvent = CaseRecord['events'][number];
type RecordMessage = CaseRecord['messages'][number];
type RecordAttachment = CaseRecord['attachments'][number];
type ChainCheck = CaseRecord['verification']['events'];

/** The record shares the case's query key, so live updates and commands refresh it too. */
export function useCaseRecord(id: string) {
  return useQuery({
    queryKey: ['return', id, 'record'],
    queryFn: () => unwrap(api.GET('/v1/returns/{id}/record', { params: { path: { id } } })),
  });
}

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

function Hash({ value, label }: { value: string; label: string }) {
  return (
    <Typography.Text
      code
      style={{ fontSize: 12 }}
      title={value}
      copyable={{ text: value, tooltips: false }}
      aria-label={`${label} ${value}`}
    >
      {shortHash(value)}
    </Typography.Text>
  );
}

/** "Chain verified ✓ (n links)" or "BROKEN at #n: reason": said in words, with an icon too. */
export function ChainStatus({
  label,
  check,
  testId,
}: {
  label: string;
  check: ChainCheck;
  testId: string;
}) {
  const { t } = useAgentT();
  const text = check.ok
    ? check.checked
      ? t('record.verified', { count: check.checked })
      : t('record.verifiedEmpty')
    : t('record.broken', {
        seq: check.broken?.seq ?? '?',
        reason: chainReason(check.broken?.reason ?? '', t),
      });
  return (
    <Alert
      data-testid={testId}
      data-ok={check.ok}
      type={check.ok ? 'success' : 'error'}
      showIcon
      icon={check.ok ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
      title={
        <span>
          <strong>{label}</strong> {text}
        </span>
      }
      description={check.ok ? undefined : t('record.brokenHint')}
    />
  );
}

function linkState(seq: number, check: ChainCheck): 'ok' | 'broken' | 'after' {
  if (check.ok || !check.broken) return 'ok';
  if (seq < check.broken.seq) return 'ok';
  return seq === check.broken.seq ? 'broken' : 'after';
}

function LinkCell({ seq, check }: { seq: number; check: ChainCheck }) {
  const { t } = useAgentT();
  const state = linkState(seq, check);
  if (state === 'ok')
    return <Typography.Text type="success">✓ {t('record.linkOk')}</Typography.Text>;
  if (state === 'broken')
    return (
      <Typography.Text type="danger" strong data-testid="broken-link">
        {t('record.linkBroken')}
      </Typography.Text>
    );
  return <Typography.Text type="warning">{t('record.linkAfter')}</Typography.Text>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The fields of an event's payload an agent reads, labelled and in the reader's formats. */
function eventDetails(
  e: RecordEvent,
  currency: string,
  t: TFunction,
  f: ReturnType<typeof useFormat>,
): ReactNode[] {
  const p = e.payload;
  const out: ReactNode[] = [];
  const add = (key: string, label: string, value: ReactNode) =>
    out.push(
      <div key={key}>
        <Typography.Text type="secondary">{label}:</Typography.Text> {value}
      </div>,
    );
  const type = e.type.replace(/^return\./, '');
  const to = str(p['to']);
  // The new status only where the event's own words do not already say it ("Refunded Refunded").
  if (to && to !== type && !eventLabel(e.type, t).includes(t(`status.${to}`))) {
    add('to', t('field.to'), <StatusTag status={to} />);
  }
  const reason = str(p['reason']);
  if (reason) {
    const ns =
      type === 'rejected'
        ? 'rejectReason'
        : type === 'package_rejected'
          ? 'packageReason'
          : 'reason';
    add('reason', t('field.reason'), t(`${ns}.${reason}`, { defaultValue: reason }));
  }
  for (const [key, label] of [
    ['amount', 'field.amount'],
    ['deduction_amount', 'field.deduction'],
    ['shipping_cost', 'field.shippingCost'],
  ] as const) {
    const v = num(p[key]);
    if (v !== null && (key !== 'deduction_amount' || v > 0)) {
      add(key, t(label), f.money(v, str(p['currency']) ?? currency));
    }
  }
  const from = str(p['from']);
  if (from && type === 'evidence_requested') add('from', t('field.from'), t(`roles.${from}`));
  const party = str(p['party']);
  if (party) add('party', t('field.party'), t(`roles.${party}`));
  const destination = str(p['destination']);
  if (destination) {
    add('destination', t('field.destination'), t(`destination.${destination}`));
  }
  const carrier = str(p['carrier']);
  if (carrier) add('carrier', t('field.carrier'), carrier);
  const tracking = str(p['tracking_number']);
  if (tracking) add('tracking', t('field.tracking'), <code>{tracking}</code>);
  const status = str(p['status']);
  if (status) add('status', t('field.status'), status);
  const outcome = str(p['outcome']);
  if (outcome && t(`outcome.${outcome}`) !== (to ? t(`status.${to}`) : ''))
    add('outcome', t('field.outcome'), t(`outcome.${outcome}`, { defaultValue: outcome }));
  const due = str(p['due_at']);
  if (due) add('due', t('field.due'), f.dateTime(due));
  const error = str(p['error']);
  if (error)
    add(
      'error',
      t('field.error'),
      <Typography.Text type="danger" title={error}>
        {refundFailureText(error, t)}
      </Typography.Text>,
    );
  const ids = Array.isArray(p['attachment_ids']) ? (p['attachment_ids'] as unknown[]) : [];
  if (ids.length)
    add('att', t('field.attachments'), t('record.attachments', { count: ids.length }));
  const text = str(p['note']) ?? str(p['description']);
  if (text) {
    out.push(
      <div key="note" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        “{text}”
      </div>,
    );
  }
  return out;
}

function EventsTable({ record, currency }: { record: CaseRecord; currency: string }) {
  const { t } = useAgentT();
  const f = useFormat();
  const check = record.verification.events;
  return (
    <Table<RecordEvent>
      data-testid="record-events"
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={record.events}
      scroll={{ x: 760 }}
      locale={{ emptyText: t('record.noEvents') }}
      onRow={(e) => ({
        'data-seq': e.seq,
        style: linkState(e.seq, check) === 'broken' ? { background: '#fff1f0' } : undefined,
      })}
      expandable={{
        expandedRowRender: (e) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <div>
              <Typography.Text type="secondary">{t('record.prevHash')}:</Typography.Text>{' '}
              <code style={{ wordBreak: 'break-all' }}>{e.prev_hash}</code>
            </div>
            <div>
              <Typography.Text type="secondary">{t('record.hash')}:</Typography.Text>{' '}
              <code style={{ wordBreak: 'break-all' }}>{e.hash}</code>
            </div>
            <div>
              <Typography.Text type="secondary">{t('record.payload')}:</Typography.Text>
              <pre
                style={{
                  margin: 0,
                  fontSize: 12,
                  whiteSpace: 'pre-wrap',
                  overflowWrap: 'anywhere',
                  background: '#f6f6f6',
                  padding: 8,
                }}
              >
                {JSON.stringify(e.payload, null, 2)}
              </pre>
            </div>
          </Space>
        ),
        expandRowByClick: false,
      }}
      columns={[
        { key: 'seq', title: t('record.seq'), dataIndex: 'seq', width: 48 },
        {
          key: 'at',
          title: t('record.time'),
          width: 150,
          render: (_, e) => f.dateTime(e.at),
        },
        {
          key: 'actor',
          title: t('record.actor'),
          width: 120,
          render: (_, e) => (
            <Space orientation="vertical" size={0}>
              <span>{t(`roles.${e.actor.role}`, { defaultValue: e.actor.role })}</span>
              {e.actor.role !== 'system' ? (
                <Typography.Text type="secondary" style={{ fontSize: 11 }} title={e.actor.id}>
                  …{e.actor.id.slice(-8)}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          key: 'what',
          title: t('record.event'),
          render: (_, e) => (
            <Space orientation="vertical" size={2}>
              <Typography.Text strong data-testid="event-type">
                {eventLabel(e.type, t)}
              </Typography.Text>
              {eventDetails(e, currency, t, f)}
            </Space>
          ),
        },
        {
          key: 'hash',
          title: t('record.hash'),
          width: 170,
          render: (_, e) => <Hash value={e.hash} label={t('record.hash')} />,
        },
        // Which links hold is only worth a column when one does not.
        ...(check.ok
          ? []
          : [
              {
                key: 'link',
                title: t('record.link'),
                width: 130,
                render: (_: unknown, e: RecordEvent) => <LinkCell seq={e.seq} check={check} />,
              },
            ]),
      ]}
    />
  );
}

function MessagesList({ record }: { record: CaseRecord }) {
  const { t, i18n } = useAgentT();
  const f = useFormat();
  const check = record.verification.messages;
  const events = new Map(record.events.map((e) => [e.id, e]));
  // System lines are stored (and hashed) in English; other readers also get them in their language.
  const translate = i18n.language !== 'en';
  if (!record.messages.length) return <Empty description={t('record.noMessages')} />;
  return (
    <ol data-testid="record-messages" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {record.messages.map((m: RecordMessage) => {
        const state = linkState(m.seq, check);
        const event = m.kind === 'system' && m.event_id ? events.get(m.event_id) : undefined;
        return (
          <li
            key={m.id}
            data-kind={m.kind}
            style={{
              borderBottom: '1px solid #eee',
              padding: '8px 4px',
              background: state === 'broken' ? '#fff1f0' : undefined,
            }}
          >
            <Space wrap size={8}>
              <Typography.Text type="secondary">#{m.seq}</Typography.Text>
              <Typography.Text strong={m.kind === 'message'} italic={m.kind === 'system'}>
                {m.kind === 'system' ? t('record.systemLine') : t(`roles.${m.author.role}`)}
              </Typography.Text>
              <Typography.Text type="secondary">{f.dateTime(m.created_at)}</Typography.Text>
              <Hash value={m.hash} label={t('record.hash')} />
              {state !== 'ok' ? <LinkCell seq={m.seq} check={check} /> : null}
            </Space>
            {translate && event ? (
              <div>
                {eventLabel(event.type, t)} · {t(`roles.${event.actor.role}`)}
              </div>
            ) : null}
            <div
              lang={m.kind === 'system' ? 'en' : undefined}
              style={{
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
                color: m.kind === 'system' ? '#555' : undefined,
                fontStyle: m.kind === 'system' ? 'italic' : undefined,
              }}
              data-testid="record-message-body"
            >
              {m.body}
            </div>
            {m.attachment_ids.length ? (
              <Space wrap size={4}>
                {m.attachment_ids.map((id) => (
                  <a
                    key={id}
                    href={`/v1/attachments/${id}/content`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {id}
                  </a>
                ))}
              </Space>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** Where each attachment is cited, and who uploaded it (by matching ids in the record). */
function useEvidenceIndex(record: CaseRecord, c: ReturnCase, t: TFunction) {
  return useMemo(() => {
    const roles = new Map<string, string>();
    for (const e of record.events) roles.set(e.actor.id, e.actor.role);
    for (const m of record.messages) roles.set(m.author.id, m.author.role);
    const cited = new Map<string, string[]>();
    const cite = (ids: readonly unknown[] | undefined, where: string) => {
      for (const id of ids ?? []) {
        if (typeof id !== 'string') continue;
        cited.set(id, [...(cited.get(id) ?? []), where]);
      }
    };
    cite(c.attachment_ids, t('record.citedCase'));
    for (const e of record.events) {
      const ids = e.payload['attachment_ids'];
      if (Array.isArray(ids)) {
        cite(ids, t('record.citedEvent', { seq: e.seq, what: eventLabel(e.type, t) }));
      }
    }
    for (const m of record.messages)
      cite(m.attachment_ids, t('record.citedMessage', { seq: m.seq }));
    return { roles, cited };
  }, [record, c.attachment_ids, t]);
}

function kindOf(a: RecordAttachment): 'image' | 'video' | 'pdf' | 'other' {
  if (a.mime_type.startsWith('image/')) return 'image';
  if (a.mime_type.startsWith('video/')) return 'video';
  if (a.mime_type === 'application/pdf') return 'pdf';
  return 'other';
}

function formatSize(bytes: number, locale: string): string {
  const unit = bytes >= 1_048_576 ? 'megabyte' : bytes >= 1024 ? 'kilobyte' : 'byte';
  const value =
    unit === 'megabyte' ? bytes / 1_048_576 : unit === 'kilobyte' ? bytes / 1024 : bytes;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    maximumFractionDigits: 1,
  }).format(value);
}

function EvidenceGrid({ record, c }: { record: CaseRecord; c: ReturnCase }) {
  const { t } = useAgentT();
  const f = useFormat();
  const { roles, cited } = useEvidenceIndex(record, c, t);
  if (!record.attachments.length) return <Empty description={t('record.noEvidence')} />;
  return (
    <Row gutter={[12, 12]} data-testid="record-evidence">
      {record.attachments.map((a) => {
        const kind = kindOf(a);
        const role = roles.get(a.uploaded_by);
        const who = role ? t(`party.${role}`, { defaultValue: role }) : t('record.unknownUploader');
        const href = `/v1/attachments/${a.id}/content`;
        const name = a.file_name || a.id;
        return (
          <Col key={a.id} xs={24} sm={12} xl={8}>
            <Card size="small" data-testid="evidence-item" style={{ height: '100%' }}>
              <a
                href={href}
                target="_blank"
                rel="noreferrer"
                aria-label={t('record.download', { name })}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  height: 150,
                  background: '#f5f5f5',
                  marginBottom: 8,
                }}
              >
                {kind === 'image' ? (
                  <img
                    src={href}
                    alt={t('record.imageAlt', { name, who })}
                    loading="lazy"
                    style={{ maxWidth: '100%', maxHeight: 150, objectFit: 'contain' }}
                  />
                ) : kind === 'video' ? (
                  <VideoCameraOutlined style={{ fontSize: 40 }} aria-hidden />
                ) : kind === 'pdf' ? (
                  <FilePdfOutlined style={{ fontSize: 40 }} aria-hidden />
                ) : (
                  <FileOutlined style={{ fontSize: 40 }} aria-hidden />
                )}
              </a>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag>{t(`record.kind.${kind}`)}</Tag>
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    {name}
                  </Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('record.uploadedBy', { who })} · {f.dateTime(a.created_at)} ·{' '}
                  {formatSize(a.size_bytes, f.locale)}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 12 }}>
                  {t('record.citedIn')}: {(cited.get(a.id) ?? ['—']).join('; ')}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('record.sha')}: <Hash value={a.sha256} label={t('record.sha')} />
                </Typography.Text>
              </Space>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

const TRACKING_EVENTS = new Set([
  'return.shipped',
  'return.tracking_updated',
  'return.parcel_lost',
  'return.parcel_delivered',
  'return.received',
  'return.receiving_extended',
  'return.package_accepted',
  'return.package_rejected',
]);

function TrackingPane({ record, c }: { record: CaseRecord; c: ReturnCase }) {
  const { t } = useAgentT();
  const f = useFormat();
  const s = c.shipment;
  if (!s) return <Empty description={t('record.noShipment')} />;
  const history = record.events.filter((e) => TRACKING_EVENTS.has(e.type));
  return (
    <Row gutter={[16, 16]} data-testid="record-tracking">
      <Col xs={24} lg={12}>
        <Descriptions
          size="small"
          column={1}
          bordered
          title={t('record.shipment')}
          items={[
            { key: 'carrier', label: t('case.carrier'), children: s.carrier },
            {
              key: 'tracking',
              label: t('case.tracking'),
              children: (
                <Typography.Text code copyable>
                  {s.tracking_number}
                </Typography.Text>
              ),
            },
            { key: 'shipped', label: t('record.shippedAt'), children: f.dateTime(s.shipped_at) },
            {
              key: 'cost',
              label: t('record.shippingCost'),
              children: s.shipping_cost === null ? '—' : f.money(s.shipping_cost, c.currency),
            },
            { key: 'scan', label: t('record.lastScan'), children: f.dateTime(s.last_tracking_at) },
            {
              key: 'delivered',
              label: t('status.delivered'),
              children: f.dateTime(s.delivered_at),
            },
            { key: 'received', label: t('record.received'), children: f.dateTime(c.received_at) },
            {
              key: 'lost',
              label: t('record.lost'),
              children: s.lost ? (
                <Typography.Text type="danger" strong>
                  {t('common.yes')}
                </Typography.Text>
              ) : (
                t('common.no')
              ),
            },
          ]}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('record.trackingEvents')}
        </Typography.Title>
        {history.length ? (
          <Timeline
            items={history.map((e) => ({
              key: e.id,
              content: (
                <>
                  <Typography.Text strong>{eventLabel(e.type, t)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    · {t(`roles.${e.actor.role}`)} · {f.dateTime(e.at)}
                  </Typography.Text>
                  {str(e.payload['status']) ? (
                    <div>{t('record.scanStatus', { status: str(e.payload['status']) })}</div>
                  ) : null}
                </>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('record.noTrackingEvents')}</Typography.Text>
        )}
      </Col>
    </Row>
  );
}

/**
 * The case's whole record as stored: events, the order's thread, evidence and tracking, with both
 * hash chains re-verified by the server on every load and the verdict said in words.
 */
export function RecordPanel({ c }: { c: ReturnCase }) {
  const { t } = useAgentT();
  const f = useFormat();
  const client = useQueryClient();
  const record = useCaseRecord(c.id);
  const lastSeq = record.data?.messages.at(-1)?.seq ?? 0;

  // A new message in the order's thread (seen by the thread's own query, which live updates
  // refresh) means the record has a new link: fetch it again.
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'success') return;
        const key = event.query.queryKey;
        if (key[0] !== 'messages' || key[1] !== c.order_id) return;
        const data = event.query.state.data as { data?: { seq: number }[] } | undefined;
        if ((data?.data?.at(-1)?.seq ?? 0) > lastSeq) {
          void client.invalidateQueries({ queryKey: ['return', c.id, 'record'] });
        }
      }),
    [client, c.id, c.order_id, lastSeq],
  );

  return (
    <Card
      data-testid="record"
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 18 }}>
          {t('record.title')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <a href={`/v1/returns/${c.id}/record.html`} target="_blank" rel="noreferrer">
            {t('record.transcript')}
            <span style={visuallyHidden}> {t('record.transcriptHint')}</span>
          </a>
          <BundleLinks caseId={c.id} />
          <Button size="small" onClick={() => void record.refetch()} loading={record.isFetching}>
            {t('record.recheck')}
          </Button>
        </Space>
      }
    >
      {record.error ? (
        <Alert
          type="error"
          showIcon
          title={t('desk.loadError', { message: record.error.message })}
        />
      ) : !record.data ? (
        <Typography.Text>{t('common.loading')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('record.intro')}{' '}
            {t('record.generated', { date: f.dateTime(record.data.generated_at) })}
          </Typography.Paragraph>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12}>
              <ChainStatus
                label={t('record.eventsChain')}
                check={record.data.verification.events}
                testId="chain-events"
              />
            </Col>
            <Col xs={24} md={12}>
              <ChainStatus
                label={t('record.messagesChain')}
                check={record.data.verification.messages}
                testId="chain-messages"
              />
            </Col>
          </Row>
          <Tabs
            items={[
              {
                key: 'events',
                label: t('record.tabs.events', { count: record.data.events.length }),
                children: <EventsTable record={record.data} currency={c.currency} />,
              },
              {
                key: 'messages',
                label: t('record.tabs.messages', { count: record.data.messages.length }),
                children: <MessagesList record={record.data} />,
              },
              {
                key: 'evidence',
                label: t('record.tabs.evidence', { count: record.data.attachments.length }),
                children: <EvidenceGrid record={record.data} c={c} />,
              },
              {
                key: 'tracking',
                label: t('record.tabs.tracking'),
                children: <TrackingPane record={record.data} c={c} />,
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
