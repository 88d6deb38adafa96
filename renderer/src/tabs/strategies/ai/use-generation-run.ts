/**
 * One generation in flight at a time: starts ai.generate with a fresh job id, follows its
 * 'ai.progress' events, cancels it (ai.cancel), and keeps the resulting GenerationView.
 * If the call itself outlives the transport's answer timeout while progress is still arriving,
 * the result is read from the stored generations once the progress says the job has ended.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AiProgress, GenerateRequest, GenerationView } from '../../../../../shared/domain/ai';
import { CallError } from '../../../client/api';
import { useApi } from '../../../client/context';
import { useJobProgress } from './use-ai-progress';

export type GenerationRun = {
  jobId: string | null;
  progress: AiProgress | null;
  /** Every phase the running job has been through. */
  phasesSeen: ReadonlySet<AiProgress['phase']>;
  running: boolean;
  result: GenerationView | null;
  error: string | null;
  start(input: Omit<GenerateRequest, 'jobId'>): void;
  cancel(): void;
  show(view: GenerationView | null): void;
};

const ENDED: readonly AiProgress['phase'][] = ['done', 'failed', 'cancelled'];

export function useGenerationRun(): GenerationRun {
  const api = useApi();
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [awaitingStored, setAwaitingStored] = useState<{ request: string } | null>(null);
  const [result, setResult] = useState<GenerationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { latest: progress, seen: phasesSeen } = useJobProgress(jobId);
  const current = useRef<string | null>(null);

  const finish = useCallback(
    (id: string, view: GenerationView | null, message: string | null) => {
      if (current.current !== id) return;
      setRunning(false);
      setAwaitingStored(null);
      if (view) setResult(view);
      setError(message);
      void client.invalidateQueries({ queryKey: ['ai.generations'] });
    },
    [client],
  );

  const start = useCallback(
    (input: Omit<GenerateRequest, 'jobId'>) => {
      const id = crypto.randomUUID();
      current.current = id;
      setJobId(id);
      setRunning(true);
      setError(null);
      setResult(null);
      api.invoke('ai.generate', { ...input, jobId: id }).then(
        (view) => finish(id, view, null),
        (e: unknown) => {
          if (e instanceof CallError && e.code === 'unavailable' && /no answer/.test(e.message)) {
            if (current.current === id) setAwaitingStored({ request: input.request.trim() });
            return;
          }
          finish(id, null, e instanceof Error ? e.message : String(e));
        },
      );
    },
    [api, finish],
  );

  // The call timed out in the transport but the job goes on: read its stored result when it ends.
  useEffect(() => {
    if (!awaitingStored || !jobId || !progress || !ENDED.includes(progress.phase)) return;
    const id = jobId;
    api
      .invoke('ai.generations', { limit: 1 })
      .then(async ([newest]) => {
        if (!newest || newest.request !== awaitingStored.request) {
          finish(id, null, progress.message);
          return;
        }
        finish(id, await api.invoke('ai.generation', { id: newest.id }), null);
      })
      .catch((e: unknown) => finish(id, null, e instanceof Error ? e.message : String(e)));
  }, [api, awaitingStored, jobId, progress, finish]);

  const cancel = useCallback(() => {
    if (jobId) void api.invoke('ai.cancel', { jobId }).catch(() => undefined);
  }, [api, jobId]);

  const show = useCallback((view: GenerationView | null) => {
    current.current = null;
    setRunning(false);
    setAwaitingStored(null);
    setJobId(null);
    setError(null);
    setResult(view);
  }, []);

  return { jobId, progress, phasesSeen, running, result, error, start, cancel, show };
}
