/** A backtest's trades: entry and exit (UTC), prices, quantity, fees, P&L after fees and why it exited. */
import type { BacktestTradeView } from '../../../../shared/domain/backtest-report';
import { formatCount } from '../../../../shared/format/numbers';
import { useMarketInfo } from '../../format/use-market-info';
import { formatMoney, formatPct, formatPrice, formatQty, formatUtc, signClass } from './format';

export function TradeList({ trades, total, symbol }: { trades: BacktestTradeView[]; total: number; symbol: string }) {
  const market = useMarketInfo()(symbol);
  if (total === 0) return <p className="muted">No trades: the entry conditions never held together in this range.</p>;
  return (
    <>
      {total > trades.length && (
        <p className="muted small">
          The first {formatCount(trades.length)} of {formatCount(total)} trades.
        </p>
      )}
      <div className="scroll-box">
        <table className="data-table trade-table" data-testid="trade-list">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Entry (UTC)</th>
              <th>Exit (UTC)</th>
              <th className="num">Entry price</th>
              <th className="num">Exit price</th>
              <th className="num">Quantity</th>
              <th className="num">Fees</th>
              <th className="num">P&amp;L</th>
              <th className="num">Candles</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {trades.map((t, i) => (
              <tr key={`${t.entryTime}-${i}`}>
                <td className="num muted">{i + 1}</td>
                <td className="mono">{formatUtc(t.entryTime)}</td>
                <td className="mono">{formatUtc(t.exitTime)}</td>
                <td className="num">{formatPrice(t.entryPrice, market?.priceStep)}</td>
                <td className="num">{formatPrice(t.exitPrice, market?.priceStep)}</td>
                <td className="num">{formatQty(t.quantity, market?.amountStep)}</td>
                <td className="num">{formatMoney(t.fees)}</td>
                <td className={`num ${signClass(t.pnl)}`}>
                  {formatMoney(t.pnl, true)} ({formatPct(t.pnlPercent, true)})
                </td>
                <td className="num">{t.candlesHeld}</td>
                <td>
                  <span className={`reason reason-${t.reason.toLowerCase()}`}>{t.reason}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
