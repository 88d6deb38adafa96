/**
 * The backtest settings of the selected (saved) strategy, Run with a progress bar and Cancel; the
 * result is shown below the workspace (BacktestResult) from the same useBacktest state. Defaults:
 * the strategy's first symbol and its timeframe, the 30 days up to the market's now (the
 * simulator's clock is its own), the fee of the venue the strategy would run on (the simulated
 * exchange's taker fee in SIMULATOR and PAPER, else the settings' default fee), slippage 5 bps, the
 * risk limits in force.
 */
import { useState } from 'react';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library';
import { formatRate } from '../../../../shared/format/numbers';
import { useInvokeQuery } from '../../client/hooks';
import { defaultForm, toParams, type BacktestFormValues } from './backtest-form';
import { BacktestForm } from './BacktestForm';
import { ProgressBar } from './ProgressBar';
import type { useBacktest } from './useBacktest';

/** Mount with key={strategy.id}: another strategy starts from its own defaults. */
type Props = { strategy: SavedStrategy; backtest: ReturnType<typeof useBacktest> };

export function BacktestPanel({ strategy, backtest }: Props) {
  const d = strategy.definition;
  const overview = useInvokeQuery('market.overview', {});
  // The market's now is the time of its last ticker; the wall clock (when the ticker was refused) if the symbol has none.
  const ticker = useInvokeQuery('market.ticker', { symbol: d.symbols[0]! }, { staleTime: 60_000 });
  const now = ticker.data?.time ?? (ticker.isError ? ticker.errorUpdatedAt : null);
  const trading = useInvokeQuery('trading.status', {});
  const settings = useInvokeQuery('settings.get', {});
  const fees = trading.data?.simulatedFees;
  const venueFee = fees ? Number(fees.takerRate) : settings.data?.defaultFeeRate;
  const feeNote = fees
    ? `the simulated exchange charges ${formatRate(Number(fees.takerRate))} taker, ${formatRate(Number(fees.makerRate))} maker`
    : venueFee !== undefined
      ? `the default fee in Settings: ${formatRate(venueFee)}`
      : null;
  const [edited, setValues] = useState<BacktestFormValues | null>(null);
  const values =
    edited ?? (now === null || venueFee === undefined ? null : defaultForm(d.symbols[0]!, d.timeframe, now, venueFee));
  const checked = values && now !== null ? toParams(values, now) : null;
  const symbols = [...new Set([...d.symbols, ...(overview.data?.markets.map((m) => m.symbol) ?? [])])];

  return (
    <section className="card backtest-panel" aria-labelledby="backtest-title" data-testid="backtest-panel">
      <div className="card-head">
        <h2 id="backtest-title">Backtest</h2>
      </div>
      {values ? (
        <BacktestForm
          values={values}
          symbols={symbols}
          disabled={backtest.running}
          onChange={setValues}
          feeNote={feeNote}
        />
      ) : (
        <p className="muted">Reading the market's time…</p>
      )}
      <div className="backtest-actions">
        {backtest.running ? (
          <button type="button" onClick={() => void backtest.cancel()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!checked?.ok}
            onClick={() => checked?.ok && void backtest.run(checked.params)}
          >
            Run backtest
          </button>
        )}
        {checked && !checked.ok && <span className="error small">{checked.error}</span>}
      </div>
      {backtest.running && <ProgressBar progress={backtest.progress} label="Backtest progress" />}
      {backtest.cancelled && <p className="muted">Backtest cancelled.</p>}
      {backtest.error && (
        <p role="alert" className="error">
          {backtest.error.message}
        </p>
      )}
    </section>
  );
}
