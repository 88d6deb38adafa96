/**
 * A strategy run's or an AI advisor's own account (the paper arena): its starting capital, then
 * only its own fills: cash, the positions with their average entry, realized and unrealized P&L,
 * fees, equity. Money is
 * exact (Decimal); the metrics that rank runs (return, drawdown, Sharpe, win rate) are numbers.
 * One run's fills never touch another's figures, whatever the shared exchange account holds.
 */
import { Decimal } from '../money/decimal.js';

export type AccountFill = {
  time: number;
  side: 'buy' | 'sell';
  /** Decimal text, as the order journal keeps them. */
  price: string;
  quantity: string;
  /** In the quote currency. */
  fee: string;
  /** Absent: the account's one symbol (a strategy run trades one). */
  symbol?: string;
};

export type SubAccount = {
  cash: Decimal;
  quantity: Decimal;
  /** Average entry of the open position (0 when flat). */
  averageEntry: Decimal;
  realizedPnl: Decimal;
  fees: Decimal;
  /** Equity marked at `mark` (the last fill's price when no mark is given). */
  equity: Decimal;
  unrealizedPnl: Decimal;
};

export type BookPosition = {
  symbol: string;
  quantity: Decimal;
  /** Average entry (0 when flat). */
  averageEntry: Decimal;
  /** The mark, or the last fill's price. */
  price: Decimal;
  unrealizedPnl: Decimal;
};

/** An account over several symbols (an AI advisor's): one cash balance, a position per symbol. */
export type SubBook = Omit<SubAccount, 'quantity' | 'averageEntry'> & { positions: BookPosition[] };

export type EquityPoint = { time: number; equity: number };
export type Mark = { time: number; price: Decimal };

const SCALE = { scale: 12, rounding: 'half-even' } as const;

/**
 * Replays the fills oldest first; `marks` value the open positions at the end (a symbol without a
 * mark at its last fill's price). The curve has the equity after each fill, then at the newest mark.
 */
export function replayBook(
  capital: Decimal,
  fills: readonly AccountFill[],
  marks: ReadonlyMap<string, Mark>,
): { book: SubBook; curve: EquityPoint[] } {
  let cash = capital;
  let realized = Decimal.ZERO;
  let fees = Decimal.ZERO;
  // cost: basis of the open position, entry fees excluded
  const held = new Map<string, { quantity: Decimal; cost: Decimal; last: Decimal }>();
  const value = () => [...held.values()].reduce((sum, h) => sum.add(h.quantity.mul(h.last)), Decimal.ZERO);
  const curve: EquityPoint[] = [];
  for (const f of [...fills].sort((a, b) => a.time - b.time)) {
    const symbol = f.symbol ?? '';
    const h = held.get(symbol) ?? { quantity: Decimal.ZERO, cost: Decimal.ZERO, last: Decimal.ZERO };
    held.set(symbol, h);
    const price = Decimal.parse(f.price);
    const qty = Decimal.parse(f.quantity);
    const fee = Decimal.parse(f.fee);
    fees = fees.add(fee);
    realized = realized.sub(fee);
    if (f.side === 'buy') {
      cash = cash.sub(price.mul(qty)).sub(fee);
      h.quantity = h.quantity.add(qty);
      h.cost = h.cost.add(price.mul(qty));
    } else {
      // A sale beyond what the account holds is not its own (a stop of another): only what it holds counts.
      const sold = Decimal.min(qty, h.quantity);
      if (sold.isPositive()) {
        const basis = h.cost.mul(sold).div(h.quantity, SCALE);
        cash = cash.add(price.mul(sold)).sub(fee);
        realized = realized.add(price.mul(sold).sub(basis));
        h.cost = h.cost.sub(basis);
        h.quantity = h.quantity.sub(sold);
      } else cash = cash.sub(fee);
    }
    h.last = price;
    curve.push({ time: f.time, equity: cash.add(value()).toNumber() });
  }
  let newestMark: number | null = null;
  for (const [symbol, m] of marks) {
    const h = held.get(symbol);
    if (h) h.last = m.price;
    newestMark = Math.max(newestMark ?? m.time, m.time);
  }
  const equity = cash.add(value());
  if (newestMark !== null) curve.push({ time: newestMark, equity: equity.toNumber() });
  const positions: BookPosition[] = [...held].map(([symbol, h]) => ({
    symbol,
    quantity: h.quantity,
    averageEntry: h.quantity.isPositive() ? h.cost.div(h.quantity, SCALE) : Decimal.ZERO,
    price: h.last,
    unrealizedPnl: h.quantity.mul(h.last).sub(h.cost),
  }));
  const unrealizedPnl = positions.reduce((sum, p) => sum.add(p.unrealizedPnl), Decimal.ZERO);
  return { book: { cash, realizedPnl: realized, fees, equity, unrealizedPnl, positions }, curve };
}

/** A strategy run's account: one symbol; `mark` values the open position at the end. */
export function replaySubAccount(
  capital: Decimal,
  fills: readonly AccountFill[],
  mark: Mark | null,
): { account: SubAccount; curve: EquityPoint[] } {
  const one = fills.map((f) => ({ ...f, symbol: '' }));
  const { book, curve } = replayBook(capital, one, mark ? new Map([['', mark]]) : new Map());
  const position = book.positions[0];
  const { positions: _, ...rest } = book;
  return {
    account: {
      ...rest,
      quantity: position?.quantity ?? Decimal.ZERO,
      averageEntry: position?.averageEntry ?? Decimal.ZERO,
    },
    curve,
  };
}

export type RankMetrics = {
  returnPercent: number;
  maxDrawdownPercent: number;
  /** Mean over standard deviation of the returns between equity points (not annualised); null under 3 points. */
  sharpe: number | null;
};

/** Return on the base, the largest fall from a peak (the base is the first peak), Sharpe of the curve's steps. */
export function rankMetrics(base: number, curve: readonly EquityPoint[], equity: number): RankMetrics {
  let peak = base;
  let maxDrawdown = 0;
  const values = [base, ...curve.map((p) => p.equity)];
  for (const v of values) {
    peak = Math.max(peak, v);
    if (peak > 0) maxDrawdown = Math.max(maxDrawdown, ((peak - v) / peak) * 100);
  }
  const steps: number[] = [];
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > 0) steps.push(values[i]! / values[i - 1]! - 1);
  let sharpe: number | null = null;
  if (steps.length >= 3) {
    const mean = steps.reduce((s, x) => s + x, 0) / steps.length;
    const sd = Math.sqrt(steps.reduce((s, x) => s + (x - mean) ** 2, 0) / (steps.length - 1));
    sharpe = sd > 0 ? mean / sd : null;
  }
  return { returnPercent: base > 0 ? (equity / base - 1) * 100 : 0, maxDrawdownPercent: maxDrawdown, sharpe };
}
