import type { MarketInfo, Ticker } from '../../../../shared/domain/market';
import { StaleMark, useLastUpdate } from '../../components/stale';
import { formatFixed, formatPercent, formatPrice, formatVolume } from '../../../../shared/format/numbers';

export function TickerPanel({ ticker, market }: { ticker: Ticker | undefined; market: MarketInfo | undefined }) {
  const lastUpdate = useLastUpdate(ticker);
  if (!ticker) return <section className="card ticker">Waiting for the ticker…</section>;
  const step = market?.priceStep;
  const spread = ticker.ask - ticker.bid;
  const mid = (ticker.ask + ticker.bid) / 2;
  // The spread is small: its percent gets 3 decimals (0.012 %), everything else is at the common precision.
  const spreadPct = mid > 0 ? `${formatFixed((spread / mid) * 100, 3)}\u00a0%` : '—';
  const change = formatPercent(ticker.change24hPercent, true);
  const rows: [string, string, string?][] = [
    ['Last', formatPrice(ticker.last, step)],
    ['Bid', formatPrice(ticker.bid, step)],
    ['Ask', formatPrice(ticker.ask, step)],
    ['Spread', `${formatPrice(spread, step)} (${spreadPct})`],
    ['24h change', change, change.startsWith('-') ? 'down' : change.startsWith('+') ? 'up' : ''],
    ['24h high', formatPrice(ticker.high24h, step)],
    ['24h low', formatPrice(ticker.low24h, step)],
    [`24h volume (${market?.base ?? ticker.symbol.split('/')[0]})`, formatVolume(ticker.volume24h)],
  ];
  return (
    <section className="card ticker" aria-label="Ticker" data-testid="ticker">
      <h2>
        {ticker.symbol} <StaleMark lastUpdate={lastUpdate} what="ticker" />
      </h2>
      <dl className="facts">
        {rows.map(([label, value, cls]) => (
          <div key={label} className="fact-row">
            <dt>{label}</dt>
            <dd className={cls} data-testid={`ticker-${label.split(' (')[0]!.toLowerCase().replaceAll(' ', '-')}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
