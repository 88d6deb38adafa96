import type { MarketInfo } from '../../../shared/domain/market';
import { useInvokeQuery } from '../client/hooks';

/**
 * The steps of the markets the engine lists (price step, amount step, minimums), so every view
 * shows a symbol's prices and quantities the same way. Undefined for a market not listed (then
 * the formatters fall back to decimals by size).
 */
export function useMarketInfo(): (symbol: string) => MarketInfo | undefined {
  const overview = useInvokeQuery('market.overview', {}, { staleTime: 60_000 });
  const markets = overview.data?.markets ?? [];
  return (symbol) => markets.find((m) => m.symbol === symbol);
}
