import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestOptions } from './runner.js';
import { HOUR, hourly, signalsAt, T0, testStrategy } from './test-helpers.js';
import type { OrderIntent } from './types.js';

/**
 * The backtest semantics, each on a few hand-made hourly candles with the numbers worked out by
 * hand in the comments. Settings: capital 10,000, fee 0.1 %, slippage 0.1 %, stop 2 %, target 4 %,
 * position 10 %. Exact accounting; every figure must match the hand computation within 1e-9.
 */
const settings = { initialCapital: 10_000, feeRate: 0.001, slippage: 0.001 };
const flat = [100, 101, 99, 100] as const;
const near = (x: number) => expect.closeTo(x, 9);

function run(
  rows: ReadonlyArray<readonly [number, number, number, number]>,
  entries: number[],
  exits: number[] = [],
  extra: Partial<BacktestOptions> = {},
) {
  const candles = hourly(rows);
  return runBacktest({
    strategy: testStrategy(),
    candles,
    signals: signalsAt(candles.length, entries, exits),
    settings,
    ...extra,
  });
}

// An entry decided at a close of equity 10,000: notional 1,000, filled at the next open 100 x 1.001 = 100.1.
// quantity = 1000 / 100.1 = 9.99000999...; entry fee = 0.001 x 1000 = 1; cash left 10000 - 1001 = 8999.
// stop = 100.1 x 0.98 = 98.098; target = 100.1 x 1.04 = 104.104.
const QTY = 1000 / 100.1;
const CASH_IN_TRADE = 8999;

