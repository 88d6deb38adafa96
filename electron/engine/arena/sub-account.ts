/**
 * A strategy run's own account (the paper arena): its starting capital, then only its own fills:
 * cash, the position with its average entry, realized and unrealized P&L, fees, equity. Money is
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

export type EquityPoint = { time: number; equity: number };

const SCALE = { scale: 12, rounding: 'half-even' } as const;

/** Replays the fills oldest first; `mark` values the open position at the end. */
export function replaySubAccount(
  capital: Decimal,
  fills: readonly AccountFill[],
  mark: { time: number; price: Decimal } | null,
): { account: SubAccount; curve: EquityPoint[] } {
  let cash = capital;
  let quantity = Decimal.ZERO;
  let cost = Decimal.ZERO; // cost basis of the open position, entry fees excluded
  let realized = Decimal.ZERO;
  let fees = Decimal.ZERO;
  let last = Decimal.ZERO;
  const curve: EquityPoint[] = [];
  for (const f of [...fills].sort((a, b) => a.time - b.time)) {
    const price = Decimal.parse(f.price);
    const qty = Decimal.parse(f.quantity);
    const fee = Decimal.parse(f.fee);
    fees = fees.add(fee);
    realized = realized.sub(fee);
    if (f.side === 'buy') {
      cash = cash.sub(price.mul(qty)).sub(fee);
      quantity = quantity.add(qty);
      cost = cost.add(price.mul(qty));
    } else {
      // A sale beyond what the run holds is not the run's (a stop of another): only what it holds counts.
      const sold = Decimal.min(qty, quantity);
      if (sold.isPositive()) {
        const basis = cost.mul(sold).div(quantity, SCALE);
        cash = cash.add(price.mul(sold)).sub(fee);
        realized = realized.add(price.mul(sold).sub(basis));
        cost = cost.sub(basis);
        quantity = quantity.sub(sold);
      } else cash = cash.sub(fee);
    }
    last = price;
    curve.push({ time: f.time, equity: cash.add(quantity.mul(price)).toNumber() });
  }
  const markPrice = mark?.price ?? last;
  const equity = cash.add(quantity.mul(markPrice));
  if (mark) curve.push({ time: mark.time, equity: equity.toNumber() });
  const averageEntry = quantity.isPositive() ? cost.div(quantity, SCALE) : Decimal.ZERO;
  return {
    account: {
      cash,
      quantity,
      averageEntry,
      realizedPnl: realized,
      fees,
      equity,
      unrealizedPnl: quantity.mul(markPrice).sub(cost),
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
