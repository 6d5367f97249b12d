import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api.ts';

export function useCase(id: string) {
  return useQuery({
    queryKey: ['return', id],
    queryFn: () => unwrap(api.GET('/v1/returns/{id}', { params: { path: { id } } })),
  });
}

/** Whether a CSS media query matches now; re-renders when it changes (rotation, resize). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Phones and small tablets (below antd's `lg`): the header folds its navigation away. */
export function useNarrow(): boolean {
  return useMediaQuery('(max-width: 991.98px)');
}

/** Phones (below antd's `md`): lists become cards, the primary action sticks to the bottom. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 767.98px)');
}
