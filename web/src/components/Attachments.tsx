import { Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, csrfHeaders } from '../api.ts';
import { uploadRefusalText } from '../serverText.ts';

/** Uploads evidence (the server decides the kind from the bytes) and keeps the returned ids. */
export function AttachmentUpload({
  value,
  onChange,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <Space direction="vertical">
      <Upload
        accept="image/jpeg,image/png,image/webp,video/mp4,application/pdf"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          setError(null);
          const form = new FormData();
          form.append('file', file as Blob);
          const res = await fetch('/v1/attachments', {
            method: 'POST',
            body: form,
            credentials: 'same-origin',
            headers: csrfHeaders(),
          });
          const body = await res.json().catch(() => ({}));
          if (!res.ok) {
            const err = new ApiError(res.status, body);
            setError(uploadRefusalText(err, t));
            onError?.(err);
            return;
          }
          onChange([...value, body.id]);
          onSuccess?.(body);
        }}
      >
        <Button>{t('upload.button')}</Button>
      </Upload>
      <Typography.Text type="secondary">{t('upload.hint')}</Typography.Text>
      {value.length ? <AttachmentList ids={value} /> : null}
      {error ? (
        <Typography.Text type="danger">{`${t('upload.failed')}: ${error}`}</Typography.Text>
      ) : null}
    </Space>
  );
}

export function AttachmentList({ ids }: { ids: string[] }) {
  if (!ids.length) return null;
  return (
    <Space wrap>
      {ids.map((id) => (
        <a key={id} href={`/v1/attachments/${id}/content`} target="_blank" rel="noreferrer">
          {id.slice(0, 12)}…
        </a>
      ))}
    </Space>
  );
}
