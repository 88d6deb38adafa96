/**
 * Every strategy run (strategies.runs, kept live by strategies.runUpdated): symbol and timeframe
 * with the mode under them, state, orders placed, vetoes, Pause/Resume/Stop, and the decision log
 * of the chosen run. Compact enough that the actions fit the card in a 1280 px window: the state's
 * reason and the last error wrap under the state.
 */
import { useEffect, useState } from 'react';
import type { StrategyRunView } from '../../../../shared/domain/strategy-runs';
import { useInvokeMutation, useInvokeQuery } from '../../client/hooks';
import { formatAmount } from '../../../../shared/format/numbers';
import { useMarketInfo } from '../../format/use-market-info';
import { formatUtc } from './format';
import { GradeBadge } from './GradeBadge';
import { RunLog } from './RunLog';
import { DriftPanel } from './drift/DriftPanel';

/** `chosen`/`onChoose`: the run shown below the table, when the tab picks it (the leaderboard's row click). */
export function RunsPanel(props: { chosen?: string | null; onChoose?: (runId: string) => void } = {}) {
  const runs = useInvokeQuery('strategies.runs', {});
  const marketOf = useMarketInfo();
  const [own, setOwn] = useState<string | null>(null);
  const chosen = props.chosen ?? own;
  const setChosen = props.onChoose ?? setOwn;
  const pause = useInvokeMutation('strategies.pause', ['strategies.runs']);
  const resume = useInvokeMutation('strategies.resume', ['strategies.runs']);
  const stop = useInvokeMutation('strategies.stop', ['strategies.runs', 'strategies.activationCheck']);
  const error = pause.error ?? resume.error ?? stop.error;
  // A refusal belongs to its moment: re-arming the kill switch (its usual cause) clears it.
  const engaged = useInvokeQuery('killSwitch.status', {}).data?.engaged;
  const { reset: resetPause } = pause;
  const { reset: resetResume } = resume;
  const { reset: resetStop } = stop;
  useEffect(() => {
    if (engaged !== false) return;
    resetPause();
    resetResume();
    resetStop();
  }, [engaged, resetPause, resetResume, resetStop]);
  const list = runs.data ?? [];
  const selected = list.find((r) => r.runId === chosen) ?? list.find((r) => r.state !== 'STOPPED') ?? list[0];

  const actions = (r: StrategyRunView) => (
    <div className="run-actions">
      {r.state === 'RUNNING' && (
        <button type="button" onClick={() => pause.mutate({ runId: r.runId })} aria-label={`Pause ${r.strategyName}`}>
          Pause
        </button>
      )}
      {r.state === 'PAUSED' && (
        <button type="button" onClick={() => resume.mutate({ runId: r.runId })} aria-label={`Resume ${r.strategyName}`}>
          Resume
        </button>
      )}
      {r.state !== 'STOPPED' && (
        <button type="button" onClick={() => stop.mutate({ runId: r.runId })} aria-label={`Stop ${r.strategyName}`}>
          Stop
        </button>
      )}
    </div>
  );

  return (
    <section className="card runs-panel" aria-labelledby="runs-title" data-testid="runs-panel">
      <div className="card-head">
        <h2 id="runs-title">Running strategies</h2>
      </div>
      {runs.error && <p className="error">{runs.error.message}</p>}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      {runs.data?.length === 0 && (
        <p className="muted">
          No strategy has run yet. Backtest one, then activate it on the same symbol and timeframe.
        </p>
      )}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="runs-table">
            <thead>
              <tr>
                <th>Strategy</th>
                <th>Market</th>
                <th>State</th>
                <th>Grade</th>
                <th className="num">Position</th>
                <th className="num">Orders</th>
                <th className="num">Vetoes</th>
                <th className="wrap">Last candle (UTC)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr
                  key={r.runId}
                  className={r.runId === selected?.runId ? 'selected' : ''}
                  onClick={() => setChosen(r.runId)}
                  aria-selected={r.runId === selected?.runId}
                >
                  <td>{r.strategyName}</td>
                  <td>
                    {r.symbol} {r.timeframe}
                    <div className="muted small">{r.mode}</div>
                  </td>
                  <td className="run-state-cell">
                    <span className={`run-state run-${r.state.toLowerCase()}`}>{r.state}</span>
                    {r.stateReason && <div className="muted small">{r.stateReason}</div>}
                    {r.lastError && <div className="error small">{r.lastError}</div>}
                  </td>
                  <td>
                    <GradeBadge grade={r.grade} />
                  </td>
                  <td className="num">{formatAmount(r.positionQuantity, marketOf(r.symbol)?.amountStep)}</td>
                  <td className="num" data-testid="run-orders">
                    {r.ordersPlaced}
                  </td>
                  <td className="num">{r.vetoes}</td>
                  <td className="mono small">{formatUtc(r.lastEvaluatedAt)}</td>
                  <td onClick={(e) => e.stopPropagation()}>{actions(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <RunLog run={selected} />}
      {selected && <DriftPanel run={selected} />}
    </section>
  );
}
