import type { BookTop } from '../../../../shared/domain/market';
import { formatPrice, formatVolume } from './format';

/** The top of the order book: asks above (best at the bottom), bids below (best at the top). */
export function BookPanel({ book }: { book: BookTop | undefined }) {
  if (!book) return <section className="card book">Loading the order book…</section>;
  const asks = book.asks.slice(0, 8).reverse();
  const bids = book.bids.slice(0, 8);
  const max = Math.max(1e-12, ...asks.map((l) => l[1]), ...bids.map((l) => l[1]));
  const row = (side: 'ask' | 'bid', [price, amount]: [number, number]) => (
    <tr key={`${side}-${price}`} className={side}>
      <td className="mono">{formatPrice(price)}</td>
      <td className="mono amount">
        <span className="depth-bar" style={{ width: `${(amount / max) * 100}%` }} />
        <span className="depth-text">{formatVolume(amount)}</span>
      </td>
    </tr>
  );
  return (
    <section className="card book" aria-label="Order book" data-testid="order-book">
      <h2>Order book</h2>
      <table>
        <thead>
          <tr>
            <th>Price</th>
            <th>Amount</th>
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
