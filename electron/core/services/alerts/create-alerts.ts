/**
 * Builds the alert service for the composition root: its repository, the candle feed and the
 * condition watch, the engine-event watch, the delivery worker. start() fires the "engine
 * started" event alert, resumes pending deliveries and subscribes the condition rules.
 */
import type { Database } from 'better-sqlite3';
import type { AlertChannel } from '../../../../shared/domain/alerts.js';
import type { SecretName } from '../../../../shared/domain/secrets.js';
import type { Breaker, VetoRecord } from '../../../../shared/domain/risk-view.js';
import type { KillSwitchState } from '../../../../shared/domain/risk.js';
import type { Clock } from '../../../engine/clock.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import { createAlertRepo } from '../../../persistence/repositories/alert-repo.js';
import type { EventBus } from '../../event-bus.js';
import type { MarketService } from '../market-service.js';
import { createCandleFeed } from '../strategies/runs/candle-feed.js';
import { createAlertService, type AlertService } from './alert-service.js';
import { createConditionWatch } from './condition-watch.js';
import { channelConfig, createDeliveryWorker, TELEGRAM_API } from './delivery.js';
import { watchEngineEvents } from './event-alerts.js';

export type AlertsDeps = {
  db: Database;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  bus: EventBus;
  market: MarketService;
  reveal: (name: SecretName) => Promise<string | null>;
  newId: () => string;
  latestVeto: () => VetoRecord | null;
  breakers: () => Promise<Breaker[]>;
  killSwitch: () => KillSwitchState;
  appVersion: string;
  /** The Telegram Bot API's base URL (default the real one; a local server in tests). */
  telegramBaseUrl?: string;
};

export type Alerts = { service: AlertService; start(): void; close(): Promise<void> };

export function createAlerts(d: AlertsDeps): Alerts {
  const repo = createAlertRepo(d.db);
  const telegramBaseUrl = d.telegramBaseUrl ?? TELEGRAM_API;
  const delivery = createDeliveryWorker({
    repo,
    clock: d.clock,
    scheduler: d.scheduler,
    logger: d.logger,
    reveal: d.reveal,
    telegramBaseUrl,
    onUpdated: (alert) => d.bus.emit('alerts.updated', alert),
  });
  const feed = createCandleFeed(() => d.market.source(), d.logger);
  let service: AlertService | null = null;
  const watch = createConditionWatch({
    feed,
    market: d.market,
    logger: d.logger,
    onEvaluated: (ruleId, candle, holds) => service?.onEvaluated(ruleId, candle, holds),
  });
  service = createAlertService({
    repo,
    clock: d.clock,
    logger: d.logger,
    newId: d.newId,
    watch,
    delivery,
    channelsConfigured: async () => {
      const set = async (c: Exclude<AlertChannel, 'desktop'>) =>
        (await channelConfig(c, d.reveal, telegramBaseUrl).catch(() => null)) !== null;
      const [telegram, discord, webhook] = await Promise.all([set('telegram'), set('discord'), set('webhook')]);
      return { telegram, discord, webhook };
    },
    onFired: (alert) => d.bus.emit('alerts.fired', alert),
    onSummary: (summary) => d.bus.emit('alerts.summary', summary),
  });
  const svc = service;
  let stopEvents: (() => void) | null = null;
  let stopMarket: (() => void) | null = null;

  return {
    service: svc,
    start() {
      stopEvents = watchEngineEvents({
        bus: d.bus,
        latestVeto: d.latestVeto,
        breakers: d.breakers,
        killSwitch: d.killSwitch,
        onOccurrence: (o) => svc.onEvent(o),
        onError: (error) => d.logger.error('system', 'an alert check failed', { error }),
      });
      // A switched market source moves the condition alerts' subscriptions with it.
      stopMarket = d.bus.subscribe((name) => {
        if (name === 'market.status') feed.refresh();
      });
      svc.onEvent({
        kind: 'engineRestarted',
        title: 'Engine started',
        message: `Trading Workstation ${d.appVersion} started at ${new Date(d.clock.now()).toISOString()}`,
        symbol: null,
      });
      watch.sync(repo.rules());
      delivery.kick();
    },
    async close() {
      stopEvents?.();
      stopMarket?.();
      watch.close();
      feed.close();
      await delivery.close();
    },
  };
}
