import type { TFunction } from 'i18next';
import { type CSSProperties, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, serverNow } from '../../api.ts';

/** How many minor units a currency has (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** A typed amount in major units (12.5) as integer minor units (1250): never a float on the wire. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** The current time, ticking every `everyMs`, for "waiting for 3 d 2 h" labels. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Cursor paging for list endpoints: the cursors of the pages seen so far, so "previous" works
 * without the API going backwards. Changing `resetKey` (the filters) starts again at page 1.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({
    key: resetKey,
    stack: [undefined],
  });
  const stack = state.key === resetKey ? state.stack : [undefined];
  const cursor = stack.at(-1);
  const next = useCallback(
    (nextCursor: string) =>
      setState((s) => ({
        key: resetKey,
        stack: [...(s.key === resetKey ? s.stack : [undefined]), nextCursor],
      })),
    [resetKey],
  );
  const previous = useCallback(
    () =>
      setState((s) => ({
        key: resetKey,
        stack: s.key === resetKey && s.stack.length > 1 ? s.stack.slice(0, -1) : [undefined],
      })),
    [resetKey],
  );
  return { cursor, page: stack.length, next, previous, hasPrevious: stack.length > 1 };
}

/** What went wrong with a command, in words an agent can act on. */
export function commandErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 412) return t('ruling.stale');
    if (error.status === 409) return t('ruling.notAllowed');
    const fields = error.problem.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    return t('ruling.failed', { message: fields || error.message });
  }
  return t('ruling.failed', { message: error instanceof Error ? error.message : String(error) });
}

/** The verifier's reason (English, from the server) in the reader's language. */
export function chainReason(reason: string, t: TFunction): string {
  if (reason.startsWith('content does not match')) return t('record.reasons.content');
  if (reason.startsWith('prev_hash')) return t('record.reasons.prev');
  const jump = /sequence jumps from (\d+) to (\d+)/.exec(reason);
  if (jump) return t('record.reasons.sequence', { from: jump[1], to: jump[2] });
  return reason;
}

/** 'return.ruled_for_buyer' → 'Ruled for the buyer' (unknown types shown as stored). */
export function eventLabel(type: string, t: TFunction): string {
  const key = type.replace(/^return\./, '');
  return t(`event.${key}`, { defaultValue: key.replaceAll('_', ' ') });
}

export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * The console's strings, falling back to the common ones (statuses, reasons, roles, money...):
 * `nsMode: 'fallback'` makes one `t` look in both namespaces.
 */
export function useAgentT() {
  return useTranslation(['agent', 'common'], { nsMode: 'fallback' });
}
