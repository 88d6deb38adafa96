import { useState } from 'react';
import {
  LOG_CATEGORIES,
  LOG_LEVELS,
  type LogCategory,
  type LogEntry,
  type LogLevel,
} from '../../../shared/domain/logs';
import { useInvokeQuery } from '../client/hooks';

function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function LogsTab() {
  const [level, setLevel] = useState<LogLevel | ''>('');
  const [category, setCategory] = useState<LogCategory | ''>('');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<LogEntry | null>(null);
  const logs = useInvokeQuery('logs.query', {
    limit: 500,
    ...(level ? { levels: [level] } : {}),
    ...(category ? { categories: [category] } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  });
  return (
    <div className="logs">
      <div className="toolbar">
        <label>
          Level{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel | '')} aria-label="Level">
            <option value="">All</option>
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category{' '}
          <select
            value={category}
            onChange={(e) => setCategory(e.target.value as LogCategory | '')}
            aria-label="Category"
          >
            <option value="">All</option>
            {LOG_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <input
          placeholder="Search messages"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Search"
        />
        <span className="muted">{logs.data ? `${logs.data.length} newest entries` : 'Loading…'}</span>
      </div>
      {logs.error && <p className="error">{logs.error.message}</p>}
      <div className="log-split">
        <table className="log-table">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Level</th>
              <th>Category</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {logs.data?.map((entry) => (
              <tr
                key={entry.id}
                className={`level-${entry.level}${selected?.id === entry.id ? ' selected' : ''}`}
                onClick={() => setSelected(entry)}
              >
                <td className="mono">{formatTime(entry.time)}</td>
                <td>{entry.level}</td>
                <td>{entry.category}</td>
                <td>{entry.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected && (
          <aside className="log-detail" aria-label="Log entry detail">
            <button type="button" onClick={() => setSelected(null)}>
              Close
            </button>
            <pre>{JSON.stringify(selected, null, 2)}</pre>
          </aside>
        )}
      </div>
    </div>
  );
}
