import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey, type ReturnCase, unwrap } from '../api.ts';

/**
 * Runs a case command as the person sees the case: `If-Match` carries the version on screen, so a
 * case that moved meanwhile answers 412 instead of acting on stale facts; an Idempotency-Key makes
 * a double click harmless.
 */
export function useCommand(c: Pick<ReturnCase, 'id' | 'version'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ command, body }: { command: string; body?: Record<string, unknown> }) => {
      const path = `/v1/returns/{id}/${command}` as '/v1/returns/{id}/approve';
      return unwrap(
        api.POST(path, {
          params: {
            path: { id: c.id },
            header: { 'if-match': `"${c.version}"`, 'idempotency-key': idempotencyKey() },
          },
          body: (body ?? {}) as never,
        }),
      );
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['return', c.id] });
      void client.invalidateQueries({ queryKey: ['returns'] });
    },
  });
}
