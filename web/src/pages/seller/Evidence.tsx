import { FilePdfOutlined, PaperClipOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Image, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ReturnCase, unwrap } from '../../api.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { useFormat } from '../../format.ts';

const THUMB = 88;
const contentUrl = (id: string) => `/v1/attachments/${id}/content`;

/**
 * Evidence as a seller looks at it: photos as thumbnails that open large (keyboard too), videos
 * and PDFs as downloads. The server decides each file's kind from its bytes.
 */
export function EvidenceGallery({ ids, label }: { ids: string[]; label: string }) {
  const { t } = useTranslation('seller');
  const [preview, setPreview] = useState<{ open: boolean; current: number }>({
    open: false,
    current: 0,
  });
  const metas = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['attachment', id],
      queryFn: () =>
        unwrap(api.GET('/v1/attachments/{id}', { params: { path: { id } } })).catch(() => null),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  if (!ids.length) return null;
  const images = ids.filter((_, i) => {
    const meta = metas[i]?.data;
    return meta ? meta.kind === 'image' : false;
  });
  return (
    <>
      <ul aria-label={label} style={LIST}>
        {ids.map((id, i) => {
          const meta = metas[i]?.data;
          const name = meta?.file_name || id.slice(-8);
          if (meta?.kind === 'image') {
            const index = images.indexOf(id);
            return (
              <li key={id}>
                <button
                  type="button"
                  onClick={() => setPreview({ open: true, current: index })}
                  aria-label={t('evidence.openPhoto', { n: index + 1, name })}
                  style={{
                    padding: 0,
                    border: '1px solid #d9d9d9',
                    borderRadius: 6,
                    background: '#fafafa',
                    cursor: 'zoom-in',
                    width: THUMB,
                    height: THUMB,
                    overflow: 'hidden',
                  }}
                >
                  <img
                    src={contentUrl(id)}
                    alt=""
                    width={THUMB}
                    height={THUMB}
                    style={{ objectFit: 'cover', display: 'block' }}
                  />
                </button>
              </li>
            );
          }
          const icon =
            meta?.kind === 'video' ? (
              <VideoCameraOutlined />
            ) : meta?.kind === 'pdf' ? (
              <FilePdfOutlined />
            ) : (
              <PaperClipOutlined />
            );
          return (
            <li key={id}>
              <Typography.Link href={contentUrl(id)} download={name}>
                {icon} {name}
              </Typography.Link>
            </li>
          );
        })}
      </ul>
      {images.length ? (
        <Image.PreviewGroup
          items={images.map(contentUrl)}
          preview={{
            open: preview.open,
            current: preview.current,
            onOpenChange: (open) => setPreview((p) => ({ ...p, open })),
            onChange: (current) => setPreview((p) => ({ ...p, current })),
          }}
        />
      ) : null}
    </>
  );
}

const TITLE: React.CSSProperties = { fontSize: 15, marginTop: 0 };
const LIST: React.CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: 8,
  listStyle: 'none',
  padding: 0,
  margin: 0,
};

/** Everything either side has put forward: the request, rejections, the dispute, the ruling. */
export function EvidenceCard({ c }: { c: ReturnCase }) {
  const { t } = useTranslation('seller');
  const f = useFormat();
  const sections: React.ReactNode[] = [];

  sections.push(
    <section key="buyer" aria-labelledby="ev-buyer">
      <Typography.Title level={4} id="ev-buyer" style={TITLE}>
        {t('evidence.fromBuyer')}
      </Typography.Title>
      <Typography.Paragraph
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 8 }}
      >
        {c.description}
      </Typography.Paragraph>
      {c.attachment_ids.length ? (
        <EvidenceGallery ids={c.attachment_ids} label={t('evidence.fromBuyer')} />
      ) : (
        <Typography.Text type="secondary">{t('evidence.noFiles')}</Typography.Text>
      )}
    </section>,
  );

  if (c.rejection) {
    sections.push(
      <section key="rejection" aria-labelledby="ev-rejection">
        <Typography.Title level={4} id="ev-rejection" style={TITLE}>
          {t('evidence.rejection')}
        </Typography.Title>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('evidence.reason')}>
            {t(`common:rejectReason.${c.rejection.reason}`, { defaultValue: c.rejection.reason })}
          </Descriptions.Item>
          <Descriptions.Item label={t('evidence.at')}>
            {f.dateTime(c.rejection.at)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {c.rejection.note}
        </Typography.Paragraph>
        <EvidenceGallery ids={c.rejection.attachment_ids} label={t('evidence.rejection')} />
      </section>,
    );
  }

  if (c.package_rejection) {
    sections.push(
      <section key="package" aria-labelledby="ev-package">
        <Typography.Title level={4} id="ev-package" style={TITLE}>
          {t('evidence.packageRejection')}
        </Typography.Title>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('evidence.reason')}>
            {t(`common:packageReason.${c.package_rejection.reason}`, {
              defaultValue: c.package_rejection.reason,
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('evidence.at')}>
            {f.dateTime(c.package_rejection.at)}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {c.package_rejection.note}
        </Typography.Paragraph>
        <EvidenceGallery
          ids={c.package_rejection.attachment_ids}
          label={t('evidence.packageRejection')}
        />
      </section>,
    );
  }

  if (c.dispute) {
    sections.push(
      <section key="dispute" aria-labelledby="ev-dispute">
        <Typography.Title level={4} id="ev-dispute" style={TITLE}>
          {t('evidence.dispute')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('evidence.disputeOpened', {
            at: f.dateTime(c.dispute.opened_at),
            from: t(`common:status.${c.dispute.opened_from}`, {
              defaultValue: c.dispute.opened_from,
            }),
          })}
        </Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {c.dispute.note}
        </Typography.Paragraph>
      </section>,
    );
  }

  if (c.evidence_request) {
    const forMe = c.evidence_request.from === 'seller';
    sections.push(
      <section key="request" aria-labelledby="ev-request">
        <Typography.Title level={4} id="ev-request" style={TITLE}>
          {forMe ? t('evidence.requestForYou') : t('evidence.requestForBuyer')}
        </Typography.Title>
        <Space wrap>
          <Typography.Text>{f.dateTime(c.evidence_request.due_at)}</Typography.Text>
          <Countdown dueAt={c.evidence_request.due_at} />
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {c.evidence_request.note}
        </Typography.Paragraph>
      </section>,
    );
  }

  if (c.ruling) {
    sections.push(
      <section key="ruling" aria-labelledby="ev-ruling">
        <Typography.Title level={4} id="ev-ruling" style={TITLE}>
          {c.ruling.for === 'seller' ? t('evidence.ruledForYou') : t('evidence.ruledForBuyer')}
        </Typography.Title>
        {c.ruling.amount !== null ? (
          <Typography.Text strong>{f.money(c.ruling.amount, c.currency)}</Typography.Text>
        ) : null}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {c.ruling.note}
        </Typography.Paragraph>
      </section>,
    );
  }

  return (
    <Card size="small" title={t('evidence.title')} data-testid="evidence">
      {sections.length ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {sections}
        </Space>
      ) : (
        <Empty description={t('evidence.noFiles')} />
      )}
    </Card>
  );
}
