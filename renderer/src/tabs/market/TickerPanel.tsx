import type { Ticker } from '../../../../shared/domain/market';
import { formatPercent, formatPrice, formatVolume } from './format';

export function TickerPanel({ ticker }: { ticker: Ticker | undefined }) {
  if (!ticker) return <section className="card ticker">Waiting for the ticker…</section>;
  const spread = ticker.ask - ticker.bid;
  const mid = (ticker.ask + ticker.bid) / 2;
  const rows: [string, string, string?][] = [
    ['Last', formatPrice(ticker.last)],
    ['Bid', formatPrice(ticker.bid)],
    ['Ask', formatPrice(ticker.ask)],
    ['Spread', `${formatPrice(spread, mid)} (${mid > 0 ? ((spread / mid) * 100).toFixed(3) : '0'}%)`],
    ['24h change', formatPercent(ticker.change24hPercent), ticker.change24hPercent >= 0 ? 'up' : 'down'],
    ['24h high', formatPrice(ticker.high24h)],
    ['24h low', formatPrice(ticker.low24h)],
    ['24h volume', formatVolume(ticker.volume24h)],
  ];
  return (
    <section className="card ticker" aria-label="Ticker" data-testid="ticker">
      <h2>{ticker.symbol}</h2>
      <dl className="facts">
        {rows.map(([label, value, cls]) => (
          <div key={label} className="fact-row">
            <dt>{label}</dt>
            <dd className={cls} data-testid={`ticker-${label.toLowerCase().replaceAll(' ', '-')}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
