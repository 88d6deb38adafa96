/**
 * The order service over a real workstation.db (WAL, synchronous=FULL, every migration), the
 * real audit trail, and the simulated exchange on a model feed: what the tests, the crash child
 * and the benchmarks drive. Not used by the app.
 */
import path from 'node:path';
import type { FillView, OrderView, PortfolioView } from '../../../../../shared/domain/orders.js';
import type { ReconciliationReport } from '../../../../../shared/domain/order-queries.js';
import { sha256Hex } from '../../../../adapters/crypto/sha256.js';
import { createModelFeed, type ModelFeed } from '../../../../adapters/execution/testing/model-feed.js';
import {
  type SimCheckpoint,
  type SimFaults,
  type SimulatedExecution,
  createSimulatedExecution,
} from '../../../../adapters/execution/simulated-execution.js';
import { systemClock } from '../../../../adapters/clock/system-clock.js';
import { systemScheduler } from '../../../../adapters/clock/system-scheduler.js';
import type { Clock } from '../../../../engine/clock.js';
import type { PriceFeed } from '../../../../engine/market/price-feed-port.js';
import type { FeeSchedule } from '../../../../engine/execution/book-walk.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import { createClientOrderIdGenerator } from '../../../../engine/orders/client-order-id.js';
import type { ExecutionAdapter } from '../../../../engine/orders/execution-port.js';
import type { Scheduler } from '../../../../engine/scheduler.js';
import { createRedactor } from '../../../../logging/redact.js';
import { type Database, openDatabase } from '../../../../persistence/database.js';
import { MIGRATIONS } from '../../../../persistence/migrations/index.js';
import { createAuditRepo } from '../../../../persistence/repositories/audit-repo.js';
import { type OrderJournal, createOrderJournal } from '../../../../persistence/repositories/order-journal.js';
import { type SimExchangeRepo, createSimExchangeRepo } from '../../../../persistence/repositories/sim-exchange-repo.js';
import { type AuditService, createAuditService } from '../../audit-service.js';
import { type OrderService, createOrderService } from '../order-service.js';
import type { RecoveryPolicy } from '../recovery.js';
import type { RiskGate } from '../risk-gate.js';
import type { OrderCheckpoint, Venue } from '../session.js';
import { type MemoryLogger, createMemoryLogger } from './memory-logger.js';

export type HarnessOptions = {
  dir: string;
  clock?: Clock;
  scheduler?: Scheduler;
  feed?: ModelFeed;
  /** Prices for the service and the simulated exchange instead of the model feed (e.g. a ccxt source). */
  priceFeed?: PriceFeed;
  balances?: Readonly<Record<string, Decimal>>;
  fees?: FeeSchedule;
  slippageBps?: Decimal;
  faults?: SimFaults;
  /** Book levels the simulated exchange fetches per order (default 25). */
  depth?: number;
  riskGate?: RiskGate;
  checkpoint?: (point: OrderCheckpoint | SimCheckpoint, clientOrderId: string) => void;
  recovery?: Partial<RecoveryPolicy>;
  defaultExpiryMs?: number | null;
  liveAdapter?: (venue: Venue) => Promise<ExecutionAdapter>;
  /** Random bytes for client order ids (default crypto). */
  randomBytes?: (n: number) => Uint8Array;
  /** Keep log entries (default true). */
  keepLogs?: boolean;
};

export type Harness = {
  db: Database;
  journal: OrderJournal;
  /** The simulated exchange's books of the 'simulator' venue. */
  exchange: SimExchangeRepo;
  service: OrderService;
  feed: ModelFeed;
  logger: MemoryLogger;
  audit: AuditService;
  seen: { orders: OrderView[]; fills: FillView[]; portfolios: PortfolioView[]; reconciled: ReconciliationReport[] };
  /** The simulated adapter of the active venue. */
  adapter(): SimulatedExecution | null;
  /** Waits for queued order operations and simulated matching. */
  settle(): Promise<void>;
  close(): Promise<void>;
};

export const HARNESS_BALANCES = { USD: Decimal.parse('1000000') };

export function createHarness(o: HarnessOptions): Harness {
  const clock = o.clock ?? systemClock;
  const scheduler = o.scheduler ?? systemScheduler;
  const db = openDatabase({ file: path.join(o.dir, 'workstation.db'), migrations: MIGRATIONS, synchronous: 'FULL' });
  const journal = createOrderJournal(db);
  const logger = createMemoryLogger({ keep: o.keepLogs ?? true });
  const audit = createAuditService({
    repo: createAuditRepo(db),
    clock,
    hash: sha256Hex,
    logger,
    redactor: createRedactor(),
  });
  const feed = o.feed ?? createModelFeed({ clock });
  const prices: PriceFeed = o.priceFeed ?? feed;
  const seen: Harness['seen'] = { orders: [], fills: [], portfolios: [], reconciled: [] };
  let adapter: SimulatedExecution | null = null;
  const randomBytes = o.randomBytes ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const checkpoint = o.checkpoint ?? (() => undefined);
  const stored = journal.tradingState();

  const service = createOrderService({
    journal,
    clock,
    scheduler,
    logger,
    audit,
    feed: prices,
    newClientOrderId: createClientOrderIdGenerator({ randomBytes, isTaken: (id) => journal.has(id) }),
    checkpoint,
    initial: { mode: stored?.mode ?? 'SIMULATOR', exchangeId: stored?.exchangeId ?? null },
    defaultExchange: () => 'kraken',
    ...(o.riskGate ? { riskGate: o.riskGate } : {}),
    ...(o.recovery ? { recovery: { simulated: o.recovery, live: o.recovery } } : {}),
    defaultExpiryMs: o.defaultExpiryMs ?? null,
    events: {
      order: (view) => seen.orders.push(view),
      fill: (view) => seen.fills.push(view),
      portfolio: (view) => seen.portfolios.push(view),
      reconciled: (report) => seen.reconciled.push(report),
    },
    async createAdapter(venue) {
      if (venue.mode === 'LIVE') {
        if (!o.liveAdapter) throw new Error('no live adapter in this harness');
        return o.liveAdapter(venue);
      }
      adapter = createSimulatedExecution({
        mode: venue.mode,
        repo: createSimExchangeRepo(db, venue.venue),
        feed: prices,
        expectedSource: venue.expectedSource,
        clock,
        logger,
        initialBalances: o.balances ?? HARNESS_BALANCES,
        checkpoint: (point, id) => checkpoint(point, id),
        ...(o.fees ? { fees: o.fees } : {}),
        ...(o.slippageBps ? { slippageBps: o.slippageBps } : {}),
        ...(o.faults ? { faults: o.faults } : {}),
        ...(o.depth ? { depth: o.depth } : {}),
      });
      return adapter;
    },
  });

  return {
    db,
    journal,
    exchange: createSimExchangeRepo(db, 'simulator'),
    service,
    feed,
    logger,
    audit,
    seen,
    adapter: () => adapter,
    async settle() {
      for (let i = 0; i < 3; i++) {
        await adapter?.idle();
        await service.idle();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      await service.close();
      db.close();
    },
  };
}
