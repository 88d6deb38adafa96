import { useCallback, useEffect } from 'react';
import type { Candle, MarketCandleEvent, Timeframe } from '../../../../shared/domain/market';
import { useApi } from '../../client/context';
import { useInvokeQuery } from '../../client/hooks';

/** Candles, ticker and book for the chosen market, plus the live feed subscription. */
export function useMarket(symbol: string | undefined, timeframe: Timeframe, limit: number) {
  const api = useApi();
  const enabled = symbol !== undefined;
  const s = symbol ?? 'BTC/USD';
  const candles = useInvokeQuery('market.candles', { symbol: s, timeframe, limit }, { enabled, staleTime: Infinity });
  const ticker = useInvokeQuery('market.ticker', { symbol: s }, { enabled, refetchInterval: 5_000 });
  const book = useInvokeQuery('market.book', { symbol: s, depth: 10 }, { enabled, refetchInterval: 2_000 });

  // Ask the engine to stream this market; events arrive through the transport.
  useEffect(() => {
    if (!enabled) return;
    api.invoke('market.watch', { symbol: s, timeframe }).catch(() => undefined);
  }, [api, enabled, s, timeframe]);

  const subscribeLive = useCallback(
    (onCandle: (candle: Candle) => void) =>
      api.transport.on('market.candle', (payload) => {
        const e = payload as MarketCandleEvent;
        if (e.symbol === s && e.timeframe === timeframe) onCandle(e.candle);
      }),
    [api, s, timeframe],
  );

  return { candles, ticker, book, subscribeLive };
}
