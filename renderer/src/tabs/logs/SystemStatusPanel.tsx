import type { ReactNode } from 'react';
import type { SystemStatus } from '../../../../shared/domain/system-status';
import { useInvokeQuery } from '../../client/hooks';
import { formatBytes, formatCount, formatDuration, formatUtc } from './format';

type Part = SystemStatus['exchange' | 'circuitBreakers' | 'recoveryQueue' | 'feeds'];

function PartState<P extends Part>({
  part,
  children,
}: {
  part: P;
  children: (running: Extract<P, { state: 'running' }>) => ReactNode;
}) {
  if (part.state === 'not_running') {
    return (
      <span className="muted">
        <span className="badge">Not running</span> {part.reason}
      </span>
    );
  }
  return <>{children(part as Extract<P, { state: 'running' }>)}</>;
}

/** What the workstation is connected to and how big its data is. Real figures only. */
export function SystemStatusPanel() {
  const status = useInvokeQuery('system.status', {}, { refetchInterval: 5_000 });
  const s = status.data;
  if (status.error) return <p className="error">{status.error.message}</p>;
  if (!s) return <p className="muted">Loading the system status…</p>;
  return (
    <section className="card status-panel" aria-labelledby="status-title">
      <h2 id="status-title">System status</h2>
      <dl className="facts" data-testid="system-status">
        <dt>App version</dt>
        <dd>
          {s.appVersion} ({s.runtime}), up {formatDuration(s.time - s.startedAt)}
        </dd>
        <dt>Exchange connectivity</dt>
        <dd>
          <PartState part={s.exchange}>
            {(p) =>
              p.connections.map((c) => (
                <div key={c.exchange}>
                  {c.exchange}: {c.connected ? 'connected' : 'disconnected'}
                  {c.latencyMs !== null ? `, ${c.latencyMs} ms` : ''}
                  {c.lastError ? ` — ${c.lastError}` : ''}
                </div>
              ))
            }
          </PartState>
        </dd>
        <dt>Circuit breakers</dt>
        <dd>
          <PartState part={s.circuitBreakers}>
            {(p) =>
              p.breakers.map((b) => (
                <div key={b.name}>
                  {b.name}: {b.state}
                  {b.since !== null ? ` since ${formatUtc(b.since)}` : ''}
                </div>
              ))
            }
          </PartState>
        </dd>
        <dt>Recovery queue</dt>
        <dd>
          <PartState part={s.recoveryQueue}>{(p) => `${formatCount(p.length)} waiting`}</PartState>
        </dd>
        <dt>Market data feeds</dt>
        <dd>
          <PartState part={s.feeds}>{(p) => <FeedTable feeds={p.feeds} />}</PartState>
        </dd>
        {s.databases.map((d) => (
          <DbRow key={d.name} name={d.name} bytes={d.bytes} />
        ))}
        <dt>Log files</dt>
        <dd>{formatBytes(s.logFilesBytes)}</dd>
        <dt>Log store</dt>
        <dd data-testid="status-log-entries">
          {entries(s.logStore.entries)}
          {s.logStore.oldestTime !== null ? `, oldest ${formatUtc(s.logStore.oldestTime)}` : ''}
        </dd>
        <dt>Audit trail</dt>
        <dd>
          {entries(s.audit.entries)}
          {s.audit.lastTime !== null ? `, last ${formatUtc(s.audit.lastTime)}` : ''}
        </dd>
        <dt>Log retention</dt>
        <dd>
          {s.retention.logRetentionDays} days;{' '}
          {s.retention.lastPrunedAt === null
            ? 'not pruned yet'
            : `last pruned ${formatUtc(s.retention.lastPrunedAt)} (${formatCount(s.retention.lastPrunedEntries)} removed)`}
        </dd>
      </dl>
    </section>
  );
}

const entries = (n: number) => (n === 1 ? '1 entry' : `${formatCount(n)} entries`);

type Feed = Extract<SystemStatus['feeds'], { state: 'running' }>['feeds'][number];

/** Every feed the engine runs (charts, strategy runs, order quotes): its state and last closed candle. */
function FeedTable({ feeds }: { feeds: Feed[] }) {
  if (feeds.length === 0) return <span className="muted">No feed is open.</span>;
  return (
    <table className="data-table status-feeds" data-testid="status-feeds">
      <thead>
        <tr>
          <th>Feed</th>
          <th>State</th>
          <th>Last closed candle (UTC)</th>
          <th className="num" title="Parts of the engine reading it: a chart, a strategy run, the order quotes">
            Readers
          </th>
        </tr>
      </thead>
      <tbody>
        {feeds.map((f) => (
          <tr key={`${f.source}|${f.symbol}|${f.timeframe}`}>
            <td>
              {f.symbol} {f.timeframe} <span className="muted small">({f.source})</span>
            </td>
            <td className={`feed-state feed-${f.state}`}>{f.state}</td>
            <td className="mono">{f.lastCandleTime === null ? 'none yet' : formatUtc(f.lastCandleTime)}</td>
            <td className="num">{formatCount(f.subscribers)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DbRow({ name, bytes }: { name: string; bytes: number }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{formatBytes(bytes)}</dd>
    </>
  );
}
