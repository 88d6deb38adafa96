import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/risk.js';
import { riskGateForBacktest } from '../backtest/risk-gate-adapter.js';
import type { OrderIntent } from '../backtest/types.js';
import { Decimal } from '../money/decimal.js';
import { runGridBacktest } from './backtest.js';
import type { GridDecision } from './types.js';
import { HOUR, hourly, smallGrid, T0 } from './test-helpers.js';

/**
 * Grid backtests on hand-made hourly candles. Flat candles (100, 101, 99, 100) give ATR(2) = 2 and
 * equal EMAs, so the grid is first centred at close 3: buys at 98 and 96, 1,000 each of 10,000.
 * Fee 0.1 %, slippage 0.1 %.
 */
const settings = { initialCapital: 10_000, feeRate: 0.001, slippage: 0.001 };
const flat = [100, 101, 99, 100] as const;
const Q98 = Decimal.from('10.204081632653061224'); // 1000 / 98, rounded down to 18 decimals
const dip = [100, 100.5, 97.5, 99] as const; // fills the buy at 98 (ATR 2 -> 2.5: no spike)

function run(rows: ReadonlyArray<readonly [number, number, number, number]>, strategy = smallGrid(), extra = {}) {
  const decisions: GridDecision[] = [];
  const result = runGridBacktest({
    strategy,
    candles: hourly(rows),
    settings,
    onDecision: (d) => decisions.push(d),
    ...extra,
  });
  return { result, decisions };
}

describe('runGridBacktest: a round trip by hand', () => {
  it('buys at a level, sells one spacing above: one GRID trade with the exact pnl after fees', () => {
    // Candle 4 buys at 98 x 1.001 = 98.098; candle 5 reaches the sell at 100: 100 x 0.999 = 99.9.
    // pnl = q x (99.9 x 0.999 - 98.098 x 1.001) = q x 1.604002.
    const { result } = run([flat, flat, flat, flat, dip, [99, 100.5, 98.5, 100]]);
    const pnl = Q98.mul('1.604002');
    expect(result.trades).toEqual([
      expect.objectContaining({
        entryIndex: 4,
        exitIndex: 5,
        entryTime: T0 + 4 * HOUR,
        exitTime: T0 + 5 * HOUR,
        entryPrice: 98.098,
        exitPrice: 99.9,
        reason: 'GRID',
        candlesHeld: 2,
        pnl: expect.closeTo(pnl.toNumber(), 9),
      }),
    ]);
    expect(Decimal.from(result.trades[0]!.pnlExact!).eq(pnl)).toBe(true);
    expect(Decimal.from(result.exact!.netProfit).eq(pnl)).toBe(true);
    expect(result.firstReady).toBe(3);
    // Equity at close 4: cash 10000 - q x 98.098 x 1.001 plus q at the close of 99.
    expect(result.equity[4]).toBeCloseTo(10_000 - Q98.toNumber() * 98.098 * 1.001 + Q98.toNumber() * 99, 9);
    expect(result.equity[5]).toBeCloseTo(10_000 + pnl.toNumber(), 9);
    expect(result.metrics.trades).toBe(1);
    expect(result.grade.grade).toBe('FAILED'); // one trade is too few to judge
  });

  it('sells the inventory still held at the last close as END', () => {
    const { result } = run([flat, flat, flat, flat, dip, [99, 99.5, 98.5, 99]]);
    expect(result.trades.map((t) => [t.reason, t.exitPrice])).toEqual([['END', expect.closeTo(99 * 0.999, 9)]]);
    expect(result.trades[0]!.exitTime).toBe(T0 + 6 * HOUR);
    expect(result.equity[5]).toBeCloseTo(result.metrics.finalEquity, 9);
  });

  it('stops out all inventory when the price falls stopLossPercent below the lowest held level', () => {
    // Stop = 98 x 0.98 = 96.04, sold at 96.04 x 0.999.
    const { result } = run([flat, flat, flat, flat, dip, [97, 97.5, 90, 91]], smallGrid({ stopLossPercent: 2 }));
    expect(result.trades).toHaveLength(1);
    const t = result.trades[0]!;
    expect(t.reason).toBe('STOP');
    expect(t.exitPrice).toBeCloseTo(96.04 * 0.999, 9);
    expect(t.pnl).toBeCloseTo(Q98.toNumber() * (96.04 * 0.999 * 0.999 - 98.098 * 1.001), 9);
  });
});

describe('runGridBacktest: filters and the gate', () => {
  it('places no buys while EMA fast < slow (a steady fall), and buys once the trend turns', () => {
    const falling = Array.from({ length: 12 }, (_, i) => [100 - i, 100.5 - i, 98.5 - i, 99 - i] as const);
    const down = run(falling);
    expect(down.decisions.filter((d) => d.status !== 'warming-up').every((d) => d.status === 'trend-blocked')).toBe(
      true,
    );
    expect(down.decisions.flatMap((d) => d.place)).toEqual([]);
    expect(down.result.trades).toEqual([]);

    const rising = Array.from({ length: 12 }, (_, i) => [100 + i, 101.5 + i, 99.5 + i, 101 + i] as const);
    const up = run(rising);
    expect(up.decisions.flatMap((d) => d.place).some((o) => o.side === 'buy')).toBe(true);
  });

  it('pauses on an ATR spike and resumes when ATR calms', () => {
    // Candle 4 jumps to 111 with a true range of 12.5: ATR(2) goes 2 -> 7.25 (+262.5 %), and its
    // low (99.5) fills no level. Calm candles (true range 2) after it: ATR 4.625, 3.3125, 2.65625,
    // 2.328125, 2.1640625: back within 2 x 1.15 = 2.3 at close 9.
    const calm = [111, 112, 110, 111] as const;
    const rows = [flat, flat, flat, flat, [100, 112, 99.5, 111] as const, ...Array.from({ length: 8 }, () => calm)];
    const { decisions, result } = run(rows);
    expect(decisions.map((d) => d.status).slice(3, 10)).toEqual([
      'active',
      'paused',
      'paused',
      'paused',
      'paused',
      'paused',
      'active',
    ]);
    expect(decisions[4]!.cancel).toEqual(['grid-1', 'grid-2']);
    expect(decisions.slice(4, 9).flatMap((d) => d.place)).toEqual([]);
    expect(decisions[9]!.place.map((o) => o.price)).toEqual([111 - 2.1640625, 111 - 2 * 2.1640625]);
    expect(result.trades).toEqual([]);
  });

  it('records a risk-gate veto with its rule and places no order for it', () => {
    const seen: OrderIntent[] = [];
    const { result, decisions } = run([flat, flat, flat, flat, flat], smallGrid(), {
      gate: (intent: OrderIntent) => {
        seen.push(intent);
        return intent.price < 97 ? { approved: false, rule: 'MAX_ORDER_SIZE', detail: 'over 999' } : { approved: true };
      },
    });
    expect(seen.every((i) => i.reason === 'GRID' && i.side === 'buy' && i.takeProfitPercent === undefined)).toBe(true);
    expect(result.vetoes[0]).toEqual({
      time: T0 + 4 * HOUR,
      index: 3,
      kind: 'entry',
      side: 'buy',
      rule: 'MAX_ORDER_SIZE',
      detail: 'over 999',
    });
    expect(decisions[3]!.place.map((o) => o.price)).toEqual([98]);
  });

  it('passes the real risk gate with default settings (no signal-strategy limits applied to grid levels)', () => {
    const { result } = run([flat, flat, flat, flat, flat], smallGrid(), {
      gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
    });
    expect(result.vetoes).toEqual([]);
  });
});
