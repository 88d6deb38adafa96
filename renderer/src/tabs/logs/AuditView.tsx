import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AUDIT_KINDS, type AuditEntry, type AuditFilter, type AuditKind } from '../../../../shared/domain/audit';
import type { CallError } from '../../client/api';
import { useApi } from '../../client/context';
import { useInvokeMutation } from '../../client/hooks';
import { DateRangeFields } from './DateRangeFields';
import { ExportButtons } from './ExportButtons';
import { EMPTY_AUDIT_FILTER, rangeProblem, toAuditFilter, type AuditFilterForm } from './filters';
import { formatCount, formatUtc } from './format';
import { JsonDetail } from './JsonDetail';
import { useDebounced } from './use-debounced';

const PAGE = 200;

function VerifyPanel() {
  const verify = useInvokeMutation('audit.verify');
  const result = verify.data;
  return (
    <div className="verify">
      <button type="button" onClick={() => verify.mutate({})} disabled={verify.isPending}>
        {verify.isPending ? 'Verifying…' : 'Verify chain'}
      </button>
      <span data-testid="audit-verify-result" role="status">
        {result?.ok === true && (
          <span className="ok">
            Chain intact: {formatCount(result.checked)} entries checked (last hash {result.lastHash.slice(0, 12)}…)
          </span>
        )}
        {result?.ok === false && (
          <span className="error">
            Chain broken at entry #{result.firstBroken?.id}: {result.firstBroken?.reason} ({formatCount(result.checked)}{' '}
            entries checked)
          </span>
        )}
        {verify.error && <span className="error">{verify.error.message}</span>}
      </span>
    </div>
  );
}

function AuditTable({ filter }: { filter: AuditFilter }) {
  const api = useApi();
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const pages = useInfiniteQuery<AuditEntry[], CallError>({
    queryKey: ['audit.query', filter],
    queryFn: ({ pageParam }) =>
      api.invoke('audit.query', { ...filter, limit: PAGE, ...(pageParam ? { beforeId: pageParam as number } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.id : undefined),
  });
  const entries = pages.data?.pages.flat() ?? [];
  return (
    <div className="log-split">
      <div className="audit-table-wrap">
        {pages.error && <p className="error">{pages.error.message}</p>}
        <table className="audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>Time (UTC)</th>
              <th>Kind</th>
              <th>Actor</th>
              <th>Summary</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={selected?.id === e.id ? 'selected' : undefined} onClick={() => setSelected(e)}>
                <td className="mono">{e.id}</td>
                <td className="mono">{formatUtc(e.time)}</td>
                <td>{e.kind}</td>
                <td>{e.actor}</td>
                <td>{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {pages.isSuccess && entries.length === 0 && <p className="muted">No audit entries match.</p>}
        {pages.hasNextPage && (
          <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Load older'}
          </button>
        )}
      </div>
      {selected && (
        <JsonDetail title={`Audit entry #${selected.id}`} value={selected} onClose={() => setSelected(null)} />
      )}
    </div>
  );
}

/** The audit trail: user and engine decisions, hash-chained; verify, filter, export. */
export function AuditView() {
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const filter = toAuditFilter(useDebounced(form, 300));
  const problem = rangeProblem(form);
  return (
    <div className="audit">
      <p className="muted">
        Every decision of the trader and the engine, in order. Each entry holds the hash of the one before it, so any
        later edit of the database is found by Verify. The trail is never pruned.
      </p>
      <div className="filters" role="group" aria-label="Audit filters">
        <label className="filter-field">
          <span>Kind</span>
          <select
            aria-label="Audit kind"
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as AuditKind | '' })}
          >
            <option value="">All</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields idPrefix="audit" from={form.from} to={form.to} onChange={(r) => setForm({ ...form, ...r })} />
        <label className="filter-field grow">
          <span>Text</span>
          <input
            type="search"
            aria-label="Search the audit trail"
            value={form.text}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
          />
        </label>
        {problem && <p className="error">{problem}</p>}
      </div>
      <div className="toolbar">
        <VerifyPanel />
        <div className="toolbar-spacer" />
        <ExportButtons base={{ kind: 'audit', filter }} label="Export audit trail" />
      </div>
      <AuditTable filter={filter} />
    </div>
  );
}