describe('runBacktest: fills, fees and slippage', () => {
  it('enters at the next open x (1 + slippage), exits at the open after the exit signal x (1 - slippage)', () => {
    const r = run(
      [flat, flat, [100, 102, 99.5, 101], [101, 103, 100.5, 102], [103, 104, 102, 103], [103, 104, 102, 103]],
      [1],
      [3],
    );
    // Exit at open 4: 103 x 0.999 = 102.897; proceeds = QTY x 102.897 = 1027.942057942058;
    // exit fee = 1.027942057942058; pnl = proceeds - fee - 1001 = 25.914115884116 (to 12 decimals).
    const proceeds = QTY * 102.897;
    expect(r.trades).toEqual([
      {
        entryIndex: 2,
        exitIndex: 4,
        entryTime: T0 + 2 * HOUR,
        exitTime: T0 + 4 * HOUR,
        entryPrice: near(100.1),
        exitPrice: near(102.897),
        quantity: near(QTY),
        entryFee: near(1),
        exitFee: near(proceeds * 0.001),
        pnl: near(25.914115884116),
        pnlPercent: near((25.914115884116 / 1001) * 100),
        reason: 'SIGNAL',
        candlesHeld: 2,
        pnlExact: expect.stringMatching(/^25\.91411588411588/),
        feesExact: expect.stringMatching(/^2\.02794205794205/),
      },
    ]);
    // Equity at each close: flat, flat, 8999 + QTY x 101, 8999 + QTY x 102, then cash.
    const cash = CASH_IN_TRADE + proceeds * 0.999;
    expect(Array.from(r.equity)).toEqual([
      10_000,
      10_000,
      near(CASH_IN_TRADE + QTY * 101),
      near(CASH_IN_TRADE + QTY * 102),
      near(cash),
      near(cash),
    ]);
    expect(r.metrics.finalEquity).toBeCloseTo(10_025.914115884116, 9);
    expect(r.metrics.feesPaid).toBeCloseTo(1 + proceeds * 0.001, 9);
    expect(r.exact?.finalEquity).toMatch(/^10025\.91411588411588/);
  });

  it('stop: a low at or below entry x (1 - SL) fills at the stop x (1 - slippage)', () => {
    const r = run([flat, flat, [100, 101, 98, 99]], [1]);
    // stop 98.098 touched by the low 98 in the entry candle: sell at 98.098 x 0.999 = 97.999902.
    expect(r.trades[0]).toMatchObject({ reason: 'STOP', exitIndex: 2, exitPrice: near(97.999902), candlesHeld: 1 });
    expect(r.trades[0]!.pnl).toBeCloseTo(QTY * 97.999902 * 0.999 - 1001, 9);
  });

  it('stop: a candle opening below the stop fills at its open', () => {
    const r = run([flat, flat, flat, [97, 97.5, 96, 97]], [1]);
    expect(r.trades[0]).toMatchObject({ reason: 'STOP', exitIndex: 3, exitPrice: near(97 * 0.999) });
  });

  it('target: a high at or above entry x (1 + TP) fills at the target; a gap above it at the open', () => {
    const hit = run([flat, flat, [100, 104.2, 99.5, 104]], [1]);
    expect(hit.trades[0]).toMatchObject({ reason: 'TARGET', exitPrice: near(104.104 * 0.999) });
    const gap = run([flat, flat, flat, [106, 107, 105, 106]], [1]);
    expect(gap.trades[0]).toMatchObject({ reason: 'TARGET', exitIndex: 3, exitPrice: near(106 * 0.999) });
  });

  it('both levels inside one candle: the stop wins', () => {
    const r = run([flat, flat, flat, [100, 105, 97, 100]], [1]);
    expect(r.trades[0]).toMatchObject({ reason: 'STOP', exitPrice: near(98.098 * 0.999) });
  });

  it('trailing stop: raised after the close from the highest high, effective from the next candle', () => {
    const strategy = testStrategy({ takeProfitPercent: 20, trailingStopPercent: 2 });
    // Candle 3 makes a high of 110: after its close the stop becomes 110 x 0.98 = 107.8. Its own low
    // of 105 does not trigger it. Candle 4 trades down to 107: exit at 107.8 x 0.999, TRAIL.
    const r = run([flat, flat, flat, [105.5, 110, 105, 109], [109, 109.5, 107, 108]], [1], [], { strategy });
    expect(r.trades[0]).toMatchObject({
      reason: 'TRAIL',
      exitIndex: 4,
      exitPrice: near(107.8 * 0.999),
      candlesHeld: 3,
    });
    // Without the trail, nothing exits: the open position is sold at the last close (END).
    const plain = run([flat, flat, flat, [105.5, 110, 105, 109], [109, 109.5, 107, 108]], [1], [], {
      strategy: testStrategy({ takeProfitPercent: 20 }),
    });
    expect(plain.trades[0]).toMatchObject({
      reason: 'END',
      exitIndex: 4,
      exitTime: T0 + 5 * HOUR,
      exitPrice: near(108 * 0.999),
    });
  });

  it("trailing stop: the entry candle's own high raises it after that close", () => {
    const strategy = testStrategy({ takeProfitPercent: 20, trailingStopPercent: 2 });
    // Entry at open 2 (100.1); candle 2 reaches 106: stop 106 x 0.98 = 103.88 from candle 3 on.
    const r = run([flat, flat, [100, 106, 99.5, 105], [105, 105.5, 103, 104]], [1], [], { strategy });
    expect(r.trades[0]).toMatchObject({
      reason: 'TRAIL',
      entryIndex: 2,
      exitIndex: 3,
      exitPrice: near(103.88 * 0.999),
    });
  });
});

