/**
 * A grid run's own part of the run row (runner_state JSON): the engine's grid state (its working
 * orders named by the order service's client order ids) and the number of closes decided (the
 * candle index the grid stamps on its fills). Read back with the engine's parseGridState after a
 * restart, and the transitions the engine leaves to a live runner: an order that ended without
 * filling completely frees its level (a buy) or its lot's sell (placed again at the next close).
 */
import { Decimal } from '../../../../engine/money/decimal.js';
import { cloneGridState, initialGridState, parseGridState, type GridState } from '../../../../engine/grid/index.js';
import type { FeeView } from '../../../../../shared/domain/orders.js';

export type GridRunState = { kind: 'grid'; grid: GridState; closes: number };

export function initialGridRunState(): GridRunState {
  return { kind: 'grid', grid: initialGridState(), closes: 0 };
}

/** The saved state; a run that has none yet (a new run) starts a fresh grid. Throws when unreadable. */
export function readGridRunState(raw: unknown): GridRunState {
  const r = (raw ?? {}) as { kind?: unknown; grid?: unknown; closes?: unknown };
  if (r.grid === undefined) return initialGridRunState();
  return {
    kind: 'grid',
    grid: parseGridState(JSON.stringify(r.grid)),
    closes: typeof r.closes === 'number' ? r.closes : 0,
  };
}

/** The role a client order id has in the grid, if it is one of its working orders. */
export function gridRole(s: GridState, id: string): { side: 'buy' | 'sell'; level: number } | null {
  for (const l of s.levels) {
    if (l.buy?.id === id) return { side: 'buy', level: l.k };
    if (l.lot?.sellId === id) return { side: 'sell', level: l.k };
  }
  return null;
}

/** Every working order id the grid knows. */
export function gridOrderIds(s: GridState): string[] {
  const ids: string[] = [];
  for (const l of s.levels) {
    if (l.buy) ids.push(l.buy.id);
    if (l.lot?.sellId) ids.push(l.lot.sellId);
  }
  return ids;
}

/** Renames a placed order from the grid's placeholder id to its client order id (and real quantity). */
export function renameOrder(s: GridState, from: string, to: string, quantity: string): GridState {
  const next = cloneGridState(s);
  for (const l of next.levels) {
    if (l.buy?.id === from) l.buy = { id: to, quantity };
    if (l.lot?.sellId === from) l.lot.sellId = to;
  }
  return next;
}

/**
 * An order of the grid ended without (completely) filling: a buy frees its level; a sell leaves
 * its lot without a sell, smaller by what did sell (that part's proceeds are not a grid trade).
 * A buy's partial fill is the caller's: it is applied as a smaller whole fill.
 */
export function orderEnded(s: GridState, id: string, sold: Decimal): GridState {
  const next = cloneGridState(s);
  for (const l of next.levels) {
    if (l.buy?.id === id) l.buy = null;
    if (l.lot?.sellId === id) {
      const left = Decimal.from(l.lot.quantity).sub(sold);
      l.lot = left.isPositive() ? { ...l.lot, quantity: left.toString(), sellId: null } : null;
    }
  }
  return next;
}

/** The fee of a fill in the quote currency (a fee in the base currency is valued at the fill price). */
export function quoteFee(symbol: string, fees: FeeView[], price: Decimal): Decimal {
  const [base, quote] = symbol.split('/');
  let total = Decimal.ZERO;
  for (const f of fees) {
    if (f.currency === quote) total = total.add(f.amount);
    else if (f.currency === base) total = total.add(Decimal.parse(f.amount).mul(price));
  }
  return total;
}
