import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { analyticsEn } from '../../i18n/analytics.en.ts';
import { analyticsZh } from '../../i18n/analytics.zh-CN.ts';
import { addStrings } from '../../i18n/index.ts';

// The analytics strings, shared by the seller's dashboard and the agent's platform view.
addStrings('analytics', analyticsEn, analyticsZh);

export function useAnalyticsT() {
  return useTranslation(['analytics', 'common'], { nsMode: 'fallback' });
}

/** The browser tab's title for an analytics page. */
export function titleOf(t: TFunction, key: string): string {
  return `${t(key)} · Sendback`;
}
