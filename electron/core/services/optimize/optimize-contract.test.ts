/** Sweeps through the real core: dispatch, SQLite, the simulator's history, the sweep worker pool. */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../../../shared/domain/backtest-report.js';
import type {
  OptimizeEstimate,
  OptimizeRequestInput,
  OptimizeSpace,
  SweepResultView,
  SweepStatusView,
} from '../../../../shared/domain/optimize.js';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library.js';
import { DATABASE_FILE } from '../../create-core.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';
import { contractCalls, SIM_START, startWithTemplate, type Failed } from '../strategies/testing/contract-harness.js';
import { sweepEnded } from './sweep-test-helpers.js';

let t: TempCore;
const { call, data } = contractCalls(() => t);
let strategyId: string;
const statuses: SweepStatusView[] = [];

/** 30 days of 1h candles up to the simulator's start: the same history on every run. */
const base = (ranges: OptimizeRequestInput['ranges']) => ({ strategyId, to: SIM_START, days: 30, ranges });
const SIX_SETS = [
  { name: 'RSI(14).period', range: '10:18:4' },
  { name: 'stopLossPercent', range: '2,3' },
];

function listen(core: TempCore) {
  core.core.events.subscribe((name, payload) => {
    if (name === 'optimize.progress') statuses.push(payload as SweepStatusView);
  });
}

async function refused(name: string, input: unknown): Promise<Failed['error']> {
  const r = (await call(name, input)) as { ok: boolean; error?: Failed['error'] };
  expect(r.ok).toBe(false);
  return r.error!;
}

