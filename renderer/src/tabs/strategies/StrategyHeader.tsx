/** The selected strategy's name and description, with Duplicate, Export JSON and Delete (confirmed). */
import { useState } from 'react';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library';
import { Dialog } from '../../components/Dialog';
import { useInvokeMutation } from '../../client/hooks';
import { formatUtc } from './format';
import { downloadJson, fileNameFor } from './json-text';

type Props = { strategy: SavedStrategy; onSelect: (id: string | null) => void };

export function StrategyHeader({ strategy, onSelect }: Props) {
  const duplicate = useInvokeMutation('strategies.duplicate', ['strategies.list']);
  const remove = useInvokeMutation('strategies.delete', ['strategies.list', 'strategies.runs']);
  const [confirming, setConfirming] = useState(false);
  const error = duplicate.error ?? remove.error;
  return (
    <section className="card strategy-header" data-testid="strategy-header">
      <div className="card-head">
        <div>
          <h2>{strategy.name}</h2>
          <div className="muted small">
            {strategy.definition.description || 'No description.'} · edited {formatUtc(strategy.updatedAt)} UTC
          </div>
        </div>
        <div className="toolbar">
          <button
            type="button"
            disabled={duplicate.isPending}
            onClick={() => duplicate.mutate({ id: strategy.id }, { onSuccess: (copy) => onSelect(copy.id) })}
          >
            Duplicate
          </button>
          <button type="button" onClick={() => downloadJson(fileNameFor(strategy.name), strategy.definition)}>
            Export JSON
          </button>
          <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {confirming && (
        <Dialog title={`Delete "${strategy.name}"?`} onClose={() => setConfirming(false)} testId="confirm-delete">
          <p>The definition and its backtest grades are removed from the library. This cannot be undone.</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { id: strategy.id },
                  {
                    onSuccess: () => {
                      setConfirming(false);
                      onSelect(null);
                    },
                  },
                )
              }
            >
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
