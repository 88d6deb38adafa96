/**
 * A run's last error says what is wrong now: a decision that failed (the market did not answer)
 * records it; the next decision that works (the market answers again) clears it, on the stored
 * row as the Strategies tab reads it, and the decision log says so. Real order service over
 * SQLite and the real signal runner; the market port is one that fails once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  TIMEFRAME_MS,
  type Candle,
  type CandlesQuery,
  type CandlesResult,
} from '../../../../../shared/domain/market.js';
import type { RunEvent } from '../../../../../shared/domain/strategy-runs.js';
import { Strategy } from '../../../../../shared/domain/strategy.js';
import { createManualScheduler } from '../../../../engine/scheduler.js';
import { createStrategyRunRepo } from '../../../../persistence/repositories/strategy-run-repo.js';
import { createHarness, type Harness } from '../../orders/testing/order-harness.js';
import { EMPTY_RUNNER_STATE, RunContext } from './run-context.js';
import { createRunner } from './runner.js';

const sched = createManualScheduler(Date.UTC(2025, 0, 6, 12));
const dirs: string[] = [];
let h: Harness;

afterEach(async () => {
  await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function history(query: CandlesQuery): CandlesResult {
  const span = TIMEFRAME_MS[query.timeframe];
  const n = query.limit ?? 100;
  const time = Array.from({ length: n }, (_, i) => (query.to ?? 0) - (n - 1 - i) * span);
  const price = time.map(() => 60_000);
  return {
    source: 'simulator',
    symbol: query.symbol,
    timeframe: query.timeframe,
    candles: { time, open: price, high: price, low: price, close: price, volume: time.map(() => 1) },
  };
}

it('a decision that fails records the error; the next one that works clears it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-run-error-'));
  dirs.push(dir);
  h = createHarness({ dir, clock: sched.clock, scheduler: sched });
  await h.service.start();
  const repo = createStrategyRunRepo(h.db);
  const now = sched.clock.now();
  repo.insert({
    id: 'run-1',
    strategyId: 'strategy-1',
    strategyName: 'Never in',
    definition: Strategy.parse({
      name: 'Never in',
      symbols: ['BTC/USD'],
      timeframe: '1m',
      riskLevel: 'LOW',
      entryConditions: ['Price < 0'],
      stopLossPercent: 2,
      takeProfitPercent: 4,
      positionSizePercent: 10,
    }),
    kind: 'signal',
    symbol: 'BTC/USD',
    timeframe: '1m',
    mode: 'SIMULATOR',
    state: 'RUNNING',
    grade: 'ACCEPTABLE',
    approvedAt: now,
    startedAt: now,
    updatedAt: now,
    stateReason: null,
    lastEvaluatedAt: null,
    positionQuantity: '0',
    ordersPlaced: 0,
    vetoes: 0,
    lastError: null,
    runnerState: EMPTY_RUNNER_STATE,
  });
  let reachable = false;
  const events: RunEvent[] = [];
  const ctx = new RunContext(repo.get('run-1')!, {
    repo,
    orders: h.service,
    market: {
      candles(query) {
        if (!reachable) return Promise.reject(new Error('the market did not answer (network unreachable)'));
        return Promise.resolve(history(query));
      },
      markets: () => h.feed.markets(),
    },
    logger: h.logger,
    now: () => sched.clock.now(),
    marketNow: () => sched.clock.now(),
    emitRun: () => undefined,
    emitEvent: (e) => events.push(e),
  });
  const runner = createRunner(ctx);
  const candle = (time: number): Candle => ({
    time,
    open: 60_000,
    high: 60_000,
    low: 60_000,
    close: 60_000,
    volume: 1,
  });

  runner.onClosed(candle(now - 120_000));
  await runner.idle();
  expect(repo.get('run-1')!.lastError).toBe('the market did not answer (network unreachable)');

  reachable = true;
  runner.onClosed(candle(now - 60_000));
  await runner.idle();
  expect(repo.get('run-1')!.lastError).toBeNull();
  expect(repo.get('run-1')!.lastEvaluatedAt).toBe(now);
  expect(events.at(-1)?.message).toMatch(/the last error is resolved/);
});
