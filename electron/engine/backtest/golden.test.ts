// Golden files are files: this test reads (and, with UPDATE_GOLDEN=1, writes) them with node:fs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STRATEGY_TEMPLATES, Strategy } from '../../../shared/domain/strategy.js';
import { formatCandleCsv, parseCandleCsv } from '../market/csv.js';
import { resampleClosed } from '../market/resample.js';
import { arraysToCandles } from '../simulator/candle-arrays.js';
import { generateCandles } from '../simulator/price-process.js';
import { columnsFromCandles } from './candles.js';
import { runBacktest } from './runner.js';
import type { BacktestResult, OrderGate } from './types.js';

/**
 * Golden tests: the four signal templates (on 1h) over fixed candles, compared exactly (every
 * number, every trade, the exact decimal totals) with the committed results. The candles are
 * fixtures/btc-1h-90d.csv: 90 days of the simulator's BTC/USD (seed 2024) resampled to 1h. After an
 * intended change of semantics, regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
const CSV = new URL('./fixtures/btc-1h-90d.csv', import.meta.url);
const EXPECTED = new URL('./fixtures/golden-results.json', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const START = Date.UTC(2024, 0, 1);

function candleCsv(): string {
  if (!UPDATE && existsSync(CSV)) return readFileSync(CSV, 'utf8');
  const minutes = arraysToCandles(generateCandles({ seed: 2024, symbol: 'BTC/USD', start: START, count: 90 * 1440 }));
  const text = formatCandleCsv(resampleClosed(minutes, { from: '1m', to: '1h', asOf: START + 90 * 86_400_000 }));
  writeFileSync(CSV, text);
  return text;
}

/** A gate that vetoes entries on Sundays (UTC): shows vetoes in the golden results. */
const noSundays: OrderGate = (intent) =>
  intent.kind === 'entry' && new Date(intent.time).getUTCDay() === 0
    ? { approved: false, rule: 'NO_SUNDAY_ENTRIES', detail: 'entries are closed on Sundays' }
    : { approved: true };

function summary(r: BacktestResult) {
  const sample = Array.from(r.equity).filter((_, i) => i % 100 === 0 || i === r.equity.length - 1);
  return {
    metrics: r.metrics,
    grade: r.grade,
    exact: r.exact,
    firstReady: r.firstReady,
    trades: r.trades,
    vetoes: r.vetoes,
    equityEvery100: sample,
  };
}

describe('golden backtests on fixed data', () => {
  const parsed = parseCandleCsv(candleCsv());
  const candles = columnsFromCandles(parsed.candles);
  const results: Record<string, unknown> = {};
  for (const template of STRATEGY_TEMPLATES) {
    if (template.strategy.kind === 'grid') continue;
    const strategy = Strategy.parse({ ...template.strategy, timeframe: '1h', symbols: ['BTC/USD'] });
    const gate = template.id === 'sma-trend-following' ? noSundays : undefined;
    // JSON round trip: exactly what the golden file can hold (NaN would not survive it).
    results[template.id] = JSON.parse(JSON.stringify(summary(runBacktest({ strategy, candles, gate }))));
  }
  if (UPDATE || !existsSync(EXPECTED)) writeFileSync(EXPECTED, `${JSON.stringify(results, null, 1)}\n`);
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, unknown>;

  it('reads 2,160 hourly candles', () => {
    expect(parsed.errorCount).toBe(0);
    expect(candles.length).toBe(2160);
  });

  it.each(Object.keys(results))('%s matches its golden result exactly', (id) => {
    expect(results[id]).toEqual(expected[id]);
  });

  it('the golden runs trade, and one of them records vetoes', () => {
    const all = Object.values(expected) as ReturnType<typeof summary>[];
    expect(all.every((r) => r.trades.length > 0)).toBe(true);
    expect(all.some((r) => r.vetoes.length > 0)).toBe(true);
  });
});
