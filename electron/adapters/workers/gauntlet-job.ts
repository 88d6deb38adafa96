/**
 * The job worker's "gauntlet" kind (jobs.ts): runGauntlet (electron/engine/gauntlet) in the worker,
 * for a signal or a grid strategy, with the risk gate rebuilt here from the serialisable
 * RiskSettings (`risk: null`: approve all).
 * Progress per stage comes from the engine; cancellation terminates the worker (job-worker.ts).
 * The candle columns are transferred in; the 30-day equity curve is transferred back.
 */
import type { RiskSettings } from '../../../shared/domain/risk.js';
import type { BacktestSettings, StrategyDefinition } from '../../../shared/domain/strategy.js';
import { riskGateForBacktest } from '../../engine/backtest/risk-gate-adapter.js';
import { approveAll } from '../../engine/backtest/types.js';
import { runGauntlet, type GauntletResult } from '../../engine/gauntlet/run.js';
import type { OhlcvColumns } from '../../engine/strategy/columns.js';
import type { JobSpec } from './jobs.js';

export type GauntletJob = {
  strategy: StrategyDefinition;
  /** The strategy's timeframe, the 90 days before `to` (or what the history has). */
  candles: OhlcvColumns;
  to: number;
  symbol: string;
  settings: BacktestSettings;
  risk: RiskSettings | null;
  seed?: string;
};

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export const gauntletJob: JobSpec<GauntletJob, GauntletResult> = {
  run(job, ctx) {
    const gate = job.risk ? riskGateForBacktest(job.risk) : approveAll;
    const { strategy, candles, to, symbol, settings } = job;
    return runGauntlet(
      { strategy, candles, to, symbol, settings, gate, ...(job.seed ? { seed: job.seed } : {}) },
      (fraction, message) => ctx.progress(fraction, message),
    );
  },
  inputBuffers: (job) => COLUMNS.map((k) => job.candles[k].buffer),
  outputBuffers: (result) => [result.backtest.equity.buffer],
};
