import path from 'node:path';
import { systemClock } from '../adapters/clock/system-clock.js';
import { openLogStore } from '../logging/log-store.js';
import { createLogger } from '../logging/logger.js';
import { createRedactor } from '../logging/redact.js';
import type { Logger } from '../logging/types.js';
import type { LogCategory } from '../../shared/domain/logs.js';
import { openStore } from './open-store.js';
import { createSettingsRepo } from '../persistence/repositories/settings-repo.js';
import { createDispatch, type Dispatch } from './dispatch.js';
import { createEventBus, type EventBus } from './event-bus.js';
import { createHandlers } from './handlers/index.js';
import { createAudit, createLogServices } from './services/log-services.js';
import { createSecretsService } from './services/secrets-service.js';
import { createSettingsService } from './services/settings-service.js';
import { createMarketService } from './services/market-service.js';
import { createCandleDataService } from './services/candle-data-service.js';
import { createSourceFactory } from './market-sources.js';
import { createEndpointResolver } from './exchange-endpoints.js';
import { createCandleRepo } from '../persistence/repositories/candle-repo.js';
import type { CoreServices } from './services/index.js';
import { systemScheduler } from '../adapters/clock/system-scheduler.js';
import { CCXT_EXCHANGE_IDS } from '../adapters/market/ccxt-ids.js';
import { createOrders } from './services/orders/create-orders.js';
import { createRisk } from './services/risk/create-risk.js';
import type { RiskService } from './services/risk/risk-service.js';
import { createStrategyService } from './services/strategies/strategy-service.js';
import { createJobRegistry } from './services/strategies/backtest-jobs.js';
import { marketCandles, marketNow } from './services/strategies/market-candles.js';
import { createGauntletService } from './services/strategies/gauntlet-service.js';
import { createGauntletRepo } from '../persistence/repositories/gauntlet-repo.js';
import { createJobWorker } from '../adapters/workers/job-worker.js';
import { createStrategyRepo } from '../persistence/repositories/strategy-repo.js';
import { createStrategyRunRepo } from '../persistence/repositories/strategy-run-repo.js';
import { createRunManager } from './services/strategies/runs/run-manager.js';
import { createAi } from './services/ai/create-ai.js';
import { createAlerts } from './services/alerts/create-alerts.js';
import { createDriftService, watchClosedTrades } from './services/strategies/runs/drift-service.js';
import { ensurePrivateDir, tightenTree } from '../persistence/private-files.js';
import { pinningFromConfig } from '../adapters/net/tls-pinning.js';
import { randomUUID } from 'node:crypto';
import type { CoreConfig } from './core-config.js';
import { aiRequest, composeArena } from './compose-arena.js';
import { reportStatus } from './report-status.js';
import { createOptimize } from './services/optimize/create-optimize.js';

export type { CoreConfig } from './core-config.js';

export type Core = {
  dispatch: Dispatch;
  events: EventBus;
  logger: Logger;
  services: CoreServices;
  /** Closes the database and flushes the logs; safe to call more than once. */
  shutdown(): Promise<void>;
};

export const DATABASE_FILE = 'workstation.db';
export const LOG_DATABASE_FILE = 'logs.db';

