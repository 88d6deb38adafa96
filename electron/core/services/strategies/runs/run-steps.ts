/**
 * How a runner (runner.ts, grid-runner.ts) works through its run: steps (decisions, order
 * updates) run one at a time, a failed step is an ERROR event and the row's lastError, which the
 * next decision that goes through without an error clears (its cause is gone). Candle
 * closes that arrive while one is decided collapse into the newest (a late decision on an old
 * candle would trade on stale prices); a close is decided once, and only while the run is RUNNING
 * in the trading mode it was started in (the manager stops it otherwise). Each step is bound to
 * the venue active when it starts (ctx.venue): a trading-mode switch while it runs makes the order
 * service refuse its orders, which the run records as a VETO; nothing reaches the new venue.
 */
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../../shared/domain/market.js';
import { errorText, type RunContext } from './run-context.js';

export type RunSteps = {
  /** Queues a step after those queued so far; resolves when it is done. */
  serial(task: () => Promise<void>): Promise<void>;
  /** A candle of the run's series closed: decide(candle, closeAt) once the steps before are done. */
  onClosed(candle: Candle): void;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
};

export function runSteps(ctx: RunContext, decide: (candle: Candle, closeAt: number) => Promise<void>): RunSteps {
  let queue: Promise<void> = Promise.resolve();
  let pending: Candle | null = null;

  function serial(task: () => Promise<void>): Promise<void> {
    const bound = () => {
      ctx.venue = ctx.ports.orders.status().venue;
      return task();
    };
    queue = queue.then(bound).catch((error: unknown) => {
      ctx.row.lastError = errorText(error);
      ctx.event('ERROR', `run failed a step: ${errorText(error)}`);
      ctx.save();
    });
    return queue;
  }

  async function decidePending(): Promise<void> {
    const candle = pending;
    pending = null;
    if (candle === null || ctx.row.state !== 'RUNNING') return;
    const closeAt = candle.time + TIMEFRAME_MS[ctx.row.timeframe as Timeframe];
    if (ctx.row.lastEvaluatedAt !== null && closeAt <= ctx.row.lastEvaluatedAt) return;
    if (ctx.ports.orders.status().mode !== ctx.row.mode) return; // the manager stops it
    // The last error says what is wrong now: a decision that goes through without one (the market
    // answered, its orders were placed or refused by a rule) means the cause is gone.
    const previous = ctx.row.lastError;
    ctx.row.lastError = null;
    try {
      await decide(candle, closeAt);
    } catch (error) {
      ctx.row.lastError = previous;
      throw error;
    }
    if (previous !== null && ctx.row.lastError === null) {
      ctx.event('RESUMED', `decided without an error again: the last error is resolved (it was: ${previous})`);
      ctx.save();
    }
  }

  return {
    serial,
    onClosed(candle) {
      const first = pending === null;
      if (pending === null || candle.time > pending.time) pending = candle;
      if (first) void serial(decidePending);
    },
    idle: () => serial(() => Promise.resolve()),
  };
}
