/**
 * The grid state's constructors and queries: the empty state, a deep copy (every transition
 * returns a new state), parsing a persisted state back, the inventory held and the stop price.
 */
import type { GridStrategy } from '../../../shared/domain/strategy.js';
import { Decimal } from '../money/decimal.js';
import type { GridLevel, GridLot, GridState } from './types.js';

export function initialGridState(): GridState {
  return { version: 1, centre: null, spacing: 0, levels: [], pausedAtr: null, seq: 0 };
}

export function cloneGridState(s: GridState): GridState {
  return {
    ...s,
    levels: s.levels.map((l) => ({ ...l, buy: l.buy && { ...l.buy }, lot: l.lot && { ...l.lot } })),
  };
}

/** A state read back from JSON (e.g. after a restart); throws when it is not a grid state. */
export function parseGridState(json: string): GridState {
  const s = JSON.parse(json) as Partial<GridState>;
  const ok =
    s.version === 1 &&
    (s.centre === null || typeof s.centre === 'number') &&
    typeof s.spacing === 'number' &&
    Array.isArray(s.levels) &&
    (s.pausedAtr === null || typeof s.pausedAtr === 'number') &&
    typeof s.seq === 'number';
  if (!ok) throw new TypeError('this is not a saved grid state (version 1): start the grid afresh');
  return cloneGridState(s as GridState);
}

export type HeldLevel = GridLevel & { lot: GridLot };

export function heldLevels(s: GridState): HeldLevel[] {
  return s.levels.filter((l): l is HeldLevel => l.lot !== null);
}

/** Total base quantity held (exact). */
export function inventory(s: GridState): Decimal {
  let q = Decimal.ZERO;
  for (const l of s.levels) if (l.lot) q = q.add(l.lot.quantity);
  return q;
}

/** The stop: the lowest held level's price x (1 - stopLossPercent / 100); null without a stop loss or inventory. */
export function gridStopPrice(s: GridState, strategy: GridStrategy): number | null {
  if (strategy.stopLossPercent === undefined) return null;
  let lowest = Infinity;
  for (const l of s.levels) if (l.lot && l.price < lowest) lowest = l.price;
  return lowest === Infinity ? null : lowest * (1 - strategy.stopLossPercent / 100);
}

/** The sell price of a level's inventory: one spacing above the level. */
export function sellPrice(s: GridState, level: GridLevel): number {
  return level.price + s.spacing;
}
