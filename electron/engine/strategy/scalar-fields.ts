/**
 * The numeric fields of a signal strategy outside its conditions (stop, target, trail, size, and
 * the sizing method's numbers) with their bounds: what the gauntlet's parameter-stability variants
 * move and what a sweep may range over. `signals`: whether changing it changes the entry and exit
 * signals (only the ATR period of volatility sizing does), so the signals can be shared otherwise.
 */
import { STRATEGY_LIMITS, type GridStrategy, type Strategy } from '../../../shared/domain/strategy.js';

export type ScalarField = { path: string; integer: boolean; min: number; max: number; signals: boolean };

export function scalarFields(s: Strategy): ScalarField[] {
  const L = STRATEGY_LIMITS;
  const out: ScalarField[] = [
    { path: 'stopLossPercent', integer: false, ...L.stopLossPercent, signals: false },
    { path: 'takeProfitPercent', integer: false, ...L.takeProfitPercent, signals: false },
    { path: 'positionSizePercent', integer: false, ...L.positionSizePercent, signals: false },
  ];
  if (s.trailingStopPercent !== undefined)
    out.push({ path: 'trailingStopPercent', integer: false, ...L.trailingStopPercent, signals: false });
  // The schema bounds the sizing numbers; a value outside them makes an invalid variant, skipped.
  const free = { min: -Infinity, max: Infinity };
  if (s.sizing?.method === 'volatility') {
    out.push({ path: 'sizing.riskPercent', integer: false, ...free, signals: false });
    out.push({ path: 'sizing.atrPeriod', integer: true, min: 2, max: Infinity, signals: true });
    out.push({ path: 'sizing.atrMultiple', integer: false, ...free, signals: false });
  } else if (s.sizing?.method === 'kelly') {
    out.push({ path: 'sizing.fraction', integer: false, ...free, signals: false });
    out.push({ path: 'sizing.lookbackTrades', integer: true, min: 1, max: Infinity, signals: false });
    out.push({ path: 'sizing.minTrades', integer: true, min: 1, max: Infinity, signals: false });
  }
  return out;
}

/**
 * The numbers of a grid strategy (the schema's bounds; the trend filter's fast EMA must stay below
 * its slow one, else the set is an invalid variant, skipped).
 */
export function gridScalarFields(s: GridStrategy): ScalarField[] {
  const L = STRATEGY_LIMITS;
  const out: ScalarField[] = [
    { path: 'levelsPerSide', integer: true, min: 1, max: 25, signals: true },
    { path: 'spacingAtrMultiple', integer: false, min: 0.1, max: 5, signals: true },
    { path: 'atrPeriod', integer: true, min: 2, max: 200, signals: true },
    { path: 'trendFilter.fastEma', integer: true, min: 2, max: 200, signals: true },
    { path: 'trendFilter.slowEma', integer: true, min: 3, max: 400, signals: true },
    { path: 'capitalPerSymbolPercent', integer: false, ...L.gridCapitalPerSymbolPercent, signals: true },
    { path: 'atrSpikePercent', integer: false, min: 5, max: 200, signals: true },
  ];
  if (s.stopLossPercent !== undefined)
    out.push({ path: 'stopLossPercent', integer: false, ...L.stopLossPercent, signals: true });
  return out;
}

export const getPath = (s: Strategy | GridStrategy, path: string): number =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;

export function setPath<S extends Strategy | GridStrategy>(s: S, path: string, value: number): S {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (!tail) return { ...s, [head]: value };
  return { ...s, [head]: { ...(s as unknown as Record<string, object>)[head], [tail]: value } };
}
