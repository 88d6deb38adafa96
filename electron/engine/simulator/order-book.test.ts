import { describe, expect, it } from 'vitest';
import { createBookModel, MAX_BOOK_LEVELS } from './order-book.js';
import { baseSigma } from './price-process.js';
import { simMarket } from './sim-markets.js';

const T = Date.UTC(2024, 0, 1, 12);
const btc = simMarket('BTC/USD');
const calm = baseSigma(btc);
const model = createBookModel(42);

function spreadBps(book: { bids: [number, number][]; asks: [number, number][] }, mid: number): number {
  return ((book.asks[0]![0] - book.bids[0]![0]) / mid) * 1e4;
}

describe('order book', () => {
  it('quotes a few bps around the mid in a calm market, wider in a burst', () => {
    const quiet = model.bookAt('BTC/USD', T, 60_000, calm, 10);
    const burst = model.bookAt('BTC/USD', T, 60_000, calm * 4, 10);
    expect(quiet.bids[0]![0]).toBeLessThan(60_000);
    expect(quiet.asks[0]![0]).toBeGreaterThan(60_000);
    expect(spreadBps(quiet, 60_000)).toBeGreaterThan(0.5);
    expect(spreadBps(quiet, 60_000)).toBeLessThan(6);
    expect(spreadBps(burst, 60_000)).toBeGreaterThan(spreadBps(quiet, 60_000) * 1.5);
  });

  it('has strictly ordered levels on the price step with positive sizes on the amount step', () => {
    for (const symbol of ['BTC/USD', 'ETH/USD', 'SOL/USD']) {
      const m = simMarket(symbol);
      const book = model.bookAt(symbol, T, m.referencePrice, baseSigma(m), 25);
      expect(book.bids).toHaveLength(25);
      expect(book.asks).toHaveLength(25);
      for (let i = 0; i < 25; i++) {
        const [bid, bidSize] = book.bids[i]!;
        const [ask, askSize] = book.asks[i]!;
        if (i > 0) {
          expect(bid).toBeLessThan(book.bids[i - 1]![0]);
          expect(ask).toBeGreaterThan(book.asks[i - 1]![0]);
        }
        for (const price of [bid, ask])
          expect(Math.abs(price / m.priceStep - Math.round(price / m.priceStep))).toBeLessThan(1e-6);
        for (const size of [bidSize, askSize]) {
          expect(size).toBeGreaterThanOrEqual(m.minAmount);
          expect(Math.abs(size / m.amountStep - Math.round(size / m.amountStep))).toBeLessThan(1e-4);
        }
      }
    }
  });

  it('is thinner in a burst', () => {
    const depth = (vol: number) => model.bookAt('ETH/USD', T, 3_000, vol, 20).bids.reduce((s, [, size]) => s + size, 0);
    const calmEth = baseSigma(simMarket('ETH/USD'));
    expect(depth(calmEth * 4)).toBeLessThan(depth(calmEth) * 0.8);
  });

  it('is deterministic for (seed, symbol, second) and changes from one second to the next', () => {
    const a = model.bookAt('BTC/USD', T + 100, 60_000, calm, 5);
    const b = createBookModel(42).bookAt('BTC/USD', T + 900, 60_000, calm, 5);
    expect(b.bids).toEqual(a.bids);
    expect(b.asks).toEqual(a.asks);
    expect(model.bookAt('BTC/USD', T + 1_000, 60_000, calm, 5).bids).not.toEqual(a.bids);
    expect(createBookModel(43).bookAt('BTC/USD', T + 100, 60_000, calm, 5).bids).not.toEqual(a.bids);
  });

  it('serves symbols the simulator does not know (replayed exchange data)', () => {
    const book = model.bookAt('ADA/USD', T, 0.45, 0.001, 5);
    expect(book.bids[0]![0]).toBeLessThan(0.45);
    expect(book.asks[0]![0]).toBeGreaterThan(0.45);
  });

  it('refuses bad input with a message naming it', () => {
    expect(() => model.bookAt('BTC/USD', T, 0, calm, 5)).toThrow(/mid/);
    expect(() => model.bookAt('BTC/USD', T, 60_000, Number.NaN, 5)).toThrow(/volatility/);
    expect(() => model.bookAt('BTC/USD', T, 60_000, calm, MAX_BOOK_LEVELS + 1)).toThrow(/depth/);
  });
});
