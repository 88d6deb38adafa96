/**
 * What each built-in template is for, and how it fares on the default simulated market: measured
 * with the backtest CLI on the simulator's history (30 and 90 days up to 2026-12-07, 1h unless the
 * template says otherwise, the simulator's 0.26 % taker fee, the default risk limits). The signal
 * templates are starting points to edit, not strategies that pass here; the grid's grade depends on
 * the window. The simulator is not tuned to any of them.
 */
export type TemplateNote = { purpose: string; here: string; passes: boolean };

export const TEMPLATE_NOTES: Readonly<Record<string, TemplateNote>> = {
  'rsi-mean-reversion': {
    purpose: 'For ranging markets where oversold dips come back.',
    here: 'FAILED here: 3 trades in 30 days and 8 in 90 (10 are needed), win rate 33-38 %, profit factor 0.67-0.85.',
    passes: false,
  },
  'sma-trend-following': {
    purpose: 'For long, persistent trends.',
    here: 'FAILED here: 1 trade in 30 days and 5 in 90, win rate 0-20 %, profit factor 0.27: the trends turn before the crosses pay.',
    passes: false,
  },
  'macd-momentum': {
    purpose: 'For momentum bursts confirmed on the 4h trend.',
    here: 'FAILED here: 2 trades in 30 days; 22 in 90 with a 27 % win rate and a profit factor of 0.45.',
    passes: false,
  },
  'bollinger-breakout': {
    purpose: 'For breakouts that keep running.',
    here: 'FAILED here: 11 trades in 30 days at an 18 % win rate, 24 in 90 at 25 %: most breakouts fall back.',
    passes: false,
  },
  'atr-grid': {
    purpose: 'For sideways markets: buys below the price, sells one level higher.',
    here: "Its grade depends on the window: ACCEPTABLE or better in the test suite's fixed 30 days, FAILED over the 30 days to 2026-12-07 (8 trades, profit factor 0.12). Backtest it on your range before activating.",
    passes: false,
  },
};
