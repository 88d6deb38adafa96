import { EmptyState } from '../components/EmptyState';

export function MarketTab() {
  return (
    <EmptyState
      title="Market"
      items={[
        'Candlestick chart with volume, SMA/EMA/Bollinger overlays and RSI/MACD panes',
        'Ticker: last, bid, ask, spread, 24 h change, high, low, volume, and the top of the book',
        'The built-in simulator (offline, no keys) and live exchange data through ccxt',
        'The order ticket',
      ]}
    >
      Market data is not connected in this version yet. Nothing here is simulated or made up: when the market data feed
      lands, this tab will show:
    </EmptyState>
  );
}
