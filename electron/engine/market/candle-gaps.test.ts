import { describe, expect, it } from 'vitest';
import { findGaps, lastClosedSlot, mergeRanges, subtractRanges } from './candle-gaps.js';

const M = 60_000;

describe('findGaps', () => {
  it('finds nothing when every slot is present', () => {
    expect(findGaps([0, M, 2 * M], 0, 2 * M, M)).toEqual([]);
  });

  it('reports leading, inner and trailing runs with their counts', () => {
    const times = [2 * M, 3 * M, 6 * M];
    expect(findGaps(times, 0, 9 * M, M)).toEqual([
      { from: 0, to: M, missing: 2 },
      { from: 4 * M, to: 5 * M, missing: 2 },
      { from: 7 * M, to: 9 * M, missing: 3 },
    ]);
  });

  it('treats an empty store as one gap and aligns the range to slot boundaries', () => {
    expect(findGaps([], 30_000, 3 * M + 5, M)).toEqual([{ from: M, to: 3 * M, missing: 3 }]);
    expect(findGaps([], 10, 20, M)).toEqual([]);
  });

  it('ignores times outside the range and times off the slot grid', () => {
    expect(findGaps([-M, M + 1, 2 * M, 10 * M], 0, 2 * M, M)).toEqual([{ from: 0, to: M, missing: 2 }]);
  });
});

describe('subtractRanges / mergeRanges / lastClosedSlot', () => {
  it('removes covered parts of gaps', () => {
    const gaps = [{ from: 0, to: 9 * M, missing: 10 }];
    expect(subtractRanges(gaps, [{ from: 2 * M, to: 3 * M }], M)).toEqual([
      { from: 0, to: M, missing: 2 },
      { from: 4 * M, to: 9 * M, missing: 6 },
    ]);
    expect(subtractRanges(gaps, [{ from: -M, to: 20 * M }], M)).toEqual([]);
    expect(
      subtractRanges(
        gaps,
        [
          { from: 5 * M, to: 20 * M },
          { from: 0, to: 0 },
        ],
        M,
      ),
    ).toEqual([{ from: M, to: 4 * M, missing: 4 }]);
  });

  it('merges touching and overlapping ranges', () => {
    expect(
      mergeRanges(
        [
          { from: 5 * M, to: 6 * M },
          { from: 0, to: M },
          { from: 2 * M, to: 3 * M },
        ],
        M,
      ),
    ).toEqual([
      { from: 0, to: 3 * M },
      { from: 5 * M, to: 6 * M },
    ]);
  });

  it('knows the last closed slot at a given moment', () => {
    expect(lastClosedSlot(10 * M, M)).toBe(9 * M);
    expect(lastClosedSlot(10 * M + 1, M)).toBe(9 * M);
    expect(lastClosedSlot(10 * M - 1, M)).toBe(8 * M);
  });
});