/** The composition root shared by the Electron entry and the headless entry. */
export async function createCore(config: CoreConfig): Promise<Core> {
  const clock = config.clock ?? systemClock;
  const dataDir = path.resolve(config.dataDir);
  // 0700 folder, 0600 files, whatever the umask; anything an earlier version left readable is fixed.
  ensurePrivateDir(dataDir);
  const tightened = tightenTree(dataDir);
  // Optional certificate pins for the exchange and Anthropic hosts (off unless WORKSTATION_TLS_PINS is set).
  const pinned = pinningFromConfig(config.tlsPins ?? process.env['WORKSTATION_TLS_PINS'] ?? '');

  const logStore = openLogStore(path.join(dataDir, LOG_DATABASE_FILE));
  // The bus reports listener failures to the logger, and the logger announces entries on the bus.
  const bus: EventBus = createEventBus((error) => logger.error('system', 'an event listener failed', { error }));
  // One redactor for the logs and the exports, so both know every secret learned.
  const redactor = createRedactor();
  const logger = createLogger({
    logDir: path.join(dataDir, 'logs'),
    clock,
    redactor,
    store: logStore,
    onEntry: (entry) => bus.emit('logs.appended', entry),
  });
  if (tightened.length > 0) {
    logger.warn(
      'system',
      `tightened the permissions of ${tightened.length} file(s) and folder(s) in the data directory to owner-only (0600/0700)`,
      {
        dataDir,
        paths: tightened.slice(0, 50),
      },
    );
  }

  const db = await openStore({
    file: path.join(dataDir, DATABASE_FILE),
    logger,
    closeLogs: async () => {
      await logger.close();
      logStore.close();
    },
    config,
  });

  const { audit, auditRepo } = createAudit({ db, clock, logger, redactor, bus });
  const settings = createSettingsService({
    repo: createSettingsRepo(db),
    clock,
    logger,
    audit,
    atomically: (fn) => db.transaction(fn)(),
    onChange: (s) => bus.emit('settings.changed', s),
    knownExchanges: CCXT_EXCHANGE_IDS,
  });
  const secrets = createSecretsService({
    store: config.secretStore,
    logger,
    audit,
    onChange: (status) => bus.emit('secrets.changed', status),
  });
  const candleRepo = createCandleRepo(db);
  const endpoint = createEndpointResolver(
    config.exchangeUrls ?? {},
    () => settings.get().exchangeOverrides,
    (url) =>
      logger.warn(
        'exchange',
        `the stored exchange address ${url} is not used: plain http to another computer would send the API key in the clear; set an https address in Settings`,
      ),
    pinned.fetch,
  );
  const market = createMarketService({
    initial: settings.get().marketSource,
    createSource: createSourceFactory({
      clock,
      logger,
      store: candleRepo,
      simSpeed: config.simSpeed ?? 1,
      simSeed: config.simSeed ?? 1,
      ...(config.simStart !== undefined ? { simStart: config.simStart } : {}),
      endpoint,
    }),
    persistSource: (marketSource) => settings.setInternal({ marketSource }),
    events: bus,
    clock,
    logger,
  });
  // Every order passes the risk gate; the risk service reads the order manager's portfolio, so it is built after it.
  let risk: RiskService | null = null;
  const riskGate = config.orders?.riskGate ?? ((intent) => risk!.gate(intent));
  const { orders, feed: orderFeed } = createOrders({
    db,
    clock,
    scheduler: config.scheduler ?? systemScheduler,
    logger,
    audit,
    bus,
    market,
    settings,
    secretStore: config.secretStore,
    endpoint,
    config: { ...config.orders, riskGate },
  });
  const { risk: riskService, unsubscribe: stopRiskEvents } = createRisk({
    db,
    clock,
    scheduler: config.scheduler ?? systemScheduler,
    logger,
    audit,
    bus,
    market,
    orders,
  });
  risk = riskService;
  const { advisor, arenaAdvisors, arena, runAccounts } = composeArena({
    db,
    clock,
    scheduler: config.scheduler ?? systemScheduler,
    logger,
    audit,
    bus,
    settings,
    market,
    orders,
    risk: riskService,
    secretStore: config.secretStore,
    request: aiRequest(config, pinned.fetch),
  });
  // Alerts observe the bus and the market; they are built without the order service: they never trade.
  const alerts = createAlerts({
    db,
    clock,
    scheduler: config.scheduler ?? systemScheduler,
    logger,
    bus,
    market,
    reveal: (name) => secrets.reveal(name),
    newId: randomUUID,
    latestVeto: () => riskService.vetoes({ limit: 1 })[0] ?? null,
    breakers: async () => (await riskService.overview()).breakers,
    killSwitch: () => riskService.killSwitch(),
    appVersion: config.appVersion,
    ...(config.telegramBaseUrl === undefined ? {} : { telegramBaseUrl: config.telegramBaseUrl }),
  });
  // Backtests (and later other long jobs) run in one worker thread, started on the first job.
  const jobWorker = createJobWorker(config.backtestWorkerUrl ? { url: config.backtestWorkerUrl } : {});
  const jobs = createJobRegistry((progress) => bus.emit('strategies.progress', progress));
  const logServices = createLogServices({
    dataDir,
    databaseFile: path.join(dataDir, DATABASE_FILE),
    logDatabaseFile: path.join(dataDir, LOG_DATABASE_FILE),
    info: () => services.info,
    clock,
    logger,
    redactor,
    bus,
    logStore,
    audit,
    auditRepo,
    settings,
    ...(config.saveFilePrompt ? { saveFilePrompt: config.saveFilePrompt } : {}),
  });
  // The fee of the venue the strategy would run on: the simulated exchange's taker fee, else the settings'.
  const venueFeeRate = () => {
    const fees = orders.status().simulatedFees;
    return fees ? Number(fees.takerRate) : settings.get().defaultFeeRate;
  };
  const services: CoreServices = {
    audit,
    ...logServices,
    info: {
      appVersion: config.appVersion,
      runtime: config.runtime,
      platform: `${process.platform}-${process.arch}`,
      dataDir,
      databaseFile: path.join(dataDir, DATABASE_FILE),
      startedAt: clock.now(),
    },
    settings,
    secrets,
    logStore,
    market,
    orders,
    risk: riskService,
    advisor,
    arenaAdvisors,
    candles: createCandleDataService({ repo: candleRepo, logger }),
    strategies: createStrategyService({
      repo: createStrategyRepo(db),
      now: () => clock.now(),
      newId: randomUUID,
      marketNow: marketNow(market, clock),
      jobs,
      backtests: {
        candles: marketCandles(market, clock),
        run: (job, { signal, onProgress }) => jobWorker.run('backtest', job, { signal, onProgress }),
        riskSettings: () => riskService.settings(),
        venueFeeRate,
      },
    }),
    // Sweeps and walk-forward runs (Strategies > Optimise) on the local worker pool.
    optimize: createOptimize({
      db,
      clock,
      logger,
      bus,
      market,
      risk: riskService,
      venueFeeRate,
      config,
      core: () => services,
      sweepRedisUrl: () => settings.get().sweepRedisUrl,
    }),
    // Strategy runs: activation rules, evaluation at candle close, orders through the risk gate.
    runs: createRunManager({
      repo: createStrategyRunRepo(db),
      strategies: {
        get: (id) => services.strategies.get(id),
        lastBacktest: (id, symbol, timeframe) => services.strategies.lastBacktest(id, symbol, timeframe),
      },
      orders,
      market,
      risk: riskService,
      settings,
      audit,
      bus,
      clock,
      logger,
      newId: randomUUID,
      gauntletVerdict: (id, symbol, timeframe) => services.gauntlet.gauntletVerdict(id, symbol, timeframe),
      arena,
    }),
    arena,
    gauntlet: createGauntletService({
      strategy: (id) => services.strategies.get(id),
      repo: createGauntletRepo(db),
      jobs,
      candles: marketCandles(market, clock),
      run: (job, { signal, onProgress }) => jobWorker.run('gauntlet', job, { signal, onProgress }),
      riskSettings: () => riskService.settings(),
      audit,
      now: () => clock.now(),
      marketNow: marketNow(market, clock),
    }),
    alerts: alerts.service,
    drift: createDriftService({
      repo: createStrategyRunRepo(db),
      orders,
      market,
      settings: () => settings.get(),
      clock,
      logger,
      alert: (title, message, symbol) => alerts.service.onEvent({ kind: 'drift', title, message, symbol }),
      pause: (runId, reason) => void services.runs.pause(runId, reason, 'engine'),
      marketStart: (runId) => runAccounts.get(runId)?.marketStartedAt ?? null,
    }),
    ai: createAi({
      db,
      clock,
      logger,
      audit,
      bus,
      settings,
      secretStore: config.secretStore,
      newId: randomUUID,
      strategies: () => services.strategies,
      gauntlet: () => services.gauntlet,
      request: aiRequest(config, pinned.fetch),
    }),
  };
  const dispatch = createDispatch(createHandlers(services), logger);
  logger.info('system', `workstation core started (${config.runtime})`, {
    dataDir,
    secretBackend: config.secretStore.backend,
    version: config.appVersion,
  });
  logServices.retention.start();
  reportStatus(services);
  // Reconciles the journal with the exchange in the background; order calls wait for it.
  void orders.start();
  // An engaged kill switch is applied again (its cancels wait for the order service to be ready).
  riskService.start();
  advisor.start();
  arenaAdvisors.start();
  alerts.start();
  // After each trade a run closes, its drift from the backtest is checked against the thresholds.
  const stopDriftWatch = watchClosedTrades(bus, (runId) => {
    services.drift
      .check(runId)
      .catch((error: unknown) => logger.error('strategy', 'the drift check of a run failed', { runId, error }));
  });
  // Runs that were RUNNING resume (in the mode they were started in) once the order service is ready.
  services.runs
    .start()
    .catch((error: unknown) => logger.error('strategy', 'strategy runs could not be resumed', { error }));

  let closed: Promise<void> | undefined;
  return {
    dispatch,
    events: bus,
    logger,
    services,
    shutdown() {
      /** Closes one part; a failure is logged and the rest still close. */
      const close = (area: LogCategory, what: string, part: () => Promise<void>) =>
        part().catch((error: unknown) => logger.error(area, `closing ${what} failed`, { error }));
      closed ??= (async () => {
        logger.info('system', 'workstation core shutting down');
        logServices.retention.stop();
        stopRiskEvents();
        stopDriftWatch();
        await close('ai', 'the advisor', () => advisor.close());
        await close('ai', 'the arena advisors', () => arenaAdvisors.close());
        await close('system', 'the alerts', () => alerts.close());
        jobs.cancelAll();
        await jobWorker.close();
        await services.optimize.close();
        // Strategy runs first: no decision may reach the order service while it closes.
        await close('strategy', 'the strategy runs', () => services.runs.close());
        // Before the order service closes: the dead man's switch is disarmed through its adapter.
        await close('risk', 'the risk service', () => riskService.close());
        await close('orders', 'the order service', () => orders.close());
        orderFeed.close();
        await close('exchange', 'market data', () => market.close());
        db.close();
        await logger.close();
        logStore.close();
      })();
      return closed;
    },
  };
}
