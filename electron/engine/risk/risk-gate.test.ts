import { describe, expect, it } from 'vitest';
import type { RiskRule } from '../../../shared/domain/risk.js';
import { engageKillSwitch, initialKillSwitch } from './kill-switch.js';
import { startLossTracker } from './loss-tracker.js';
import { evaluateOrder } from './risk-gate.js';
import { buy, context, d, NOW, openSells, sell, settings } from './risk-fixtures.js';
import type { RiskDecision } from './types.js';

function vetoOf(decision: RiskDecision) {
  if (decision.approved) throw new Error(`expected a veto, got approval (${JSON.stringify(decision.warnings)})`);
  return decision.veto;
}

function expectVeto(decision: RiskDecision, rule: RiskRule, ...inMessage: string[]) {
  const veto = vetoOf(decision);
  expect(veto.rule).toBe(rule);
  for (const text of inMessage) expect(veto.message).toContain(text);
  expect(veto.at).toBe(NOW);
  return veto;
}

function expectApproved(decision: RiskDecision) {
  if (!decision.approved) throw new Error(`expected approval, got ${decision.veto.rule}: ${decision.veto.message}`);
  return decision;
}

const frozen = engageKillSwitch(initialKillSwitch(), {
  mode: 'FREEZE',
  reason: 'panic',
  by: 'user',
  at: NOW - 1000,
}).state;
const long = { 'BTC/USD': { quantity: d('0.1'), markPrice: d('50000') } };

describe('kill switch', () => {
  it('vetoes every entry, whatever its source, naming the mode and cause', () => {
    for (const source of ['manual', 'strategy', 'ai'] as const) {
      const veto = expectVeto(
        evaluateOrder(buy('0.001', { source }), context({ killSwitch: frozen }), settings()),
        'KILL_SWITCH',
        'FREEZE',
        'by user: panic',
      );
      expect(veto.details).toMatchObject({
        mode: 'FREEZE',
        by: 'user',
        reason: 'panic',
        engagedAt: String(NOW - 1000),
      });
    }
  });

  it('allows an exit: a sell that closes or reduces the spot long', () => {
    const ctx = context({ killSwitch: frozen, positions: long });
    expect(expectApproved(evaluateOrder(sell('0.1'), ctx, settings())).exit).toBe(true);
    expect(expectApproved(evaluateOrder(sell('0.05'), ctx, settings())).exit).toBe(true);
  });

  it('vetoes a sell beyond the position and a reduce-only buy (they are not exits)', () => {
    const ctx = context({ killSwitch: frozen, positions: long });
    expectVeto(evaluateOrder(sell('0.1001'), ctx, settings()), 'KILL_SWITCH');
    expectVeto(evaluateOrder(buy('0.001', { reduceOnly: true }), ctx, settings()), 'KILL_SWITCH');
  });

  it('comes first: an entry breaking other rules too is vetoed by the kill switch', () => {
    expectVeto(
      evaluateOrder(buy('5'), context({ killSwitch: frozen, openOrders: openSells(50) }), settings()),
      'KILL_SWITCH',
    );
  });
});

describe('the order itself', () => {
  it('refuses a zero quantity or price', () => {
    expectVeto(evaluateOrder(buy('0'), context(), settings()), 'INVALID_ORDER');
    expectVeto(evaluateOrder(buy('0.001', { priceEstimate: d('0') }), context(), settings()), 'INVALID_ORDER');
  });

  it('refuses a sell of more than is held (spot cannot go short), with both numbers', () => {
    const veto = expectVeto(evaluateOrder(sell('0.2'), context({ positions: long }), settings()), 'EXCEEDS_POSITION');
    expect(veto.message).toBe('selling 0.2 BTC but 0.1 BTC is held: spot positions cannot go short');
    expectVeto(evaluateOrder(sell('0.2'), context(), settings()), 'EXCEEDS_POSITION', 'but 0 BTC is held');
  });

  it('refuses a reduce-only buy', () => {
    expectVeto(evaluateOrder(buy('0.001', { reduceOnly: true }), context(), settings()), 'REDUCE_ONLY');
  });

  it('refuses market info of another symbol', () => {
    expectVeto(evaluateOrder(buy('0.001', { symbol: 'ETH/USD' }), context(), settings()), 'INVALID_ORDER', 'ETH/USD');
  });
});

describe('exits', () => {
  it('pass the exposure caps, protect mode and the loss limits', () => {
    // 0.1 BTC = 5,000 USD = 50 % of equity: far above the 20 % per-symbol cap.
    const ctx = context({
      positions: long,
      protect: { suspended: true, screenLocked: false, networkLost: false, changedAt: NOW },
      lossTracker: startLossTracker(d('20000'), NOW - 1000, 'USD'),
    });
    expectVeto(evaluateOrder(buy('0.001'), ctx, settings()), 'PROTECT_MODE');
    expect(expectApproved(evaluateOrder(sell('0.1'), ctx, settings())).exit).toBe(true);
  });

  it('are still held to the exchange limits', () => {
    expectVeto(evaluateOrder(sell('0.00005'), context({ positions: long }), settings()), 'EXCHANGE_PRECISION');
  });

  it('get a warning, not a veto, for a wide spread', () => {
    const book = {
      symbol: 'BTC/USD',
      time: NOW,
      bids: [[49000, 5]] as [number, number][],
      asks: [[51000, 5]] as [number, number][],
    };
    const decision = expectApproved(evaluateOrder(sell('0.1'), context({ positions: long, book }), settings()));
    expect(decision.warnings.map((w) => w.rule)).toEqual(['SPREAD']);
  });
});

