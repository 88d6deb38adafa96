import type { Candle, Ticker } from '../../../../shared/domain/market.js';

export const DAY_MS = 86_400_000;

/**
 * The recent closed candles of one market, oldest first, kept for `keepMs`: the 24-hour figures
 * of its ticker and a volatility estimate come from them.
 */
export type TickerWindow = {
  push(closed: readonly Candle[]): void;
  clear(): void;
  last(): Candle | null;
  /**
   * The ticker at `time`: `current` is the forming candle (or the last closed one); the 24 hours
   * are the window's candles opened after `time` - 24 h, plus `current`.
   */
  ticker(args: { symbol: string; time: number; current: Candle; bid: number; ask: number }): Ticker;
  /** Standard deviation of the last `count` log returns, scaled to one minute (candles of `spanMs`). */
  minuteSigma(spanMs: number, count: number): number;
};

export function createTickerWindow(keepMs: number, initial: readonly Candle[] = []): TickerWindow {
  let candles: Candle[] = [...initial];

  return {
    push(closed) {
      if (closed.length === 0) return;
      candles.push(...closed);
      const oldest = closed[closed.length - 1]!.time - keepMs;
      let drop = 0;
      while (drop < candles.length && candles[drop]!.time < oldest) drop++;
      if (drop > 0) candles = candles.slice(drop);
    },
    clear() {
      candles = [];
    },
    last: () => candles.at(-1) ?? null,
    ticker({ symbol, time, current, bid, ask }) {
      let high = current.high;
      let low = current.low;
      let volume = current.volume;
      let first = current;
      for (let i = candles.length - 1; i >= 0; i--) {
        const c = candles[i]!;
        if (c.time <= time - DAY_MS) break;
        if (c.time === current.time) continue;
        if (c.high > high) high = c.high;
        if (c.low < low) low = c.low;
        volume += c.volume;
        first = c;
      }
      return {
        symbol,
        time: Math.floor(time),
        last: current.close,
        bid,
        ask,
        high24h: high,
        low24h: low,
        change24hPercent: ((current.close - first.open) / first.open) * 100,
        volume24h: volume,
      };
    },
    minuteSigma(spanMs, count) {
      const n = Math.min(count, candles.length - 1);
      if (n < 2) return 0;
      let s = 0;
      let s2 = 0;
      for (let i = candles.length - n; i < candles.length; i++) {
        const r = Math.log(candles[i]!.close / candles[i - 1]!.close);
        s += r;
        s2 += r * r;
      }
      return Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) / Math.sqrt(spanMs / 60_000);
    },
  };
}
