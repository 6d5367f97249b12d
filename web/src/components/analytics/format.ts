import { useMemo } from 'react';
import { useFormat } from '../../format.ts';
import { currencyDigits } from '../../money.ts';
import { useAnalyticsT } from './strings.ts';
import type { Granularity } from './types.ts';

/** The reader's formats: numbers, percentages, money, periods, durations. */
export function useFigureFormat() {
  const { t } = useAnalyticsT();
  const f = useFormat();
  return useMemo(() => {
    const percent = new Intl.NumberFormat(f.locale, {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    const count = new Intl.NumberFormat(f.locale);
    return {
      ...f,
      count: (n: number) => count.format(n),
      rate: (r: number | null | undefined) =>
        r === null || r === undefined ? t('none') : percent.format(r),
      /** Minor units in the currency's major unit, for chart axes. */
      major: (minor: number, currency: string) => minor / 10 ** currencyDigits(currency),
      period: (day: string, granularity: Granularity) =>
        new Intl.DateTimeFormat(f.locale, {
          timeZone: 'UTC',
          ...(granularity === 'month'
            ? { year: 'numeric', month: 'short' }
            : { month: 'short', day: 'numeric' }),
        }).format(new Date(`${day}T00:00:00Z`)),
      duration: (seconds: number | null | undefined) => {
        if (seconds === null || seconds === undefined) return t('none');
        const m = Math.round(seconds / 60);
        const d = Math.floor(m / 1440);
        const h = Math.floor((m % 1440) / 60);
        if (d > 0) return t('duration.days', { d, h });
        if (h > 0) return t('duration.hours', { h, m: m % 60 });
        return t('duration.minutes', { m });
      },
    };
  }, [f, t]);
}
