import { describe, expect, it } from 'vitest';
import { defaultForm, toParams } from './backtest-form';

const NOW = Date.parse('2026-03-15T12:34:00Z');

describe('the backtest form', () => {
  it('defaults to the last 30 days, a 0.1 % fee, 5 bps of slippage and the risk limits', () => {
    const form = defaultForm('BTC/USD', '1h', NOW);
    expect(form).toMatchObject({ fromDate: '2026-02-13', toDate: '2026-03-15', feePercent: '0.1', slippageBps: '5' });
    // Up to today: the end is left to the engine (the market's now).
    expect(toParams(form, NOW)).toEqual({
      ok: true,
      params: {
        symbol: 'BTC/USD',
        timeframe: '1h',
        from: Date.parse('2026-02-13T00:00:00Z'),
        feeRate: 0.001,
        slippageBps: 5,
        risk: 'default',
      },
    });
  });

  it('includes the whole last day of a past range', () => {
    const form = { ...defaultForm('ETH/USD', '1m', NOW), fromDate: '2026-03-01', toDate: '2026-03-01' };
    const checked = toParams(form, NOW);
    expect(checked.ok && [checked.params.from, checked.params.to]).toEqual([
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-03-02T00:00:00Z'),
    ]);
  });

  it.each([
    [{ fromDate: '' }, 'choose the first day of the range'],
    [{ fromDate: '2026-03-10', toDate: '2026-03-01' }, 'the range ends before it starts'],
    [{ feePercent: '-1' }, 'the fee is a percent from 0 to 5'],
    [{ slippageBps: '' }, 'slippage is from 0 to 500 bps'],
  ])('refuses %j: %s', (change, error) => {
    expect(toParams({ ...defaultForm('BTC/USD', '1h', NOW), ...change }, NOW)).toEqual({ ok: false, error });
  });
});
