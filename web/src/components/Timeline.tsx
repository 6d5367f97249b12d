import { useQuery } from '@tanstack/react-query';
import { Timeline as AntTimeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api.ts';
import { useFormat } from '../format.ts';
import { AttachmentThumbnails } from './Attachments.tsx';

/** The files an event cites (evidence, a deduction's photos), from its payload. */
export function eventAttachments(payload: Record<string, unknown>): string[] {
  const ids = payload['attachment_ids'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The case's events, oldest first, each with who did it and when. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const events = useQuery({
    queryKey: ['return', caseId, 'events'],
    queryFn: () => unwrap(api.GET('/v1/returns/{id}/events', { params: { path: { id: caseId } } })),
  });
  if (!events.data) return <Typography.Text>{t('common.loading')}</Typography.Text>;
  return (
    <AntTimeline
      data-testid="timeline"
      items={events.data.data.map((e) => {
        const to = typeof e.payload['to'] === 'string' ? (e.payload['to'] as string) : null;
        return {
          key: e.id,
          children: (
            <>
              <Typography.Text strong>
                {t(`event.${e.type.replace('return.', '')}`, {
                  defaultValue: to ? t(`status.${to}`) : e.type,
                })}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">
                · {t(`roles.${e.actor.role}`)} · {f.dateTime(e.at)}
              </Typography.Text>
              {typeof e.payload['note'] === 'string' && e.payload['note'] ? (
                <div>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {e.payload['note'] as string}
                  </Typography.Text>
                </div>
              ) : null}
              <AttachmentThumbnails ids={eventAttachments(e.payload)} />
            </>
          ),
        };
      })}
    />
  );
}
