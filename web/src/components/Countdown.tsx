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

export type Urgency = 'overdue' | 'urgent' | 'soon' | 'later';

/** How pressing a deadline is: past, within 2 hours, within a day, or later. */
export function urgency(leftMs: number): Urgency {
  if (leftMs < 0) return 'overdue';
  if (leftMs < 2 * 3600_000) return 'urgent';
  if (leftMs < 24 * 3600_000) return 'soon';
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
  const level = urgency(left);
  return left >= 0 ? (
    <Typography.Text
      type={level === 'urgent' ? 'danger' : level === 'soon' ? 'warning' : undefined}
      strong={level === 'urgent'}
      data-testid="countdown"
      data-urgency={level}
    >
      {level === 'urgent' ? '⚠ ' : ''}
      {t('countdown.left', { time: text })}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger" strong data-testid="countdown" data-urgency={level}>
      {t('countdown.overdue', { time: text })}
    </Typography.Text>
  );
}

/** The same levels under the name the buyer's pages use. */
export const urgencyOf = urgency;
