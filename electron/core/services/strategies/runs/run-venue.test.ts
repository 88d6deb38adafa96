/**
 * A strategy step is bound to the venue it was decided on. The step starts in PAPER, its market
 * history is held until the trader has switched to LIVE; when it goes on, its entry must not reach
 * the live venue (0 orders there), and the run's decision log says why. Real order service over
 * SQLite, the real signal runner; the LIVE venue is the simulated exchange under kraken's name.
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
import { createSimulatedExecution } from '../../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../../adapters/execution/testing/model-feed.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import type { ExecutionAdapter } from '../../../../engine/orders/execution-port.js';
import { createManualScheduler } from '../../../../engine/scheduler.js';
import { createSimExchangeRepo } from '../../../../persistence/repositories/sim-exchange-repo.js';
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

function fakeLive(venue: { venue: string }): Promise<ExecutionAdapter> {
  const sim = createSimulatedExecution({
    mode: 'PAPER',
    repo: createSimExchangeRepo(h.db, venue.venue),
    feed: h.feed,
    clock: sched.clock,
    initialBalances: { USD: Decimal.parse('100000') },
  });
  return Promise.resolve({ ...sim, id: venue.venue, mode: 'LIVE' });
}

function history(query: CandlesQuery): CandlesResult {
  const span = TIMEFRAME_MS[query.timeframe];
  const n = query.limit ?? 100;
  const time = Array.from({ length: n }, (_, i) => (query.to ?? 0) - (n - 1 - i) * span);
  const price = time.map(() => 60_000);
  return {
    source: 'kraken',
    symbol: query.symbol,
    timeframe: query.timeframe,
    candles: { time, open: price, high: price, low: price, close: price, volume: time.map(() => 1) },
  };
}

it('an entry decided in PAPER whose step goes on after the switch to LIVE places no live order', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-run-venue-'));
  dirs.push(dir);
  h = createHarness({
    dir,
    clock: sched.clock,
    scheduler: sched,
    feed: createModelFeed({ clock: sched.clock, sourceId: 'kraken' }),
    liveAdapter: fakeLive,
  });
  await h.service.start();
  await h.service.setMode({ mode: 'PAPER', exchangeId: 'kraken' });

  const repo = createStrategyRunRepo(h.db);
  const now = sched.clock.now();
  const row = {
    id: 'run-1',
    strategyId: 'strategy-1',
    strategyName: 'Always in',
    definition: Strategy.parse({
      name: 'Always in',
      symbols: ['BTC/USD'],
      timeframe: '1m',
      riskLevel: 'LOW',
      entryConditions: ['Price > 0'],
      stopLossPercent: 2,
      takeProfitPercent: 4,
      positionSizePercent: 10,
    }),
    kind: 'signal' as const,
    symbol: 'BTC/USD',
    timeframe: '1m',
    mode: 'PAPER' as const,
    state: 'RUNNING' as const,
    grade: 'ACCEPTABLE' as const,
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
  };
  repo.insert(row);
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = () => undefined as void;
  const arrived = new Promise<void>((resolve) => (asked = resolve));
  const events: RunEvent[] = [];
  const ctx = new RunContext(row, {
    repo,
    orders: h.service,
    market: {
      async candles(query) {
        asked();
        await held;
        return history(query);
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
  const candle: Candle = { time: now - 60_000, open: 60_000, high: 60_000, low: 60_000, close: 60_000, volume: 1 };

  runner.onClosed(candle);
  await arrived; // the step is deciding on PAPER
  await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
  release();
  await runner.idle();

  expect(h.service.list({ venue: 'kraken', scope: 'history' })).toEqual([]);
  expect(h.service.list({ venue: 'kraken', scope: 'open' })).toEqual([]);
  const veto = events.find((e) => e.kind === 'VETO');
  expect(veto?.message).toMatch(/decided for PAPER on kraken, but trading is now LIVE on kraken: nothing was sent/);
  expect(h.audit.query({ kinds: ['risk.veto'] })[0]?.details).toMatchObject({
    rule: 'venue',
    decidedFor: 'paper:kraken',
    activeVenue: 'kraken',
  });
});