beforeAll(async () => {
  ({ t, strategyId } = await startWithTemplate('rsi-mean-reversion', []));
  listen(t);
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe('optimisation through the contract', () => {
  it('lists the parameters with a range to start from, counts and times the sets, and refuses bad input saying what to do', async () => {
    const space = await data<OptimizeSpace>('optimize.space', { strategyId });
    expect(space).toMatchObject({ strategyName: 'RSI mean reversion', symbol: 'BTC/USD', timeframe: '1h' });
    expect(space.parameters).toContainEqual(
      expect.objectContaining({ name: 'RSI(14).period', value: 14, integer: true, defaultRange: '8:20:2' }),
    );
    expect(space.parameters).toContainEqual(
      expect.objectContaining({ name: 'stopLossPercent', value: 3, min: 1, max: 10 }),
    );

    const estimate = await data<OptimizeEstimate>('optimize.estimate', base(SIX_SETS));
    expect(estimate).toMatchObject({ sets: 6, gridSize: 6, windows: 1, to: SIM_START });
    expect(estimate.candles).toBeGreaterThanOrEqual(700);
    expect(estimate.workers).toBeGreaterThanOrEqual(1);
    expect(estimate.estimatedMs).toBeGreaterThan(0);
    const random = await data<OptimizeEstimate>('optimize.estimate', {
      ...base(SIX_SETS),
      method: 'random',
      samples: 4,
    });
    expect(random).toMatchObject({ sets: 4, gridSize: 6 });

    const backwards = await refused('optimize.estimate', base([{ name: 'RSI(14).period', range: '20:10:2' }]));
    expect(backwards).toEqual({
      code: 'invalid_input',
      message: 'ranges: RSI(14).period: the end (10) is below the start (20)',
    });
    const unknown = await refused('optimize.estimate', base([{ name: 'SMA(9).period', range: '5:10:1' }]));
    expect(unknown.message).toMatch(
      /^ranges: the strategy has no parameter "SMA\(9\)\.period"; its parameters: .*RSI\(14\)\.period/,
    );
    const huge = await refused(
      'optimize.estimate',
      base([
        { name: 'RSI(14).period', range: '2:200:1' },
        { name: 'VOLUME_AVG(20).p0', range: '2:1000:1' },
      ]),
    );
    expect(huge.message).toMatch(/the grid has 198801 parameter sets, more than the 20000 .*use larger steps/);
    const noSamples = await refused('optimize.estimate', { ...base(SIX_SETS), method: 'random' });
    expect(noSamples.message).toContain('samples: random search needs samples');
    const tooLong = await refused('optimize.estimate', {
      ...base(SIX_SETS),
      walkForward: { inSampleDays: 25, outOfSampleDays: 10 },
    });
    expect(tooLong.message).toMatch(/^walkForward: one window needs 35 days .* sweep more days or shorten the windows/);
  }, 60_000);

  it("sweeps a grid strategy's own numbers on the worker pool and saves a set as a new grid strategy", async () => {
    const grid = await data<SavedStrategy>('strategies.create', { templateId: 'atr-grid' });
    const space = await data<OptimizeSpace>('optimize.space', { strategyId: grid.id });
    expect(space.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['levelsPerSide', 'spacingAtrMultiple', 'trendFilter.fastEma', 'capitalPerSymbolPercent']),
    );
    const request = {
      strategyId: grid.id,
      to: SIM_START,
      days: 30,
      ranges: [
        { name: 'levelsPerSide', range: '2,4' },
        { name: 'spacingAtrMultiple', range: '0.5,1.5' },
      ],
    };
    const started = await data<SweepStatusView>('optimize.start', request);
    expect(await sweepEnded(data, started.sweepId)).toMatchObject({ status: 'DONE', done: 4, total: 4 });
    const result = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId });
    expect(result.counts).toMatchObject({ total: 4, invalid: 0 });
    const best = result.rows[0]!;
    const saved = await data<SavedStrategy>('optimize.saveAsStrategy', { sweepId: started.sweepId, index: best.index });
    expect(saved.definition).toMatchObject({
      kind: 'grid',
      levelsPerSide: best.values['levelsPerSide'],
      spacingAtrMultiple: best.values['spacingAtrMultiple'],
    });
    expect(saved.backtests).toEqual([]);
  }, 120_000);

  let sweep: SweepResultView;

  it('runs a sweep on the worker pool whose every set equals a single backtest, and saves a set as a new, untested strategy', async () => {
    const started = await data<SweepStatusView>('optimize.start', base(SIX_SETS));
    expect(started).toMatchObject({ status: 'RUNNING', total: 6, windows: 1, strategyName: 'RSI mean reversion' });
    expect(await refused('optimize.start', base(SIX_SETS))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('wait for it or cancel it first') as string,
    });
    expect(await sweepEnded(data, started.sweepId)).toMatchObject({
      status: 'DONE',
      done: 6,
      total: 6,
      resumable: false,
    });
    const mine = statuses.filter((s) => s.sweepId === started.sweepId);
    expect(mine.at(-1)).toMatchObject({ status: 'DONE', done: 6 });
    expect(mine.some((s) => s.status === 'RUNNING' && s.done > 0 && s.etaMs !== null)).toBe(true);

    sweep = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId });
    expect(sweep.counts).toEqual({ total: 6, valid: 6, rejected: 0, invalid: 0 });
    expect(sweep.rows.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const scores = sweep.rows.map((r) => r.score ?? Number.POSITIVE_INFINITY);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(sweep.ranges).toEqual([
      { name: 'RSI(14).period', values: [10, 14, 18] },
      { name: 'stopLossPercent', values: [2, 3] },
    ]);
    expect(sweep.to).toBe(SIM_START);

    const chosen = sweep.rows.find((r) => (r.metrics?.trades ?? 0) > 0)!;
    expect(chosen.metrics!.trades).toBeGreaterThan(0);
    const saved = await data<SavedStrategy>('optimize.saveAsStrategy', {
      sweepId: started.sweepId,
      index: chosen.index,
    });
    expect(saved.id).not.toBe(strategyId);
    expect(saved.backtests).toEqual([]);
    expect(saved.name).toContain(`RSI(14).period=${chosen.values['RSI(14).period']}`);
    expect(saved.definition).toMatchObject({ stopLossPercent: chosen.values['stopLossPercent'] });
    expect(JSON.stringify(saved.definition)).toContain(`RSI(${chosen.values['RSI(14).period']})`);

    // The same set as one backtest over the same candles: the same trades and figures.
    const report = await data<BacktestReport>('strategies.backtest', {
      jobId: 'optimize-identical-1',
      id: saved.id,
      from: sweep.from,
      to: sweep.to,
    });
    expect(report.candles).toBe(sweep.candles);
    const m = chosen.metrics!;
    expect({
      trades: report.metrics.trades,
      netProfit: report.metrics.netProfit,
      finalEquity: report.metrics.finalEquity,
      maxDrawdownPercent: report.metrics.maxDrawdownPercent,
      sharpe: report.metrics.sharpe,
      feesPaid: report.metrics.feesPaid,
    }).toEqual({
      trades: m.trades,
      netProfit: m.netProfit,
      finalEquity: m.finalEquity,
      maxDrawdownPercent: m.maxDrawdownPercent,
      sharpe: m.sharpe,
      feesPaid: m.feesPaid,
    });

    const missing = await refused('optimize.saveAsStrategy', { sweepId: started.sweepId, index: 6 });
    expect(missing).toEqual({ code: 'invalid_input', message: 'index: the sweep has sets 0 to 5, not 6' });
  }, 120_000);

  it('cancels a sweep and resumes it to the result of an uninterrupted one', async () => {
    const started = await data<SweepStatusView>('optimize.start', base(SIX_SETS));
    const cancelled = await data<SweepStatusView>('optimize.cancel', { sweepId: started.sweepId });
    expect(cancelled.sweepId).toBe(started.sweepId);
    const stopped = await sweepEnded(data, started.sweepId);
    expect(stopped).toMatchObject({ status: 'CANCELLED', resumable: true });
    expect(stopped.done).toBeLessThan(6);
    const resumed = await data<SweepStatusView>('optimize.resume', { sweepId: started.sweepId });
    expect(resumed.status).toBe('RUNNING');
    expect(await sweepEnded(data, started.sweepId)).toMatchObject({ status: 'DONE', done: 6 });
    const result = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId });
    expect(result.rows).toEqual(sweep.rows);
    expect(await refused('optimize.resume', { sweepId: started.sweepId })).toMatchObject({ code: 'conflict' });
  }, 120_000);

  it('walks forward, and shows the same walk-forward result after a restart', async () => {
    const request = {
      ...base([{ name: 'RSI(14).period', range: '10:18:4' }]),
      objective: 'netProfit',
      walkForward: { inSampleDays: 10, outOfSampleDays: 5 },
    };
    const estimate = await data<OptimizeEstimate>('optimize.estimate', request);
    expect(estimate).toMatchObject({ sets: 3, windows: 4 });
    const started = await data<SweepStatusView>('optimize.start', request);
    expect(started).toMatchObject({ total: 12, windows: 4 });
    expect(await sweepEnded(data, started.sweepId)).toMatchObject({ status: 'DONE', done: 12, window: 3 });
    const result = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId });
    expect(result.rowsWindow).toBe(3);
    expect(result.rows).toHaveLength(3);
    const wf = result.walkForward!;
    expect(wf.windows).toHaveLength(4);
    expect(wf.verdict.headline).toMatch(/^(PASSED|FAILED) out of sample/);
    expect(wf.equity.time.length).toBeGreaterThan(0);
    expect(wf.drift.map((d) => d.name)).toEqual(['RSI(14).period']);
    const first = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId, window: 0 });
    expect(first.rowsWindow).toBe(0);
    expect(await refused('optimize.result', { sweepId: started.sweepId, window: 4 })).toMatchObject({
      code: 'invalid_input',
    });

    // A restart: the stored in-sample results give the same walk-forward result; nothing is lost.
    const dataDir = t.dataDir;
    await t.core.shutdown();
    t = await createTempCore({ dataDir, simStart: SIM_START });
    listen(t);
    const again = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId });
    expect(again.walkForward).toEqual(wf);
    expect(again.rows).toEqual(result.rows);
    const list = await data<SweepStatusView[]>('optimize.list', {});
    expect(list.map((s) => s.sweepId)).toContain(started.sweepId);
    expect(list.every((s) => s.status !== 'RUNNING')).toBe(true);

    // A sweep the app was killed in the middle of (still RUNNING, its last window's results missing)
    // shows as stopped and resumes to the same result.
    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    db.prepare(`UPDATE sweeps SET status = 'RUNNING' WHERE id = ?`).run(started.sweepId);
    db.prepare(`DELETE FROM sweep_results WHERE sweep_id = ? AND window = 3`).run(started.sweepId);
    db.close();
    expect(await data<SweepStatusView>('optimize.status', { sweepId: started.sweepId })).toMatchObject({
      status: 'CANCELLED',
      done: 9,
      resumable: true,
      detail: 'interrupted when the app stopped: resume it to continue where it stopped',
    });
    await data<SweepStatusView>('optimize.resume', { sweepId: started.sweepId });
    expect(await sweepEnded(data, started.sweepId)).toMatchObject({ status: 'DONE', done: 12, detail: null });
    const resumed = await data<SweepResultView>('optimize.result', { sweepId: started.sweepId });
    expect(resumed.walkForward).toEqual(wf);
  }, 180_000);
});
