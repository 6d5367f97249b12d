import { useQuery } from '@tanstack/react-query';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api.ts';
import { AttachmentThumbnails } from '../../components/Attachments.tsx';
import { eventAttachments } from '../../components/Timeline.tsx';
import { useFormat } from '../../format.ts';

/**
 * The case's events, oldest first, written to the buyer: "You asked the platform to decide", "The
 * seller approved your return". An event without words of its own says who did something, never
 * a state's internal name.
 */
export function BuyerTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation('buyer');
  const f = useFormat();
  const events = useQuery({
    queryKey: ['return', caseId, 'events'],
    queryFn: () => unwrap(api.GET('/v1/returns/{id}/events', { params: { path: { id: caseId } } })),
  });
  if (!events.data) return <Typography.Text>{t('common:common.loading')}</Typography.Text>;
  return (
    <Timeline
      data-testid="timeline"
      items={events.data.data.map((e) => {
        const type = e.type.replace('return.', '');
        const who = t(`timeline.actor.${e.actor.role}`, {
          defaultValue: t('timeline.actor.system'),
        });
        const note = typeof e.payload['note'] === 'string' ? (e.payload['note'] as string) : '';
        return {
          key: e.id,
          content: (
            <>
              <Typography.Text strong>
                {t(`timeline.event.${type}`, { defaultValue: t('timeline.other', { who }) })}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">{f.dateTime(e.at)}</Typography.Text>
              </div>
              {note ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {note}
                </Typography.Paragraph>
              ) : null}
              <AttachmentThumbnails ids={eventAttachments(e.payload)} />
            </>
          ),
        };
      })}
    />
  );
}
