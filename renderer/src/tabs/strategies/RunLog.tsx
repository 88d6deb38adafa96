/** A run's decision log, newest first (strategies.runEvents, live through strategies.runEvent). */
import type { StrategyRunView } from '../../../../shared/domain/strategy-runs';
import { useInvokeQuery } from '../../client/hooks';
import { formatTime } from '../orders/format';

export function RunLog({ run }: { run: StrategyRunView }) {
  const events = useInvokeQuery('strategies.runEvents', { runId: run.runId, limit: 200 });
  return (
    <div className="run-log" data-testid="run-log">
      <h3>
        Decision log: {run.strategyName} on {run.symbol} {run.timeframe}
      </h3>
      {events.error && <p className="error">{events.error.message}</p>}
      {events.data?.length === 0 && (
        <p className="muted small">Nothing decided yet: the run waits for a candle to close.</p>
      )}
      <ol className="run-events">
        {events.data?.map((e, i) => (
          <li key={`${e.at}-${i}`} className={`run-event run-event-${e.kind.toLowerCase()}`}>
            <span className="mono muted">{formatTime(e.at)}</span>
            <span className="run-event-kind">{e.kind}</span>
            <span>
              {e.message}
              {e.clientOrderId && <span className="mono muted"> {e.clientOrderId}</span>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
