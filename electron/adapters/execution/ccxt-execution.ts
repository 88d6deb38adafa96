import type { Exchange } from 'ccxt';
import type { Clock } from '../../engine/clock.js';
import {
  admitOrder,
  CLOSED,
  DEFAULT_BREAKER,
  recordResult,
  type BreakerConfig,
  type BreakerState,
} from '../../engine/execution/circuit-breaker.js';
import { backoffDelay } from '../../engine/backoff.js';
import { decideRetry, type ExecutionOperation } from '../../engine/execution/retry-policy.js';
import type {
  CancelResult,
  ExecutionAdapter,
  ExecutionReport,
  Failure,
  Lookup,
  PlaceResult,
} from '../../engine/orders/execution-port.js';
import { sleep, type Scheduler } from '../../engine/scheduler.js';
import type { Logger } from '../../logging/types.js';
import { createCcxtExchange, loadMarkets } from '../market/ccxt-exchange.js';
import { toBalances, toCcxtOrder } from './ccxt-convert.js';
import { toFailure } from './ccxt-errors.js';
import { budgetFor, keyLane, type LaneCall } from './ccxt-key-lane.js';
import {
  fillsSince,
  lookupByClientId,
  lookupByExchangeIds,
  openOrdersNow,
  type Outcome,
  type QueryContext,
} from './ccxt-queries.js';

/**
 * Live trading through ccxt behind the execution port. What it guarantees:
 * - an order is sent once: createOrder carries our client order id and is never retried, by us or
 *   by ccxt (maxRetriesOnFailure 0); anything but a definite answer is 'unknown', and an answer
 *   without an order id is 'unknown' too;
 * - cancels retry 5 times (500 ms..16 s), reads twice (1 s..8 s), with jitter, on the scheduler;
 * - private calls of one API key run one at a time with a strictly increasing nonce, the most urgent
 *   first (dead man's heartbeat and kill-switch cancels, then submits and cancels, then reads), on
 *   a rate budget that keeps reads from using what orders need (ccxt-key-lane.ts);
 * - a circuit breaker refuses new orders after 5 consecutive failures, probing again after 30 s;
 * - after an auth failure no new order is sent (trading stops until the adapter is rebuilt);
 * - Kraken orders carry a `deadline` (default 15 s after sending): the matching engine refuses the
 *   request after it, so an order whose answer was lost cannot appear later than that;
 * - lookup answers found:false only when the open and closed queries both answered without the
 *   id, and, for an id whose placement went unanswered in this process, not before its deadline
 *   plus `settleMs` (without a deadline: the end of the attempt plus `settleMs`);
 * - an order whose exchange id is known is looked up by it (Kraken: 50 per QueryOrders, with its
 *   trades by id), so adopted orders, whose client id the exchange never saw, are found too.
 */

export type CcxtCredentials = { apiKey: string; secret: string; password?: string };

export type CcxtExecutionOptions = {
  exchangeId: string;
  credentials: CcxtCredentials;
  /** scheme://host:port replacing the exchange's API roots (advanced setting; tests). */
  baseUrl?: string;
  /** The exchange's testnet (ccxt sandbox mode); refused for exchanges without one. */
  sandbox?: boolean;
  /** The fetch for REST calls (certificate pinning, electron/adapters/net/tls-pinning.ts). */
  fetch?: typeof fetch;
  clock: Clock;
  scheduler: Scheduler;
  logger?: Logger;
  /** [0, 1): the jitter of retry delays. */
  random?: () => number;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  mode?: 'LIVE';
  /** Overrides the exchange's minimum ms between requests (tests). */
  rateLimitMs?: number;
  /**
   * Kraken only: ms after sending when the matching engine must refuse the order (AddOrder
   * `deadline`, sent in whole seconds, Kraken accepts 2..60 s); null sends none. Default 15 s.
   */
  deadlineMs?: number | null;
  /**
   * After an unanswered placement, how long past its deadline (without one: past the end of the
   * attempt) a lookup still answers 'unknown' rather than found:false. Default 3 s with a
   * deadline (clock skew), 60 s without.
   */
  settleMs?: number;
  breaker?: BreakerConfig;
};

export type CcxtExecution = ExecutionAdapter & {
  /** The circuit breaker's state (for the status bar and tests). */
  breakerState(): BreakerState;
  /** The exchange holds native stop-loss / take-profit orders (PlaceRequest.trigger). */
  readonly nativeStops: boolean;
  /** Kraken's dead man's switch: cancel every open order after `ms` unless re-armed; 0 disarms. */
  cancelAllAfter(ms: number): Promise<true | Failure>;
  /** Cancels every open order of the account, also those placed elsewhere (the kill switch): how many. */
  cancelAllOrders(): Promise<number | Failure>;
};

