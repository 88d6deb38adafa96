import type { Strategy } from '../../../shared/domain/strategy.js';

/**
 * How much of equity an entry may use (a fraction: 0.1 = 10 %), by the strategy's sizing method
 * (schema doc in shared/domain/strategy.ts). Always capped at positionSizePercent. The same
 * function sizes backtest, paper and live entries.
 */
export type SizingDecision = { fraction: number } | { fraction: 0; rule: string; detail: string };

/** The returns (P&L / entry cost) of the last closed trades, oldest overwritten first. */
export class TradeReturns {
  private readonly values: Float64Array;
  private count = 0;
  private next = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(1, capacity));
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.values.length;
    if (this.count < this.values.length) this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Win rate W and payoff R (average win / average loss) of the stored trades. */
  stats(): { winRate: number; payoff: number } {
    let wins = 0;
    let winSum = 0;
    let lossSum = 0;
    for (let i = 0; i < this.count; i++) {
      const r = this.values[i]!;
      if (r > 0) {
        wins++;
        winSum += r;
      } else lossSum -= r;
    }
    const losses = this.count - wins;
    const avgWin = wins > 0 ? winSum / wins : 0;
    const avgLoss = losses > 0 ? lossSum / losses : 0;
    return { winRate: this.count > 0 ? wins / this.count : 0, payoff: avgLoss > 0 ? avgWin / avgLoss : Infinity };
  }
}

/** The trade history a strategy's sizing needs (a Kelly window), or null. */
export function createTradeReturns(strategy: Strategy): TradeReturns | null {
  return strategy.sizing?.method === 'kelly' ? new TradeReturns(strategy.sizing.lookbackTrades) : null;
}

/**
 * @param atrPercent ATR(sizing.atrPeriod) as % of the close at the decision (volatility sizing).
 * @param history closed-trade returns (Kelly sizing).
 */
export function entryFraction(strategy: Strategy, atrPercent: number, history: TradeReturns | null): SizingDecision {
  const cap = strategy.positionSizePercent / 100;
  const sizing = strategy.sizing;
  if (!sizing || sizing.method === 'fixed') return { fraction: cap };
  if (sizing.method === 'volatility') {
    if (!(atrPercent > 0)) return { fraction: cap };
    return { fraction: Math.min(cap, sizing.riskPercent / (sizing.atrMultiple * atrPercent)) };
  }
  if (!history || history.size < sizing.minTrades) return { fraction: cap };
  const { winRate, payoff } = history.stats();
  const kelly = payoff === Infinity ? winRate : winRate - (1 - winRate) / payoff;
  if (!(kelly > 0)) {
    const detail = `Kelly fraction ${kelly.toFixed(4)} (win rate ${(winRate * 100).toFixed(1)} %, payoff ${payoff.toFixed(2)}) over the last ${history.size} trades is not above zero`;
    return { fraction: 0, rule: 'SIZING_KELLY', detail };
  }
  return { fraction: Math.min(cap, sizing.fraction * kelly) };
}
