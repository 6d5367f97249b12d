import { useTranslation } from 'react-i18next';

/** Money from integer minor units, in the reader's locale (e.g. US$12.50, US$12.50 in zh-CN). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    minor / 10 ** digits,
  );
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** A deadline as people say it: weekday, day, month and time (Fri, Dec 6, 5:00 PM; 12月6日周五 17:00). */
export function formatDeadline(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** Formatting bound to the current language. */
/** A code beside a name: full-width parentheses in Chinese text. */
const aside = (code: string, locale: string) =>
  locale.startsWith('zh') ? `（${code}）` : ` (${code})`;

/** A time zone in words ("Eastern Time", "中国时间"), with its IANA name when it has none. */
export function formatZone(timeZone: string, locale: string): string {
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return name ? `${name}${aside(timeZone, locale)}` : timeZone;
  } catch {
    return timeZone;
  }
}

/** A region in words ("United States", "美国"); a subdivision ("US-CA") keeps its code. */
export function formatRegion(region: string, locale: string): string {
  const [country = region, subdivision] = region.split('-');
  try {
    const name = new Intl.DisplayNames([locale], { type: 'region' }).of(country);
    return name ? (subdivision ? `${name}${aside(subdivision, locale)}` : name) : region;
  } catch {
    return region;
  }
}

/**
 * English as the reader's browser has it (en-GB: dates day first, en-AU, en-IN...), else en-US:
 * the UI's words are one English, its dates and numbers the reader's own.
 */
function englishLocale(): string {
  const own = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  const english = own.find((l) => /^en-/i.test(l));
  try {
    return english ? (Intl.getCanonicalLocales(english)[0] ?? 'en-US') : 'en-US';
  } catch {
    return 'en-US';
  }
}

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : englishLocale();
  return {
    locale,
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale),
    date: (iso: string | null | undefined) => formatDate(iso, locale),
    deadline: (iso: string) => formatDeadline(iso, locale),
    zone: (timeZone: string) => formatZone(timeZone, locale),
    region: (region: string) => formatRegion(region, locale),
  };
}
