/**
 * A run against its backtest (strategies.drift): the trades matched, missed or extra, the fills'
 * slippage and fees against what the backtest assumed, both equity curves, and the thresholds
 * that raise the drift alert (and pause the run, if chosen).
 */
import { useState, type FormEvent } from 'react';
import type { DriftReport, DriftTrade } from '../../../../../shared/domain/drift';
import type { StrategyRunView } from '../../../../../shared/domain/strategy-runs';
import { useInvokeMutation, useInvokeQuery } from '../../../client/hooks';
import { formatUtc } from '../format';
import { DriftChart } from './DriftChart';

const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const STATUS_TEXT = { matched: 'matched', missed: 'missed by the run', extra: 'not in the backtest' } as const;

function TradeRow({ t }: { t: DriftTrade }) {
  const side = t.live ?? t.backtest!;
  return (
    <tr className={`drift-${t.status}`}>
      <td>{STATUS_TEXT[t.status]}</td>
      <td className="mono small">{formatUtc(side.entryTime)}</td>
      <td className="num">{num(t.backtest?.entryPrice)}</td>
      <td className="num">{num(t.live?.entryPrice)}</td>
      <td className="num">{num(t.entrySlippageBps, 1)}</td>
      <td className="num">{num(t.exitSlippageBps, 1)}</td>
      <td className="num">{num(t.backtest?.returnPercent)}</td>
      <td className="num">{num(t.live?.returnPercent)}</td>
      <td className="num">{num(t.returnGap)}</td>
    </tr>
  );
}

function Thresholds({ report }: { report: DriftReport }) {
  const update = useInvokeMutation('settings.update', ['settings.get', 'strategies.drift']);
  const [gap, setGap] = useState(String(report.thresholds.maxEquityGapPercent));
  const [missed, setMissed] = useState(String(report.thresholds.maxMissedTrades));
  const [pause, setPause] = useState(report.thresholds.pauseOnBreach);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      drift: { maxEquityGapPercent: Number(gap), maxMissedTrades: Number(missed), pauseOnBreach: pause },
    });
  };
  return (
    <form className="inline-form drift-thresholds" onSubmit={onSubmit} aria-label="Drift thresholds">
      <label className="field">
        <span>Alert beyond (points of return)</span>
        <input type="number" step="0.1" min={0.1} max={100} value={gap} onChange={(e) => setGap(e.target.value)} />
      </label>
      <label className="field">
        <span>or missed/extra trades beyond</span>
        <input type="number" min={0} max={100} value={missed} onChange={(e) => setMissed(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} /> pause the run
      </label>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      {update.error && <p className="error small">{update.error.message}</p>}
    </form>
  );
}

export function DriftPanel({ run }: { run: StrategyRunView }) {
  const drift = useInvokeQuery('strategies.drift', { runId: run.runId }, { enabled: run.kind === 'signal' });
  if (run.kind !== 'signal') {
    return (
      <p className="muted small" data-testid="drift-panel">
        Drift is measured for signal strategies: a grid trades level by level, which the trade-by-trade comparison does
        not pair.
      </p>
    );
  }
  const r = drift.data;
  return (
    <section className="drift" aria-label="Drift from the backtest" data-testid="drift-panel">
      <div className="card-head">
        <h3>Against its backtest</h3>
        <button type="button" onClick={() => void drift.refetch()} disabled={drift.isFetching}>
          {drift.isFetching ? 'Comparing…' : 'Compare again'}
        </button>
      </div>
      {drift.error && <p className="error">{drift.error.message}</p>}
      {!r && !drift.error && <p className="muted">Backtesting the run&apos;s candles…</p>}
      {r && (
        <>
          {r.breaches.length > 0 ? (
            <p className="warning" role="alert" data-testid="drift-breaches">
              Beyond the thresholds: {r.breaches.join('; ')}.
            </p>
          ) : (
            <p className="ok small">Within the thresholds.</p>
          )}
          <dl className="facts drift-facts" data-testid="drift-facts">
            <dt>Trades</dt>
            <dd>
              {r.matched} matched, {r.missed} missed by the run, {r.extra} not in the backtest
            </dd>
            <dt>Slippage vs backtest</dt>
            <dd>
              entries {num(r.meanEntrySlippageBps, 1)} bps, exits {num(r.meanExitSlippageBps, 1)} bps (positive: worse
              for you)
            </dd>
            <dt>Return gap</dt>
            <dd>
              {num(r.equityGap)} points now, {num(r.maxEquityGap)} at most
            </dd>
            <dt>Backtest assumed</dt>
            <dd>
              fee {num(r.assumed.feeRate * 100)} %, slippage {num(r.assumed.slippage * 100)} %, over {r.candles} candles
              from {formatUtc(r.from)}
            </dd>
          </dl>
          {r.equity.length > 0 && <DriftChart equity={r.equity} />}
          {r.trades.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="drift-trades">
                <thead>
                  <tr>
                    <th>Trade</th>
                    <th>Entry (UTC)</th>
                    <th className="num">Backtest in</th>
                    <th className="num">Run in</th>
                    <th className="num">Entry bps</th>
                    <th className="num">Exit bps</th>
                    <th className="num">Backtest %</th>
                    <th className="num">Run %</th>
                    <th className="num">Gap</th>
                  </tr>
                </thead>
                <tbody>
                  {r.trades.map((t, i) => (
                    <TradeRow key={i} t={t} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Thresholds key={JSON.stringify(r.thresholds)} report={r} />
        </>
      )}
    </section>
  );
}
