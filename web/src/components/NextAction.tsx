import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReturnCase } from '../api.ts';
import { useFormat } from '../format.ts';
import { Countdown } from './Countdown.tsx';

/** Who the case waits for, by when, and what happens if the deadline passes. */
export function NextAction({ c }: { c: Pick<ReturnCase, 'next_action'> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const next = c.next_action;
  if (!next) return null;
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('case.nextAction')}>
        {t(`action.${next.action}`, { defaultValue: next.action })} ({t(`roles.${next.actor}`)})
      </Descriptions.Item>
      <Descriptions.Item label={t('case.due')}>
        {next.due_at ? (
          <>
            {f.dateTime(next.due_at)} · <Countdown dueAt={next.due_at} />
          </>
        ) : (
          t('case.noDeadline')
        )}
      </Descriptions.Item>
      {next.on_expiry && next.due_at ? (
        <Descriptions.Item label={t('expiry.label')}>
          {t(`expiry.after.${next.action}`, {
            defaultValue: t(`expiry.${next.on_expiry}`, {
              defaultValue: t(`status.${next.on_expiry}`),
            }),
          })}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
