import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Server-sent events: the server says which cases changed, and the queries that show them are
 * refetched, so queues and case pages update without a reload. Reconnects on its own.
 */
export function useLiveUpdates(enabled: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/v1/stream');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('case', (event) => {
      const { case_id, order_id } = JSON.parse((event as MessageEvent).data) as {
        case_id: string;
        order_id: string;
      };
      void client.invalidateQueries({ queryKey: ['returns'] });
      void client.invalidateQueries({ queryKey: ['return', case_id] });
      void client.invalidateQueries({ queryKey: ['messages', order_id] });
      void client.invalidateQueries({ queryKey: ['me'] });
    });
    source.addEventListener('message', (event) => {
      const { order_id } = JSON.parse((event as MessageEvent).data) as { order_id: string };
      void client.invalidateQueries({ queryKey: ['messages', order_id] });
      void client.invalidateQueries({ queryKey: ['me'] });
    });
    return () => source.close();
  }, [enabled, client]);
  return connected;
}
