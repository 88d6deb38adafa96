/**
 * Fills are stamped on the engine's clock; candles and the backtest's trades are on the market's.
 * For an exchange the two are the same clock. The simulator may run faster than real time (and
 * from another date): at a constant speed the market's time is a straight line of the engine's,
 * through the run's start on both clocks and the present on both; fills are mapped along it so
 * they pair with the candles they were decided on.
 */
export type ClockPair = { engine: number; market: number };

/** Within this, the market's clock is the engine's (an exchange's time is the wall clock). */
const SAME_CLOCK_MS = 5_000;

export function engineToMarket(start: ClockPair | null, now: ClockPair): (engineMs: number) => number {
  if (start === null || now.engine <= start.engine) return (t) => t;
  const speed = (now.market - start.market) / (now.engine - start.engine);
  const sameClock =
    Math.abs(start.market - start.engine) < SAME_CLOCK_MS && Math.abs(now.market - now.engine) < SAME_CLOCK_MS;
  if (sameClock || !(speed > 0)) return (t) => t;
  return (t) => Math.round(start.market + (t - start.engine) * speed);
}
