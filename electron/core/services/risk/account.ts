/**
 * The account as the risk controls see it, read from the order manager's active session: equity
 * (quote balance + positions at mark), the spot positions, and every working order. Positions
 * without a mark are priced from the book's mid (or, failing that, their average entry).
 */
import type { BookTop } from '../../../../shared/domain/market.js';
import { Decimal } from '../../../engine/money/decimal.js';
import { isEngineManaged } from '../../../engine/orders/order-model.js';
import { averageEntry } from '../../../engine/portfolio/positions.js';
import type { RiskOpenOrder, RiskPosition } from '../../../engine/risk/index.js';
import type { VenueSession } from '../orders/session.js';
import type { RiskMarket } from './ports.js';

export type Account = {
  venue: string;
  currency: string;
  equity: Decimal;
  positions: Record<string, RiskPosition>;
  openOrders: RiskOpenOrder[];
  /** Positions by symbol that could be sold: quantity held minus what open sells already hold. */
  held: Record<string, Decimal>;
};

export function midOf(book: BookTop): Decimal | null {
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (bid === undefined || ask === undefined) return null;
  return Decimal.fromNumber(bid).add(Decimal.fromNumber(ask)).div(2, { scale: 12, rounding: 'half-even' });
}

/**
 * Reads the account now, positions at the book's mid; `books` may hold books already fetched (by
 * symbol). `quantities` are the positions as the account holds them (LIVE: from the exchange's
 * balances, account-holdings.ts); without it, the app's ledger.
 */
export async function readAccount(
  s: VenueSession,
  market: RiskMarket,
  books: Readonly<Record<string, BookTop>> = {},
  quantities?: ReadonlyMap<string, Decimal>,
): Promise<Account> {
  const portfolio = s.ledger.portfolio();
  const marks = s.ledger.marks();
  const snapshot = portfolio.snapshot();
  const positions: Record<string, RiskPosition> = {};
  const held: Record<string, Decimal> = {};
  const ledgerOpen = snapshot.positions.filter((p) => !p.quantity.isZero());
  const open = quantities
    ? [...quantities].map(([symbol, quantity]) => ({
        symbol,
        quantity,
        ledger: ledgerOpen.find((p) => p.symbol === symbol) ?? null,
      }))
    : ledgerOpen.map((p) => ({ symbol: p.symbol, quantity: p.quantity, ledger: p }));
  const fresh = await Promise.all(
    open.map((p) => (books[p.symbol] ? midOf(books[p.symbol]!) : market.book(p.symbol, 1).then(midOf, () => null))),
  );
  for (const [i, p] of open.entries()) {
    const price = fresh[i] ?? marks[p.symbol] ?? (p.ledger ? averageEntry(p.ledger) : Decimal.ZERO);
    marks[p.symbol] = price;
    positions[p.symbol] = { quantity: p.quantity, markPrice: price };
    held[p.symbol] = p.quantity;
  }
  const openOrders: RiskOpenOrder[] = [];
  for (const o of s.ledger.live()) {
    const remaining = o.quantity.sub(o.filled);
    const price = o.price ?? o.stopPrice ?? marks[o.symbol] ?? Decimal.ZERO;
    openOrders.push({ symbol: o.symbol, side: o.side, remaining, price });
    if (o.side === 'sell' && !isEngineManaged(o.type) && held[o.symbol]) {
      held[o.symbol] = held[o.symbol]!.sub(remaining);
    }
  }
  // With the account's own holdings: the quote balance plus every holding at its mark (bought in
  // the app or not); otherwise the ledger's equity.
  const equity = quantities
    ? Object.values(positions).reduce(
        (sum, p) => sum.add(p.quantity.mul(p.markPrice)),
        snapshot.balances[portfolio.quoteCurrency] ?? Decimal.ZERO,
      )
    : Decimal.parse(portfolio.view(marks).equity);
  return { venue: s.venue, currency: portfolio.quoteCurrency, equity, positions, openOrders, held };
}
