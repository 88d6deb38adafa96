/**
 * Two swept parameters as a grid: each cell the best score (the objective) of the sets with those
 * two values, coloured from the worst (red) to the best (green); empty: no set there qualifies.
 * Clicking a cell chooses its set.
 */
import { useState } from 'react';
import type { SetRowView } from '../../../../../shared/domain/optimize';
import { heatmap } from './optimise-form';

type Props = {
  rows: readonly SetRowView[];
  ranges: readonly { name: string; values: number[] }[];
  objectiveLabel: string;
  chosen: number | null;
  onChoose: (index: number) => void;
};

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : '∞');

export function Heatmap({ rows, ranges, objectiveLabel, chosen, onChoose }: Props) {
  const [axes, setAxes] = useState<[string, string]>([ranges[0]!.name, ranges[1]!.name]);
  const [xName, yName] = axes;
  const xs = ranges.find((r) => r.name === xName)!.values;
  const ys = ranges.find((r) => r.name === yName)!.values;
  const cells = heatmap(rows, xName, xs, yName, ys);
  const scores = cells.flat().flatMap((c) => (c.score !== null && Number.isFinite(c.score) ? [c.score] : []));
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const colour = (score: number | null) => {
    if (score === null) return undefined;
    const t = !Number.isFinite(score) ? 1 : hi > lo ? (score - lo) / (hi - lo) : 0.5;
    return `hsl(${Math.round(t * 120)} 55% 32%)`;
  };
  const axis = (which: 0 | 1) => (
    <select
      aria-label={which === 0 ? 'Heatmap across' : 'Heatmap down'}
      value={axes[which]}
      onChange={(e) => {
        const next: [string, string] = [...axes];
        next[which] = e.target.value;
        if (next[0] !== next[1]) setAxes(next);
      }}
    >
      {ranges.map((r) => (
        <option key={r.name}>{r.name}</option>
      ))}
    </select>
  );
  return (
    <figure className="heatmap" data-testid="sweep-heatmap">
      <figcaption className="small">
        Best {objectiveLabel} by {axis(1)} (down) and {axis(0)} (across)
        {ranges.length > 2 && <span className="muted">: the best over the other parameters' values</span>}
      </figcaption>
      <div className="heatmap-grid" style={{ gridTemplateColumns: `auto repeat(${xs.length}, minmax(44px, 1fr))` }}>
        <span />
        {xs.map((x) => (
          <span key={`x${x}`} className="heatmap-label mono">
            {x}
          </span>
        ))}
        {cells.map((row, i) => (
          <div key={`y${ys[i]}`} className="heatmap-row">
            <span className="heatmap-label mono">{ys[i]}</span>
            {row.map((c) => (
              <button
                key={`${c.x}:${c.y}`}
                type="button"
                className={`heatmap-cell${c.index !== null && c.index === chosen ? ' chosen' : ''}`}
                style={{ background: colour(c.score) }}
                disabled={c.index === null}
                title={`${xName} = ${c.x}, ${yName} = ${c.y}: ${c.score === null ? 'no qualifying set' : fmt(c.score)}`}
                onClick={() => c.index !== null && onChoose(c.index)}
              >
                {c.score === null ? '—' : fmt(c.score)}
              </button>
            ))}
          </div>
        ))}
      </div>
    </figure>
  );
}
