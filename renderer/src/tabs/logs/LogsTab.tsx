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
      {/* Toggle buttons, not a nested tab list: the app's tab panel stays the only tabpanel. */}
      <div className="subtabs" role="group" aria-label="Logs views">
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            aria-pressed={view === v.id}
            className={view === v.id ? 'subtab active' : 'subtab'}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <section aria-label={VIEWS.find((v) => v.id === view)?.label} className="logs-panel">
        {view === 'entries' && <Entries />}
        {view === 'audit' && <AuditView />}
        {view === 'status' && <SystemStatusPanel />}
      </section>
    </div>
  );
}
