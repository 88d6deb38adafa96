/**
 * Strategy runs through the real core (dispatch, SQLite, the simulator market and exchange, the
 * risk gate): activation refused for a FAILED backtest, a run that buys at a candle close, pause,
 * a restart that resumes it, and the kill switch. Time is a manual clock: the simulator closes a
 * minute when the clock passes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import type { ActivationCheck, RunEvent, StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import { createManualClock } from '../../../../engine/clock.js';
import { createTempCore, type TempCore } from '../../../testing/temp-core.js';
import { contractCalls, seedBacktest, startRunsCore, until } from '../testing/contract-harness.js';

const clock = createManualClock(Date.UTC(2025, 0, 6, 12, 0, 30));
let t: TempCore;
const { call, data } = contractCalls(() => t);

const definition = (name: string) => ({
  name,
  symbols: ['BTC/USD'],
  timeframe: '1m',
  riskLevel: 'LOW',
  entryConditions: ['Price > 0'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
});

async function createStrategy(name: string, grade: 'FAILED' | 'ACCEPTABLE'): Promise<string> {
  const { id } = await data<{ id: string }>('strategies.create', { definition: definition(name) });
  seedBacktest(t.dataDir, { strategyId: id, timeframe: '1m', grade, ranAt: clock.now() });
  return id;
}

const runs = () => data<StrategyRunView[]>('strategies.runs');
const strategyOrders = async () =>
  (await data<OrderView[]>('orders.list', { scope: 'history', symbol: 'BTC/USD' })).concat(
    await data<OrderView[]>('orders.list', { scope: 'open', symbol: 'BTC/USD' }),
  );

beforeAll(async () => {
  t = await startRunsCore(clock);
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe('strategy runs through the contract', () => {
  let runId = '';

  it('refuses a strategy whose backtest FAILED, naming the reason', async () => {
    const id = await createStrategy('Failing', 'FAILED');
    const check = await data<ActivationCheck>('strategies.activationCheck', { id });
    expect(check).toMatchObject({ allowed: false, grade: 'FAILED', mode: 'SIMULATOR', symbol: 'BTC/USD' });
    expect(await call('strategies.activate', { id })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('graded "Failing" FAILED') as string },
    });
  });

  it('runs an ACCEPTABLE strategy: a candle close with an entry signal buys and protects the position', async () => {
    const id = await createStrategy('Always in', 'ACCEPTABLE');
    const run = await data<StrategyRunView>('strategies.activate', { id });
    expect(run).toMatchObject({ state: 'RUNNING', mode: 'SIMULATOR', grade: 'ACCEPTABLE', positionQuantity: '0' });
    runId = run.runId;
    expect(await call('strategies.activate', { id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    clock.advance(60_000);
    await until(async () => (await runs()).find((r) => r.runId === runId)!.positionQuantity !== '0', 'the entry fill');
    await until(async () => (await strategyOrders()).some((o) => o.type === 'stop_loss'), 'the stop loss');
    const orders = await strategyOrders();
    const entry = orders.find((o) => o.type === 'market' && o.side === 'buy')!;
    expect(entry.status).toBe('FILLED');
    const stop = orders.find((o) => o.type === 'stop_loss')!;
    const target = orders.find((o) => o.type === 'take_profit')!;
    const fill = Number(entry.averageFillPrice);
    expect(Number(stop.stopPrice)).toBeCloseTo(fill * 0.98, 0);
    expect(Number(target.stopPrice)).toBeCloseTo(fill * 1.04, 0);
    expect(stop.quantity).toBe(entry.filled);
    const events = await data<RunEvent[]>('strategies.runEvents', { runId });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['STARTED', 'SIGNAL', 'ORDER']));
    const audit = await data<{ kind: string }[]>('audit.query', { kinds: ['strategy.activated'] });
    expect(audit.length).toBeGreaterThan(0);
  }, 60_000);

  it('a paused run decides nothing at the next closes', async () => {
    const paused = await data<StrategyRunView>('strategies.pause', { runId });
    expect(paused).toMatchObject({ state: 'PAUSED', stateReason: 'paused by the user' });
    const ordersBefore = (await strategyOrders()).length;
    clock.advance(120_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await t.core.services.runs.idle();
    const after = (await runs()).find((r) => r.runId === runId)!;
    expect(after.lastEvaluatedAt).toBe(paused.lastEvaluatedAt);
    expect((await strategyOrders()).length).toBe(ordersBefore);
    expect(await data<StrategyRunView>('strategies.resume', { runId })).toMatchObject({ state: 'RUNNING' });
  }, 30_000);

  it('resumes a RUNNING run after a restart of the core', async () => {
    await t.core.shutdown();
    t = await createTempCore({ dataDir: t.dataDir, clock });
    await until(async () => {
      const events = await data<RunEvent[]>('strategies.runEvents', { runId });
      return events.some((e) => e.kind === 'RESUMED' && e.message === 'resumed after a restart');
    }, 'the resume after the restart');
    expect((await runs()).find((r) => r.runId === runId)).toMatchObject({ state: 'RUNNING' });
    const before = (await runs()).find((r) => r.runId === runId)!.lastEvaluatedAt!;
    clock.advance(60_000);
    await until(
      async () => ((await runs()).find((r) => r.runId === runId)!.lastEvaluatedAt ?? 0) > before,
      'an evaluation after the restart',
    );
  }, 60_000);

  it('the kill switch pauses every run, and activation is refused while it is engaged', async () => {
    await data('killSwitch.engage', { mode: 'FREEZE', reason: 'testing runs' });
    await until(async () => (await runs()).find((r) => r.runId === runId)!.state === 'PAUSED', 'the pause');
    expect((await runs()).find((r) => r.runId === runId)!.stateReason).toMatch(/^kill switch/);
    const id = await createStrategy('Another', 'ACCEPTABLE');
    const check = await data<ActivationCheck>('strategies.activationCheck', { id });
    expect(check.reasons).toEqual(['the kill switch is engaged: re-arm trading on the Risk tab first']);
    expect(await call('strategies.activate', { id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('strategies.resume', { runId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stopped = await data<StrategyRunView>('strategies.stop', { runId });
    expect(stopped).toMatchObject({ state: 'STOPPED', stateReason: 'stopped by the user' });
  }, 60_000);
});
