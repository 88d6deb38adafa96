/**
 * The paper arena through the real core: two runs side by side on the simulator, each on its own
 * sub-account (1,000 and 2,000 USD), size from their own capital, keep their own figures, and
 * rank on the leaderboard; a stopped run stays on the board, marked stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaderboardRow } from '../../../../../shared/domain/arena.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import type { StrategyRunView } from '../../../../../shared/domain/strategy-runs.js';
import { createManualClock } from '../../../../engine/clock.js';
import type { TempCore } from '../../../testing/temp-core.js';
import { contractCalls, seedBacktest, startRunsCore, until } from '../testing/contract-harness.js';

const clock = createManualClock(Date.UTC(2025, 0, 6, 12, 0, 30));
let t: TempCore;
const { call, data } = contractCalls(() => t);

beforeAll(async () => {
  t = await startRunsCore(clock);
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

async function strategy(name: string, symbol: string, positionSizePercent = 10): Promise<string> {
  const { id } = await data<{ id: string }>('strategies.create', {
    definition: {
      name,
      symbols: [symbol],
      timeframe: '1m',
      riskLevel: 'LOW',
      entryConditions: ['Price > 0'],
      stopLossPercent: 5,
      takeProfitPercent: 10,
      positionSizePercent,
    },
  });
  seedBacktest(t.dataDir, { strategyId: id, timeframe: '1m', grade: 'ACCEPTABLE', ranAt: clock.now() });
  return id;
}

describe('the paper arena', () => {
  it('runs two strategies on their own sub-accounts and ranks them', async () => {
    // seedBacktest stores BTC/USD summaries: both run on BTC/USD, side by side.
    const a = await data<StrategyRunView>('strategies.activate', {
      id: await strategy('Small', 'BTC/USD'),
      capital: '1000',
    });
    const b = await data<StrategyRunView>('strategies.activate', {
      id: await strategy('Large', 'BTC/USD'),
      capital: '2000',
    });
    expect(await call('strategies.activate', { id: 'x', capital: '-5' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await until(async () => (await data<LeaderboardRow[]>('arena.leaderboard')).length === 2, 'both sub-accounts');
    clock.advance(60_000);
    const held = async (runId: string) =>
      (await data<StrategyRunView[]>('strategies.runs')).find((r) => r.runId === runId)!.positionQuantity !== '0';
    await until(async () => (await held(a.runId)) && (await held(b.runId)), 'both entries');
    await t.core.services.orders.idle();

    const board = await data<LeaderboardRow[]>('arena.leaderboard');
    const small = board.find((r) => r.runId === a.runId)!;
    const large = board.find((r) => r.runId === b.runId)!;
    expect(small).toMatchObject({ capital: '1000', baseEquity: '1000', currency: 'USD', state: 'RUNNING' });
    expect(large).toMatchObject({ capital: '2000', baseEquity: '2000' });
    // 10 % of each run's own capital, not of the 10,000 USD account.
    const entry = async (runId: string) => {
      const orders = await data<OrderView[]>('orders.list', { scope: 'history', symbol: 'BTC/USD' });
      const own = t.core.services.runs
        .events({ runId, limit: 50 })
        .find((e) => e.kind === 'ORDER' && e.message.startsWith('entry'))!;
      return orders.find((o) => o.clientOrderId === own.clientOrderId)!;
    };
    const costOf = (o: OrderView) => Number(o.filled) * Number(o.averageFillPrice);
    expect(costOf(await entry(a.runId))).toBeGreaterThan(95);
    expect(costOf(await entry(a.runId))).toBeLessThan(101);
    expect(costOf(await entry(b.runId))).toBeGreaterThan(190);
    expect(costOf(await entry(b.runId))).toBeLessThan(201);
    // Each sub-account holds only its own position and paid only its own fees.
    expect(Number(small.positionQuantity)).toBeCloseTo(Number((await entry(a.runId)).filled), 12);
    expect(Number(small.cash)).toBeCloseTo(1000 - costOf(await entry(a.runId)) - Number(small.fees), 1);
    expect(Number(large.fees)).toBeGreaterThan(Number(small.fees));
    expect(board.map((r) => r.returnPercent)).toEqual([...board.map((r) => r.returnPercent)].sort((x, y) => y - x));

    await data('strategies.stop', { runId: a.runId });
    const after = await data<LeaderboardRow[]>('arena.leaderboard');
    expect(after.find((r) => r.runId === a.runId)).toMatchObject({ state: 'STOPPED' });
  }, 120_000);

  it("measures the daily loss on the whole account, not on a run's smaller capital", async () => {
    // Once the loss monitor tracks the account (10,000 USD at the start of the day), a run with its
    // own 1,000 must not read as having lost 9,000 (it did: every entry was vetoed by the daily loss).
    await until(
      async () => (await data<{ dailyLoss: unknown }>('risk.overview')).dailyLoss !== null,
      'the loss monitor',
      20_000,
    );
    const run = await data<StrategyRunView>('strategies.activate', {
      id: await strategy('Modest', 'BTC/USD'),
      capital: '1000',
    });
    clock.advance(60_000);
    const state = async () => (await data<StrategyRunView[]>('strategies.runs')).find((r) => r.runId === run.runId)!;
    const vetoes = () => t.core.services.runs.events({ runId: run.runId, limit: 50 }).filter((e) => e.kind === 'VETO');
    await until(async () => (await state()).positionQuantity !== '0' || vetoes().length > 0, 'the entry');
    expect(vetoes().map((e) => e.message)).toEqual([]);
    await data('strategies.stop', { runId: run.runId });
  }, 120_000);

  it("applies the risk rules to a run's own account as well as to the whole account", async () => {
    // 15 % of capital per symbol: a 20 % entry is 2 % of the account but 20 % of the run's 1,000.
    await data('risk.settings.update', { capitalPerSymbol: { enabled: true, percent: 15 } });
    const run = await data<StrategyRunView>('strategies.activate', {
      id: await strategy('Bold', 'BTC/USD', 20),
      capital: '1000',
    });
    clock.advance(60_000);
    const veto = async () =>
      t.core.services.runs.events({ runId: run.runId, limit: 50 }).find((e) => e.kind === 'VETO') ?? null;
    await until(async () => (await veto()) !== null, 'the veto of the entry');
    expect((await veto())!.message).toMatch(/Capital per symbol.*in Bold's own account: .*15 %/);
    expect((await data<StrategyRunView[]>('strategies.runs')).find((r) => r.runId === run.runId)).toMatchObject({
      positionQuantity: '0',
    });
    await data('strategies.stop', { runId: run.runId });
  }, 120_000);
});
