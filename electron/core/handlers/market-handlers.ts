import type { CandleDataService } from '../services/candle-data-service.js';
import type { MarketService } from '../services/market-service.js';
import type { Handlers } from '../dispatch.js';

type MarketNames =
  | 'market.overview'
  | 'market.setSource'
  | 'market.candles'
  | 'market.ticker'
  | 'market.book'
  | 'market.watch'
  | 'candles.preview'
  | 'candles.import'
  | 'candles.exportCsv'
  | 'candles.series';

export function marketHandlers(market: MarketService, candles: CandleDataService) {
  return {
    'market.overview': () => market.overview(),
    'market.setSource': ({ source }) => market.setSource(source),
    'market.candles': (query) => market.candles(query),
    'market.ticker': ({ symbol }) => market.ticker(symbol),
    'market.book': ({ symbol, depth }) => market.book(symbol, depth),
    'market.watch': ({ symbol, timeframe }) => market.watch(symbol, timeframe),
    'candles.preview': ({ text }) => candles.preview(text),
    'candles.import': (request) => candles.import(request),
    'candles.exportCsv': (ref) => candles.exportCsv(ref),
    'candles.series': () => candles.series(),
  } satisfies Pick<Handlers, MarketNames>;
}
