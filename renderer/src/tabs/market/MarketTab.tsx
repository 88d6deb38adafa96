import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain/market';
import { formatCount } from '../../../../shared/format/numbers';
import { useInvokeQuery } from '../../client/hooks';
import { BookPanel } from './BookPanel';
import { FeedBadge } from './FeedBadge';
import { IndicatorControls } from './IndicatorControls';
import { OrderTicket } from './OrderTicket';
import { PriceChart } from './PriceChart';
import { TickerPanel } from './TickerPanel';
import { useMarket } from './useMarket';
import { useMarketView } from './use-market-view';
import './market.css';

const HISTORY = [1_000, 5_000, 50_000, 200_000];

export function MarketTab() {
  const overview = useInvokeQuery('market.overview', {});
  const markets = overview.data?.markets ?? [];
  const view = useMarketView(markets.map((m) => m.symbol));
  const { timeframe, limit, indicators } = view;
  const symbol = view.ready ? view.symbol : undefined;
  const market = markets.find((m) => m.symbol === symbol);
  const { candles, ticker, book, subscribeLive } = useMarket(symbol, timeframe, limit);

  if (overview.error) return <p className="error">{overview.error.message}</p>;
  return (
    <div className="market">
      <div className="toolbar">
        <label>
          Symbol{' '}
          <select aria-label="Symbol" value={symbol ?? ''} onChange={(e) => view.setSymbol(e.target.value)}>
            {overview.data?.markets.map((m) => (
              <option key={m.symbol} value={m.symbol}>
                {m.symbol}
              </option>
            ))}
          </select>
        </label>
        <label>
          Timeframe{' '}
          <select
            aria-label="Timeframe"
            value={timeframe}
            onChange={(e) => view.setTimeframe(e.target.value as Timeframe)}
          >
            {TIMEFRAMES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          History{' '}
          <select aria-label="History" value={limit} onChange={(e) => view.setLimit(Number(e.target.value))}>
            {HISTORY.map((n) => (
              <option key={n} value={n}>
                {formatCount(n)} candles
              </option>
            ))}
          </select>
        </label>
        <IndicatorControls value={indicators} onChange={view.setIndicators} />
        <div className="header-spacer" />
        {overview.data && <FeedBadge source={overview.data.source} status={overview.data.status} />}
      </div>
      {candles.error && <p className="error">{candles.error.message}</p>}
      {view.saveError && <p className="error">The chart setup was not saved: {view.saveError}</p>}
      <div className="market-body">
        <PriceChart
          dataKey={`${symbol}|${timeframe}|${limit}`}
          columns={candles.data?.candles}
          indicators={indicators}
          subscribeLive={subscribeLive}
          priceStep={market?.priceStep}
          loading={candles.isFetching ? `Loading ${formatCount(limit)} ${timeframe} candles of ${symbol ?? ''}…` : null}
        />
        <aside className="market-side">
          {symbol && <OrderTicket key={symbol} symbol={symbol} market={market} ticker={ticker.data} />}
          <TickerPanel ticker={ticker.data} market={market} />
          <BookPanel book={book.data} market={market} />
        </aside>
      </div>
    </div>
  );
}
