/** The latest 'ai.progress' event of one generation job (null until the first arrives). */
import { useEffect, useState } from 'react';
import type { AiProgress } from '../../../../../shared/domain/ai';
import { useApi } from '../../../client/context';

export function useAiProgress(jobId: string | null): AiProgress | null {
  const { transport } = useApi();
  const [latest, setLatest] = useState<AiProgress | null>(null);
  useEffect(() => {
    if (jobId === null) return;
    return transport.on('ai.progress', (payload) => {
      const p = payload as AiProgress;
      if (p.jobId === jobId) setLatest(p);
    });
  }, [transport, jobId]);
  return latest !== null && latest.jobId === jobId ? latest : null;
}
