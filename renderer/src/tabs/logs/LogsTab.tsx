import { useState } from 'react';
import { AuditView } from './AuditView';
import { EntriesView } from './EntriesView';
import { EMPTY_LOG_FILTER, toLogFilter, type LogFilterForm } from './filters';
import { LogFilters } from './LogFilters';
import { SystemStatusPanel } from './SystemStatusPanel';
import { useDebounced } from './use-debounced';
import './logs.css';

const VIEWS = [
  { id: 'entries', label: 'Entries' },
  { id: 'audit', label: 'Audit trail' },
  { id: 'status', label: 'System status' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

function Entries() {
  const [form, setForm] = useState<LogFilterForm>(EMPTY_LOG_FILTER);
  // Typing settles before it queries; checkboxes and selects apply at once through the same path.
  const filter = toLogFilter(useDebounced(form, 250));
  return (
    <>
      <LogFilters form={form} onChange={setForm} />
      {/* A new filter is a new feed: first page again, live tail for that filter. */}
      <EntriesView key={JSON.stringify(filter)} filter={filter} />
    </>
  );
}

/** Logs: the structured log store, the audit trail, and the system status. */
export function LogsTab() {
  const [view, setView] = useState<ViewId>('entries');
  return (
    <div className="logs">
      <div className="subtabs" role="tablist" aria-label="Logs views">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`logs-view-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={`logs-panel-${v.id}`}
            className={view === v.id ? 'subtab active' : 'subtab'}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`logs-panel-${view}`} aria-labelledby={`logs-view-${view}`} className="logs-panel">
        {view === 'entries' && <Entries />}
        {view === 'audit' && <AuditView />}
        {view === 'status' && <SystemStatusPanel />}
      </div>
    </div>
  );
}
