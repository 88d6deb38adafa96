/**
 * The optimisation service wired to the core (create-core.ts calls this): sweeps stored in
 * workstation.db, candles from the market service, the risk settings in force, the fee of the venue
 * a strategy would run on, and the local worker pool whose script is sweep-worker.js beside the
 * bundled backtest worker (a build) or the TypeScript source (dev, tests).
 */
import { randomUUID } from 'node:crypto';
import { createSweepPool, defaultWorkers, sweepWorkerUrl } from '../../../adapters/workers/sweep-pool.js';
import { createRedisExecutor } from '../../../adapters/workers/sweep-queue.js';
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
import type { ExecutorFactory } from './sweep-runner.js';

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
  /** Settings' Redis server: sweeps run on its BullMQ workers; null: on the local pool. */
  sweepRedisUrl: () => string | null;
}): OptimizeService {
  const workers = deps.workers ?? defaultWorkers();
  const url = sweepWorkerUrl(deps.config.backtestWorkerUrl);
  const executor: ExecutorFactory = async (columns, config) => {
    const redis = deps.sweepRedisUrl();
    if (redis === null) return createSweepPool({ columns, config, workers, url });
    const queue = await createRedisExecutor({ url: redis, columns, config });
    const connected = await queue.workers().catch(() => 0);
    if (connected === 0) {
      await queue.close();
      throw new Error(
        `no sweep worker is connected to ${redis}: start one on each machine with \`npm run worker -- --redis ${redis}\`, or clear the Redis server in Settings to sweep on this computer`,
      );
    }
    deps.logger.info('strategy', `sweep on ${connected} worker(s) of ${redis}`, { workers: connected });
    return queue;
  };
  return createOptimizeService({
    repo: createSweepRepo(deps.db),
    strategies: () => deps.core().strategies,
    candles: marketCandles(deps.market, deps.clock),
    marketNow: marketNow(deps.market, deps.clock),
    riskSettings: () => deps.risk.settings(),
    venueFeeRate: deps.venueFeeRate,
    executor,
    workers,
    redisUrl: deps.sweepRedisUrl,
    clock: deps.clock,
    newId: randomUUID,
    logger: deps.logger,
    onStatus: (status) => deps.bus.emit('optimize.progress', status),
  });
}
