/**
 * A venue session: the trading mode's execution adapter, the orders and portfolio of its venue,
 * and the workers around them (reports, recovery, expiry, triggers). Switching the mode closes
 * one session and opens another; the journal keeps every venue's orders apart.
 */
import type { ReconciliationReport } from '../../../../shared/domain/order-queries.js';
import type { TradingMode } from '../../../../shared/domain/settings.js';
import type { Clock } from '../../../engine/clock.js';
import type { PriceFeed } from '../../../engine/market/price-feed-port.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter, ExecutionReport } from '../../../engine/orders/execution-port.js';
import type { Order } from '../../../engine/orders/order-model.js';
import type { TriggerCheck } from '../../../engine/orders/triggers.js';
import type { PortfolioSnapshot } from '../../../engine/portfolio/portfolio.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { OrderJournal, ReplayProblem } from '../../../persistence/repositories/order-journal.js';
import type { AuditRecorder } from '../audit-service.js';
import { createExpiry, type Expiry } from './expiry.js';
import { createLedger, type Ledger, type OrderEvents } from './order-ledger.js';
import type { Recovery, RecoveryPolicy } from './recovery.js';
import type { RiskGate } from './risk-gate.js';
import { createOrderSync, type OrderSync } from './order-sync.js';
import { createSerializer, type Serializer } from './serial.js';
import { createTriggerWatch, type TriggerWatch } from './trigger-watch.js';

/** Where a crash test may stop the process (never set in the app). */
export type OrderCheckpoint =
  | 'after-created'
  | 'after-submitted'
  | 'after-place'
  | 'after-accepted'
  | 'after-fill'
  | 'after-cancel-requested'
  | 'after-cancel-sent';

/** Why new orders are refused (set by an auth failure or the kill switch), shared by every session. */
export type Halt = { reason: string | null };

export type SessionDeps = {
  journal: OrderJournal;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  audit: AuditRecorder;
  events: OrderEvents;
  riskGate: () => RiskGate;
  newClientOrderId: () => string;
  checkpoint: (point: OrderCheckpoint, clientOrderId: string) => void;
  halt: Halt;
  /** Orders without an expiry of their own are cancelled this long after creation (GTC only); null: never. */
  defaultExpiryMs: number | null;
  quoteCurrency: string;
  /** LIVE: stop loss / take profit go to the exchange as native orders where it holds them (native-stops.ts). */
  nativeStops?: () => boolean;
};

export type Venue = {
  mode: TradingMode;
  exchangeId: string | null;
  /** 'simulator', 'paper:<exchange>', or the exchange id (live). */
  venue: string;
  /** The market-data source orders of this venue are priced on. */
  expectedSource: string;
};

export type VenueSession = SessionDeps &
  Venue & {
    adapter: ExecutionAdapter;
    feed: PriceFeed;
    ledger: Ledger;
    serial: Serializer;
    policy: RecoveryPolicy;
    recovery: Recovery;
    /** Working orders against an exchange that pushes no executions (live). */
    sync: OrderSync;
    expiry: Expiry;
    triggers: TriggerWatch;
    report: ReconciliationReport | null;
    loadProblems: ReplayProblem[];
    stopReports: () => void;
  };

export function venueFor(mode: TradingMode, exchangeId: string | null): Venue {
  if (mode === 'SIMULATOR') return { mode, exchangeId: null, venue: 'simulator', expectedSource: 'simulator' };
  if (exchangeId === null) throw new Error(`${mode} trading needs an exchange`);
  return { mode, exchangeId, venue: mode === 'PAPER' ? `paper:${exchangeId}` : exchangeId, expectedSource: exchangeId };
}

/** The venue's portfolio: the journal's snapshot, or on its first start the exchange's balances. */
async function startingPortfolio(
  d: SessionDeps,
  venue: string,
  adapter: ExecutionAdapter,
): Promise<{ snapshot: PortfolioSnapshot; problem: string | null }> {
  const stored = d.journal.portfolio(venue);
  if (stored.snapshot) return { snapshot: stored.snapshot, problem: null };
  const balances: Record<string, Decimal> = {};
  const answer = await adapter.balances();
  let problem = stored.problem;
  if ('kind' in answer) problem = `the starting balances could not be read: ${answer.message}`;
  else for (const b of answer) balances[b.currency] = Decimal.parse(b.total);
  const snapshot: PortfolioSnapshot = {
    quoteCurrency: d.quoteCurrency,
    balances,
    positions: [],
    locks: {},
    feesPaid: {},
  };
  d.journal.savePortfolio(venue, snapshot, d.clock.now());
  return { snapshot, problem };
}

export type SessionParts = {
  venue: Venue;
  adapter: ExecutionAdapter;
  feed: PriceFeed;
  policy: RecoveryPolicy;
  /** Builds the recovery worker; `session` may be called once the session exists. */
  createRecovery: (session: () => VenueSession) => Recovery;
  onReport: (s: VenueSession, report: ExecutionReport) => Promise<void>;
  onExpiry: (s: VenueSession, clientOrderId: string) => Promise<void>;
  onTrigger: (s: VenueSession, order: Order, check: TriggerCheck) => Promise<void>;
};

/** Loads the venue's orders and portfolio and starts listening to the adapter; reconciliation comes next. */
export async function openSession(d: SessionDeps, p: SessionParts): Promise<VenueSession> {
  const { orders, problems } = d.journal.load(p.venue.venue, 'live');
  const start = await startingPortfolio(d, p.venue.venue, p.adapter);
  const ledger = createLedger({
    venue: p.venue.venue,
    journal: d.journal,
    orders: orders.map((o) => o.order),
    portfolio: start.snapshot,
    clock: d.clock,
    logger: d.logger,
    events: d.events,
  });
  const loadProblems = [...problems];
  if (start.problem) loadProblems.push({ clientOrderId: '-', message: start.problem });
  const s: VenueSession = {
    ...d,
    ...p.venue,
    adapter: p.adapter,
    feed: p.feed,
    ledger,
    serial: createSerializer(),
    policy: p.policy,
    recovery: p.createRecovery(() => s),
    sync: createOrderSync(() => s, p.policy.syncIntervalMs),
    expiry: createExpiry({ scheduler: d.scheduler, clock: d.clock, onDue: (id) => p.onExpiry(s, id) }),
    triggers: createTriggerWatch({
      feed: p.feed,
      clock: d.clock,
      logger: d.logger,
      saveState: (id, state) => d.journal.setTriggerState(id, state),
      onFire: (order, check) => p.onTrigger(s, order, check),
    }),
    report: null,
    loadProblems,
    stopReports: () => undefined,
  };
  s.recovery.load(orders);
  for (const loaded of orders) s.triggers.arm(loaded.order, loaded.triggerState);
  s.stopReports = p.adapter.onReport((report) => {
    p.onReport(s, report).catch((error: unknown) =>
      d.logger.error('orders', 'an execution report could not be applied', { error, report: report.type }),
    );
  });
  return s;
}

/** Stops the workers, waits for operations in flight, closes the adapter. */
export async function closeSession(s: VenueSession): Promise<void> {
  s.stopReports();
  s.recovery.stop();
  s.sync.stop();
  s.expiry.close();
  s.triggers.close();
  await s.serial.idle();
  await s.adapter.close();
}
