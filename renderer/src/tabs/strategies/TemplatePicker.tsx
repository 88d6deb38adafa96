/** A dialog listing the built-in templates (strategies.templates); picking one saves a copy to the library. */
import type { StrategyDefinition } from '../../../../shared/domain/strategy';
import { Dialog } from '../../components/Dialog';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { TEMPLATE_NOTES } from './template-notes';

type Props = { onClose: () => void; onCreated: (id: string) => void };

function summary(s: StrategyDefinition): string {
  const base = `${s.symbols.join(', ')} · ${s.timeframe}`;
  return s.kind === 'grid'
    ? `${base} · grid, ${s.levelsPerSide} levels a side`
    : `${base} · ${s.entryConditions.join(' AND ')}`;
}

export function TemplatePicker({ onClose, onCreated }: Props) {
  const templates = useInvokeQuery('strategies.templates', {});
  const create = useInvokeMutation('strategies.create', ['strategies.list']);
  return (
    <Dialog title="New strategy from a template" onClose={onClose} testId="template-picker">
      {templates.error && <p className="error">{templates.error.message}</p>}
      <ul className="template-list">
        {templates.data?.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="template-option"
              disabled={create.isPending}
              onClick={() => create.mutate({ templateId: t.id }, { onSuccess: (saved) => onCreated(saved.id) })}
            >
              <strong>{t.title}</strong>
              <span className="muted small">{t.strategy.description}</span>
              <span className="mono">{summary(t.strategy)}</span>
              {TEMPLATE_NOTES[t.id] && (
                <span className="small" data-testid={`template-note-${t.id}`}>
                  {TEMPLATE_NOTES[t.id]!.purpose}{' '}
                  <span className={TEMPLATE_NOTES[t.id]!.passes ? 'ok' : 'warn-text'}>
                    {TEMPLATE_NOTES[t.id]!.here}
                  </span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {create.error && (
        <p role="alert" className="error">
          {create.error.message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
