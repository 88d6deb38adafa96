import { describe, expect, it } from 'vitest';
import { deflatedSharpe, probabilityOfOverfitting } from './overfitting.js';
import { seededRandom } from './ranges.js';
import type { BlockStats } from './returns.js';
import { parseWalkForward, walkForwardWindows } from './walk-forward.js';

const DAY = 86_400_000;
const hourly = (days: number) => Float64Array.from({ length: days * 24 }, (_, i) => i * 3_600_000);

describe('walk-forward windows', () => {
  it('rolls the in-sample part forward by the step; anchored keeps its start', () => {
    const spec = parseWalkForward('is=30d,oos=15d');
    expect(spec).toEqual({ inSampleMs: 30 * DAY, outOfSampleMs: 15 * DAY, stepMs: 15 * DAY, anchored: false });
    const rolling = walkForwardWindows(hourly(90), 3_600_000, spec);
    expect(rolling.map((w) => [w.inSample, w.outOfSample])).toEqual([
      [
        [0, 720],
        [720, 1080],
      ],
      [
        [360, 1080],
        [1080, 1440],
      ],
      [
        [720, 1440],
        [1440, 1800],
      ],
      [
        [1080, 1800],
        [1800, 2160],
      ],
    ]);
    const anchored = walkForwardWindows(hourly(90), 3_600_000, parseWalkForward('is=30d,oos=15d,step=30d,anchored'));
    expect(anchored.map((w) => [w.inSample, w.outOfSample])).toEqual([
      [
        [0, 720],
        [720, 1080],
      ],
      [
        [0, 1440],
        [1440, 1800],
      ],
    ]);
  });

  it('refuses a spec it cannot read, saying what to write', () => {
    expect(() => parseWalkForward('is=60,oos=15d')).toThrow(/"60" is not a duration; write e.g. 60d/);
    expect(() => parseWalkForward('oos=15d')).toThrow(/needs is=DURATION and oos=DURATION/);
    expect(() => parseWalkForward('is=1d,oos=1d,foo=2')).toThrow(/write is=60d,oos=15d,step=15d/);
  });
});

/** Per-block stats of `count` returns drawn around `mean`. */
function blocks(next: () => number, mean: number, n = 12, count = 50): BlockStats[] {
  return Array.from({ length: n }, () => {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < count; i++) {
      const r = mean + (next() - 0.5) * 0.02;
      sum += r;
      sumSq += r * r;
    }
    return { sum, sumSq, count };
  });
}

describe('overfitting measures', () => {
  it('PBO is near 0 when one set is truly better and near 0.5 or above when all are noise', () => {
    const next = seededRandom(3);
    const skilled = [blocks(next, 0.01), ...Array.from({ length: 20 }, () => blocks(next, 0))];
    expect(probabilityOfOverfitting(skilled)!.pbo).toBeLessThan(0.05);
    const noise = Array.from({ length: 21 }, () => blocks(next, 0));
    const pbo = probabilityOfOverfitting(noise)!;
    expect(pbo.splits).toBe(924);
    expect(pbo.pbo).toBeGreaterThan(0.3);
  });

  it('the deflated Sharpe ratio falls as the number of trials grows', () => {
    const best = { days: 365, mean: 0.001, std: 0.01, skew: 0, kurtosis: 3 };
    const trials = (n: number) => Array.from({ length: n }, (_, i) => ({ ...best, mean: ((i % 7) - 3) * 0.0005 }));
    const few = deflatedSharpe(best, trials(2))!.dsr;
    const many = deflatedSharpe(best, trials(1000))!.dsr;
    expect(few).toBeGreaterThan(many);
    expect(deflatedSharpe(best, [best])!.dsr).toBeCloseTo(0.971, 2); // one trial: the probabilistic Sharpe ratio
  });
});
