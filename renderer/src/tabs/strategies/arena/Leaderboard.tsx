/**
 * The paper arena's leaderboard: every run and AI advisor on its own sub-account, sortable by any figure, with
 * their equity curves (in % of each run's base, so that different capitals compare) on one axis.
 * A row's click shows that run's decision log in the runs panel (an advisor's: its decisions with
 * their reasoning).
 */
import { createChart, LineSeries } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { LeaderboardRow } from '../../../../../shared/domain/arena';
import './arena.css';
import { useInvokeQuery } from '../../../client/hooks';
import { chartOptions } from '../../market/chart-theme';
import { toPoints } from '../SeriesChart';

const COLORS = ['#3fb68b', '#4c8df6', '#f0a000', '#e5484d', '#b07cf7', '#2ec4c4', '#d9d9d9'];

type Key = 'returnPercent' | 'maxDrawdownPercent' | 'sharpe' | 'winRatePercent' | 'trades' | 'fees' | 'runningMs';
const COLUMNS: { key: Key; label: string; format: (r: LeaderboardRow) => string }[] = [
  { key: 'returnPercent', label: 'Return', format: (r) => `${r.returnPercent.toFixed(2)} %` },
  { key: 'maxDrawdownPercent', label: 'Max DD', format: (r) => `${r.maxDrawdownPercent.toFixed(2)} %` },
  { key: 'sharpe', label: 'Sharpe', format: (r) => (r.sharpe === null ? '–' : r.sharpe.toFixed(2)) },
  {
    key: 'winRatePercent',
    label: 'Win rate',
    format: (r) => (r.winRatePercent === null ? '–' : `${r.winRatePercent.toFixed(0)} %`),
  },
  { key: 'trades', label: 'Trades', format: (r) => String(r.trades) },
  { key: 'fees', label: 'Fees', format: (r) => `${Number(r.fees).toFixed(2)} ${r.currency}` },
  { key: 'runningMs', label: 'Running', format: (r) => duration(r.runningMs) },
];

function duration(ms: number): string {
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

const value = (r: LeaderboardRow, k: Key) => (k === 'fees' ? Number(r.fees) : (r[k] ?? -Infinity));

function Curves({ rows }: { rows: LeaderboardRow[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, chartOptions());
    rows.forEach((r, i) => {
      const base = Number(r.baseEquity);
      const s = c.addSeries(LineSeries, {
        color: COLORS[i % COLORS.length]!,
        lineWidth: 2,
        title: r.strategyName,
        priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
      });
      s.setData(
        toPoints({
          time: [r.startedAt, ...r.curve.map((p) => p.time)],
          value: [0, ...r.curve.map((p) => (base > 0 ? (p.equity / base - 1) * 100 : 0))],
        }),
      );
    });
    c.timeScale().fitContent();
    return () => c.remove();
  }, [rows]);
  return (
    <figure className="series-chart" data-testid="leaderboard-chart">
      <figcaption className="muted small">Return (%) of each run on its own base</figcaption>
      <div className="series-chart-canvas" ref={box} />
    </figure>
  );
}

export function Leaderboard({ onSelect }: { onSelect?: (row: LeaderboardRow) => void }) {
  const board = useInvokeQuery('arena.leaderboard', {}, { refetchInterval: 15_000 });
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'returnPercent', desc: true });
  const rows = [...(board.data ?? [])].sort((a, b) => {
    const d = value(a, sort.key) - value(b, sort.key);
    return sort.desc ? -d : d;
  });
  return (
    <section className="card leaderboard" aria-labelledby="leaderboard-title" data-testid="leaderboard">
      <div className="card-head">
        <h2 id="leaderboard-title">Leaderboard</h2>
        <span className="muted small">each run and AI advisor on its own sub-account</span>
      </div>
      {board.error && <p className="error">{board.error.message}</p>}
      {board.data?.length === 0 && (
        <p className="muted">No run yet: activate strategies or add AI advisors to compare them here.</p>
      )}
      {rows.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="data-table" data-testid="leaderboard-table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Run</th>
                  <th className="num">Equity</th>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      className="num"
                      aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                    >
                      <button
                        type="button"
                        className="link"
                        onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : true }))}
                      >
                        {c.label}
                        {sort.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.runId} onClick={() => onSelect?.(r)} data-testid="leaderboard-row">
                    <td>{i + 1}</td>
                    <td>
                      <span
                        className="swatch"
                        style={{ background: COLORS[(board.data ?? []).indexOf(r) % COLORS.length] }}
                      />
                      {r.strategyName}
                      <div className="muted small">
                        {r.kind === 'advisor' ? `AI advisor · ${r.model} · ` : ''}
                        {r.symbol} {r.timeframe} · {r.mode} ·{' '}
                        {r.state === 'STOPPED' ? 'stopped' : r.state.toLowerCase()}
                        {r.capital === null ? ' · shares the account' : ''}
                      </div>
                    </td>
                    <td className="num">
                      {Number(r.equity).toFixed(2)} {r.currency}
                    </td>
                    {COLUMNS.map((c) => (
                      <td key={c.key} className="num">
                        {c.format(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Curves rows={board.data ?? []} />
        </>
      )}
    </section>
  );
}
