export { ema, emaOfSeries, nanArray, sma, type Series } from './moving-averages.js';
export { atr, bollinger, macd, rsi, type Bands, type Macd } from './oscillators.js';
export { rollingExtremeByTime } from './rolling.js';
export { directional, roc, type Directional } from './trend.js';
