/**
 * The 'ai.progress' events of one generation job: the latest (null until the first arrives) and
 * every phase seen so far (so the progress can tell a skipped repair round from a finished one).
 */
import { useEffect, useState } from 'react';
import type { AiProgress } from '../../../../../shared/domain/ai';
import { useApi } from '../../../client/context';

export type JobProgress = { latest: AiProgress | null; seen: ReadonlySet<AiProgress['phase']> };

const NONE: JobProgress = { latest: null, seen: new Set() };

export function useJobProgress(jobId: string | null): JobProgress {
  const { transport } = useApi();
  const [state, setState] = useState<JobProgress>(NONE);
  useEffect(() => {
    if (jobId === null) return;
    return transport.on('ai.progress', (payload) => {
      const p = payload as AiProgress;
      if (p.jobId !== jobId) return;
      setState((prev) => {
        const seen = new Set(prev.latest?.jobId === jobId ? prev.seen : []);
        seen.add(p.phase);
        return { latest: p, seen };
      });
    });
  }, [transport, jobId]);
  return state.latest !== null && state.latest.jobId === jobId ? state : NONE;
}
