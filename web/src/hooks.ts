import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api.ts';

export function useCase(id: string) {
  return useQuery({
    queryKey: ['return', id],
    queryFn: () => unwrap(api.GET('/v1/returns/{id}', { params: { path: { id } } })),
  });
}
