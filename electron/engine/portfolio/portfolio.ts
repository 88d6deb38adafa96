/**
 * The portfolio: balances, spot positions and fees, in exact decimals, for one quote currency
 * (equity is stated in it). Fills are applied exactly once, keyed by trade id: a repeat is a
 * no-op reported as duplicate. Every method is atomic: it either applies in full or changes
 * nothing and answers an error. Nothing here throws for bad data; nothing does I/O.
 *
 * Trade ids are global (Kraken's are; the simulator makes unique ones). After a restart pass
 * `wasApplied` (a journal lookup), so fills applied in an earlier session stay applied once.
 *
 * In live trading the exchange is the authority for balances: `setBalance` replaces a total with
 * what the exchange reports; fills keep positions, P&L and fees.
 */
import type { PortfolioView } from '../../../shared/domain/orders.js';
import { Decimal } from '../money/decimal.js';
import type { Fill } from '../orders/order-events.js';
import type { Order } from '../orders/order-model.js';
import { type Balance, type Lock, type LockOptions, available, lockFor, lockedByCurrency } from './balances.js';
import {
  type Position,
  applyFillToPosition,
  averageEntry,
  flatPosition,
  splitSymbol,
  unrealizedPnl,
} from './positions.js';

export type PortfolioResult = { ok: true; outcome: 'applied' | 'duplicate' } | { ok: false; error: string };

export type PortfolioSnapshot = Readonly<{
  quoteCurrency: string;
  balances: Readonly<Record<string, Decimal>>;
  positions: readonly Position[];
  locks: Readonly<Record<string, Lock>>;
  feesPaid: Readonly<Record<string, Decimal>>;
}>;

export type PortfolioOptions = {
  quoteCurrency: string;
  /** True when a trade id was applied in an earlier session (the journal knows). */
  wasApplied?: (tradeId: string) => boolean;
};

