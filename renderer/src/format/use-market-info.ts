import type { MarketInfo } from '../../../shared/domain/market';
import { useInvokeQuery } from '../client/hooks';

const NONE: MarketInfo[] = [];

/** The markets the engine lists, with their price step, amount step and minimums. */
export function useMarkets(): readonly MarketInfo[] {
  const overview = useInvokeQuery('market.overview', {}, { staleTime: 60_000 });
  return overview.data?.markets ?? NONE;
}

/**
 * A symbol's market (steps and minimums), so every view shows its prices and quantities the same
 * way. Undefined for a market not listed: the formatters then fall back to decimals by size.
 */
export function useMarketInfo(): (symbol: string) => MarketInfo | undefined {
  const markets = useMarkets();
  return (symbol) => markets.find((m) => m.symbol === symbol);
}
