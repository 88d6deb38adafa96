/**
 * Monte Carlo of the trade order: the closed trades' P&L (in money) reshuffled `runs` times with a
 * seeded generator (Fisher-Yates over sfc32, electron/engine/simulator/prng.ts), each sequence
 * applied to the starting capital one trade at a time, and its largest fall from a running peak
 * (the starting capital is the first peak) in % of that peak. Reports the 95th percentile and the
 * median (nearest rank) of those drawdowns. Only closed-trade equity is seen: a drawdown inside an
 * open trade is not (the backtest's own max drawdown covers that for the real order).
 */
import { Rng } from '../simulator/prng.js';

export type MonteCarloResult = { runs: number; p95DrawdownPercent: number; medianDrawdownPercent: number };

export const MONTE_CARLO_RUNS = 1_000;

/** Largest peak-to-trough fall, %, of capital followed by the P&L sequence. */
export function sequenceDrawdown(capital: number, pnl: ArrayLike<number>): number {
  let equity = capital;
  let peak = capital;
  let worst = 0;
  for (let i = 0; i < pnl.length; i++) {
    equity += pnl[i]!;
    if (equity > peak) peak = equity;
    else if (peak > 0) {
      const dd = (peak - equity) / peak;
      if (dd > worst) worst = dd;
    }
  }
  return worst * 100;
}

/** Nearest-rank percentile of ascending values (p in (0, 100]). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function monteCarloDrawdowns(
  capital: number,
  pnl: readonly number[],
  seed: string,
  runs = MONTE_CARLO_RUNS,
): MonteCarloResult {
  const rng = new Rng(`gauntlet-monte-carlo:${seed}`);
  const order = Float64Array.from(pnl);
  const drawdowns = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    drawdowns[r] = sequenceDrawdown(capital, order);
  }
  drawdowns.sort();
  return {
    runs,
    p95DrawdownPercent: percentile(drawdowns, 95),
    medianDrawdownPercent: percentile(drawdowns, 50),
  };
}
