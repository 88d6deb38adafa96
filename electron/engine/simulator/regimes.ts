/**
 * The market regimes of the simulated price process and the Markov chain that switches between
 * them once a minute. Parameters are in units of the market's base 1-minute sigma.
 */

export const REGIMES = ['trend_up', 'trend_down', 'range', 'burst'] as const;
export type Regime = (typeof REGIMES)[number];
export const REGIME_COUNT = REGIMES.length;

export type RegimeParams = {
  /** Drift per minute, in base sigmas (positive = up). */
  drift: number;
  /** Volatility multiplier on the base sigma. */
  volMult: number;
  /** Pull per minute toward the level at which the regime began (0 = none). */
  meanReversion: number;
  /** Probability per minute that the open gaps away from the previous close. */
  gapProbability: number;
  /** Volume multiplier on top of the volatility-driven activity. */
  volumeMult: number;
  /** Mean time spent in the regime once entered, minutes. */
  meanMinutes: number;
  /** Where the chain goes when it leaves (weights over REGIMES, own entry 0). */
  exits: readonly [number, number, number, number];
};

export const REGIME_PARAMS: readonly RegimeParams[] = [
  // trend_up
  {
    drift: 0.04,
    volMult: 1,
    meanReversion: 0,
    gapProbability: 0.0005,
    volumeMult: 1.1,
    meanMinutes: 240,
    exits: [0, 0.2, 0.5, 0.3],
  },
  // trend_down: falls are a little faster and more volatile than rises
  {
    drift: -0.045,
    volMult: 1.15,
    meanReversion: 0,
    gapProbability: 0.0007,
    volumeMult: 1.2,
    meanMinutes: 200,
    exits: [0.2, 0, 0.5, 0.3],
  },
  // range: mean-reverting around the level where it began
  {
    drift: 0,
    volMult: 0.7,
    meanReversion: 1 / 60,
    gapProbability: 0.0003,
    volumeMult: 0.8,
    meanMinutes: 360,
    exits: [0.35, 0.35, 0, 0.3],
  },
  // burst: short, violent, gappy, heavy volume
  {
    drift: 0,
    volMult: 3,
    meanReversion: 0,
    gapProbability: 0.01,
    volumeMult: 1.8,
    meanMinutes: 25,
    exits: [0.25, 0.25, 0.5, 0],
  },
];

/**
 * Long-run share of minutes spent in each regime: the stationary distribution of the chain of
 * regime changes (power iteration on a 4x4 matrix) weighted by how long each regime lasts.
 */
export function stationaryShares(): number[] {
  const jumps = REGIME_PARAMS.map((p) => {
    const total = p.exits.reduce((s, w) => s + w, 0);
    return p.exits.map((w) => w / total);
  });
  let visits = REGIMES.map(() => 1 / REGIME_COUNT);
  for (let iter = 0; iter < 500; iter++) {
    // The lazy chain (half stay, half jump) has the same stationary distribution and cannot oscillate.
    visits = visits.map((own, to) => 0.5 * own + 0.5 * visits.reduce((s, v, from) => s + v * jumps[from]![to]!, 0));
  }
  const time = visits.map((v, r) => v * REGIME_PARAMS[r]!.meanMinutes);
  const total = time.reduce((s, t) => s + t, 0);
  return time.map((t) => t / total);
}

/**
 * Cumulative exit thresholds, flattened: for regime r, leaving happens when u < leave[r], and the
 * destination is the first j with u < cumulative[r * 4 + j]. Precomputed for the hot loop.
 */
export function transitionTables(): { leave: Float64Array; cumulative: Float64Array } {
  const leave = new Float64Array(REGIME_COUNT);
  const cumulative = new Float64Array(REGIME_COUNT * REGIME_COUNT);
  REGIME_PARAMS.forEach((p, r) => {
    leave[r] = 1 / p.meanMinutes;
    const total = p.exits.reduce((s, w) => s + w, 0);
    let acc = 0;
    p.exits.forEach((w, j) => {
      acc += w / total;
      cumulative[r * REGIME_COUNT + j] = acc;
    });
    cumulative[r * REGIME_COUNT + REGIME_COUNT - 1] = 1;
  });
  return { leave, cumulative };
}
