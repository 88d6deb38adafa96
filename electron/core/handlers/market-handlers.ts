import type { MarketService } from '../services/market-service.js';
import type { Handlers } from '../dispatch.js';

type MarketNames =
  'market.overview' | 'market.setSource' | 'market.candles' | 'market.ticker' | 'market.book' | 'market.watch';

export function marketHandlers(market: MarketService) {
  return {
    'market.overview': () => market.overview(),
    'market.setSource': ({ source }) => market.setSource(source),
    'market.candles': (query) => market.candles(query),
    'market.ticker': ({ symbol }) => market.ticker(symbol),
    'market.book': ({ symbol, depth }) => market.book(symbol, depth),
    'market.watch': ({ symbol, timeframe }) => market.watch(symbol, timeframe),
  } satisfies Pick<Handlers, MarketNames>;
}
