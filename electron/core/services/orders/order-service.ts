/**
 * The order service: the one entry for orders, whatever places them (the Orders tab, strategies,
 * triggered stops), in every trading mode. It owns the active venue session (session.ts), starts
 * it with reconciliation, and answers the contract's orders.* and portfolio.* calls.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import {
  FillQuery,
  OrderListQuery,
  type CancelAllResult,
  type OrderDetail,
  type OrdersCsv,
  type ReconciliationReport,
  type RecoveryEntry,
} from '../../../../shared/domain/order-queries.js';
import type { FillView, OrderRequestInput, OrderView, PortfolioView } from '../../../../shared/domain/orders.js';
import type { TradingMode } from '../../../../shared/domain/settings.js';
import { liveConfirmText, type SetTradingMode, type TradingStatus } from '../../../../shared/domain/trading.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { PriceFeed } from '../../../engine/market/price-feed-port.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { toOrderView } from '../../../engine/orders/order-view.js';
import { cancelAll, cancelOrder, expireOrder } from './cancel.js';
import { errorText } from './lookup.js';
import type { OrderEvents } from './order-ledger.js';
import { ordersCsv } from './orders-csv.js';
import { reconcile, summarize } from './reconcile.js';
import { LIVE_RECOVERY, SIMULATED_RECOVERY, createRecovery, type RecoveryPolicy } from './recovery.js';
import { handleReport } from './reports.js';
import { approveEverything, type RiskGate } from './risk-gate.js';
import { type SessionDeps, type Venue, type VenueSession, closeSession, openSession, venueFor } from './session.js';
import { fireTrigger, submitOrder, type SubmitOrigin } from './submit.js';
import { commitSwitch, planSwitch, refuseUnfinished, switchRefused } from './mode-switch.js';
import { refuseVenue } from './venue-binding.js';

/** Builds the execution adapter of a venue; throws an AppError when it cannot (e.g. no live adapter or no key). */
export type AdapterFactory = (venue: Venue) => Promise<ExecutionAdapter>;

export type OrderServiceOptions = Omit<
  SessionDeps,
  'riskGate' | 'halt' | 'events' | 'defaultExpiryMs' | 'quoteCurrency'
> & {
  events: OrderEvents & { reconciled?(report: ReconciliationReport): void };
  feed: PriceFeed;
  createAdapter: AdapterFactory;
  initial: { mode: TradingMode; exchangeId: string | null };
  /** The exchange PAPER/LIVE use when none is named. */
  defaultExchange: () => string;
  riskGate?: RiskGate;
  recovery?: { simulated?: Partial<RecoveryPolicy>; live?: Partial<RecoveryPolicy> };
  defaultExpiryMs?: number | null;
  quoteCurrency?: string;
  /** The simulated exchange's fee rates, shown with the trading status (SIMULATOR and PAPER). */
  simulatedFees?: { makerRate: string; takerRate: string };
  /**
   * Before the new venue opens: e.g. switch the market source to the venue's. Answers how to undo
   * it, which a switch that fails later calls.
   */
  beforeSwitch?: (venue: Venue) => Promise<void | (() => Promise<void>)>;
  /** After the switch: e.g. persist the mode in the settings. */
  afterSwitch?: (venue: Venue) => void;
};

