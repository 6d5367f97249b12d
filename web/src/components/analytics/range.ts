import type { Granularity } from './types.ts';

export interface RangeValue {
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
}

/** The range in the address (`from`, `to`, `granularity`), so a reload or a link shows the same. */
export function rangeFromParams(params: URLSearchParams): RangeValue {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const g = params.get('granularity');
  return {
    from: day(params.get('from')),
    to: day(params.get('to')),
    granularity: g === 'week' || g === 'month' ? g : 'day',
  };
}

/**
 * The range after a change, merged into the address as it is now: two quick changes (a preset,
 * then a period size) must not undo each other while the first is still being rendered.
 */
export function mergeRange(patch: Partial<RangeValue>): URLSearchParams {
  return rangeToParams({
    ...rangeFromParams(new URLSearchParams(window.location.search)),
    ...patch,
  });
}

export function rangeToParams(range: RangeValue): URLSearchParams {
  const out = new URLSearchParams();
  if (range.from) out.set('from', range.from);
  if (range.to) out.set('to', range.to);
  if (range.granularity !== 'day') out.set('granularity', range.granularity);
  return out;
}