describe('protect mode', () => {
  const locked = { suspended: false, screenLocked: true, networkLost: false, changedAt: NOW - 5000 };

  it('freezes entries on a locked screen when freezeOnLock is on', () => {
    expectVeto(
      evaluateOrder(buy('0.001'), context({ protect: locked }), settings()),
      'PROTECT_MODE',
      'the screen is locked',
    );
  });

  it('lets entries through when the cause is switched off', () => {
    const s = settings({ protect: { freezeOnLock: false } });
    expectApproved(evaluateOrder(buy('0.001'), context({ protect: locked }), s));
  });
});

describe('daily loss and drawdown', () => {
  const tracker = startLossTracker(d('10000'), Date.UTC(2024, 2, 1), 'USD');

  it('daily loss: 5 % of start-of-day equity passes, beyond vetoes with the numbers', () => {
    expectApproved(evaluateOrder(buy('0.001'), context({ equity: d('9500'), lossTracker: tracker }), settings()));
    const veto = expectVeto(
      evaluateOrder(buy('0.001'), context({ equity: d('9499.99'), lossTracker: tracker }), settings()),
      'DAILY_LOSS',
      'daily loss of 500.01 USD (5.0001 % of the start-of-day equity 10,000.00 USD)',
      'limit of 5 % (500.00 USD)',
    );
    expect(veto.details).toMatchObject({ loss: '500.01', limit: '500', startOfDayEquity: '10000' });
  });

  it('drawdown: measured from the peak, 15 % passes, beyond vetoes', () => {
    const peaked = { ...tracker, peakEquity: d('12000') };
    const s = settings({ dailyLoss: { enabled: false } });
    expectApproved(evaluateOrder(buy('0.001'), context({ equity: d('10200'), lossTracker: peaked }), s));
    expectVeto(
      evaluateOrder(buy('0.001'), context({ equity: d('10199.99'), lossTracker: peaked }), s),
      'MAX_DRAWDOWN',
      'below the equity peak 12,000.00 USD',
      'maximum drawdown of 15 % (1,800.00 USD)',
    );
  });
});

describe('strategy parameters', () => {
  it('vetoes a strategy order whose stop loss is out of range', () => {
    const intent = buy('0.001', { source: 'strategy', strategyParams: { stopLossPercent: 12, takeProfitPercent: 15 } });
    expectVeto(evaluateOrder(intent, context(), settings()), 'STOP_LOSS_RANGE', '12 %', '1 to 10 %');
  });

  it('passes parameters at the edges of their ranges', () => {
    const params = { stopLossPercent: 10, takeProfitPercent: 20, positionSizePercent: 5 };
    expectApproved(evaluateOrder(buy('0.001', { source: 'ai', strategyParams: params }), context(), settings()));
  });
});

describe('open orders and orders per minute', () => {
  it('max open orders: 19 open passes, 20 open vetoes the 21st', () => {
    expectApproved(evaluateOrder(buy('0.001'), context({ openOrders: openSells(19) }), settings()));
    expectVeto(
      evaluateOrder(buy('0.001'), context({ openOrders: openSells(20) }), settings()),
      'MAX_OPEN_ORDERS',
      '20 orders are open: the limit is 20 open orders',
    );
  });

  it('orders per minute: 9 in the last minute passes, 10 vetoes and says when the next is allowed', () => {
    const times = Array.from({ length: 10 }, (_, i) => NOW - 50_000 + i * 1000);
    expectApproved(evaluateOrder(buy('0.001'), context({ recentOrderTimes: times.slice(1) }), settings()));
    const veto = expectVeto(
      evaluateOrder(buy('0.001'), context({ recentOrderTimes: times }), settings()),
      'ORDERS_PER_MINUTE',
      '10 orders were placed in the last 60 s: the limit is 10 orders per minute',
      'at 2024-03-01 12:00:10 UTC (in 10 s)',
    );
    expect(veto.details.nextAllowedAt).toBe(String(NOW + 10_000));
  });

  it('each limit can be switched off', () => {
    const s = settings({ maxOpenOrders: { enabled: false }, maxOrdersPerMinute: { enabled: false } });
    const ctx = context({ openOrders: openSells(30), recentOrderTimes: Array.from({ length: 30 }, () => NOW - 1) });
    expectApproved(evaluateOrder(buy('0.001'), ctx, s));
  });
});

describe('decision', () => {
  it('carries dryRun and warns about the data it could not check', () => {
    const decision = expectApproved(
      evaluateOrder(buy('0.001'), context({ market: null, book: null }), settings({ dryRun: true })),
    );
    expect(decision.dryRun).toBe(true);
    expect(decision.exit).toBe(false);
    expect(decision.warnings.map((w) => w.details.missing)).toEqual([
      'market info',
      'order book',
      'ATR series',
      'equity history',
    ]);
  });
});
