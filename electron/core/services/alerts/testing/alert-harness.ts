/**
 * An alert service over a real SQLite database (every migration), virtual time, a candle feed the
 * test drives by hand, and secrets in memory: for the service and delivery tests.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Candle, CandlesQuery, CandlesResult, Timeframe } from '../../../../../shared/domain/market.js';
import type { SecretName } from '../../../../../shared/domain/secrets.js';
import { createManualScheduler } from '../../../../engine/scheduler.js';
import { migrate } from '../../../../persistence/migration.js';
import { MIGRATIONS } from '../../../../persistence/migrations/index.js';
import { createAlertRepo } from '../../../../persistence/repositories/alert-repo.js';
import { createMemoryLogger } from '../../orders/testing/memory-logger.js';
import type { CandleFeed } from '../../strategies/runs/candle-feed.js';
import { createAlertService } from '../alert-service.js';
import { createConditionWatch } from '../condition-watch.js';
import { channelConfig, createDeliveryWorker } from '../delivery.js';

export function createAlertHarness(options: { telegramBaseUrl?: string; start?: number } = {}) {
  const db = new BetterSqlite3(':memory:');
  migrate(db, MIGRATIONS);
  const scheduler = createManualScheduler(options.start ?? Date.UTC(2026, 0, 1));
  const clock = scheduler.clock;
  const logger = createMemoryLogger();
  const secrets = new Map<string, string>();
  const reveal = (name: SecretName) => Promise.resolve(secrets.get(name) ?? null);
  const repo = createAlertRepo(db);
  const fired: string[] = [];
  const updated: string[] = [];

  // Closed candles are pushed by the test; the market answers from the same list.
  const history = new Map<string, Candle[]>();
  const subscribers = new Map<string, Set<(c: Candle) => void>>();
  const feed: CandleFeed = {
    subscribe(symbol, timeframe, onClosed) {
      const key = `${symbol}|${timeframe}`;
      const set = subscribers.get(key) ?? new Set();
      set.add(onClosed);
      subscribers.set(key, set);
      return () => set.delete(onClosed);
    },
    refresh: () => undefined,
    close: () => subscribers.clear(),
  };
  const market = {
    candles(q: CandlesQuery): Promise<CandlesResult> {
      const all = (history.get(`${q.symbol}|${q.timeframe}`) ?? []).filter(
        (c) => c.time >= (q.from ?? 0) && c.time <= (q.to ?? Infinity),
      );
      const pick = (k: keyof Candle) => all.map((c) => c[k] as number);
      return Promise.resolve({
        symbol: q.symbol,
        timeframe: q.timeframe,
        source: 'test',
        candles: {
          time: pick('time'),
          open: pick('open'),
          high: pick('high'),
          low: pick('low'),
          close: pick('close'),
          volume: pick('volume'),
        },
      });
    },
  };
  const delivery = createDeliveryWorker({
    repo,
    clock,
    scheduler,
    logger,
    reveal,
    ...(options.telegramBaseUrl ? { telegramBaseUrl: options.telegramBaseUrl } : {}),
    onUpdated: (a) => updated.push(a.id),
  });
  let counter = 0;
  const watch = createConditionWatch({
    feed,
    market,
    logger,
    onEvaluated: (ruleId, candle, holds) => service.onEvaluated(ruleId, candle, holds),
  });
  const service = createAlertService({
    repo,
    clock,
    logger,
    newId: () => `id-${++counter}`,
    watch,
    delivery,
    channelsConfigured: async () => ({
      telegram: (await channelConfig('telegram', reveal, options.telegramBaseUrl ?? '')) !== null,
      discord: (await channelConfig('discord', reveal, '')) !== null,
      webhook: (await channelConfig('webhook', reveal, '')) !== null,
    }),
    onFired: (a) => fired.push(a.id),
    onSummary: () => undefined,
  });

  /** Appends a closed candle to the series and announces it to the subscribers. */
  function close(symbol: string, timeframe: Timeframe, candle: Candle): void {
    const key = `${symbol}|${timeframe}`;
    history.set(key, [...(history.get(key) ?? []), candle]);
    for (const cb of subscribers.get(key) ?? []) cb(candle);
  }

  return { db, scheduler, clock, logger, secrets, repo, service, delivery, watch, fired, updated, close };
}

export async function eventually(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
