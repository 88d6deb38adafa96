/**
 * Intraday seasonality, by minute of the UTC day: activity peaks around 15:00 UTC (Europe and the
 * US both open) and is quietest around 03:00 UTC. Tables are built once; the hot loop indexes them.
 */

export const MINUTES_PER_DAY = 1440;
const PEAK_MINUTE = 15 * 60;

function table(amplitude: number): Float64Array {
  const t = new Float64Array(MINUTES_PER_DAY);
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    t[m] = 1 + amplitude * Math.cos((2 * Math.PI * (m - PEAK_MINUTE)) / MINUTES_PER_DAY);
  }
  return t;
}

/** Multiplier on volatility: 0.75 .. 1.25. */
export const VOL_SEASON = table(0.25);
/** Multiplier on volume: 0.5 .. 1.5. */
export const VOLUME_SEASON = table(0.5);

/** Mean of the squared volatility multiplier over a day (to normalise the target volatility). */
export const VOL_SEASON_MEAN_SQUARE = VOL_SEASON.reduce((s, v) => s + v * v, 0) / MINUTES_PER_DAY;
