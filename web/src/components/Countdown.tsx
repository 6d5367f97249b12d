import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverNow } from '../api.ts';

export function humanDuration(ms: number, t: TFunction): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${t('countdown.d', { n: days })} ${t('countdown.h', { n: hours })}`;
  if (hours > 0)
    return `${t('countdown.h', { n: hours })} ${t('countdown.m', { n: minutes % 60 })}`;
  return t('countdown.m', { n: minutes % 60 });
}

/** How pressing a deadline is: under 2 hours is urgent, under a day is soon. */
export function urgencyOf(msLeft: number): 'overdue' | 'urgent' | 'soon' | 'later' {
  if (msLeft < 0) return 'overdue';
  if (msLeft < 2 * 3600_000) return 'urgent';
  if (msLeft < 24 * 3600_000) return 'soon';
  return 'later';
}

/** Time left until a deadline, updated every 30 s; overdue deadlines say so in words. */
export function Countdown({ dueAt }: { dueAt: string | null | undefined }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!dueAt) return <Typography.Text type="secondary">{t('case.noDeadline')}</Typography.Text>;
  const left = new Date(dueAt).getTime() - now;
  const text = humanDuration(left, t);
  return left >= 0 ? (
    <Typography.Text
      type={
        urgencyOf(left) === 'urgent' ? 'danger' : urgencyOf(left) === 'soon' ? 'warning' : undefined
      }
      strong={urgencyOf(left) === 'urgent'}
      data-testid="countdown"
      data-urgency={urgencyOf(left)}
    >
      {t('countdown.left', { time: text })}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" strong data-testid="countdown" data-urgency="overdue">
      {t('countdown.overdue', { time: text })}
    </Typography.Text>
  );
}
