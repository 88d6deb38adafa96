/** The validation gauntlet through the real core: dispatch, the simulator's history, the job worker, SQLite, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../shared/domain/backtest-report.js';
import { GauntletReport } from '../../../../shared/domain/gauntlet.js';
import type { TempCore } from '../../testing/temp-core.js';
import { contractCalls, startWithTemplate, type Failed, type Ok } from './testing/contract-harness.js';

let t: TempCore;
const { call } = contractCalls(() => t);
const progress: JobProgress[] = [];
const DAY = 86_400_000;

let strategyId: string;
beforeAll(async () => {
  ({ t, strategyId } = await startWithTemplate('rsi-mean-reversion', progress));
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe('the gauntlet through the contract', () => {
  it('runs every stage on the simulator history with progress, stores the verdict and audits it', async () => {
    const answer = (await call('strategies.gauntlet', { jobId: 'gauntlet-job-1', id: strategyId, timeframe: '1h' })) as
      Ok<GauntletReport> | Failed;
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    const r = answer.data;
    expect(GauntletReport.parse(r)).toEqual(r);
    expect(r).toMatchObject({ strategyId, symbol: 'BTC/USD', timeframe: '1h', strategyName: 'RSI mean reversion' });
    expect(r.backtest.to - r.backtest.from).toBe(30 * DAY);
    expect(r.backtest.candles).toBeGreaterThan(700);
    expect(r.outOfSample.split).toBeGreaterThan(r.outOfSample.from);
    expect(r.costStress.feeRate).toBeCloseTo(0.002, 12);
    expect(r.stability.total).toBeGreaterThan(0);
    // RSI_oversold is written out as RSI(14) < 30, so its period and threshold move too.
    expect(r.stability.variants.map((v) => v.parameter)).toContain('entryConditions[0]: RSI_oversold -> RSI(14) < 24');
    expect(r.monteCarlo.runs).toBe(1000);
    expect(r.verdict.reasons.length).toBeGreaterThan(0);

    const mine = progress.filter((p) => p.jobId === 'gauntlet-job-1');
    expect(mine[0]!.phase).toBe('candles');
    expect(mine.at(-1)!.phase).toBe('done');
    expect(mine.filter((p) => p.phase === 'running').length).toBeGreaterThan(5);
    const fractions = mine.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    const g = t.core.services.gauntlet;
    expect(g.gauntletVerdict(strategyId, 'BTC/USD', '1h')).toEqual({ grade: r.verdict.grade, ranAt: r.ranAt });
    expect(g.gauntletVerdict(strategyId, 'BTC/USD', '4h')).toBeNull();
    expect(g.latest(strategyId, 'BTC/USD', '1h')).toEqual(JSON.parse(JSON.stringify(r)));
    const audited = t.core.services.audit.query({ kinds: ['strategy.gauntlet'] });
    expect(audited[0]).toMatchObject({ kind: 'strategy.gauntlet', details: { strategyId, verdict: r.verdict.grade } });
  }, 120_000);

  it('runs an unsaved definition for the AI service without storing it, reporting progress to its callback', async () => {
    const definition = ((await call('strategies.get', { id: strategyId })) as Ok<{ definition: object }>).data
      .definition;
    const seen: number[] = [];
    const r = await t.core.services.gauntlet.runGauntletFor(
      { definition: { ...definition, name: 'generated' } },
      'ETH/USD',
      '4h',
      'gauntlet-job-2',
      (f) => seen.push(f),
    );
    expect(r).toMatchObject({ strategyId: 'unsaved', strategyName: 'generated', symbol: 'ETH/USD', timeframe: '4h' });
    expect(seen.at(-1)).toBe(1);
    expect(t.core.services.gauntlet.gauntletVerdict('unsaved', 'ETH/USD', '4h')).toBeNull();
  }, 120_000);

  it('runs a grid strategy (the ATR grid template) through every stage and stores its verdict', async () => {
    const grid = (await call('strategies.create', { templateId: 'atr-grid' })) as Ok<{ id: string }>;
    const answer = (await call('strategies.gauntlet', {
      jobId: 'gauntlet-job-grid',
      id: grid.data.id,
      timeframe: '1h',
    })) as Ok<GauntletReport> | Failed;
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    const r = answer.data;
    expect(GauntletReport.parse(r)).toEqual(r);
    expect(r).toMatchObject({ strategyId: grid.data.id, strategyName: 'ATR grid', timeframe: '1h' });
    expect(r.backtest.to - r.backtest.from).toBe(30 * DAY);
    expect(r.backtest.trades.every((t) => ['GRID', 'STOP', 'END'].includes(t.reason))).toBe(true);
    const moved = r.stability.variants.map((v) => v.parameter);
    expect(moved).toContain('levelsPerSide: 5 -> 4');
    expect(moved).toContain('spacingAtrMultiple: 1.5 -> 1.8');
    expect(r.verdict.reasons.length).toBeGreaterThan(0);
    expect(t.core.services.gauntlet.gauntletVerdict(grid.data.id, 'BTC/USD', '1h')).toEqual({
      grade: r.verdict.grade,
      ranAt: r.ranAt,
    });
  }, 120_000);

  it('is cancelled by strategies.cancelJob, and refuses an unknown strategy', async () => {
    const running = call('strategies.gauntlet', { jobId: 'gauntlet-job-3', id: strategyId, timeframe: '5m' });
    await new Promise<void>((resolve) => {
      const stop = t.core.events.subscribe((name, payload) => {
        if (name === 'strategies.progress' && (payload as JobProgress).jobId === 'gauntlet-job-3') {
          stop();
          resolve();
        }
      });
    });
    expect(await call('strategies.cancelJob', { jobId: 'gauntlet-job-3' })).toEqual({
      ok: true,
      data: { cancelled: true },
    });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('strategies.gauntlet', { jobId: 'gauntlet-job-4', id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  }, 120_000);
});
