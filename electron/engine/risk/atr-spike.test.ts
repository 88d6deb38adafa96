import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/risk.js';
import { atrPauseStatus, isAtrSpike } from './atr-spike.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const options = DEFAULT_RISK_SETTINGS.atrSpike; // 30 %, lookback 20, 30 min

/** 15-minute candles: 20 calm values of 10, then `rest`. time[i] is candle i's close. */
function series(rest: number[]) {
  const atr = [...Array.from({ length: 20 }, () => 10), ...rest];
  return { time: atr.map((_, i) => T0 + (i + 1) * 15 * MIN), atr };
}
const spikeTime = T0 + 21 * 15 * MIN;

describe('ATR spike breaker', () => {
  it('spike = current ATR above (1 + 30 %) x the mean of the lookback', () => {
    expect(isAtrSpike(13, 10, 30)).toBe(false);
    expect(isAtrSpike(13.0001, 10, 30)).toBe(true);
    expect(isAtrSpike(Number.NaN, 10, 30)).toBe(false);
  });

  it('13 over a mean of 10 is not a spike; 13.5 pauses entries for the cooling period', () => {
    expect(atrPauseStatus(series([13]), spikeTime, options).paused).toBe(false);
    const status = atrPauseStatus(series([13.5]), spikeTime, options);
    expect(status).toMatchObject({ paused: true, until: spikeTime + 30 * MIN });
    expect(status.spike).toMatchObject({ at: spikeTime, atr: 13.5, mean: 10 });
    expect(status.spike!.risePercent).toBeCloseTo(35, 10);
  });

  it('the pause expires exactly when the cooling period ends', () => {
    const s = series([13.5, 13.2]);
    expect(atrPauseStatus(s, spikeTime + 30 * MIN - 1, options).paused).toBe(true);
    // The next candle (13.2 over a mean that now includes 13.5: 10.175, threshold 13.2275) is no spike of its own.
    expect(atrPauseStatus(s, spikeTime + 30 * MIN, options)).toEqual({ paused: false, until: null, spike: null });
  });

  it('a later spike extends the pause from its own time', () => {
    const s = series([14, 20]);
    const status = atrPauseStatus(s, spikeTime + 20 * MIN, options);
    expect(status.spike?.at).toBe(spikeTime + 15 * MIN);
    expect(status.until).toBe(spikeTime + 45 * MIN);
  });

  it('does not see values that are not known yet at `now`', () => {
    expect(atrPauseStatus(series([50]), spikeTime - 1, options).paused).toBe(false);
  });

  it('needs a full lookback of finite values', () => {
    const s = { time: [1, 2, 3], atr: [Number.NaN, 10, 100] };
    expect(atrPauseStatus(s, 3, { ...options, lookback: 2 }).paused).toBe(false);
    expect(atrPauseStatus({ time: [], atr: [] }, 3, options).paused).toBe(false);
  });
});
