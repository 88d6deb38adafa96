/**
 * The optimisation service wired to the core (create-core.ts calls this): sweeps stored in
 * workstation.db, candles from the market service, the risk settings in force, the fee of the venue
 * a strategy would run on, and the local worker pool whose script is sweep-worker.js beside the
 * bundled backtest worker (a build) or the TypeScript source (dev, tests).
 */
import { randomUUID } from 'node:crypto';
import { createSweepPool, defaultWorkers, sweepWorkerUrl } from '../../../adapters/workers/sweep-pool.js';
import type { Clock } from '../../../engine/clock.js';
import type { Logger } from '../../../logging/types.js';
import type { Database } from '../../../persistence/database.js';
import { createSweepRepo } from '../../../persistence/repositories/sweep-repo.js';
import type { CoreConfig } from '../../core-config.js';
import type { EventBus } from '../../event-bus.js';
import type { MarketService } from '../market-service.js';
import type { RiskService } from '../risk/risk-service.js';
import type { StrategyService } from '../strategies/strategy-service.js';
import { marketCandles, marketNow } from '../strategies/market-candles.js';
import { createOptimizeService, type OptimizeService } from './optimize-service.js';

export function createOptimize(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  market: MarketService;
  risk: RiskService;
  /** The fee a backtest pays when it names none (the same the strategy service's backtests use). */
  venueFeeRate: () => number;
  /** backtestWorkerUrl: a bundled entry's backtest worker script; the sweep worker is beside it. */
  config: Pick<CoreConfig, 'backtestWorkerUrl'>;
  /** The strategy library (read when a sweep starts or a set is saved). */
  core: () => { readonly strategies: StrategyService };
  /** Worker threads (default one per core). */
  workers?: number;
}): OptimizeService {
  const workers = deps.workers ?? defaultWorkers();
  const url = sweepWorkerUrl(deps.config.backtestWorkerUrl);
  return createOptimizeService({
    repo: createSweepRepo(deps.db),
    strategies: () => deps.core().strategies,
    candles: marketCandles(deps.market, deps.clock),
    marketNow: marketNow(deps.market, deps.clock),
    riskSettings: () => deps.risk.settings(),
    venueFeeRate: deps.venueFeeRate,
    executor: (columns, config) => createSweepPool({ columns, config, workers, url }),
    workers,
    clock: deps.clock,
    newId: randomUUID,
    logger: deps.logger,
    onStatus: (status) => deps.bus.emit('optimize.progress', status),
  });
}
