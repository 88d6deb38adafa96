import { describe, expect, it } from 'vitest';
import { fileNameFor, parseJsonText } from './json-text';

describe('strategy JSON from a file or the editor', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"name": "x", "symbols": ["BTC/USD"]}')).toEqual({
      ok: true,
      value: { name: 'x', symbols: ['BTC/USD'] },
    });
  });

  it.each([
    ['{"name": "x",\n  "symbols": [}', 2, 15],
    ['{"a": 1,}', 1, 9],
    ['{\n  "a": tru\n}', 2, 11],
    ['[1, 2', 1, 6],
    ['{"a": "b\\q"}', 1, 10],
    ['{"a": 1} x', 1, 10],
    ['', 1, 1],
    ['{"a": -}', 1, 7],
    ["{'a': 1}", 1, 2],
  ])('names the line and column where %j goes wrong', (text, line, column) => {
    const parsed = parseJsonText(text);
    expect(parsed).toMatchObject({ ok: false, line, column });
    expect(parsed.ok || parsed.error).toMatch(new RegExp(`at line ${line}, column ${column}$`));
    // The browser's description is kept, its excerpt of the text is not.
    expect(parsed.ok || parsed.error).not.toMatch(/is not valid JSON|position \d/);
  });

  it('names export files after the strategy', () => {
    expect(fileNameFor('RSI mean reversion (copy)')).toBe('rsi-mean-reversion-copy.json');
    expect(fileNameFor('***')).toBe('strategy.json');
  });
});
