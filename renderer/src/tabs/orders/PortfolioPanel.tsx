import { useInvokeQuery } from '../../client/hooks';
import { formatDecimal, pnlClass } from './format';

/** Balances, positions with live P&L at the current price, and equity. */
export function PortfolioPanel() {
  const portfolio = useInvokeQuery('portfolio.get', {}, { refetchInterval: 2_000 });
  if (portfolio.error) return <section className="card error">{portfolio.error.message}</section>;
  const p = portfolio.data;
  if (!p) return <section className="card">Loading the portfolio…</section>;
  return (
    <section className="card" aria-labelledby="portfolio-title" data-testid="portfolio">
      <div className="card-head">
        <h2 id="portfolio-title">Portfolio</h2>
        <span>
          Equity <strong data-testid="equity">{formatDecimal(p.equity, 2)}</strong> {p.quoteCurrency}
        </span>
      </div>
      <table className="data-table" data-testid="positions">
        <thead>
          <tr>
            <th>Position</th>
            <th className="num">Quantity</th>
            <th className="num">Avg entry</th>
            <th className="num">Mark</th>
            <th className="num">Unrealized</th>
            <th className="num">Realized</th>
            <th className="num">Fees</th>
          </tr>
        </thead>
        <tbody>
          {p.positions.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No positions.
              </td>
            </tr>
          )}
          {p.positions.map((pos) => (
            <tr key={pos.symbol}>
              <td>{pos.symbol}</td>
              <td className="num">{formatDecimal(pos.quantity)}</td>
              <td className="num">{formatDecimal(pos.averageEntry, 2)}</td>
              <td className="num">{formatDecimal(pos.markPrice, 2)}</td>
              <td className={`num ${pnlClass(pos.unrealizedPnl)}`}>{formatDecimal(pos.unrealizedPnl, 2)}</td>
              <td className={`num ${pnlClass(pos.realizedPnl)}`}>{formatDecimal(pos.realizedPnl, 2)}</td>
              <td className="num">{formatDecimal(pos.fees, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table" data-testid="balances">
        <thead>
          <tr>
            <th>Balance</th>
            <th className="num">Total</th>
            <th className="num">Available</th>
            <th className="num">Locked</th>
          </tr>
        </thead>
        <tbody>
          {p.balances.map((b) => (
            <tr key={b.currency}>
              <td>{b.currency}</td>
              <td className="num">{formatDecimal(b.total)}</td>
              <td className="num">{formatDecimal(b.available)}</td>
              <td className="num">{formatDecimal(b.locked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
