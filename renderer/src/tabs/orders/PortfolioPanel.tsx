import { formatAmount, formatMoney, formatPrice } from '../../../../shared/format/numbers';
import { useInvokeQuery } from '../../client/hooks';
import { useMarkets } from '../../format/use-market-info';
import { StaleMark } from '../../components/stale';
import { formatCurrencyAmount, pnlClass } from './format';

/** Balances, positions with live P&L at the current price, and equity. */
export function PortfolioPanel() {
  const portfolio = useInvokeQuery('portfolio.get', {}, { refetchInterval: 2_000 });
  const markets = useMarkets();
  // Without the engine the last figures stay, marked stale (StaleMark) rather than replaced by the error.
  if (portfolio.error && !portfolio.data) return <section className="card error">{portfolio.error.message}</section>;
  const p = portfolio.data;
  if (!p) return <section className="card">Loading the portfolio…</section>;
  return (
    <section className="card" aria-labelledby="portfolio-title" data-testid="portfolio">
      <div className="card-head">
        <h2 id="portfolio-title">
          Portfolio <StaleMark lastUpdate={portfolio.dataUpdatedAt || null} what="portfolio (positions, P&L)" />
        </h2>
        <span>
          Equity <strong data-testid="equity">{formatMoney(p.equity)}</strong> {p.quoteCurrency}
        </span>
      </div>
      <table className="data-table" data-testid="positions">
        <thead>
          <tr>
            <th>Position</th>
            <th className="num">Quantity</th>
            <th className="num">Avg entry</th>
            <th className="num">Mark</th>
            <th className="num">Unrealized ({p.quoteCurrency})</th>
            <th className="num">Realized ({p.quoteCurrency})</th>
            <th className="num">Fees ({p.quoteCurrency})</th>
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
          {p.positions.map((pos) => {
            const m = markets.find((x) => x.symbol === pos.symbol);
            const unrealized = formatMoney(pos.unrealizedPnl);
            const realized = formatMoney(pos.realizedPnl);
            return (
              <tr key={pos.symbol}>
                <td>{pos.symbol}</td>
                <td className="num">{formatAmount(pos.quantity, m?.amountStep)}</td>
                <td className="num">{formatPrice(pos.averageEntry, m?.priceStep)}</td>
                <td className="num">{formatPrice(pos.markPrice, m?.priceStep)}</td>
                <td className={`num ${pnlClass(unrealized)}`}>{unrealized}</td>
                <td className={`num ${pnlClass(realized)}`}>{realized}</td>
                <td className="num">{formatMoney(pos.fees)}</td>
              </tr>
            );
          })}
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
              <td className="num">{formatCurrencyAmount(b.total, b.currency, p.quoteCurrency, markets)}</td>
              <td className="num">{formatCurrencyAmount(b.available, b.currency, p.quoteCurrency, markets)}</td>
              <td className="num">{formatCurrencyAmount(b.locked, b.currency, p.quoteCurrency, markets)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
