/**
 * The gauntlet's runs for a grid strategy: every window through runGridBacktest on its own candles
 * with the grid's warm-up before it (grid-window.ts); the variants move the grid's numeric fields
 * (grid-variants.ts). The grid engine's accounting is always exact, so every run is exact.
 */
import type { GridStrategy } from '../../../shared/domain/strategy.js';
import { gridVariants } from './grid-variants.js';
import { runGridWindow } from './grid-window.js';
import type { StageContext, StageRunner } from './stages.js';

export function gridStages(strategy: GridStrategy, c: StageContext): StageRunner {
  const { candles, h0, h1, symbol, gate } = c;
  const run = (s: GridStrategy, a: number, b: number, settings = c.settings) =>
    runGridWindow(s, candles, a, b, { symbol, settings, gate });
  return {
    headline: () => run(strategy, h0, h1),
    window: (a, b, settings) => run(strategy, a, b, settings),
    variants: () =>
      gridVariants(strategy).map((v) => ({
        parameter: v.parameter,
        change: v.change,
        run: () => run(v.strategy, h0, h1),
      })),
  };
}
