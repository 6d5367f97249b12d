import {
  CloseOutlined,
  FileOutlined,
  FilePdfOutlined,
  PaperClipOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Progress, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, csrfHeaders, type Schemas, unwrap } from '../api.ts';

type Attachment = Schemas['Attachment'];

const THUMB = 72;
const ACCEPT = 'image/jpeg,image/png,image/webp,video/mp4,application/pdf';

interface Pending {
  uid: string;
  name: string;
  percent: number;
  preview: string | null;
}

/** An upload refusal in the reader's language, from the answer's status and code. */
export function uploadRefusalText(
  status: number,
  problem: { code?: string; detail?: string },
  t: TFunction,
): string {
  if (status === 0) return t('upload.refused.network');
  if (status === 415 || problem.code === 'unsupported_media_type')
    return t('upload.refused.unsupported');
  if (status === 413 || problem.code === 'payload_too_large') {
    const bytes = Number(/(\d+) bytes/.exec(problem.detail ?? '')?.[1]);
    return bytes
      ? t('upload.refused.tooLarge', { size: `${Math.round(bytes / 1024 / 1024)} MB` })
      : t('upload.refused.tooLargeNoSize');
  }
  if (status === 422 || status === 400) return t('upload.refused.unreadable');
  if (status === 429) return t('upload.refused.rateLimited');
  return t('upload.refused.other');
}

/** POST /v1/attachments with upload progress (fetch cannot report it; XMLHttpRequest can). */
function send(
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/attachments');
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: {} });
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/**
 * Uploads evidence (the server decides the kind from the bytes) and keeps the returned ids. Each
 * file shows as a thumbnail while it uploads (with its progress) and after, with a button to take
 * it out again before the form is sent.
 */
export function AttachmentUpload({
  value,
  onChange,
  thumbnails = false,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  /** Pictures with a remove button (the buyer's forms); otherwise a list of links. */
  thumbnails?: boolean;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const input = useRef<HTMLInputElement>(null);
  // The latest ids, for uploads that finish after others were added or removed.
  const latest = useRef(value);
  latest.current = value;

  const upload = async (file: File) => {
    const uid = crypto.randomUUID();
    const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    setPending((list) => [...list, { uid, name: file.name, percent: 0, preview }]);
    const { status, body } = await send(file, (percent) =>
      setPending((list) => list.map((p) => (p.uid === uid ? { ...p, percent } : p))),
    );
    setPending((list) => list.filter((p) => p.uid !== uid));
    if (preview) URL.revokeObjectURL(preview);
    if (status >= 200 && status < 300 && typeof body['id'] === 'string') {
      onChange([...latest.current, body['id']]);
    } else {
      setError(`${file.name}: ${uploadRefusalText(status, body, t)}`);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        style={{ display: 'none' }}
        data-testid="attachment-input"
        onChange={(event) => {
          setError(null);
          for (const file of Array.from(event.target.files ?? [])) void upload(file);
          event.target.value = '';
        }}
      />
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()}>
        {t('upload.button')}
      </Button>
      <Typography.Text type="secondary">{t('upload.hint')}</Typography.Text>
      {value.length || pending.length ? (
        <Flex wrap gap={8} data-testid="attachment-thumbnails">
          {thumbnails ? (
            value.map((id, i) => (
              <Thumbnail
                key={id}
                id={id}
                n={i + 1}
                onRemove={() => onChange(latest.current.filter((x) => x !== id))}
              />
            ))
          ) : (
            <AttachmentList ids={value} />
          )}
          {pending.map((p) => (
            <div
              key={p.uid}
              data-testid="attachment-uploading"
              role="status"
              aria-label={t('upload.uploading', { name: p.name })}
              style={frame}
            >
              {p.preview ? (
                <img src={p.preview} alt="" style={{ ...image, opacity: 0.5 }} />
              ) : (
                <FileOutlined style={{ fontSize: 24 }} />
              )}
              <Progress
                type="circle"
                percent={p.percent}
                size={36}
                style={{
                  position: 'absolute',
                  background: 'rgba(255,255,255,0.8)',
                  borderRadius: 18,
                }}
              />
            </div>
          ))}
        </Flex>
      ) : null}
      {error ? (
        <Typography.Text type="danger" role="alert" data-testid="upload-error">
          {`${t('upload.failed')}: ${error}`}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

const frame = {
  position: 'relative',
  width: THUMB,
  height: THUMB,
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  overflow: 'hidden',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: '#fafafa',
} as const;
const image = { width: '100%', height: '100%', objectFit: 'cover' } as const;

function useAttachment(id: string) {
  return useQuery({
    queryKey: ['attachment', id],
    queryFn: () => unwrap(api.GET('/v1/attachments/{id}', { params: { path: { id } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** An attachment's metadata, the name to show it by (its file's, else "file n") and its URL. */
function useNamedAttachment(id: string, n: number) {
  const { t } = useTranslation();
  const meta = useAttachment(id);
  const name = meta.data?.file_name ?? t('upload.file', { n });
  return { meta, name, url: `/v1/attachments/${id}/content` };
}

/** One attachment as a small picture (images) or an icon with its name (videos, PDFs). */
function Thumbnail({ id, n, onRemove }: { id: string; n: number; onRemove?: () => void }) {
  const { t } = useTranslation();
  const { meta, name, url } = useNamedAttachment(id, n);
  return (
    <div style={frame} data-testid="attachment-thumbnail">
      <a
        href={url}
        target="_blank"
        rel="noreferrer"
        aria-label={t('upload.open', { name })}
        title={name}
        style={{ ...image, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
      >
        <Preview meta={meta.data} url={url} />
      </a>
      {onRemove ? (
        <Button
          size="small"
          shape="circle"
          icon={<CloseOutlined />}
          aria-label={t('upload.remove', { name })}
          onClick={onRemove}
          data-testid="attachment-remove"
          style={{ position: 'absolute', top: 2, right: 2 }}
        />
      ) : null}
    </div>
  );
}

function Preview({ meta, url }: { meta: Attachment | undefined; url: string }) {
  // Keyed by the url, so another file starts unbroken.
  const [broken, setBroken] = useState<string | null>(null);
  if (meta?.kind === 'image' && broken !== url) {
    return <img src={url} alt="" style={image} onError={() => setBroken(url)} />;
  }
  const Icon =
    meta?.kind === 'pdf'
      ? FilePdfOutlined
      : meta?.kind === 'video'
        ? VideoCameraOutlined
        : FileOutlined;
  return <Icon style={{ fontSize: 26, color: 'rgba(0,0,0,0.6)' }} />;
}

/** Attachments of a case or message as thumbnails that open the file. */
export function AttachmentThumbnails({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Flex wrap gap={8} data-testid="attachment-thumbnails">
      {ids.map((id, i) => (
        <Thumbnail key={id} id={id} n={i + 1} />
      ))}
    </Flex>
  );
}

/** Attachments as links named by their files (consoles that list many). */
export function AttachmentList({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Space wrap>
      {ids.map((id, i) => (
        <AttachmentLink key={id} id={id} n={i + 1} />
      ))}
    </Space>
  );
}

function AttachmentLink({ id, n }: { id: string; n: number }) {
  const { name, url } = useNamedAttachment(id, n);
  return (
    <a href={url} target="_blank" rel="noreferrer">
      <PaperClipOutlined /> {name}
    </a>
  );
}
