import { describe, expect, it } from 'vitest';
import { timeframeInText } from './timeframe-words.js';

describe('the timeframe a plain-language description states', () => {
  it.each([
    ['An RSI strategy on the 4-hour chart', '4h'],
    ['trade BTC on 4h candles', '4h'],
    ['an hourly momentum strategy', '1h'],
    ['Scalp on the 1 minute chart', '1m'],
    ['5-min breakout', '5m'],
    ['a fifteen-minute mean reversion', '15m'],
    ['swing trade on daily candles', '1d'],
    ['one hour MACD cross', '1h'],
    ['Create an aggressive RSI strategy for Bitcoin with a 2% stop', null],
    ['RSI(14) below 30, stop 2 %', null],
  ])('%j states %j', (text, expected) => {
    expect(timeframeInText(text)).toBe(expected);
  });

  it('states none when it names two different ones (the form decides)', () => {
    expect(timeframeInText('enter on 15m when the 4h trend is up')).toBeNull();
    expect(timeframeInText('4h candles; the 4-hour trend')).toBe('4h');
  });
});