/** Exchanges whose cancelOrder takes params.clientOrderId without an exchange id. */
const CANCEL_BY_CLIENT_ID = new Set(['kraken']);
/** Exchanges whose native stop-loss / take-profit orders the adapter places (PlaceRequest.trigger). */
const NATIVE_STOPS = new Set(['kraken']);
/** Exchanges whose order placement takes a `deadline` after which the matching engine refuses it. */
const HAS_DEADLINE = new Set(['kraken']);

/** The wait a rate-limited caller is given: 1 s, 2 s, 4 s ... up to 60 s over consecutive refusals. */
const RATE_LIMIT_BACKOFF = { initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.2 };

const clockTime = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

export function createCcxtExecution(options: CcxtExecutionOptions): CcxtExecution {
  const { exchangeId: id, clock, scheduler, logger } = options;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadlineMs = HAS_DEADLINE.has(id) ? (options.deadlineMs === undefined ? 15_000 : options.deadlineMs) : null;
  const settleMs = options.settleMs ?? (deadlineMs === null ? 60_000 : 3_000);
  const breakerConfig = options.breaker ?? DEFAULT_BREAKER;
  const ex: Exchange = createCcxtExchange({
    exchangeId: id,
    baseUrl: options.baseUrl,
    sandbox: options.sandbox,
    timeoutMs,
    rateLimitMs: options.rateLimitMs,
    pro: false,
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
  });
  const lane = keyLane(options.credentials.apiKey);
  ex.apiKey = options.credentials.apiKey;
  ex.secret = options.credentials.secret;
  if (options.credentials.password !== undefined) ex.password = options.credentials.password;
  ex.options = { ...ex.options, maxRetriesOnFailure: 0 };
  ex.nonce = () => lane.nonce(clock.now());
  // The lane keeps the private rate budget by priority; ccxt's limiter (FIFO) would queue an order
  // behind every read's cost, so private calls cost it nothing (public ones keep their cost).
  lane.budget(budgetFor(options.rateLimitMs ?? ex.rateLimit ?? 1000));
  const publicCost = ex.calculateRateLimiterCost.bind(ex);
  ex.calculateRateLimiterCost = (api, method, path, params, config) =>
    api === 'private' || (Array.isArray(api) && api.includes('private'))
      ? 0
      : publicCost(api, method, path, params, config);

  let breaker: BreakerState = CLOSED;
  let authStop: Failure | null = null;
  let rateLimited = 0;
  let closed = false;
  /** Client ids whose placement went unanswered, to the time a lookup may first say found:false. */
  const unanswered = new Map<string, number>();
  const listeners = new Set<(report: ExecutionReport) => void>();

  /**
   * One request. A private one runs in the key's lane and feeds the breaker (public market loads,
   * mostly answered from ccxt's cache, do not); an auth failure stops new orders.
   */
  async function attempt<T>(
    operation: ExecutionOperation,
    what: string,
    call: () => Promise<T>,
    flags: { probe?: boolean; isPrivate?: boolean; lane?: LaneCall } = {},
  ): Promise<Outcome<T>> {
    const probe = flags.probe ?? false;
    const isPrivate = flags.isPrivate ?? true;
    const record = (ok: boolean) => {
      if (isPrivate) breaker = recordResult(breaker, { now: clock.now(), ok, probe }, breakerConfig);
    };
    try {
      const value = await (isPrivate ? lane.run(call, flags.lane) : call());
      record(true);
      rateLimited = 0;
      return { ok: true, value };
    } catch (error) {
      const classified = toFailure(error, { exchange: id, operation, what });
      const failure =
        classified.kind === 'rate_limited'
          ? { ...classified, retryAfterMs: backoffDelay(rateLimited++, random, RATE_LIMIT_BACKOFF) }
          : classified;
      const answered = failure.kind === 'rejected' || failure.kind === 'auth';
      record(answered);
      if (failure.kind === 'auth') authStop = { kind: 'auth', message: failure.message };
      logger?.[answered ? 'info' : 'warn']('exchange', failure.message, {
        exchange: id,
        operation,
        kind: failure.kind,
      });
      const { names, ...rest } = failure;
      return { ok: false, failure: rest, names };
    }
  }

  async function withRetries<T>(
    operation: 'read' | 'cancel',
    what: string,
    call: () => Promise<T>,
    flags: { isPrivate?: boolean; lane?: LaneCall } = {},
  ): Promise<Outcome<T>> {
    for (let failures = 1; ; failures += 1) {
      const outcome = await attempt(operation, what, call, flags);
      if (outcome.ok || closed) return outcome;
      const decision = decideRetry(operation, failures, outcome.failure.kind, random, outcome.failure.retryAfterMs);
      if (!decision.retry) return outcome;
      await sleep(scheduler, decision.delayMs);
    }
  }

  const markets = () => withRetries('read', `${id}'s markets`, () => loadMarkets(ex), { isPrivate: false });
  const ctx: QueryContext = {
    ex,
    exchangeId: id,
    logger,
    read: (what, call, cost = 1) => withRetries('read', what, call, { lane: { priority: 'read', cost } }),
  };
  const failed = (failure: Failure) => ({ outcome: 'failed', failure }) as const;

  return {
    id,
    mode: options.mode ?? 'LIVE',

    async place(request): Promise<PlaceResult> {
      if (closed) return failed({ kind: 'unavailable', message: `the ${id} connection is closed; nothing was sent.` });
      if (authStop) return failed(authStop);
      const loaded = await markets();
      if (!loaded.ok) {
        const kind = loaded.failure.kind === 'unknown' ? 'unavailable' : loaded.failure.kind;
        return failed({ kind, message: `cannot load ${id}'s markets (${loaded.failure.message}); nothing was sent.` });
      }
      const args = toCcxtOrder(ex, request);
      if (typeof args === 'string') return failed({ kind: 'rejected', message: args });
      if (request.trigger) {
        // A native stop: Kraken's stop-loss / take-profit through ccxt's stopLossPrice / takeProfitPrice.
        if (!NATIVE_STOPS.has(id))
          return failed({ kind: 'rejected', message: `${id} takes no native stop orders here` });
        const key = request.trigger.kind === 'stop_loss' ? 'stopLossPrice' : 'takeProfitPrice';
        args.params[key] = ex.priceToPrecision(args.symbol, request.trigger.price.toString());
      }
      const { state, admission } = admitOrder(breaker, clock.now(), breakerConfig);
      breaker = state;
      if (!admission.allowed) {
        const message =
          `exchange ${id} circuit open after ${admission.failures} failures; retrying at ${clockTime(admission.retryAt)}` +
          ` (new orders are refused until then; nothing was sent).`;
        return failed({ kind: 'unavailable', message, retryAfterMs: Math.max(0, admission.retryAt - clock.now()) });
      }
      const what = `order ${request.clientOrderId}`;
      // Whole seconds, rounded up: the order cannot be accepted after `deadline`.
      const deadline = deadlineMs === null ? null : Math.ceil((clock.now() + deadlineMs) / 1000) * 1000;
      if (deadline !== null) args.params.deadline = new Date(deadline).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const sent = await attempt(
        'place',
        what,
        async () => {
          const order = await ex.createOrder(args.symbol, args.type, args.side, args.amount, args.price, args.params);
          if (typeof order.id !== 'string' || order.id === '') {
            throw new Error(`${id} answered ${what} without an order id`);
          }
          return order.id;
        },
        { probe: admission.probe, lane: { priority: 'trade', cost: 0 } },
      );
      if (sent.ok) {
        unanswered.delete(request.clientOrderId);
        return { outcome: 'accepted', exchangeOrderId: sent.value, at: clock.now() };
      }
      if (sent.failure.kind === 'unknown') {
        unanswered.set(request.clientOrderId, Math.max(deadline ?? 0, clock.now()) + settleMs);
      }
      return failed(sent.failure);
    },

    async cancel(clientOrderId, symbol, exchangeOrderId, cancelOptions = {}): Promise<CancelResult> {
      // By exchange id when known (it also covers adopted orders, whose client id the exchange has
      // never seen); by client id when the placement's answer was lost, where the exchange can.
      if (exchangeOrderId === null && !CANCEL_BY_CLIENT_ID.has(id)) {
        const message = `${id} cancels only by its own order id, and order ${clientOrderId} has none yet: look it up first.`;
        return failed({ kind: 'rejected', message });
      }
      // ccxt types the id as required; Kraken cancels by params.clientOrderId when it is undefined.
      const cancelOrder = ex.cancelOrder.bind(ex) as (
        id: string | undefined,
        symbol: string,
        params: Record<string, unknown>,
      ) => ReturnType<Exchange['cancelOrder']>;
      const loaded = await markets();
      if (!loaded.ok) return failed(loaded.failure);
      const done = await withRetries(
        'cancel',
        `the cancel of order ${clientOrderId}`,
        () =>
          exchangeOrderId === null
            ? cancelOrder(undefined, symbol, { clientOrderId })
            : cancelOrder(exchangeOrderId, symbol, {}),
        { lane: { priority: cancelOptions.urgent ? 'urgent' : 'trade', cost: 0 } },
      );
      if (done.ok) {
        const count: unknown = (done.value.info as { result?: { count?: unknown } } | undefined)?.result?.count;
        if (id === 'kraken' && Number(count) === 0) {
          return { outcome: 'not_open', message: `${id} cancelled nothing for order ${clientOrderId}; look it up.` };
        }
        return { outcome: 'cancelled', at: clock.now() };
      }
      if (done.names.includes('OrderNotFound') || /EOrder:Unknown order/.test(done.failure.message)) {
        return {
          outcome: 'not_open',
          message:
            `${id} has no open order ${clientOrderId} (filled, cancelled, never placed, or cancelled by an ` +
            `earlier attempt whose answer was lost); look it up.`,
        };
      }
      return failed(done.failure);
    },

    async lookup(clientOrderId, symbol, exchangeOrderId = null): Promise<Lookup> {
      const loaded = await markets();
      if (!loaded.ok) return { found: 'unknown', failure: loaded.failure };
      if (exchangeOrderId !== null) {
        const byId = await lookupByExchangeIds(ctx, [{ clientOrderId, symbol, exchangeOrderId }]);
        return byId.get(clientOrderId)!;
      }
      const result = await lookupByClientId(ctx, clientOrderId, symbol);
      const wait = (unanswered.get(clientOrderId) ?? 0) - clock.now();
      if (result.found === false && wait > 0) {
        const message =
          `${id} has no order ${clientOrderId} yet, but its placement went unanswered and could still ` +
          `be accepted; ask again in ${wait} ms.`;
        return { found: 'unknown', failure: { kind: 'unknown', message, retryAfterMs: wait } };
      }
      if (result.found !== 'unknown') unanswered.delete(clientOrderId);
      return result;
    },

    async lookupMany(keys) {
      const loaded = await markets();
      const out = new Map<string, Lookup>();
      if (!loaded.ok) {
        for (const k of keys) out.set(k.clientOrderId, { found: 'unknown', failure: loaded.failure });
        return out;
      }
      const known = keys.filter((k) => k.exchangeOrderId !== null);
      for (const [key, value] of await lookupByExchangeIds(ctx, known)) out.set(key, value);
      for (const k of keys)
        if (k.exchangeOrderId === null) out.set(k.clientOrderId, await this.lookup(k.clientOrderId, k.symbol));
      return out;
    },

    async openOrders() {
      const loaded = await markets();
      return loaded.ok ? openOrdersNow(ctx) : loaded.failure;
    },

    async trades(since) {
      const loaded = await markets();
      return loaded.ok ? fillsSince(ctx, since) : loaded.failure;
    },

    async balances() {
      const loaded = await markets();
      if (!loaded.ok) return loaded.failure;
      const got = await withRetries('read', 'the balances', () => ex.fetchBalance());
      return got.ok ? toBalances(got.value) : got.failure;
    },

    onReport(listener) {
      // REST polling learns of executions through lookup/trades; nothing is pushed (yet).
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async cancelAllOrders() {
      const loaded = await markets();
      if (!loaded.ok) return loaded.failure;
      const got = await withRetries('cancel', 'the cancel of every open order', () => ex.cancelAllOrders(), {
        lane: { priority: 'urgent', cost: 0 },
      });
      if (!got.ok) return got.failure;
      const first: unknown = Array.isArray(got.value) ? got.value[0] : got.value;
      const info = (first as { info?: { result?: { count?: unknown } } } | undefined)?.info;
      const count = Number(info?.result?.count ?? Number.NaN);
      return Number.isFinite(count) ? count : 0;
    },

    async cancelAllAfter(ms) {
      const got = await withRetries('cancel', "the dead man's switch", () => ex.cancelAllOrdersAfter(ms), {
        lane: { priority: 'urgent', cost: 1 },
      });
      return got.ok ? true : got.failure;
    },

    breakerState: () => breaker,
    nativeStops: NATIVE_STOPS.has(id),

    async close() {
      closed = true;
      listeners.clear();
      await ex.close();
    },
  };
}
