import { describe, expect, it } from 'vitest';
import { engineToMarket } from './market-time.js';

const WALL = Date.UTC(2026, 11, 7, 4, 55);
const SIM = Date.UTC(2026, 0, 1);

describe("a fill's time on the market's clock", () => {
  it('is the same time on an exchange (one clock)', () => {
    const map = engineToMarket({ engine: WALL, market: WALL + 40 }, { engine: WALL + 600_000, market: WALL + 600_020 });
    expect(map(WALL + 1234)).toBe(WALL + 1234);
  });

  it('follows a simulator 60x faster than real time from another date', () => {
    // Started at SIM when the engine's clock read WALL; 10 s later the simulator is 10 minutes on.
    const map = engineToMarket({ engine: WALL, market: SIM }, { engine: WALL + 10_000, market: SIM + 600_000 });
    // A fill 2.05 s after the start is 123 s of market time later: in the candle opened at SIM + 2 min.
    expect(map(WALL + 2_050)).toBe(SIM + 123_000);
  });

  it('is unchanged when the start on the market clock is not known (runs from before it was recorded)', () => {
    expect(engineToMarket(null, { engine: WALL, market: SIM })(WALL - 5)).toBe(WALL - 5);
  });
});
