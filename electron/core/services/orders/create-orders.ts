/**
 * Builds the order service for the core: the journal over workstation.db, the market feed, the
 * adapter per venue (the simulated exchange for SIMULATOR and PAPER, ccxt for LIVE with the keys
 * from the secret store), and the links to the settings (mode, default exchange) and the bus.
 */
import { webcrypto } from 'node:crypto';
import type { SecretStore } from '../../../adapters/secrets/secret-store.js';
import { createCcxtExecution } from '../../../adapters/execution/ccxt-execution.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import type { Clock } from '../../../engine/clock.js';
import type { EndpointResolver } from '../../exchange-endpoints.js';
import { DEFAULT_FEES, type FeeSchedule } from '../../../engine/execution/book-walk.js';
import type { Decimal } from '../../../engine/money/decimal.js';
import { createClientOrderIdGenerator } from '../../../engine/orders/client-order-id.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { Database } from '../../../persistence/database.js';
import { createOrderJournal } from '../../../persistence/repositories/order-journal.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { EventBus } from '../../event-bus.js';
import type { AuditRecorder } from '../audit-service.js';
import type { MarketService } from '../market-service.js';
import type { SettingsService } from '../settings-service.js';
import { createMarketFeed, type MarketFeed } from './market-feed.js';
import { createOrderService, type OrderService } from './order-service.js';
import type { RiskGate } from './risk-gate.js';
import type { Venue } from './session.js';

export type OrdersConfig = {
  /** The simulated exchange of SIMULATOR and PAPER: fees, slippage (bps), starting balances. */
  simulated?: { fees?: FeeSchedule; slippageBps?: Decimal; balances?: Readonly<Record<string, Decimal>> };
  /** Orders without an expiry of their own are cancelled after this long (GTC limit and stop orders); default never. */
  defaultExpiryMs?: number | null;
  riskGate?: RiskGate;
  /** Builds the LIVE adapter; default: ccxt with the exchange's keys from the secret store. */
  liveAdapter?: (venue: Venue) => Promise<ExecutionAdapter>;
};

export type OrdersDeps = {
  db: Database;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  audit: AuditRecorder;
  bus: EventBus;
  market: MarketService;
  settings: SettingsService;
  secretStore: SecretStore;
  /** Testnet / base URL per exchange id (--exchange-url, Settings). */
  endpoint: EndpointResolver;
  config: OrdersConfig;
};

async function ccxtAdapter(d: OrdersDeps, venue: Venue): Promise<ExecutionAdapter> {
  const exchangeId = venue.exchangeId!;
  const [apiKey, secret, password] = await Promise.all(
    (['apiKey', 'secret', 'password'] as const).map((k) => d.secretStore.get(`exchange.${exchangeId}.${k}`)),
  );
  if (!apiKey || !secret) {
    throw new AppError(
      'unavailable',
      `live trading on ${exchangeId} needs its API key and secret: set them in Settings first`,
    );
  }
  for (const value of [apiKey, secret, password]) if (value) d.logger.addSecret(value);
  return createCcxtExecution({
    exchangeId,
    credentials: { apiKey, secret, ...(password ? { password } : {}) },
    clock: d.clock,
    scheduler: d.scheduler,
    logger: d.logger,
    ...d.endpoint(exchangeId),
  });
}

export function createOrders(d: OrdersDeps): { orders: OrderService; feed: MarketFeed } {
  const journal = createOrderJournal(d.db);
  const feed = createMarketFeed(d.market, d.scheduler, d.logger);
  const stored = journal.tradingState();
  const initialMode = stored?.mode ?? d.settings.get().tradingMode;
  const newClientOrderId = createClientOrderIdGenerator({
    randomBytes: (n) => webcrypto.getRandomValues(new Uint8Array(n)),
    isTaken: (id) => journal.has(id),
  });
  const sim = d.config.simulated ?? {};

  const orders = createOrderService({
    journal,
    clock: d.clock,
    scheduler: d.scheduler,
    logger: d.logger,
    audit: d.audit,
    feed,
    newClientOrderId,
    checkpoint: () => undefined,
    initial: { mode: initialMode, exchangeId: stored?.exchangeId ?? null },
    defaultExchange: () => d.settings.get().defaultExchange,
    ...(d.config.riskGate ? { riskGate: d.config.riskGate } : {}),
    defaultExpiryMs: d.config.defaultExpiryMs ?? null,
    simulatedFees: {
      makerRate: (sim.fees ?? DEFAULT_FEES).makerRate.toString(),
      takerRate: (sim.fees ?? DEFAULT_FEES).takerRate.toString(),
    },
    events: {
      order: (view) => d.bus.emit('orders.updated', view),
      fill: (view) => d.bus.emit('orders.fill', view),
      portfolio: (view) => d.bus.emit('portfolio.updated', view),
      reconciled: (report) => d.bus.emit('orders.reconciled', report),
    },
    async createAdapter(venue) {
      if (venue.mode === 'LIVE') return (d.config.liveAdapter ?? ((v) => ccxtAdapter(d, v)))(venue);
      return createSimulatedExecution({
        mode: venue.mode,
        repo: createSimExchangeRepo(d.db, venue.venue),
        feed,
        expectedSource: venue.expectedSource,
        clock: d.clock,
        logger: d.logger,
        ...(sim.fees ? { fees: sim.fees } : {}),
        ...(sim.slippageBps ? { slippageBps: sim.slippageBps } : {}),
        ...(sim.balances ? { initialBalances: sim.balances } : {}),
      });
    },
    async beforeSwitch(venue) {
      const current = d.market.source().id;
      if (current === venue.expectedSource) return;
      // A switch that fails later puts the source and its watched series back as they were.
      const previous = d.market.config();
      const watched = d.market.feeds().map((f) => [f.symbol, f.timeframe] as const);
      const restore = async () => {
        if (d.market.source().id !== current) await d.market.setSource(previous);
        for (const [symbol, timeframe] of watched) await d.market.watch(symbol, timeframe);
      };
      try {
        await d.market.setSource(
          venue.mode === 'SIMULATOR' ? { kind: 'simulator' } : { kind: 'exchange', exchangeId: venue.exchangeId! },
        );
      } catch (error) {
        // setSource may have switched and then failed to list the markets: put the old source back.
        await restore().catch((e: unknown) =>
          d.logger.error('exchange', 'the market source could not be put back after a failed switch', { error: e }),
        );
        throw error;
      }
      return restore;
    },
    afterSwitch(venue) {
      d.settings.setInternal({ tradingMode: venue.mode });
    },
  });
  if (stored && stored.mode !== d.settings.get().tradingMode) {
    // The journal is the record of the mode; the setting mirrors it for system.info.
    d.settings.setInternal({ tradingMode: stored.mode }, 'system');
  }
  return { orders, feed };
}
