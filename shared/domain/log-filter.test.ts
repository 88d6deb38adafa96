import { describe, expect, it } from 'vitest';
import { matchesLogFilter } from './log-filter.js';
import type { LogEntry } from './logs.js';

const entry: LogEntry = {
  id: 7,
  time: 5000,
  level: 'warn',
  category: 'risk',
  message: 'Order VETOED',
  symbol: 'BTC/USD',
  context: { reason: 'Max Position' },
};

describe('matchesLogFilter (the live tail uses the store query meaning)', () => {
  it('matches every filter field as the SQL does', () => {
    expect(matchesLogFilter(entry, {})).toBe(true);
    expect(matchesLogFilter(entry, { levels: [] })).toBe(true);
    expect(matchesLogFilter(entry, { levels: ['warn', 'error'] })).toBe(true);
    expect(matchesLogFilter(entry, { levels: ['info'] })).toBe(false);
    expect(matchesLogFilter(entry, { categories: ['orders'] })).toBe(false);
    expect(matchesLogFilter(entry, { symbol: 'BTC/USD' })).toBe(true);
    expect(matchesLogFilter(entry, { symbol: 'ETH/USD' })).toBe(false);
    expect(matchesLogFilter(entry, { from: 5000, to: 5000 })).toBe(true);
    expect(matchesLogFilter(entry, { from: 5001 })).toBe(false);
    expect(matchesLogFilter(entry, { to: 4999 })).toBe(false);
  });

  it('finds text case-insensitively in the message or the context', () => {
    expect(matchesLogFilter(entry, { text: 'order vetoed' })).toBe(true);
    expect(matchesLogFilter(entry, { text: 'max position' })).toBe(true);
    expect(matchesLogFilter(entry, { text: '"reason"' })).toBe(true);
    expect(matchesLogFilter(entry, { text: 'filled' })).toBe(false);
  });
});
