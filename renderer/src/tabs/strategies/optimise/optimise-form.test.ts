import { describe, expect, it } from 'vitest';
import type { OptimizeParameter, SetRowView } from '../../../../../shared/domain/optimize';
import { defaultOptimiseForm, formatEstimate, heatmap, sortRows, toOptimizeRequest } from './optimise-form';

const param = (name: string, signals: boolean, defaultRange: string): OptimizeParameter => ({
  name,
  kind: signals ? 'period' : 'field',
  value: 1,
  integer: signals,
  min: 1,
  max: 100,
  signals,
  defaultRange,
});
const PARAMS = [param('stopLossPercent', false, '1:3:1'), param('RSI(14).period', true, '8:20:2')];

const row = (index: number, a: number, b: number, score: number | null, netProfitPercent: number): SetRowView => ({
  index,
  values: { a, b },
  score,
  rejected: null,
  metrics: {
    netProfit: netProfitPercent * 100,
    netProfitPercent,
    trades: 3,
    winRatePercent: 50,
    profitFactor: null,
    expectancy: 1,
    maxDrawdownPercent: 2,
    sharpe: score ?? 0,
    sortino: null,
    cagrPercent: 1,
    finalEquity: 10_000,
    feesPaid: 1,
  },
});

describe('the Optimise form', () => {
  it('sweeps the signal parameters first and builds the request the engine takes', () => {
    const form = defaultOptimiseForm(PARAMS);
    expect(form.ranges).toEqual({
      stopLossPercent: { on: false, range: '1:3:1' },
      'RSI(14).period': { on: true, range: '8:20:2' },
    });
    const checked = toOptimizeRequest('s1', { ...form, minTrades: '5', walkForward: true, stepDays: '' });
    expect(checked).toEqual({
      ok: true,
      request: {
        strategyId: 's1',
        days: 30,
        ranges: [{ name: 'RSI(14).period', range: '8:20:2' }],
        objective: 'sharpe',
        constraints: { minTrades: 5 },
        method: 'grid',
        walkForward: { inSampleDays: 10, outOfSampleDays: 5, anchored: false },
      },
    });
  });

  it('says what to fix instead of sending a request', () => {
    const form = defaultOptimiseForm(PARAMS);
    const none = { ...form, ranges: { 'RSI(14).period': { on: false, range: '8:20:2' } } };
    expect(toOptimizeRequest('s1', none)).toEqual({ ok: false, error: 'Choose at least one parameter to sweep.' });
    expect(toOptimizeRequest('s1', { ...form, days: '2.5' })).toEqual({
      ok: false,
      error: 'Days takes a whole number',
    });
    expect(toOptimizeRequest('s1', { ...form, method: 'random', samples: '' })).toMatchObject({ ok: false });
  });

  it('sorts the table by any column, missing values last, and keeps the engine rank', () => {
    const rows = [row(0, 1, 1, 2, 5), row(1, 1, 2, 1, 9), { ...row(2, 2, 1, null, 0), metrics: null }];
    expect(sortRows(rows, { key: 'netProfitPercent', descending: true }).map((r) => [r.rank, r.row.index])).toEqual([
      [2, 1],
      [1, 0],
      [3, 2],
    ]);
    expect(sortRows(rows, { key: 'param:b', descending: false }).map((r) => r.row.index)).toEqual([0, 2, 1]);
  });

  it('puts the best qualifying set of each pair of values in the heatmap', () => {
    const rows = [row(3, 2, 2, 3, 1), row(0, 1, 1, 2, 1), row(4, 2, 2, 1, 1)];
    const cells = heatmap(rows, 'a', [1, 2], 'b', [1, 2]);
    expect(cells[1]![1]).toEqual({ x: 2, y: 2, score: 3, index: 3 });
    expect(cells[0]![0]).toEqual({ x: 1, y: 1, score: 2, index: 0 });
    expect(cells[0]![1]!.index).toBeNull();
  });

  it('says the estimate as people do', () => {
    expect(formatEstimate(400)).toBe('under a second');
    expect(formatEstimate(42_000)).toBe('about 42 s');
    expect(formatEstimate(7_260_000)).toBe('about 2 h 1 min');
  });
});