const ok = (outcome: 'applied' | 'duplicate' = 'applied'): PortfolioResult => ({ ok: true, outcome });
const err = (error: string): PortfolioResult => ({ ok: false, error });
const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export class Portfolio {
  readonly quoteCurrency: string;
  private readonly totals = new Map<string, Decimal>();
  private readonly positions = new Map<string, Position>();
  private readonly locks = new Map<string, Lock>();
  private readonly feesPaid = new Map<string, Decimal>();
  private readonly applied = new Set<string>();
  private readonly wasApplied: (tradeId: string) => boolean;

  constructor(options: PortfolioOptions) {
    this.quoteCurrency = options.quoteCurrency;
    this.wasApplied = options.wasApplied ?? (() => false);
  }

  /** Rebuilds a portfolio from a snapshot; `wasApplied` must know every trade id the snapshot already contains. */
  static restore(snapshot: PortfolioSnapshot, wasApplied: (tradeId: string) => boolean): Portfolio {
    const p = new Portfolio({ quoteCurrency: snapshot.quoteCurrency, wasApplied });
    for (const [c, total] of Object.entries(snapshot.balances)) p.totals.set(c, total);
    for (const position of snapshot.positions) p.positions.set(position.symbol, position);
    for (const [id, lock] of Object.entries(snapshot.locks)) p.locks.set(id, lock);
    for (const [c, fee] of Object.entries(snapshot.feesPaid)) p.feesPaid.set(c, fee);
    return p;
  }

  snapshot(): PortfolioSnapshot {
    return {
      quoteCurrency: this.quoteCurrency,
      balances: Object.fromEntries(byKey(this.totals)),
      positions: byKey(this.positions).map(([, p]) => p),
      locks: Object.fromEntries(byKey(this.locks)),
      feesPaid: Object.fromEntries(byKey(this.feesPaid)),
    };
  }

  /** Replaces a currency's total (a deposit in the simulator, or the exchange's figure). */
  setBalance(currency: string, total: Decimal): PortfolioResult {
    if (!(total instanceof Decimal) || total.isNegative()) return err(`a ${currency} balance cannot be negative`);
    this.totals.set(currency, total);
    return ok();
  }

  /** Starts a position from holdings bought outside the app (or restored), at a known average entry. */
  seedPosition(symbol: string, quantity: Decimal, entryPrice: Decimal): PortfolioResult {
    const flat = flatPosition(symbol);
    if (!flat) return err(`"${symbol}" is not a symbol like "BTC/USD"`);
    if (quantity.isNegative() || entryPrice.isNegative()) return err('a seeded position needs quantity and entry >= 0');
    const current = this.positions.get(symbol) ?? flat;
    if (!current.quantity.isZero()) return err(`${symbol} already has a position`);
    this.positions.set(symbol, { ...current, quantity, cost: quantity.mul(entryPrice) });
    return ok();
  }

  balance(currency: string): Balance {
    const locked = lockedByCurrency(this.locks.values()).get(currency);
    return { currency, total: this.totals.get(currency) ?? Decimal.ZERO, locked: locked ?? Decimal.ZERO };
  }

  available(currency: string): Decimal {
    return available(this.balance(currency));
  }

  position(symbol: string): Position | null {
    return this.positions.get(symbol) ?? null;
  }

  /** Sets the order's lock from its current state (call after every applied order event). Idempotent. */
  syncOrderLock(order: Order, options: LockOptions = {}): Lock | null {
    const lock = lockFor(order, options);
    if (lock) this.locks.set(order.clientOrderId, lock);
    else this.locks.delete(order.clientOrderId);
    return lock;
  }

  hasApplied(tradeId: string): boolean {
    return this.applied.has(tradeId) || this.wasApplied(tradeId);
  }

  /** Applies a fill to balances, the position and fees, exactly once per trade id. */
  applyFill(fill: Fill): PortfolioResult {
    try {
      if (typeof fill?.tradeId !== 'string' || fill.tradeId.length === 0) return err('a fill needs a trade id');
      if (this.hasApplied(fill.tradeId)) return ok('duplicate');
      const parts = splitSymbol(fill.symbol);
      if (!parts) return err(`fill ${fill.tradeId}: "${fill.symbol}" is not a symbol like "BTC/USD"`);
      if (fill.side !== 'buy' && fill.side !== 'sell') return err(`fill ${fill.tradeId}: side must be buy or sell`);
      if (!fill.price.isPositive() || !fill.quantity.isPositive()) {
        return err(`fill ${fill.tradeId} needs a price and a quantity above 0`);
      }
      const current = this.positions.get(fill.symbol) ?? flatPosition(fill.symbol)!;
      const moved = applyFillToPosition(current, fill);
      if (!moved.ok) return err(moved.error);

      const value = fill.price.mul(fill.quantity);
      const sign = fill.side === 'buy' ? 1 : -1;
      const next = new Map<string, Decimal>();
      const change = (currency: string, delta: Decimal) =>
        next.set(currency, (next.get(currency) ?? this.totals.get(currency) ?? Decimal.ZERO).add(delta));
      change(parts.base, sign > 0 ? fill.quantity : fill.quantity.neg());
      change(parts.quote, sign > 0 ? value.neg() : value);
      change(fill.feeCurrency, fill.fee.neg());
      for (const [currency, total] of next) {
        if (total.isNegative()) {
          const have = (this.totals.get(currency) ?? Decimal.ZERO).toString();
          return err(
            `fill ${fill.tradeId} would leave ${currency} at ${total.toString()} (balance ${have}): ` +
              'spot balances cannot go negative (reconcile the balances with the exchange)',
          );
        }
      }

      for (const [currency, total] of next) this.totals.set(currency, total);
      this.positions.set(fill.symbol, moved.position);
      this.feesPaid.set(fill.feeCurrency, (this.feesPaid.get(fill.feeCurrency) ?? Decimal.ZERO).add(fill.fee));
      this.applied.add(fill.tradeId);
      return ok();
    } catch (error) {
      return err(`could not apply the fill: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Balances, positions and equity = quote balance + sum of quantity x mark over positions quoted
   * in the portfolio's currency. Positions without a mark (or in another quote) are listed as
   * unpriced and left out of equity.
   */
  view(marks: Readonly<Record<string, Decimal>> = {}): PortfolioView {
    let equity = this.totals.get(this.quoteCurrency) ?? Decimal.ZERO;
    const unpricedSymbols: string[] = [];
    const positions = byKey(this.positions).map(([symbol, p]) => {
      const mark = marks[symbol] ?? null;
      if (!p.quantity.isZero()) {
        if (mark !== null && p.quote === this.quoteCurrency) equity = equity.add(p.quantity.mul(mark));
        else unpricedSymbols.push(symbol);
      }
      return {
        symbol,
        quantity: p.quantity.toString(),
        averageEntry: averageEntry(p).toString(),
        realizedPnl: p.realizedPnl.toString(),
        unrealizedPnl: mark === null ? '0' : unrealizedPnl(p, mark).toString(),
        fees: p.fees.toString(),
        markPrice: mark?.toString() ?? null,
      };
    });
    const currencies = new Set([...this.totals.keys(), ...[...this.locks.values()].map((l) => l.currency)]);
    const balances = [...currencies].sort().map((currency) => {
      const b = this.balance(currency);
      return {
        currency,
        total: b.total.toString(),
        available: available(b).toString(),
        locked: b.locked.toString(),
      };
    });
    return { quoteCurrency: this.quoteCurrency, balances, positions, equity: equity.toString(), unpricedSymbols };
  }

  /** Fees paid per currency, over every fill applied. */
  fees(): Readonly<Record<string, Decimal>> {
    return Object.fromEntries(byKey(this.feesPaid));
  }
}
