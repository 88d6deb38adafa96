import { describe, expect, it } from 'vitest';
import { planSets, suggestedRange } from './plan.js';
import { rangeValues } from './ranges.js';

const p = (value: number, integer: boolean, min = -Infinity, max = Infinity) => ({ value, integer, min, max });

describe('a range to start from', () => {
  it('spans about half to one and a half times the value in a round step, the value among the values', () => {
    expect(suggestedRange(p(14, true, 2, 200))).toBe('8:20:2');
    expect(suggestedRange(p(200, true, 2, 1000))).toBe('100:300:25');
    expect(suggestedRange(p(3, false, 1, 10))).toBe('1.5:4.5:0.5');
    expect(suggestedRange(p(70, false))).toBe('40:100:10');
    expect(suggestedRange(p(0, false))).toBe('-1:1:0.25');
  });

  it('stays within the parameter limits and parses as a range of its parameter', () => {
    expect(suggestedRange(p(4, false, 3, 5))).toBe('3:5:0.5');
    expect(suggestedRange(p(2, true, 2, 200))).toBe('2:3:1');
    for (const param of [p(14, true, 2, 200), p(0.3, false, 0.1, 10), p(1.5, false, 0, 5), p(5, true, 1, 6)]) {
      const values = rangeValues(suggestedRange(param), { name: 'x', ...param });
      expect(values).toContain(param.value);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(param.min);
      expect(Math.max(...values)).toBeLessThanOrEqual(param.max);
    }
  });
});

describe('the sets of a method', () => {
  const ranges = [
    { name: 'a', values: [1, 2, 3] },
    { name: 'b', values: [10, 20] },
  ];
  it('grid: every combination; random: the same draw for the same seed', () => {
    expect(planSets(ranges, 'grid', undefined, 1)).toHaveLength(6);
    const drawn = planSets(ranges, 'random', 3, 7);
    expect(drawn).toHaveLength(3);
    expect(planSets(ranges, 'random', 3, 7)).toEqual(drawn);
  });
});
