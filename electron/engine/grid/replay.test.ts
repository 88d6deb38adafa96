import { describe, expect, it } from 'vitest';
import { TIMEFRAME_MS } from '../../../shared/domain/market.js';
import { STRATEGY_TEMPLATES, type GridStrategy } from '../../../shared/domain/strategy.js';
import { approveAll, type BacktestTrade } from '../backtest/types.js';
import { Decimal } from '../money/decimal.js';
import { sliceColumns } from '../strategy/columns.js';
import { runGridBacktest } from './backtest.js';
import { gridDecide } from './decide.js';
import { fillGridCandle } from './fills.js';
import { gridSeries, latestReading, readingAt } from './readings.js';
import { initialGridState, parseGridState } from './state.js';
import { randomWalk } from './test-helpers.js';
import type { GridDecision } from './types.js';

/** The grid over thousands of seeded random-walk candles: no lookahead, determinism, restart. */
const template = STRATEGY_TEMPLATES.find((t) => t.id === 'atr-grid')!.strategy as GridStrategy;
const MS = TIMEFRAME_MS[template.timeframe];
const settings = { initialCapital: 10_000, feeRate: 0.001, slippage: 0.0005 };
const withStop: GridStrategy = { ...template, stopLossPercent: 3 };

function decisionsOf(candles: ReturnType<typeof randomWalk>, strategy = withStop) {
  const decisions: GridDecision[] = [];
  const result = runGridBacktest({ strategy, candles, settings, onDecision: (d) => decisions.push(d) });
  return { result, decisions };
}

describe('the atr-grid template on simulated candles', () => {
  const candles = randomWalk('grid-template', 4_000, MS);

  it('runs without throwing and its trades add up to the net profit exactly', () => {
    for (const strategy of [template, withStop]) {
      const { result } = decisionsOf(candles, strategy);
      expect(result.trades.length).toBeGreaterThan(20);
      expect(result.trades.every((t) => ['GRID', 'STOP', 'END'].includes(t.reason))).toBe(true);
      expect(result.equity.every(Number.isFinite)).toBe(true);
      const sum = Decimal.sum(result.trades.map((t) => t.pnlExact!));
      expect(sum.eq(result.exact!.netProfit)).toBe(true);
      expect(result.metrics.exposurePercent).toBeLessThanOrEqual(100);
      expect(result.grade.reasons.length).toBeGreaterThan(0);
    }
  });

  it('never commits more than capitalPerSymbolPercent of the equity peak to the grid', () => {
    const { decisions, result } = decisionsOf(candles);
    let peak = settings.initialCapital;
    decisions.forEach((d, i) => {
      peak = Math.max(peak, result.equity[i]!);
      let committed = 0;
      for (const l of d.state.levels) {
        if (l.buy) committed += l.price * Number(l.buy.quantity);
        if (l.lot) committed += Number(l.lot.price) * Number(l.lot.quantity);
      }
      // Lots were sized at the level price; their fill adds at most the slippage.
      expect(committed).toBeLessThanOrEqual(peak * 0.2 * (1 + settings.slippage) + 1e-6);
    });
  });

  it('is deterministic', () => {
    expect(decisionsOf(candles).result).toEqual(decisionsOf(candles).result);
  });

  it('has no lookahead: changing candle i + 1 changes no decision at closes up to i', () => {
    const i = 2_000;
    const changed = sliceColumns(candles, candles.length);
    const copy = {
      ...changed,
      open: changed.open.slice(),
      high: changed.high.slice(),
      low: changed.low.slice(),
      close: changed.close.slice(),
    };
    copy.high[i + 1] = copy.high[i + 1]! * 1.2;
    copy.close[i + 1] = copy.close[i + 1]! * 1.15;
    copy.low[i + 1] = copy.low[i + 1]! * 0.8;
    const a = decisionsOf(candles).decisions.slice(0, i + 1);
    const b = decisionsOf(copy).decisions.slice(0, i + 1);
    expect(b).toEqual(a);
    // A live runner reading only the candles up to i sees the backtest's reading at i.
    const series = gridSeries(withStop, candles);
    expect(latestReading(withStop, sliceColumns(candles, i + 1))).toEqual(readingAt(series, i));
  });

  it('a paper run saving and restoring its state as JSON at every candle trades like the backtest', () => {
    const { result } = decisionsOf(candles);
    const series = gridSeries(withStop, candles);
    let saved = JSON.stringify(initialGridState());
    let cash = Decimal.fromNumber(settings.initialCapital);
    const trades: BacktestTrade[] = [];
    for (let i = 0; i < candles.length - 1; i++) {
      const candle = {
        index: i,
        time: candles.time[i]!,
        open: candles.open[i]!,
        high: candles.high[i]!,
        low: candles.low[i]!,
      };
      const filled = fillGridCandle(parseGridState(saved), candle, withStop, settings, cash);
      cash = filled.cash;
      trades.push(...filled.trades);
      const held = filled.state.levels.reduce((q, l) => (l.lot ? q.add(l.lot.quantity) : q), Decimal.ZERO);
      const equity = cash.toNumber() + held.toNumber() * candles.close[i]!;
      const decision = gridDecide(filled.state, readingAt(series, i), {
        strategy: withStop,
        symbol: 'BTC/USD',
        equity,
        gate: approveAll,
      });
      saved = JSON.stringify(decision.state);
    }
    const before = result.trades.filter((t) => t.exitIndex < candles.length - 1);
    expect(trades).toEqual(before);
  });
});
