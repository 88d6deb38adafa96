/**
 * Grid strategy runs through the real core (dispatch, SQLite, the simulator market and exchange,
 * the risk gate): the 'atr-grid' template activated in SIMULATOR places its buy limit orders below
 * the price at a candle close, a restart resumes the grid from its saved state (the same open
 * orders, none placed twice), and stop cancels the grid's open orders. Time is a manual clock.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAME_MS, type CandlesResult } from '../../../../../shared/domain/market.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import type { RunEvent, StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import { STRATEGY_TEMPLATES, type GridStrategy } from '../../../../../shared/domain/strategy.js';
import { createManualClock } from '../../../../engine/clock.js';
import { DATABASE_FILE } from '../../../create-core.js';
import { createTempCore, type TempCore } from '../../../testing/temp-core.js';
import { contractCalls, seedBacktest, startRunsCore, until } from '../testing/contract-harness.js';

const template = STRATEGY_TEMPLATES.find((x) => x.id === 'atr-grid')!.strategy as GridStrategy;
const CANDLE = TIMEFRAME_MS[template.timeframe];
// With seed 1 and this start, the EMA trend filter allows buys at the first 1h close (found offline).
const clock = createManualClock(Date.UTC(2025, 0, 6, 4, 5, 30));
let t: TempCore;
const { data } = contractCalls(() => t);

const run = async (runId: string) => (await data<StrategyRunView[]>('strategies.runs')).find((r) => r.runId === runId)!;
const openOrders = () => data<OrderView[]>('orders.list', { scope: 'open', symbol: 'BTC/USD' });
const events = (runId: string) => data<RunEvent[]>('strategies.runEvents', { runId, limit: 200 });
async function lastClose(): Promise<number> {
  const { candles } = await data<CandlesResult>('market.candles', {
    symbol: 'BTC/USD',
    timeframe: template.timeframe,
    limit: 2,
  });
  return candles.close[candles.close.length - 1]!;
}

beforeAll(async () => {
  t = await startRunsCore(clock);
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe('grid strategy runs through the contract', () => {
  let runId = '';
  let placed: OrderView[] = [];

  it('activates the atr-grid template in SIMULATOR: at a close it places buy limit orders below the price', async () => {
    const { id } = await data<{ id: string }>('strategies.create', { templateId: 'atr-grid' });
    seedBacktest(t.dataDir, { strategyId: id, timeframe: template.timeframe, grade: 'ACCEPTABLE', ranAt: clock.now() });
    const started = await data<StrategyRunView>('strategies.activate', { id });
    expect(started).toMatchObject({ kind: 'grid', state: 'RUNNING', mode: 'SIMULATOR', timeframe: template.timeframe });
    runId = started.runId;

    // Closes pass until the trend filter lets the grid buy (at the first one from this start).
    for (let step = 0; placed.length === 0 && step < 60; step++) {
      const before = (await run(runId)).lastEvaluatedAt ?? 0;
      clock.advance(step === 0 ? CANDLE : 4 * CANDLE);
      await until(async () => ((await run(runId)).lastEvaluatedAt ?? 0) > before, 'a close');
      await t.core.services.runs.idle();
      placed = await openOrders();
    }
    const close = await lastClose();
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThanOrEqual(template.levelsPerSide);
    for (const o of placed) {
      expect(o).toMatchObject({ side: 'buy', type: 'limit', status: 'OPEN' });
      expect(Number(o.price)).toBeLessThan(close);
    }
    expect(new Set(placed.map((o) => o.price)).size).toBe(placed.length);
    // Each level is 20 % of the equity / 5 levels: about 400 USD of the 10 000 USD simulator account.
    for (const o of placed) expect(Number(o.price) * Number(o.quantity)).toBeLessThanOrEqual(400 + 1e-6);
    expect((await run(runId)).ordersPlaced).toBe(placed.length);
    const log = await events(runId);
    expect(log.filter((e) => e.kind === 'ERROR')).toEqual([]);
    expect(log.some((e) => e.message.startsWith('grid active'))).toBe(true);
    expect(log.filter((e) => e.kind === 'ORDER' && /grid buy at level/.test(e.message))).toHaveLength(placed.length);
  }, 120_000);

  it('resumes after a restart with its saved grid: the same open orders, none placed twice', async () => {
    await t.core.shutdown();
    const db = new BetterSqlite3(path.join(t.dataDir, DATABASE_FILE), { readonly: true });
    const saved = db
      .prepare<[string], { runner_state: string }>('SELECT runner_state FROM strategy_runs WHERE id = ?')
      .get(runId)!;
    db.close();
    const grid = (JSON.parse(saved.runner_state) as { grid: { levels: { buy: { id: string } | null }[] } }).grid;
    const savedIds = grid.levels.flatMap((l) => (l.buy ? [l.buy.id] : []));
    expect(savedIds.sort()).toEqual(placed.map((o) => o.clientOrderId).sort());

    t = await createTempCore({ dataDir: t.dataDir, clock });
    await until(async () => (await events(runId)).some((e) => e.message === 'resumed after a restart'), 'the resume');
    await t.core.services.runs.idle();
    expect((await openOrders()).map((o) => o.clientOrderId).sort()).toEqual(placed.map((o) => o.clientOrderId).sort());

    const before = (await run(runId)).lastEvaluatedAt!;
    clock.advance(CANDLE);
    await until(async () => ((await run(runId)).lastEvaluatedAt ?? 0) > before, 'a close after the restart');
    await t.core.services.runs.idle();
    const open = await openOrders();
    const buys = open.filter((o) => o.side === 'buy');
    expect(buys.length).toBeLessThanOrEqual(template.levelsPerSide);
    expect(new Set(buys.map((o) => o.price)).size).toBe(buys.length);
    const after = await run(runId);
    expect(after.state).toBe('RUNNING');
    // Every order placed is still open, or filled / withdrawn by the grid: none is placed at a level twice.
    expect(after.ordersPlaced).toBeGreaterThanOrEqual(placed.length);
  }, 120_000);

  it('stop cancels the grid orders that are still open', async () => {
    expect((await openOrders()).length).toBeGreaterThan(0);
    const stopped = await data<StrategyRunView>('strategies.stop', { runId });
    expect(stopped).toMatchObject({ state: 'STOPPED', stateReason: 'stopped by the user' });
    expect(await openOrders()).toEqual([]);
    const history = await data<OrderView[]>('orders.list', { scope: 'history', symbol: 'BTC/USD' });
    expect(history.filter((o) => o.status === 'CANCELLED').length).toBeGreaterThan(0);
  }, 60_000);
});
