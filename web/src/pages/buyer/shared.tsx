import { useQuery } from '@tanstack/react-query';
import { Button, type ButtonProps } from 'antd';
import type { TFunction } from 'i18next';
import { type MouseEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../api.ts';
import { type Fault, REASONS } from '../../generated/domain.ts';

/** Who is at fault for a reason (DESIGN: the fault decides who pays return postage). */
export function faultOf(reason: string): Fault {
  return REASONS.find((r) => r.code === reason)?.fault ?? 'buyer';
}

/**
 * The value after it stopped changing for `ms`: previews and checks run once the typing pauses.
 * Values are compared by content (JSON), so a fresh object with the same fields is no change.
 */
export function useDebounced<T>(value: T, ms = 350): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}

/** The browser tab says where you are (screen readers announce it on navigation). */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  useEffect(() => {
    if (title) document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

/** Field problems of a problem+json answer, keyed by the field under `body` (`lines.0`, `reason`). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const field of error.problem.errors ?? []) {
    const path = field.path.replace(/^body\.?/, '');
    out[path] ??= field.message;
  }
  return out;
}

/** A sentence for a failed request, in the reader's language where the status says enough. */
export function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 412) return t('buyer:errors.stale');
    if (error.status === 409) return t('buyer:errors.conflict');
    if (error.status === 404) return t('buyer:errors.notFound');
    if (error.status === 429) return t('buyer:errors.rateLimited');
    if (error.status === 422 || error.status === 400) return t('buyer:errors.invalid');
    if (error.status >= 500) return t('buyer:errors.server');
    return error.message;
  }
  return t('buyer:errors.network');
}

/** Digits after the decimal point of a currency (2 for USD, 0 for JPY). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

/** A currency's symbol in the reader's locale, for money inputs. */
export function currencySymbol(currency: string, locale: string): string {
  return (
    new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency')?.value ?? currency
  );
}

/** A button that is a link: it opens in a new tab on middle-click and navigates in the app. */
export function LinkButton({ to, ...props }: ButtonProps & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(event: MouseEvent<HTMLElement>) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}

/** Seller texts that are Sendback's defaults are shown in the reader's language. */
const DEFAULT_TEXTS: Record<string, string> = {
  'The item is unused': 'checklist.unused',
  'All accessories are included': 'checklist.accessories',
  'Original packaging and tags are attached': 'checklist.packaging',
  'Personal data is wiped from devices': 'checklist.dataWiped',
  'Items must be unused, with all accessories, the original packaging and tags. Wipe any personal data from devices before sending them back.':
    'policy.defaultCondition',
};

export function useSellerText() {
  const { t } = useTranslation('buyer');
  return (text: string) => {
    const key = DEFAULT_TEXTS[text.trim()];
    return key ? t(key) : text;
  };
}

/** Every order of the buyer, to name the items of a return summary (which carries line ids only). */
export function useOrderIndex() {
  const orders = useQuery({
    queryKey: ['orders', 'index'],
    queryFn: () => unwrap(api.GET('/v1/orders', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
  const lines = new Map<string, { title: string; sku: string; orderRef: string }>();
  for (const order of orders.data?.data ?? []) {
    for (const line of order.lines) {
      lines.set(line.id, { title: line.title, sku: line.sku, orderRef: order.external_id });
    }
  }
  return { lines, orders: orders.data?.data ?? [] };
}
