import { describe, expect, it } from 'vitest';
import { detailJson } from './JsonDetail';

describe('a log row in detail', () => {
  it('shows times as ISO 8601 UTC and leaves other numbers alone', () => {
    const text = detailJson({
      time: 1_767_268_800_000,
      context: { engagedAt: 1_767_268_800_123, quantity: 1_767_268_800_000, at: 5 },
    });
    expect(JSON.parse(text)).toEqual({
      time: '2026-01-01T12:00:00.000Z',
      context: { engagedAt: '2026-01-01T12:00:00.123Z', quantity: 1_767_268_800_000, at: 5 },
    });
  });
});
