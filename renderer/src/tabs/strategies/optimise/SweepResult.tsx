/**
 * A sweep's result: the counts and overfitting measures, the walk-forward result (when it walked
 * forward), a heatmap of two parameters, the table of sets, and "Save as new strategy" for the
 * chosen set (a new strategy with no backtest: it must pass its own before it may run).
 */
import { useState } from 'react';
import type { SavedStrategy } from '../../../../../shared/domain/strategy-library';
import type { SweepResultView } from '../../../../../shared/domain/optimize';
import { useInvokeMutation } from '../../../client/hooks';
import { formatPct } from '../format';
import { Heatmap } from './Heatmap';
import { OBJECTIVE_LABELS } from './optimise-form';
import { SetTable } from './SetTable';
import { WalkForwardPanel } from './WalkForwardPanel';

type Props = {
  result: SweepResultView;
  onWindow: (window: number) => void;
  onOpenStrategy: (id: string) => void;
};

export function SweepResult({ result, onWindow, onOpenStrategy }: Props) {
  const rows = result.rows;
  const [chosen, setChosen] = useState<number | null>(rows.find((r) => r.metrics && !r.rejected)?.index ?? null);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<SavedStrategy | null>(null);
  const save = useInvokeMutation('optimize.saveAsStrategy', ['strategies.list']);
  const objectiveLabel = OBJECTIVE_LABELS[result.request.objective];
  const wf = result.walkForward;
  const windows = result.status.windows;
  const chosenRow = rows.find((r) => r.index === chosen) ?? null;
  const onSave = () => {
    if (chosen === null) return;
    setSaved(null);
    save.mutate(
      { sweepId: result.status.sweepId, index: chosen, ...(name.trim() ? { name: name.trim() } : {}) },
      { onSuccess: setSaved },
    );
  };
  return (
    <div className="sweep-result" data-testid="sweep-result">
      {wf && <WalkForwardPanel wf={wf} />}
      <p className="small">
        {result.counts.total} sets on {result.candles} candles: {result.counts.valid - result.counts.rejected} qualify
        {result.counts.rejected > 0 && `, ${result.counts.rejected} outside the constraints`}
        {result.counts.invalid > 0 && `, ${result.counts.invalid} not valid strategies`}.{' '}
        <span title="probability of backtest overfitting (combinatorially symmetric cross-validation): how often the in-sample winner ranks below the median out of sample">
          Probability of overfitting: {result.pbo === null ? 'n/a' : formatPct(result.pbo * 100)}.
        </span>{' '}
        <span title="deflated Sharpe ratio: the probability that the best set's Sharpe ratio is not the luck of trying many sets">
          Deflated Sharpe of the best set: {result.deflatedSharpe === null ? 'n/a' : result.deflatedSharpe.toFixed(2)}.
        </span>
      </p>
      {windows > 1 && (
        <div className="field inline">
          <label htmlFor="opt-window">Sets of</label>
          <select id="opt-window" value={result.rowsWindow} onChange={(e) => onWindow(Number(e.target.value))}>
            {Array.from({ length: windows }, (_, k) => (
              <option key={k} value={k}>
                in-sample window {k + 1}
                {k === windows - 1 ? ' (the latest)' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {result.ranges.length >= 2 && rows.length > 0 && (
        <Heatmap
          rows={rows}
          ranges={result.ranges}
          objectiveLabel={objectiveLabel}
          chosen={chosen}
          onChoose={setChosen}
        />
      )}
      <SetTable
        rows={rows}
        parameters={result.ranges.map((r) => r.name)}
        objectiveLabel={objectiveLabel}
        chosen={chosen}
        onChoose={setChosen}
      />
      <div className="sweep-save">
        <span className="small">
          {chosenRow
            ? `Chosen: ${Object.entries(chosenRow.values)
                .map(([k, v]) => `${k} = ${v}`)
                .join(', ')}`
            : 'Choose a set in the table or the heatmap.'}
        </span>
        <input
          type="text"
          aria-label="Name of the new strategy"
          placeholder="Name (default: the strategy's with the values)"
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="button" className="primary" disabled={chosen === null || save.isPending} onClick={onSave}>
          Save as new strategy
        </button>
      </div>
      {save.error && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      {saved && (
        <p className="sweep-saved" data-testid="sweep-saved">
          Saved as “{saved.name}”. It has no backtest yet: backtest it (or run the gauntlet) before it may run.{' '}
          <button type="button" onClick={() => onOpenStrategy(saved.id)}>
            Open it
          </button>
        </p>
      )}
    </div>
  );
}
