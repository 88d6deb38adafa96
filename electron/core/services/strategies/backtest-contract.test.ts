/** Backtests through the real core (dispatch, SQLite, the simulator's history, the job worker). */
import type { SavedStrategy } from '../../../../shared/domain/strategy-library.js';
import { QUALITY_GRADES } from '../../../../shared/domain/strategy.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestReport, type JobProgress } from '../../../../shared/domain/backtest-report.js';
import type { TempCore } from '../../testing/temp-core.js';
import { contractCalls, startWithTemplate, type Failed, type Ok } from './testing/contract-harness.js';

let t: TempCore;
const { call } = contractCalls(() => t);
const progress: JobProgress[] = [];
let jobs = 0;
const jobId = () => `contract-job-${++jobs}`;
const DAY = 86_400_000;

async function backtest(input: Record<string, unknown>): Promise<Ok<BacktestReport> | Failed> {
  return (await call('strategies.backtest', { jobId: jobId(), ...input })) as Ok<BacktestReport> | Failed;
}

async function report(input: Record<string, unknown>): Promise<BacktestReport> {
  const answer = await backtest(input);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

let strategyId: string;
beforeAll(async () => {
  ({ t, strategyId } = await startWithTemplate('sma-trend-following', progress));
}, 120_000);
afterAll(async () => {
  await t.cleanup();
});

describe('backtests through the contract', () => {
  it('backtests a saved strategy on the simulator history, with progress in order, and stores the summary', async () => {
    const r = await report({ id: strategyId, timeframe: '1h' });
    expect(BacktestReport.parse(r)).toEqual(r);
    expect(r).toMatchObject({ strategyId, strategyName: 'SMA trend following', symbol: 'BTC/USD', risk: 'default' });
    expect(r.to - r.from).toBe(30 * DAY);
    expect(r.candles).toBeGreaterThanOrEqual(710);
    expect(QUALITY_GRADES).toContain(r.grade.grade);
    expect(r.metrics.initialCapital).toBe(10_000);
    // No fee asked for: the simulated exchange's taker fee (0.26 %), the venue the strategy would run on.
    expect(r.settings.feeRate).toBe(0.0026);
    expect(r.equity.value).toHaveLength(r.candles);
    expect(r.drawdown.value.every((d) => d <= 0)).toBe(true);
    expect(r.tradesTotal).toBe(r.trades.length);

    const mine = progress.filter((p) => p.jobId === r.jobId);
    expect(mine.map((p) => p.phase)).toEqual(['candles', 'running', 'running', 'running', 'done']);
    const fractions = mine.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    const saved = (await call('strategies.get', { id: strategyId })) as Ok<{ backtests: unknown[] }>;
    expect(saved.data.backtests).toEqual([
      expect.objectContaining({ symbol: 'BTC/USD', timeframe: '1h', grade: r.grade.grade, candles: r.candles }),
    ]);
  });

  it('backtests an unsaved definition on another symbol, and refuses bad requests naming the field', async () => {
    const definition = ((await call('strategies.get', { id: strategyId })) as Ok<{ definition: object }>).data
      .definition;
    const r = await report({ definition, symbol: 'ETH/USD', timeframe: '4h', capital: 5_000 });
    expect(r).toMatchObject({ strategyId: null, symbol: 'ETH/USD', timeframe: '4h' });
    expect(r.metrics.initialCapital).toBe(5_000);

    expect(await backtest({ id: 'no-such-strategy' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const now = Date.now();
    const range = await backtest({ id: strategyId, from: now - DAY, to: now - 2 * DAY });
    expect(range).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^to: /) },
    });
    expect(await backtest({ id: strategyId, symbol: 'DOGE/USD' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^symbol: .*BTC\/USD/) },
    });
    expect(await backtest({ id: strategyId, feeRate: 0.5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('feeRate') },
    });
  });

  it('backtests a grid strategy', async () => {
    const grid = (await call('strategies.create', { templateId: 'atr-grid' })) as Ok<{ id: string }>;
    const r = await report({ id: grid.data.id, timeframe: '1h' });
    expect(r).toMatchObject({ strategyId: grid.data.id, strategyName: 'ATR grid', timeframe: '1h' });
    expect(r.candles).toBeGreaterThanOrEqual(710);
    expect(r.trades.every((x) => ['GRID', 'STOP', 'END'].includes(x.reason))).toBe(true);
    expect(progress.filter((p) => p.jobId === r.jobId).at(-1)?.phase).toBe('done');
  });

  it('cancels a running backtest (the worker stops); the next backtest still works', async () => {
    const id = jobId();
    let cancelled: Promise<unknown> | null = null;
    const stop = t.core.events.subscribe((name, payload) => {
      const p = payload as JobProgress;
      // The worker's own progress: the job is running in the worker now.
      if (name === 'strategies.progress' && p.jobId === id && p.phase === 'running' && p.fraction > 0.2) {
        cancelled ??= call('strategies.cancelJob', { jobId: id });
      }
    });
    const answer = await call('strategies.backtest', { jobId: id, id: strategyId, timeframe: '1m' });
    stop();
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await cancelled).toEqual({ ok: true, data: { cancelled: true } });
    expect(progress.filter((p) => p.jobId === id).at(-1)?.phase).toBe('cancelled');
    expect(await call('strategies.cancelJob', { jobId: id })).toEqual({ ok: true, data: { cancelled: false } });

    const next = await report({ id: strategyId, timeframe: '1h' });
    expect(next.candles).toBeGreaterThan(0);
  });

  it('applies the risk settings in force unless risk is "off"', async () => {
    // A 1 % capital-per-symbol limit is below the strategy's position size: every entry is vetoed.
    expect(await call('risk.settings.update', { capitalPerSymbol: { percent: 1 } })).toMatchObject({ ok: true });
    const gated = await report({ id: strategyId, timeframe: '1h' });
    const free = await report({ id: strategyId, timeframe: '1h', risk: 'off' });
    expect(free.risk).toBe('off');
    expect(free.tradesTotal).toBeGreaterThan(0);
    expect(free.vetoesTotal).toBe(0);
    expect(gated.tradesTotal).toBe(0);
    expect(gated.vetoesTotal).toBeGreaterThan(0);
    expect(gated.vetoes[0]).toMatchObject({ kind: 'entry', side: 'buy', rule: expect.any(String) as string });
    // Only the gated run counts for activation: the risk-off run's trades are not in the stored summary.
    const saved = await call('strategies.get', { id: strategyId });
    const stored = (saved as { ok: true; data: SavedStrategy }).data.backtests.find((b) => b.timeframe === '1h');
    expect(stored?.trades).toBe(0);
  });
});
