import { useEffect, useState, type ReactNode } from 'react';
import type { BootStatus } from '../../../shared/domain/boot';
import type { BootProbe } from '../client/boot';
import { BootScreen } from './BootScreen';

const POLL_MS = 250;

/**
 * Shows the engine's start (BootScreen) until it says `ready`, then the app, once: `start` builds
 * the transport and everything that talks to the engine, so nothing calls the contract before it
 * answers. Losing the engine later is the app's business (stale marks), not this gate's.
 */
export function BootGate({ probe, start }: { probe: BootProbe; start: () => ReactNode }) {
  const [status, setStatus] = useState<BootStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ready = status?.phase === 'ready';

  useEffect(() => {
    if (ready) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await probe();
        if (cancelled) return;
        setStatus(next);
        setProblem(null);
        if (next.phase === 'ready') return;
      } catch (error) {
        if (cancelled) return;
        setProblem(error instanceof Error ? error.message : String(error));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [probe, ready]);

  if (ready) return <>{start()}</>;
  return <BootScreen status={status} problem={problem} />;
}
