/**
 * The JSON editor of the selected strategy: live validation as you type (each problem at its line
 * and column in the editor), a warning for a symbol the market source does not trade, Save
 * (strategies.update) only while the text is valid and changed, Revert to the saved version.
 */
import { useRef, useState } from 'react';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { unknownSymbols, type TextRange } from './editor-place';
import { prettyJson } from './json-text';
import { useValidation } from './useValidation';
import { ValidationIssues } from './ValidationIssues';

/** Mount with key={id + updatedAt}: a saved or another strategy starts from its saved text. */
export function Editor({ strategy }: { strategy: SavedStrategy }) {
  const saved = prettyJson(strategy.definition);
  const [text, setText] = useState(saved);
  const v = useValidation(text);
  const update = useInvokeMutation('strategies.update', ['strategies.list', 'strategies.activationCheck']);
  const dirty = text !== saved;
  const overview = useInvokeQuery('market.overview', {});
  const traded = overview.data?.markets.map((m) => m.symbol) ?? [];
  const untraded = v.parsed.ok ? unknownSymbols(v.parsed.value, traded) : [];
  const area = useRef<HTMLTextAreaElement>(null);
  const select = ({ start, end }: TextRange) => {
    area.current?.focus();
    area.current?.setSelectionRange(start, end);
  };

  let status: React.ReactNode;
  if (!v.parsed.ok) status = <span className="error">JSON: {v.parsed.error}</span>;
  else if (v.pending) status = <span className="muted">Checking…</span>;
  else if (v.error) status = <span className="error">{v.error}</span>;
  else if (v.result?.ok) status = <span className="ok">Valid</span>;
  else if (v.result) status = <span className="error">{v.result.issues.length} problem(s)</span>;

  return (
    <section className="card strategy-editor" aria-labelledby="editor-title" data-testid="strategy-editor">
      <div className="card-head">
        <h2 id="editor-title">Definition</h2>
        <div className="editor-status small" data-testid="editor-status" role="status">
          {status}
        </div>
      </div>
      <textarea
        ref={area}
        className="json-editor"
        aria-label="Strategy JSON"
        spellCheck={false}
        value={text}
        aria-invalid={!v.parsed.ok || v.result?.ok === false}
        onChange={(e) => setText(e.target.value)}
      />
      {v.parsed.ok && v.result?.ok === false && !v.pending && (
        <ValidationIssues issues={v.result.issues} definition={v.parsed.value} text={text} onSelect={select} />
      )}
      {untraded.length > 0 && (
        <p className="warning small" role="note" data-testid="editor-symbol-warning">
          {untraded.join(', ')} {untraded.length === 1 ? 'is' : 'are'} not traded by the market source (
          {traded.join(', ')}): backtests and runs on {untraded.length === 1 ? 'it' : 'them'} will find no market.
        </p>
      )}
      <div className="editor-actions">
        <button
          type="button"
          className="primary"
          disabled={!dirty || !v.valid || update.isPending}
          onClick={() => v.parsed.ok && update.mutate({ id: strategy.id, definition: v.parsed.value })}
        >
          Save
        </button>
        <button type="button" disabled={!dirty} onClick={() => setText(saved)}>
          Revert
        </button>
        {dirty && <span className="muted small">Unsaved changes: backtests and runs use the saved version.</span>}
      </div>
      {update.error && (
        <p role="alert" className="error">
          {update.error.message}
        </p>
      )}
    </section>
  );
}
