import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_SETTINGS,
  KillSwitchRearmRequest,
  KillSwitchState,
  RISK_LIMITS,
  RiskSettings,
  Veto,
} from '../../../shared/domain/risk.js';
import { initialKillSwitch } from './kill-switch.js';

function messages(input: unknown): string[] {
  const r = RiskSettings.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('risk settings', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_RISK_SETTINGS).toEqual({
      capitalPerSymbol: { enabled: true, percent: 20 },
      totalExposure: { enabled: true, percent: 80 },
      orderSize: { enabled: true, perSymbol: {} },
      spread: { enabled: true, maxPercent: 0.5 },
      slippage: { enabled: true, maxPercent: 0.5 },
      atrSpike: { enabled: true, thresholdPercent: 30, lookback: 20, coolingMinutes: 30 },
      dailyLoss: { enabled: true, percent: 5 },
      maxDrawdown: { enabled: true, percent: 15 },
      lossLimitMode: 'FREEZE',
      maxOpenOrders: { enabled: true, count: 20 },
      maxOrdersPerMinute: { enabled: true, count: 10 },
      protect: {
        freezeOnSuspend: true,
        freezeOnLock: true,
        freezeOnNetworkLoss: true,
        engageKillSwitchOnProtect: false,
      },
      dryRun: false,
      holdingEntries: {},
      liveProtection: 'dead_man',
    });
  });

  it('states the allowed range when a value is outside it', () => {
    expect(messages({ capitalPerSymbol: { percent: 0 } })).toEqual([
      'capitalPerSymbol.percent: capital per symbol is 1 to 100 % of equity',
    ]);
    expect(messages({ capitalPerSymbol: { percent: 100.5 } })).toEqual([
      'capitalPerSymbol.percent: capital per symbol is 1 to 100 % of equity',
    ]);
    expect(messages({ spread: { maxPercent: 11 } })).toEqual([
      'spread.maxPercent: the bid-ask spread cap is 0.01 to 10 %',
    ]);
    expect(messages({ maxDrawdown: { percent: 95 } })).toEqual([
      'maxDrawdown.percent: the maximum drawdown is 1 to 90 % below the equity peak',
    ]);
    expect(messages({ dailyLoss: { percent: 'five' } })).toEqual([
      'dailyLoss.percent: the daily loss limit is 0.1 to 50 % of start-of-day equity',
    ]);
    expect(messages({ maxOrdersPerMinute: { count: 2.5 } })).toEqual([
      'maxOrdersPerMinute.count: the maximum of orders per minute is 1 to 600 orders a minute (a whole number)',
    ]);
  });

  it('accepts every limit at both ends of its range', () => {
    for (const key of ['min', 'max'] as const) {
      const r = RISK_LIMITS;
      const input = {
        capitalPerSymbol: { percent: r.capitalPerSymbolPercent[key] },
        totalExposure: { percent: r.totalExposurePercent[key] },
        spread: { maxPercent: r.maxSpreadPercent[key] },
        slippage: { maxPercent: r.maxSlippagePercent[key] },
        atrSpike: {
          thresholdPercent: r.atrSpikePercent[key],
          lookback: r.atrLookback[key],
          coolingMinutes: r.atrCoolingMinutes[key],
        },
        dailyLoss: { percent: r.dailyLossPercent[key] },
        maxDrawdown: { percent: r.maxDrawdownPercent[key] },
        maxOpenOrders: { count: r.maxOpenOrders[key] },
        maxOrdersPerMinute: { count: r.maxOrdersPerMinute[key] },
      };
      expect(messages(input)).toEqual([]);
    }
  });

  it('checks per-symbol order sizes', () => {
    expect(messages({ orderSize: { perSymbol: { 'BTC/USD': { minQuantity: '0.5', maxQuantity: '0.1' } } } })).toEqual([
      'orderSize.perSymbol.BTC/USD.maxQuantity: the minimum quantity (0.5) is above the maximum (0.1)',
    ]);
    expect(messages({ orderSize: { perSymbol: { 'BTC/USD': { maxNotional: '-1' } } } })).toHaveLength(1);
    expect(messages({ orderSize: { perSymbol: { btc: {} } } })).toHaveLength(1);
  });

  it('refuses unknown settings', () => {
    expect(messages({ killSwitch: true })).toHaveLength(1);
    expect(messages({ spread: { enabled: true, cap: 1 } })).toHaveLength(1);
  });
});

describe('risk records', () => {
  it('a veto carries rule, message, details as text and time', () => {
    const veto = {
      rule: 'SPREAD',
      message: 'spread 0.6 % above the 0.5 % cap',
      details: { spreadPercent: '0.6' },
      at: 1,
    };
    expect(Veto.parse(veto)).toEqual(veto);
    expect(Veto.safeParse({ ...veto, rule: 'NOPE' }).success).toBe(false);
  });

  it('the initial kill switch state is a valid persisted state', () => {
    expect(KillSwitchState.parse(initialKillSwitch())).toEqual(initialKillSwitch());
  });

  it('a re-arm request carries the confirmation text', () => {
    expect(KillSwitchRearmRequest.safeParse({}).success).toBe(false);
    expect(KillSwitchRearmRequest.parse({ confirm: 'RE-ARM TRADING' })).toEqual({ confirm: 'RE-ARM TRADING' });
  });
});
