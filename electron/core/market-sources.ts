import type { MarketSourceConfig } from '../../shared/domain/market.js';
import { systemScheduler } from '../adapters/clock/system-scheduler.js';
import { createCcxtSource } from '../adapters/market/ccxt-source.js';
import { createReplaySource } from '../adapters/market/replay-source.js';
import { createSimulatorSource } from '../adapters/market/simulator/simulator-source.js';
import type { Clock } from '../engine/clock.js';
import type { CandleCache } from '../engine/market/candle-cache-port.js';
import type { MarketDataSource } from '../engine/market/market-data-port.js';
import type { Logger } from '../logging/types.js';
import type { EndpointResolver } from './exchange-endpoints.js';
import type { SourceFactory } from './services/market-service.js';

export type MarketSourceOptions = {
  clock: Clock;
  store: CandleCache;
  logger: Logger;
  /** Simulated time per real time for the simulator. */
  simSpeed: number;
  /** The simulator's seed: the same seed and start time give the same market. */
  simSeed: number;
  /** Simulated time at the simulator's first start (default: the wall clock). */
  simStart?: number;
  /** Testnet / base URL per exchange id (--exchange-url, Settings). */
  endpoint: EndpointResolver;
};

/** Builds the market-data source a MarketSourceConfig names; all share the candle store. */
export function createSourceFactory(o: MarketSourceOptions): SourceFactory {
  return (config: MarketSourceConfig): MarketDataSource => {
    const common = { clock: o.clock, logger: o.logger, scheduler: systemScheduler };
    switch (config.kind) {
      case 'simulator':
        return createSimulatorSource({
          ...common,
          seed: o.simSeed,
          store: o.store,
          speed: o.simSpeed,
          ...(o.simStart !== undefined ? { startAt: o.simStart } : {}),
        });
      case 'exchange': {
        return createCcxtSource({
          ...common,
          exchangeId: config.exchangeId,
          store: o.store,
          ...o.endpoint(config.exchangeId),
        });
      }
      case 'replay':
        return createReplaySource({
          ...common,
          store: o.store,
          source: config.source,
          symbol: config.symbol,
          timeframe: config.timeframe,
          from: config.from,
          speed: { candlesPerSecond: config.speed },
        });
    }
  };
}
