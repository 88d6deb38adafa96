/**
 * Builds the risk service for the core: its market port over the market service's active source,
 * its events on the bus, and what it listens to there (the feed's status for protect mode, the
 * portfolio for equity marks).
 */
import type { BookTop, FeedStatus } from '../../../../shared/domain/market.js';
import type { Clock } from '../../../engine/clock.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { Database } from '../../../persistence/database.js';
import type { EventBus } from '../../event-bus.js';
import type { AuditRecorder } from '../audit-service.js';
import type { MarketService } from '../market-service.js';
import type { OrderService } from '../orders/order-service.js';
import type { RiskMarket } from './ports.js';
import { createRiskService, type RiskService, type RiskServiceDeps } from './risk-service.js';
import { ATR_TIMEFRAME } from './atr-cache.js';

/** How long a top-of-book read is reused (positions are priced on every order and every equity mark). */
const TOP_TTL_MS = 1_000;

export function marketPort(market: MarketService, clock: Clock): RiskMarket {
  const tops = new Map<string, { at: number; source: string; book: Promise<BookTop> }>();
  return {
    sourceId: () => market.source().id,
    now: () => market.source().now?.() ?? clock.now(),
    markets: () => market.source().markets(),
    book(symbol, depth) {
      if (depth > 1) return market.book(symbol, depth);
      const now = clock.now();
      const source = market.source().id;
      const hit = tops.get(symbol);
      if (hit && hit.source === source && now - hit.at < TOP_TTL_MS) return hit.book;
      const book = market.book(symbol, 1);
      tops.set(symbol, { at: now, source, book });
      book.catch(() => tops.delete(symbol));
      return book;
    },
    candles: (symbol, from, to) => market.source().fetchCandles({ symbol, timeframe: ATR_TIMEFRAME, from, to }),
  };
}

export function createRisk(d: {
  db: Database;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  audit: AuditRecorder;
  bus: EventBus;
  market: MarketService;
  orders: OrderService;
  timing?: RiskServiceDeps['timing'];
}): { risk: RiskService; unsubscribe: () => void } {
  const risk = createRiskService({
    ...d,
    market: marketPort(d.market, d.clock),
    events: {
      updated: (payload) => d.bus.emit('risk.updated', payload),
      killSwitch: (state) => d.bus.emit('killSwitch.changed', state),
      progress: (progress) => d.bus.emit('killSwitch.progress', progress),
    },
  });
  const unsubscribe = d.bus.subscribe((name, payload) => {
    if (name === 'market.status') risk.onFeedStatus(payload as FeedStatus);
    else if (name === 'portfolio.updated') risk.onPortfolioChanged();
  });
  return { risk, unsubscribe };
}
