/** For tests: simulator history (seeded, deterministic) in the strategy's timeframe. */
import type { Timeframe } from '../../../shared/domain/market.js';
import { toTimeframe } from '../backtest/candles.js';
import { generateCandles } from '../simulator/price-process.js';
import type { OhlcvColumns } from '../strategy/columns.js';
import { DAY_MS } from './windows.js';

export const TEST_START = Date.UTC(2024, 0, 1);

/** `days` of simulated BTC/USD history from TEST_START, in `timeframe`. */
export function simulatedHistory(days: number, timeframe: Timeframe, seed = 7): OhlcvColumns {
  const minutes = generateCandles({ seed, symbol: 'BTC/USD', start: TEST_START, count: (days * DAY_MS) / 60_000 });
  return timeframe === '1m' ? minutes : toTimeframe(minutes, '1m', timeframe);
}
