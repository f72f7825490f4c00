import { useCallback, useEffect, useReducer } from 'react';
import { api, runEventsUrl } from '../api/client';
import type { RunEvent } from '../api/types';
import { applyRunEvent, initialRunState, type RunState, runEventTypes } from './run-state';

/**
 * Follows one run over Server-Sent Events. EventSource reconnects by itself and sends Last-Event-ID, so
 * a dropped connection resumes where it stopped; the stream is closed once `done` arrives.
 */
export function useRun(runId: string): { state: RunState; cancel: () => Promise<void> } {
  const [state, dispatch] = useReducer(applyRunEvent, initialRunState);

  useEffect(() => {
    const source = new EventSource(runEventsUrl(runId), { withCredentials: true });
    const listeners = runEventTypes.map((type) => {
      const listener = (message: MessageEvent<string>) => {
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(message.data) as Record<string, unknown>;
        } catch {
          return;
        }
        dispatch({ ...data, type } as RunEvent);
        if (type === 'done') source.close();
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        dispatch({ type: 'error', code: 'stream_closed', message: 'The connection to the run was lost.' });
        dispatch({ type: 'done', status: 'failed' });
      }
    };
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [runId]);

  const cancel = useCallback(async () => {
    await api.cancelRun(runId);
  }, [runId]);

  return { state, cancel };
}
