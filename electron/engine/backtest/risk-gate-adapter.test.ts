import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from '../../../shared/domain/risk.js';
import { gateFastPath } from './gate-fast-path.js';
import { riskGateForBacktest } from './risk-gate-adapter.js';
import type { GateDecision, OrderIntent } from './types.js';

/** A small deterministic generator (LCG), so a failure names its inputs. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function intent(over: Partial<OrderIntent>): OrderIntent {
  const price = over.price ?? 80_000;
  const quantity = over.quantity ?? 0.01;
  return {
    kind: 'entry',
    side: 'buy',
    symbol: 'BTC/USD',
    time: Date.UTC(2025, 0, 1),
    index: 0,
    price,
    quantity,
    notional: quantity * price,
    equity: 10_000,
    fraction: 0.08,
    heldQuantity: 0,
    strategyName: 'test',
    reason: 'SIGNAL',
    stopLossPercent: 2,
    takeProfitPercent: 4,
    positionSizePercent: 10,
    ...over,
  };
}

function decide(gate: (i: OrderIntent) => GateDecision, i: OrderIntent): GateDecision | string {
  try {
    return gate(i);
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
}

/** Intents at, just inside and just beyond every limit the fast path reasons about, and plain ones. */
function intents(random: () => number, settings: RiskSettings): OrderIntent[] {
  const out: OrderIntent[] = [];
  let time = Date.UTC(2025, 0, 1);
  for (let k = 0; k < 4000; k++) {
    time += Math.floor(random() * 20_000);
    const price = Number((1 + random() * 90_000).toPrecision(1 + Math.floor(random() * 16)));
    const equity = Number((random() * 20_000).toPrecision(1 + Math.floor(random() * 16)));
    const held = random() < 0.3 ? Number((random() * 0.05).toPrecision(1 + Math.floor(random() * 16))) : 0;
    const percent = random() < 0.5 ? settings.capitalPerSymbol.percent : settings.totalExposure.percent;
    const atLimit = (equity * percent) / 100 / price - held;
    const nudge = [0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -0.5][Math.floor(random() * 7)]!;
    const entryQty = random() < 0.7 ? atLimit * (1 + nudge) : random() * 0.2;
    const sellQty = [held, held * (1 + 1e-15), held / 2, held * 2, 0][Math.floor(random() * 5)]!;
    const sell = random() < 0.35;
    const odd = random();
    out.push(
      intent({
        time,
        price: odd < 0.01 ? -price : price,
        equity: odd > 0.99 ? Number.NaN : equity,
        heldQuantity: held,
        side: sell ? 'sell' : 'buy',
        kind: sell || odd < 0.02 ? 'exit' : 'entry',
        quantity: sell ? sellQty : entryQty,
        takeProfitPercent: odd > 0.97 ? 1 : 4,
      }),
    );
  }
  return out;
}

describe('the backtest gate: the fast path decides as the exact risk gate does', () => {
  const variants: Array<[string, RiskSettings]> = [
    ['default limits', DEFAULT_RISK_SETTINGS],
    ['capital per symbol off', { ...DEFAULT_RISK_SETTINGS, capitalPerSymbol: { enabled: false, percent: 20 } }],
    [
      'total exposure below the symbol cap',
      { ...DEFAULT_RISK_SETTINGS, totalExposure: { enabled: true, percent: 7.5 } },
    ],
    ['one order per minute', { ...DEFAULT_RISK_SETTINGS, maxOrdersPerMinute: { enabled: true, count: 1 } }],
    ['no open orders allowed', { ...DEFAULT_RISK_SETTINGS, maxOpenOrders: { enabled: true, count: 0 } }],
    [
      'an order size limit for the symbol',
      { ...DEFAULT_RISK_SETTINGS, orderSize: { enabled: true, perSymbol: { 'BTC/USD': { maxNotional: '500' } } } },
    ],
  ];
  for (const [name, settings] of variants) {
    it(`${name}: every decision, veto text included, equals the exact gate's`, () => {
      const random = generator(name.length * 7919);
      const fast = riskGateForBacktest(settings);
      const exact = riskGateForBacktest(settings, { fastPath: false });
      const list = intents(random, settings);
      let vetoes = 0;
      for (const i of list) {
        const want = decide(exact, i);
        expect(decide(fast, i), JSON.stringify(i)).toEqual(want);
        if (typeof want !== 'string' && !want.approved) vetoes++;
      }
      // The intents reach both sides of the limits.
      expect(vetoes).toBeGreaterThan(100);
      expect(vetoes).toBeLessThan(list.length - 100);
    });
  }

  it('approves routine entries and exits itself, and leaves those at a limit to the exact gate', () => {
    const fast = gateFastPath(DEFAULT_RISK_SETTINGS, true);
    expect(fast(intent({}), [])).toBe(true);
    expect(fast(intent({ side: 'sell', kind: 'exit', heldQuantity: 0.01 }), [])).toBe(true);
    // 20 % of 10,000 USD at 80,000: 0.025 BTC exactly at the capital-per-symbol limit.
    expect(fast(intent({ quantity: 0.025 }), [])).toBe(false);
    expect(fast(intent({ quantity: 0.0249 }), [])).toBe(true);
    expect(fast(intent({ side: 'sell', kind: 'exit', quantity: 0.02, heldQuantity: 0.01 }), [])).toBe(false);
    expect(gateFastPath(DEFAULT_RISK_SETTINGS, false)(intent({}), [])).toBe(false);
  });
});
