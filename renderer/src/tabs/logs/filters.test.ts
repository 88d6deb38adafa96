import { describe, expect, it } from 'vitest';
import { EMPTY_LOG_FILTER, msToUtcInput, rangeProblem, toAuditFilter, toLogFilter, utcInputToMs } from './filters';
import { scrollToReveal, visibleRange } from './virtual-range';

describe('log filters', () => {
  it('reads datetime-local values as UTC, never local time', () => {
    expect(utcInputToMs('2025-01-31T14:05')).toBe(Date.UTC(2025, 0, 31, 14, 5));
    expect(utcInputToMs('2025-01-31T14:05:09.5')).toBe(Date.UTC(2025, 0, 31, 14, 5, 9, 500));
    expect(utcInputToMs('')).toBeUndefined();
    expect(utcInputToMs('2025-01-31')).toBeUndefined();
    expect(msToUtcInput(Date.UTC(2025, 0, 31, 14, 5, 30))).toBe('2025-01-31T14:05');
  });

  it('builds the store filter: only what is set, symbol upper-case, `to` inclusive to the end of its minute', () => {
    expect(toLogFilter(EMPTY_LOG_FILTER)).toEqual({});
    expect(
      toLogFilter({
        levels: ['warn', 'error'],
        category: 'risk',
        symbol: ' btc/usd ',
        text: ' veto ',
        from: '2025-01-31T14:00',
        to: '2025-01-31T14:05',
      }),
    ).toEqual({
      levels: ['error', 'warn'],
      categories: ['risk'],
      symbol: 'BTC/USD',
      text: 'veto',
      from: Date.UTC(2025, 0, 31, 14, 0),
      to: Date.UTC(2025, 0, 31, 14, 5, 59, 999),
    });
    expect(toLogFilter({ ...EMPTY_LOG_FILTER, levels: ['error', 'warn', 'info', 'debug'] })).toEqual({});
    expect(toAuditFilter({ kind: 'risk.veto', text: '', from: '', to: '' })).toEqual({ kinds: ['risk.veto'] });
    expect(rangeProblem({ from: '2025-01-02T00:00', to: '2025-01-01T00:00' })).toMatch(/after its end/);
    expect(rangeProblem({ from: '', to: '2025-01-01T00:00' })).toBeNull();
  });
});

describe('virtual list window', () => {
  it('renders only the rows in view plus overscan, even for 100,000 entries', () => {
    expect(visibleRange(0, 600, 24, 100_000, 8)).toEqual({ start: 0, end: 34 });
    const deep = visibleRange(24 * 50_000, 600, 24, 100_000, 8);
    expect(deep).toEqual({ start: 49_992, end: 50_034 });
    expect(deep.end - deep.start).toBeLessThan(60);
    expect(visibleRange(24 * 99_990, 600, 24, 100_000, 8)).toEqual({ start: 99_982, end: 100_000 });
    expect(visibleRange(0, 600, 24, 0)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(10, 0, 240, 24)).toBe(24);
    expect(scrollToReveal(2, 240, 240, 24)).toBe(48);
    expect(scrollToReveal(12, 240, 240, 24)).toBe(240);
  });
});
