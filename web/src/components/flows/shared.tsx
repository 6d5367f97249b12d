import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api.ts';

/** The flows' strings live under `flows` in the common namespace, the same in every console. */
export function useFlowsT() {
  return useTranslation('common', { keyPrefix: 'flows' });
}

/** A refused command in one sentence: the server's own words, which name the rule it broke. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18next.t('common.error');
}

export function ErrorLine({ error }: { error: unknown }) {
  return error ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorText(error)}
      style={{ marginBottom: 12 }}
    />
  ) : null;
}

/** A shop's public policy (no credentials needed), the current one or an earlier version. */
export function usePublicPolicy(sellerId: string, version?: number | null) {
  return useQuery({
    queryKey: ['public-policy', sellerId, version ?? 'current'],
    queryFn: () =>
      unwrap(
        api.GET('/v1/sellers/{id}/return_policy', {
          params: { path: { id: sellerId }, query: version ? { version } : {} },
        }),
      ),
    staleTime: 60_000,
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the losing party's chance to appeal ends (null until the policy is known). */
export function appealDeadline(decidedAt: string, windowDays: number | undefined): string | null {
  if (windowDays === undefined) return null;
  return new Date(new Date(decidedAt).getTime() + windowDays * DAY_MS).toISOString();
}
