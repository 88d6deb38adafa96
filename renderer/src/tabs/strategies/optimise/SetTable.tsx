/**
 * The parameter sets with their metrics, best first (the engine's rank); any column sorts (click
 * again to reverse). Sets outside the constraints, and sets that are not valid strategies, say why.
 * A row is chosen with its radio button (or a heatmap cell).
 */
import { useState } from 'react';
import type { SetRowView } from '../../../../../shared/domain/optimize';
import { formatPct, formatRatio, signClass } from '../format';
import { sortRows, type Sort, type SortKey } from './optimise-form';

type Props = {
  rows: readonly SetRowView[];
  parameters: readonly string[];
  objectiveLabel: string;
  chosen: number | null;
  onChoose: (index: number) => void;
};

const SHOWN = 200;

const METRIC_COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'netProfitPercent', label: 'Net profit' },
  { key: 'trades', label: 'Trades' },
  { key: 'winRatePercent', label: 'Win rate' },
  { key: 'profitFactor', label: 'Profit factor' },
  { key: 'maxDrawdownPercent', label: 'Max drawdown' },
  { key: 'sharpe', label: 'Sharpe' },
];

export function SetTable({ rows, parameters, objectiveLabel, chosen, onChoose }: Props) {
  const [sort, setSort] = useState<Sort>({ key: 'rank', descending: false });
  const sorted = sortRows(rows, sort);
  const header = (key: SortKey, label: string, numeric = true) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        className={`${numeric ? 'num' : ''}${key.startsWith('param:') ? ' param' : ''}`}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() =>
            setSort(
              active
                ? { key, descending: !sort.descending }
                : { key, descending: key !== 'rank' && key !== 'maxDrawdownPercent' },
            )
          }
        >
          {label}
          {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };
  return (
    <>
      {rows.length > SHOWN && (
        <p className="muted small">
          The first {SHOWN} of {rows.length} sets in this order.
        </p>
      )}
      <div className="scroll-box">
        <table className="data-table sweep-table" data-testid="sweep-table">
          <thead>
            <tr>
              <th />
              {header('rank', '#')}
              {parameters.map((p) => header(`param:${p}`, p))}
              {header('score', objectiveLabel)}
              {METRIC_COLUMNS.map((c) => header(c.key, c.label))}
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, SHOWN).map(({ rank, row }) => {
              const m = row.metrics;
              return (
                <tr
                  key={row.index}
                  className={row.index === chosen ? 'chosen' : row.rejected ? 'muted' : ''}
                  data-index={row.index}
                >
                  <td>
                    <input
                      type="radio"
                      name="sweep-set"
                      aria-label={`Choose set ${rank}`}
                      checked={row.index === chosen}
                      disabled={!m}
                      onChange={() => onChoose(row.index)}
                    />
                  </td>
                  <td className="num">{rank}</td>
                  {parameters.map((p) => (
                    <td key={p} className="num mono">
                      {row.values[p]}
                    </td>
                  ))}
                  <td className="num">{m ? formatRatio(row.score, '∞') : '—'}</td>
                  <td className={`num ${m ? signClass(m.netProfitPercent) : ''}`} data-col="netProfitPercent">
                    {m ? formatPct(m.netProfitPercent, true) : '—'}
                  </td>
                  <td className="num">{m?.trades ?? '—'}</td>
                  <td className="num">{m ? formatPct(m.winRatePercent) : '—'}</td>
                  <td className="num">{m ? formatRatio(m.profitFactor, '∞') : '—'}</td>
                  <td className="num">{m ? formatPct(m.maxDrawdownPercent) : '—'}</td>
                  <td className="num">{m ? m.sharpe.toFixed(2) : '—'}</td>
                  <td className="small muted">{row.rejected ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
