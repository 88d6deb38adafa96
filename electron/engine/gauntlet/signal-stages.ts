/**
 * The gauntlet's runs for a signal strategy: signals are evaluated once over the whole history and
 * sliced per window (windows.ts), so a window's first candle already has warmed-up indicators; a
 * variant whose conditions moved is evaluated again from a warm-up of VARIANT_WARMUP_LOOKBACKS x
 * its longest lookback before the 30-day window (or all earlier history, when there is less).
 */
import type { Strategy } from '../../../shared/domain/strategy.js';
import { runBacktest, StrategyCompileError } from '../backtest/runner.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { compileStrategy, evaluateSignals, type Signals, type StrategyProgram } from '../strategy/program.js';
import type { StageContext, StageRunner } from './stages.js';
import { strategyVariants } from './variants.js';
import { sliceCandles, sliceSignals } from './windows.js';

export const VARIANT_WARMUP_LOOKBACKS = 10;

/** Compiles the strategy (StrategyCompileError when it does not) and evaluates its signals. */
export function signalStages(strategy: Strategy, c: StageContext): StageRunner {
  const compiled = compileStrategy(strategy);
  if (!compiled.ok) throw new StrategyCompileError(compiled.issues);
  const program = compiled.program;
  const { candles, h0, h1 } = c;
  const base = { symbol: c.symbol, settings: c.settings, gate: c.gate, accounting: c.accounting };
  const signals = evaluateSignals(program, candles);
  const headCandles = sliceCandles(candles, h0, h1);
  const headSignals = sliceSignals(signals, h0, h1);
  return {
    headline: () =>
      runBacktest({
        ...base,
        strategy: program,
        candles: headCandles,
        signals: headSignals,
        accounting: c.headlineAccounting,
      }),
    window: (a, b, settings = c.settings) =>
      runBacktest({
        ...base,
        settings,
        strategy: program,
        candles: sliceCandles(candles, a, b),
        signals: sliceSignals(signals, a, b),
      }),
    variants: () =>
      strategyVariants(strategy).map((v) => ({
        parameter: v.parameter,
        change: v.change,
        run: () =>
          runBacktest({
            ...base,
            strategy: v.program,
            candles: headCandles,
            signals: v.signalsChange ? variantSignals(v.program, candles, h0, h1) : headSignals,
          }),
      })),
  };
}

/** Signals of a variant for candles [h0, h1), evaluated from a warm-up before h0. */
function variantSignals(program: StrategyProgram, candles: OhlcvColumns, h0: number, h1: number): Signals {
  const start = Math.max(0, h0 - VARIANT_WARMUP_LOOKBACKS * Math.max(1, program.warmupCandles));
  const s = evaluateSignals(program, sliceCandles(candles, start, h1));
  return sliceSignals(s, h0 - start, h1 - start);
}
