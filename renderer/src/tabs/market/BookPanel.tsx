import type { BookTop, MarketInfo } from '../../../../shared/domain/market';
import { formatAmount, formatPrice } from '../../../../shared/format/numbers';
import { StaleMark, useLastUpdate } from '../../components/stale';

/** The top of the order book: asks above (best at the bottom), bids below (best at the top). */
export function BookPanel({ book, market }: { book: BookTop | undefined; market: MarketInfo | undefined }) {
  const lastUpdate = useLastUpdate(book);
  if (!book) return <section className="card book">Loading the order book…</section>;
  const asks = book.asks.slice(0, 8).reverse();
  const bids = book.bids.slice(0, 8);
  const max = Math.max(1e-12, ...asks.map((l) => l[1]), ...bids.map((l) => l[1]));
  // Book amounts at 4 decimals at most: the amount step of BTC (8 decimals) would not fit the column.
  const amountStep = Math.max(market?.amountStep ?? 0.0001, 0.0001);
  const row = (side: 'ask' | 'bid', [price, amount]: [number, number]) => (
    <tr key={`${side}-${price}`} className={side}>
      <td className="mono">{formatPrice(price, market?.priceStep)}</td>
      <td className="mono amount">
        <span className="depth-bar" style={{ width: `${(amount / max) * 100}%` }} />
        <span className="depth-text">{formatAmount(amount, amountStep)}</span>
      </td>
    </tr>
  );
  return (
    <section className="card book" aria-label="Order book" data-testid="order-book">
      <h2>
        Order book <StaleMark lastUpdate={lastUpdate} what="order book" />
      </h2>
      <table>
        <thead>
          <tr>
            <th>Price ({market?.quote ?? book.symbol.split('/')[1]})</th>
            <th className="amount">Amount ({market?.base ?? book.symbol.split('/')[0]})</th>
          </tr>
        </thead>
        <tbody>
          {asks.map((l) => row('ask', l))}
          {bids.map((l) => row('bid', l))}
        </tbody>
      </table>
    </section>
  );
}
