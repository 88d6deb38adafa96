import { describe, expect, it } from 'vitest';
import { editorPlace, locateValue, unknownSymbols } from './editor-place';
import { prettyJson } from './json-text';

const text = prettyJson({
  name: 'RSI dip',
  symbols: ['BTC/USD', 'DOGE/EUR'],
  entryConditions: ['RSI < 30', 'Volume > averag'],
  stopLossPercent: 12,
});

describe('where an issue sits in the editor', () => {
  it('finds a value by its path in the JSON text', () => {
    const r = locateValue(text, ['entryConditions', 1])!;
    expect(text.slice(r.start, r.end)).toBe('"Volume > averag"');
    const n = locateValue(text, ['stopLossPercent'])!;
    expect(text.slice(n.start, n.end)).toBe('12');
    expect(locateValue(text, ['exitConditions'])).toBeNull();
  });

  it('puts a condition problem at its line and column in the editor, the faulty part selected', () => {
    const place = editorPlace(text, {
      path: ['entryConditions', 1],
      position: { offset: 9, length: 6, line: 1, column: 10 },
    })!;
    // Line 9 of the pretty JSON: `    "Volume > averag"`, the word starts at column 15.
    expect(text.split('\n')[place.line - 1]).toBe('    "Volume > averag"');
    expect(place).toMatchObject({ line: 9, column: 15 });
    expect(text.slice(place.start, place.end)).toBe('averag');
  });

  it('counts an escaped character in the condition text as one', () => {
    const escaped = '{"entryConditions": ["\\"x\\" > y"]}';
    const place = editorPlace(escaped, {
      path: ['entryConditions', 0],
      position: { offset: 6, length: 1, line: 1, column: 7 },
    })!;
    expect(escaped.slice(place.start, place.end)).toBe('y');
  });

  it('puts a field problem at its value, a missing field at the object it belongs in', () => {
    expect(editorPlace(text, { path: ['stopLossPercent'], position: null })).toMatchObject({ line: 11, column: 22 });
    expect(editorPlace(text, { path: ['takeProfitPercent'], position: null })).toMatchObject({ line: 1, column: 1 });
  });

  it('names the symbols the market source does not trade', () => {
    expect(unknownSymbols({ symbols: ['BTC/USD', 'DOGE/EUR'] }, ['BTC/USD', 'ETH/USD'])).toEqual(['DOGE/EUR']);
    expect(unknownSymbols({ symbols: 'x' }, ['BTC/USD'])).toEqual([]);
  });
});
