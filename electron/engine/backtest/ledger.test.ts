import { describe, expect, it } from 'vitest';
import { ExactLedger, FloatLedger, type LedgerConfig } from './ledger.js';

const config: LedgerConfig = {
  initialCapital: 1000,
  feeRate: 0.001,
  slippage: 0,
  stopLossPercent: 2,
  takeProfitPercent: 4,
  trailingStopPercent: 1,
};

describe('ledgers', () => {
  it('exact: 0.1 + 0.2 style sums stay exact over many trades', () => {
    const exact = new ExactLedger({ ...config, feeRate: 0, initialCapital: 0.3 });
    for (let i = 0; i < 100; i++) {
      exact.enter(0.1, 0.1);
      exact.exit(0.1);
    }
    expect(exact.exactTotals().finalEquity).toBe('0.3');
  });

  it('reduces the notional when cash cannot pay notional plus fee', () => {
    // All of 1000 cash: notional = 1000 / 1.001 = 999.000999..., fee = 0.999000999..., nothing left over.
    for (const ledger of [new ExactLedger(config), new FloatLedger(config)]) {
      const fill = ledger.enter(50, 1)!;
      expect(fill.quantity * 50).toBeCloseTo(1000 / 1.001, 9);
      expect(fill.fee).toBeCloseTo(1000 / 1.001 / 1000, 9);
      expect(ledger.cash).toBeGreaterThanOrEqual(0);
      expect(ledger.cash).toBeCloseTo(0, 9);
    }
  });

  it('stop and target from the entry fill; the trail only ever raises the stop', () => {
    for (const ledger of [new ExactLedger(config), new FloatLedger(config)]) {
      ledger.enter(100, 0.5);
      expect(ledger.stop).toBeCloseTo(98, 12);
      expect(ledger.target).toBeCloseTo(104, 12);
      ledger.raiseTrail(99); // 99 x 0.99 = 98.01 > 98
      expect(ledger.stop).toBeCloseTo(98.01, 12);
      expect(ledger.trailed).toBe(true);
      ledger.raiseTrail(98.5); // 97.515: lower, ignored
      expect(ledger.stop).toBeCloseTo(98.01, 12);
      const exit = ledger.exit('stop');
      expect(exit.price).toBeCloseTo(98.01, 12);
    }
  });
});
