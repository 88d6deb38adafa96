import { useCallback, useState } from 'react';
import type { LogFilter } from '../../../../shared/domain/log-filter';
import type { LogEntry } from '../../../../shared/domain/logs';
import { ExportButtons } from './ExportButtons';
import { formatCount, formatUtc } from './format';
import { JsonDetail } from './JsonDetail';
import { useLogFeed } from './use-log-feed';
import { VirtualList } from './VirtualList';

const ROW_HEIGHT = 26;
const keyOf = (e: LogEntry) => e.id;

function LogRow({ entry }: { entry: LogEntry }) {
  return (
    <>
      <span className="mono">{formatUtc(entry.time)}</span>
      <span className={`lvl lvl-${entry.level}`}>{entry.level}</span>
      <span>{entry.category}</span>
      <span className="mono">{entry.symbol ?? ''}</span>
      <span className="msg" title={entry.message}>
        {entry.message}
      </span>
    </>
  );
}

/** The entries of one filter: newest first, live tail with pause, older pages on scroll, detail. */
export function EntriesView({ filter }: { filter: LogFilter }) {
  const { feed, snapshot } = useLogFeed(filter);
  const [selected, setSelected] = useState<LogEntry | null>(null);
  const loadOlder = useCallback(() => feed.loadOlder(), [feed]);
  const renderRow = useCallback((entry: LogEntry) => <LogRow entry={entry} />, []);
  const { entries, live, pending } = snapshot;

  return (
    <div className="entries">
      <div className="toolbar">
        {live ? (
          <button type="button" onClick={() => feed.pause()} aria-label="Pause live tail">
            Pause
          </button>
        ) : (
          <button type="button" onClick={() => feed.resume()} aria-label="Resume live tail">
            Resume{pending > 0 ? ` (${formatCount(pending)} new)` : ''}
          </button>
        )}
        <span className={live ? 'live-badge' : 'muted'} data-testid="tail-state">
          {live ? 'Live' : `Paused: ${formatCount(pending)} new ${pending === 1 ? 'entry' : 'entries'}`}
        </span>
        <span className="muted" data-testid="entries-count">
          {snapshot.state === 'loading'
            ? 'Loading…'
            : `${formatCount(entries.length)} ${entries.length === 1 ? 'entry' : 'entries'}${snapshot.hasMore ? ' loaded (scroll for older)' : ''}`}
          {snapshot.loadingOlder ? ' — loading older…' : ''}
        </span>
        <div className="toolbar-spacer" />
        <ExportButtons base={{ kind: 'logs', filter }} label="Export logs" />
      </div>
      {snapshot.error && (
        <p className="error" role="alert">
          {snapshot.error}
        </p>
      )}
      <div className="log-split">
        <div className="log-list">
          <div className="vhead" aria-hidden="true">
            <span>Time (UTC)</span>
            <span>Level</span>
            <span>Category</span>
            <span>Symbol</span>
            <span>Message</span>
          </div>
          {snapshot.state === 'ready' && entries.length === 0 ? (
            <p className="muted empty-list">No entries match these filters.</p>
          ) : (
            <VirtualList
              items={entries}
              rowHeight={ROW_HEIGHT}
              getKey={keyOf}
              renderRow={renderRow}
              label="Log entries"
              testId="log-list"
              selectedKey={selected?.id ?? null}
              onSelect={setSelected}
              onNearEnd={loadOlder}
            />
          )}
        </div>
        {selected && (
          <JsonDetail title={`Log entry #${selected.id}`} value={selected} onClose={() => setSelected(null)} />
        )}
      </div>
    </div>
  );
}