export type OrderService = {
  /** Opens the persisted venue and reconciles it (calls wait for this). */
  start(): Promise<ReconciliationReport | null>;
  submit(request: OrderRequestInput, origin?: SubmitOrigin): Promise<OrderView>;
  /** `urgent`: the kill switch's cancels go ahead of every other private call of the key. */
  cancel(
    clientOrderId: string,
    actor?: AuditActor,
    reason?: string,
    options?: { urgent?: boolean },
  ): Promise<OrderView>;
  cancelAll(symbol?: string, actor?: AuditActor): Promise<CancelAllResult>;
  list(query: OrderListQuery): OrderView[];
  get(clientOrderId: string): OrderDetail;
  fills(query: FillQuery): FillView[];
  portfolio(): Promise<PortfolioView>;
  recoveryQueue(): RecoveryEntry[];
  reconciliation(): ReconciliationReport | null;
  exportCsv(query: OrderListQuery): OrdersCsv;
  status(): TradingStatus;
  setMode(input: SetTradingMode, actor?: AuditActor): Promise<TradingStatus>;
  /**
   * Runs `listener` when a mode switch begins, before anything is switched (the advisor cancels
   * its pass in flight); the switch waits for it. Answers the unsubscribe.
   */
  onSwitch(listener: (from: Venue, to: Venue) => Promise<void> | void): () => void;
  /**
   * What else refuses new entries (the kill switch: exits still pass its gate), shown as
   * trading.status.halted when nothing halts all orders; answers the unregister.
   */
  explainHalt(reason: () => string | null): () => void;
  /** Whether LIVE stops go to the exchange as native orders (the risk settings' choice); answers the unregister. */
  useNativeStops(policy: () => boolean): () => void;
  /** Refuses new orders until resume() or a mode switch (an auth failure). */
  halt(reason: string): void;
  resume(): void;
  /** One recovery pass now (lookups of unknown orders, then of working orders the exchange changed). */
  runRecovery(): Promise<void>;
  /** The active session (tests, the risk issue's read access). */
  session(): VenueSession | null;
  /** The session being reconciled or active (the dead man's heartbeat resumes before reconciliation ends). */
  opening(): VenueSession | null;
  /** Resolves when every order operation queued so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

export function createOrderService(o: OrderServiceOptions): OrderService {
  const halt = { reason: null as string | null };
  let haltNote: () => string | null = () => null;
  let nativeStops: () => boolean = () => false;
  const riskGate = o.riskGate ?? approveEverything;
  const deps: SessionDeps = {
    ...o,
    riskGate: () => riskGate,
    halt,
    nativeStops: () => nativeStops(),
    defaultExpiryMs: o.defaultExpiryMs ?? null,
    quoteCurrency: o.quoteCurrency ?? 'USD',
  };
  let session: VenueSession | null = null;
  let opening: VenueSession | null = null;
  let ready: Promise<VenueSession | null> = Promise.resolve(null);
  let startError: string | null = null;
  let started: Promise<ReconciliationReport | null> | null = null;
  let target: Venue = venueFor(
    o.initial.mode,
    o.initial.mode === 'SIMULATOR' ? null : (o.initial.exchangeId ?? o.defaultExchange()),
  );

  async function open(venue: Venue, adapter: ExecutionAdapter): Promise<VenueSession> {
    const policy =
      venue.mode === 'LIVE'
        ? { ...LIVE_RECOVERY, ...o.recovery?.live }
        : { ...SIMULATED_RECOVERY, ...o.recovery?.simulated };
    const s = await openSession(deps, {
      venue,
      adapter,
      feed: o.feed,
      policy,
      createRecovery,
      onReport: handleReport,
      onExpiry: expireOrder,
      onTrigger: fireTrigger,
    });
    opening = s;
    const report = await reconcile(s);
    s.report = report;
    const problems =
      report.problems.length + report.adopted.length + report.unresolved.length + report.balanceDifferences.length;
    o.logger.log(problems > 0 ? 'warn' : 'info', 'orders', summarize(report), { venue: s.venue });
    o.audit.record('orders.reconciled', 'system', summarize(report), {
      venue: report.venue,
      checked: report.checked,
      resolved: report.resolved.map((r) => `${r.clientOrderId}: ${r.from ?? '-'} -> ${r.to}`),
      withdrawn: report.withdrawn.map((r) => r.clientOrderId),
      unresolved: report.unresolved.map((r) => r.clientOrderId),
      adopted: report.adopted.map((r) => r.clientOrderId),
      fillsRecorded: report.fillsRecorded,
      balanceDifferences: report.balanceDifferences,
      problems: report.problems.slice(0, 50),
    });
    for (const order of s.ledger.live()) s.expiry.arm(order);
    s.recovery.start();
    s.sync.start();
    return s;
  }

  /** Submissions under way (a switch waits for them) and what listens for switches. */
  const inflight = new Set<Promise<unknown>>();
  const switchListeners = new Set<(from: Venue, to: Venue) => Promise<void> | void>();
  let switching: Venue | null = null;

  async function bound(request: OrderRequestInput, origin: SubmitOrigin): Promise<OrderView> {
    const decidedFor = origin.venue ?? request.venue ?? null;
    const refuse = (active: string, to: string | null) =>
      refuseVenue(o.audit, origin.actor, origin.source, request, decidedFor, active, to);
    if (switching) throw refuse(target.venue, switching.venue);
    if (decidedFor !== null && decidedFor !== target.venue) throw refuse(target.venue, null);
    const s = await active();
    const began = switching as Venue | null; // a switch may have begun while the session was awaited
    if (began) throw refuse(target.venue, began.venue);
    if (decidedFor !== null && decidedFor !== s.venue) throw refuse(s.venue, null);
    return toOrderView(await submitOrder(s, request, { ...origin, venue: s.venue }));
  }

  async function active(): Promise<VenueSession> {
    const s = await ready;
    if (s) return s;
    throw new AppError(
      'unavailable',
      `trading on ${target.venue} is not running: ${startError ?? 'starting'}; choose a trading mode to retry`,
    );
  }

  return {
    start() {
      if (started) return started;
      ready = o
        .createAdapter(target)
        .then((adapter) => open(target, adapter))
        .then(
          (s) => (session = s),
          (error: unknown) => {
            startError = errorText(error);
            o.logger.error('orders', `trading on ${target.venue} could not start: ${startError}`, { error });
            return null;
          },
        );
      started = ready.then((s) => {
        if (s?.report) o.events.reconciled?.(s.report);
        return s?.report ?? null;
      });
      return started;
    },
    submit(request, origin = { actor: 'user', source: 'user' }) {
      const run = bound(request, origin);
      inflight.add(run);
      void run.catch(() => undefined).finally(() => inflight.delete(run));
      return run;
    },
    async cancel(id, actor = 'user', reason = 'cancelled by the user', options = {}) {
      return toOrderView(await cancelOrder(await active(), id, { reason, actor, urgent: options.urgent === true }));
    },
    async cancelAll(symbol, actor = 'user') {
      return cancelAll(await active(), symbol, actor);
    },
    list(input) {
      const q = OrderListQuery.parse(input);
      const venue = q.venue ?? target.venue;
      return o.journal.list({ ...q, venue, ...(q.statuses ? { statuses: q.statuses } : {}) }).map((r) => r.view);
    },
    get(id) {
      const replayed = o.journal.replay(id);
      if (replayed === null) throw new AppError('not_found', `no order with client order id ${id}`);
      if ('problem' in replayed)
        throw new AppError('internal', `order ${id} cannot be rebuilt: ${replayed.problem.message}`);
      const fills = o.journal.fills({ clientOrderId: id, limit: 10_000 }).reverse();
      return { order: toOrderView(replayed.loaded.order), venue: replayed.loaded.venue, fills };
    },
    fills(input) {
      const q = FillQuery.parse(input);
      return o.journal.fills({ ...q, venue: q.venue ?? target.venue });
    },
    async portfolio() {
      const s = await active();
      const marks = s.ledger.marks();
      const portfolio = s.ledger.portfolio();
      for (const p of portfolio.snapshot().positions) {
        if (p.quantity.isZero()) continue;
        try {
          const book = await s.feed.book(p.symbol, 1);
          const bid = book.bids[0]?.[0];
          const ask = book.asks[0]?.[0];
          if (bid !== undefined && ask !== undefined) {
            marks[p.symbol] = Decimal.fromNumber(bid)
              .add(Decimal.fromNumber(ask))
              .div(2, { scale: 12, rounding: 'half-even' });
            s.ledger.setMark(p.symbol, marks[p.symbol]!);
          }
        } catch (error) {
          o.logger.debug('orders', `no mark price for ${p.symbol}: ${errorText(error)}`, { symbol: p.symbol });
        }
      }
      return portfolio.view(marks);
    },
    recoveryQueue: () => session?.recovery.queue() ?? [],
    reconciliation: () => session?.report ?? null,
    exportCsv(input) {
      const q = OrderListQuery.parse({ ...input, limit: input.limit ?? 10_000 });
      const rows = o.journal.list({
        ...q,
        venue: q.venue ?? target.venue,
        ...(q.statuses ? { statuses: q.statuses } : {}),
      });
      return { csv: ordersCsv(rows), rows: rows.length };
    },
    status() {
      return {
        mode: target.mode,
        exchangeId: target.exchangeId,
        venue: target.venue,
        halted: halt.reason ?? haltNote() ?? (session === null ? startError : null),
        reconciled: session?.report !== null && session?.venue === target.venue,
        liveConfirmText: target.exchangeId ? liveConfirmText(target.exchangeId) : null,
        simulatedFees: target.mode === 'LIVE' ? null : (o.simulatedFees ?? null),
      };
    },
    async setMode(input, actor = 'user') {
      if (switching) {
        throw new AppError(
          'conflict',
          `trading is already switching to ${switching.venue}: wait until that switch is done`,
        );
      }
      const previous = await ready.catch(() => null);
      const from = target;
      const plan = planSwitch({ options: o, deps, current: previous, currentVenue: from, input, halt });
      if (plan === 'unchanged') return this.status();
      const to = plan.venue;
      switching = to;
      let undo: void | (() => Promise<void>) = undefined;
      let adapter: ExecutionAdapter | null = null;
      let next: VenueSession | null = null;
      try {
        // Nothing new is accepted from here; what was already under way ends first (on the old venue).
        await Promise.allSettled([...inflight]);
        for (const listener of [...switchListeners]) {
          await Promise.resolve()
            .then(() => listener(from, to))
            .catch((error: unknown) => o.logger.warn('orders', 'a mode-switch listener failed', { error }));
        }
        refuseUnfinished(previous);
        adapter = await o.createAdapter(to);
        undo = await o.beforeSwitch?.(to);
        // The venue's market must answer before it may trade: offline, the switch is refused here.
        if (to.mode !== 'SIMULATOR') await o.feed.markets();
        next = await open(to, adapter);
      } catch (error) {
        o.logger.error('orders', `the switch from ${from.venue} to ${to.venue} failed; nothing changed`, { error });
        if (next) await closeSession(next).catch(() => undefined);
        else await adapter?.close().catch(() => undefined);
        if (undo) {
          await undo().catch((e: unknown) =>
            o.logger.error('orders', `the market source could not be restored after a failed switch`, { error: e }),
          );
        }
        switching = null;
        throw error instanceof AppError && error.code === 'conflict' ? error : switchRefused(error, from, to);
      }
      commitSwitch({ options: o, deps, actor }, from, plan);
      halt.reason = null;
      target = to;
      startError = null;
      session = next;
      ready = Promise.resolve(next);
      switching = null;
      if (previous)
        await closeSession(previous).catch((error: unknown) =>
          o.logger.warn('orders', 'closing the old venue failed', { error }),
        );
      if (next.report) o.events.reconciled?.(next.report);
      return this.status();
    },
    onSwitch(listener) {
      switchListeners.add(listener);
      return () => switchListeners.delete(listener);
    },
    useNativeStops(policy) {
      nativeStops = policy;
      return () => {
        if (nativeStops === policy) nativeStops = () => false;
      };
    },
    explainHalt(reason) {
      haltNote = reason;
      return () => {
        if (haltNote === reason) haltNote = () => null;
      };
    },
    halt(reason) {
      halt.reason = reason;
      o.logger.warn('orders', `trading halted: ${reason}`);
    },
    resume() {
      halt.reason = null;
    },
    async runRecovery() {
      const s = await active();
      await s.recovery.runOnce();
      await s.sync.runOnce();
    },
    session: () => session,
    opening: () => session ?? opening,
    async idle() {
      const s = await ready;
      if (s) await s.serial.idle();
    },
    async close() {
      const s = await ready.catch(() => null);
      if (s) await closeSession(s);
      session = null;
    },
  };
}