describe('runBacktest: decisions at the close', () => {
  it('in a position, an exit signal means exit only, even when the entry conditions hold', () => {
    const r = run([flat, flat, flat, flat, flat, flat], [1, 3], [3]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ entryIndex: 2, exitIndex: 4, reason: 'SIGNAL' });
  });

  it('no entry is decided at the close of a candle on which a position was closed', () => {
    // Exit fills at open 4; the entry signal at close 4 is ignored; the one at close 5 enters at open 6.
    const r = run([flat, flat, flat, flat, flat, flat, flat, flat], [1, 4, 5], [3]);
    expect(r.trades.map((t) => [t.entryIndex, t.exitIndex, t.reason])).toEqual([
      [2, 4, 'SIGNAL'],
      [6, 7, 'END'],
    ]);
    // Same after a stop: stopped in candle 3, the entry signal at its close is ignored.
    const stopped = run([flat, flat, flat, [100, 101, 97, 99], flat, flat], [1, 3, 4]);
    expect(stopped.trades.map((t) => [t.entryIndex, t.exitIndex, t.reason])).toEqual([
      [2, 3, 'STOP'],
      [5, 5, 'END'],
    ]);
  });

  it('a signal at the last close is ignored; an open position is closed at the last close (END)', () => {
    const r = run([flat, flat, flat], [2]);
    expect(r.trades).toEqual([]);
    const open = run([flat, flat, [100, 101, 99, 100.5]], [0], [2]);
    expect(open.trades[0]).toMatchObject({
      entryIndex: 1,
      exitIndex: 2,
      reason: 'END',
      exitPrice: near(100.5 * 0.999),
      candlesHeld: 2,
    });
    expect(open.equity[2]).toBeCloseTo(open.metrics.finalEquity, 9);
  });

  it('asks the gate for every entry and signal exit, and lists each veto with its rule', () => {
    const intents: OrderIntent[] = [];
    const gate = (intent: OrderIntent) => {
      intents.push(intent);
      return intent.index === 1
        ? ({ approved: false, rule: 'MAX_EXPOSURE', detail: 'exposure would exceed 80 %' } as const)
        : ({ approved: true } as const);
    };
    const r = run([flat, flat, flat, flat, flat, flat], [1, 2], [4], { gate });
    expect(r.vetoes).toEqual([
      {
        time: T0 + 2 * HOUR,
        index: 1,
        kind: 'entry',
        side: 'buy',
        rule: 'MAX_EXPOSURE',
        detail: 'exposure would exceed 80 %',
      },
    ]);
    expect(r.trades.map((t) => [t.entryIndex, t.exitIndex])).toEqual([[3, 5]]);
    expect(intents.map((i) => [i.kind, i.index])).toEqual([
      ['entry', 1],
      ['entry', 2],
      ['exit', 4],
    ]);
    // The entry intent: decided at the close of candle 2 (time = its close), 10 % of equity at the close price.
    expect(intents[1]).toMatchObject({
      side: 'buy',
      symbol: 'BTC/USD',
      time: T0 + 3 * HOUR,
      price: 100,
      notional: 1000,
      quantity: 10,
      equity: 10_000,
      fraction: 0.1,
    });
  });

  it('does not signal before every indicator has a value (warm-up)', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [100 + i, 101 + i, 99 + i, 100.5 + i] as const);
    const candles = hourly(rows);
    const strategy = testStrategy({ entryConditions: ['NOT (Price < SMA(5))'], exitConditions: [] });
    const r = runBacktest({ strategy, candles, settings });
    expect(r.firstReady).toBe(4);
    expect(r.trades[0]).toMatchObject({ entryIndex: 5 });
  });

  it('refuses candles with NaN, and unknown conditions, with clear messages', () => {
    const candles = hourly([flat, [100, Number.NaN, 99, 100]]);
    expect(() => runBacktest({ strategy: testStrategy(), candles })).toThrow(/candle 1 .* not a finite number/);
    expect(() =>
      runBacktest({ strategy: testStrategy({ entryConditions: ['RSX < 30'] }), candles: hourly([flat]) }),
    ).toThrow(/entryConditions\.0: unknown indicator or value "RSX"/);
  });
});

describe('runBacktest: exact and float accounting agree', () => {
  it('gives the same trades and equity within 1e-9 relative on a longer run', () => {
    const rows = Array.from({ length: 600 }, (_, i) => {
      const c = 100 + 10 * Math.sin(i / 9) + 3 * Math.sin(i / 2.3);
      return [c - 0.2, c + 1.5, c - 1.5, c + 0.1] as const;
    });
    const candles = hourly(rows);
    const strategy = testStrategy({
      entryConditions: ['SMA(5) crosses above SMA(20)'],
      exitConditions: ['SMA(5) crosses below SMA(20)'],
      trailingStopPercent: 1.5,
    });
    const exact = runBacktest({ strategy, candles, settings });
    const float = runBacktest({ strategy, candles, settings, accounting: 'float' });
    expect(exact.trades.length).toBeGreaterThan(5);
    expect(float.trades.map((t) => [t.entryIndex, t.exitIndex, t.reason])).toEqual(
      exact.trades.map((t) => [t.entryIndex, t.exitIndex, t.reason]),
    );
    for (let i = 0; i < candles.length; i++)
      expect(Math.abs(float.equity[i]! / exact.equity[i]! - 1)).toBeLessThan(1e-9);
    expect(float.exact).toBeNull();
  });
});
