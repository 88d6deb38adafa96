import { describe, expect, it } from 'vitest';
import { evaluateStrategyParams } from './strategy-params.js';

const rules = (p: Parameters<typeof evaluateStrategyParams>[0]) => evaluateStrategyParams(p).map((v) => v.rule);

describe('strategy parameter ranges', () => {
  it('passes every edge of the ranges: stop loss 1-10 %, take profit 2-20 %, position size 5-20 %', () => {
    expect(rules({ stopLossPercent: 1, takeProfitPercent: 2, positionSizePercent: 5 })).toEqual([]);
    expect(rules({ stopLossPercent: 10, takeProfitPercent: 20, positionSizePercent: 20 })).toEqual([]);
  });

  it('returns every violation, not just the first, with the numbers', () => {
    const found = evaluateStrategyParams({ stopLossPercent: 10.5, takeProfitPercent: 1.9, positionSizePercent: 25 });
    expect(found.map((v) => v.rule)).toEqual([
      'STOP_LOSS_RANGE',
      'TAKE_PROFIT_RANGE',
      'POSITION_SIZE_RANGE',
      'REWARD_RISK',
    ]);
    expect(found[0]!.message).toBe('the stop loss of 10.5 % is outside the allowed 1 to 10 %');
    expect(found[2]!.details).toEqual({ value: '25', min: '5', max: '20' });
    expect(found[3]!.message).toBe('reward/risk is 0.18 (take profit 1.9 % / stop loss 10.5 %): it must be at least 1');
  });

  it('reward/risk: equal take profit and stop loss pass, a smaller take profit vetoes', () => {
    expect(rules({ stopLossPercent: 4, takeProfitPercent: 4 })).toEqual([]);
    expect(rules({ stopLossPercent: 4, takeProfitPercent: 3.99 })).toEqual(['REWARD_RISK']);
  });

  it('just outside each range vetoes', () => {
    expect(rules({ stopLossPercent: 0.99 })).toEqual(['STOP_LOSS_RANGE']);
    expect(rules({ takeProfitPercent: 20.01 })).toEqual(['TAKE_PROFIT_RANGE']);
    expect(rules({ positionSizePercent: 4.99 })).toEqual(['POSITION_SIZE_RANGE']);
  });

  it('refuses a value that is not a finite number', () => {
    expect(rules({ stopLossPercent: Number.NaN })).toEqual(['STOP_LOSS_RANGE']);
    expect(rules({})).toEqual([]);
  });
});
