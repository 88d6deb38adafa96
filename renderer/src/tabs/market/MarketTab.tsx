import { useState } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain/market';
import { useInvokeQuery } from '../../client/hooks';
import { BookPanel } from './BookPanel';
import { FeedBadge } from './FeedBadge';
import { IndicatorControls } from './IndicatorControls';
import type { IndicatorConfig } from './indicators';
import { OrderTicket } from './OrderTicket';
import { PriceChart } from './PriceChart';
import { TickerPanel } from './TickerPanel';
import { useMarket } from './useMarket';

const HISTORY = [1_000, 5_000, 50_000, 200_000];

export function MarketTab() {
  const overview = useInvokeQuery('market.overview', {});
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [timeframe, setTimeframe] = useState<Timeframe>('1m');
  const [limit, setLimit] = useState(5_000);
  const [indicators, setIndicators] = useState<IndicatorConfig[]>([]);
  const symbol = chosen ?? overview.data?.markets[0]?.symbol;
  const { candles, ticker, book, subscribeLive } = useMarket(symbol, timeframe, limit);

  if (overview.error) return <p className="error">{overview.error.message}</p>;
  return (
    <div className="market">
      <div className="toolbar">
        <label>
          Symbol{' '}
          <select aria-label="Symbol" value={symbol ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {overview.data?.markets.map((m) => (
              <option key={m.symbol} value={m.symbol}>
                {m.symbol}
              </option>
            ))}
          </select>
        </label>
        <label>
          Timeframe{' '}
          <select aria-label="Timeframe" value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)}>
            {TIMEFRAMES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          History{' '}
          <select aria-label="History" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
            {HISTORY.map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString('en-US')} candles
              </option>
            ))}
          </select>
        </label>
        <IndicatorControls value={indicators} onChange={setIndicators} />
        <div className="header-spacer" />
        {overview.data && <FeedBadge source={overview.data.source} status={overview.data.status} />}
      </div>
      {candles.error && <p className="error">{candles.error.message}</p>}
      <div className="market-body">
        <PriceChart
          dataKey={`${symbol}|${timeframe}|${limit}`}
          columns={candles.data?.candles}
          indicators={indicators}
          subscribeLive={subscribeLive}
        />
        <aside className="market-side">
          {symbol && <OrderTicket symbol={symbol} ticker={ticker.data} />}
          <TickerPanel ticker={ticker.data} />
          <BookPanel book={book.data} />
        </aside>
      </div>
    </div>
  );
}
