import { describe, expect, it } from 'vitest';
import { clause } from './text.js';

describe('a message used inside another sentence', () => {
  it.each([
    ['Connection error.', 'Connection error'],
    ['Request timed out. ', 'Request timed out'],
    ['no data...', 'no data'],
    ['the market is closed', 'the market is closed'],
    ['did you mean RSI?', 'did you mean RSI?'],
  ])('%j becomes %j', (text, expected) => {
    expect(clause(text)).toBe(expected);
  });
});
