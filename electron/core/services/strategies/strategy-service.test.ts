import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { STRATEGY_TEMPLATES, Strategy } from '../../../../shared/domain/strategy.js';
import { createBacktestWorker } from '../../../adapters/workers/backtest-worker.js';
import { columnsFromCandles, runBacktest } from '../../../engine/backtest/index.js';
import { parseCandleCsv } from '../../../engine/market/csv.js';
import type { OhlcvColumns } from '../../../engine/strategy/columns.js';
import { migrate } from '../../../persistence/migration.js';
import { MIGRATIONS } from '../../../persistence/migrations/index.js';
import { createStrategyRepo } from '../../../persistence/repositories/strategy-repo.js';
import {
  BacktestReport,
  BacktestRequest,
  type BacktestRequestInput,
  type JobProgress,
} from '../../../../shared/domain/backtest-report.js';
import { createJobRegistry } from './backtest-jobs.js';
import { tradeView } from './report-view.js';
import { createStrategyService, downsample, MAX_POINTS, type StrategyService } from './strategy-service.js';

const CSV = new URL('../../../engine/backtest/fixtures/btc-1h-90d.csv', import.meta.url);
const ALL = columnsFromCandles(parseCandleCsv(fs.readFileSync(CSV, 'utf8')).candles);
const END = ALL.time[ALL.length - 1]! + 3_600_000;

/** The fixture's candles in [from, to), copied (the worker takes ownership of what it is sent). */
function fixtureCandles({ from, to }: { from: number; to: number }): Promise<OhlcvColumns> {
  const idx: number[] = [];
  for (let i = 0; i < ALL.length; i++) if (ALL.time[i]! >= from && ALL.time[i]! < to) idx.push(i);
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]!);
  return Promise.resolve({
    length: idx.length,
    time: pick(ALL.time),
    open: pick(ALL.open),
    high: pick(ALL.high),
    low: pick(ALL.low),
    close: pick(ALL.close),
    volume: pick(ALL.volume),
  });
}

const worker = createBacktestWorker();
afterAll(() => worker.close());
let service: StrategyService;
const progress: JobProgress[] = [];
let jobs = 0;
const request = (fields: Omit<BacktestRequestInput, 'jobId'>) =>
  BacktestRequest.parse({ jobId: `job-000${++jobs}`, ...fields });
let ids = 0;
beforeEach(() => {
  const db = new BetterSqlite3(':memory:');
  migrate(db, MIGRATIONS);
  service = createStrategyService({
    repo: createStrategyRepo(db),
    now: () => END,
    newId: () => `s${++ids}`,
    backtests: { candles: fixtureCandles, run: (job, control) => worker.run(job, control) },
    jobs: createJobRegistry((p) => progress.push(p)),
  });
  progress.length = 0;
});

const sma = STRATEGY_TEMPLATES.find((t) => t.id === 'sma-trend-following')!;

describe('strategy service', () => {
  it('creates from a template or JSON, updates, duplicates, lists and deletes', () => {
    const a = service.create({ templateId: 'sma-trend-following' });
    expect(a.name).toBe('SMA trend following');
    const b = service.create({ definition: { ...sma.strategy, name: 'Mine' } });
    expect(service.update(b.id, { ...sma.strategy, name: 'Mine 2' }).name).toBe('Mine 2');
    const c = service.duplicate(a.id);
    expect(c.name).toBe('SMA trend following (copy)');
    expect(service.list()).toHaveLength(3);
    service.delete(a.id);
    expect(() => service.get(a.id)).toThrow(AppError);
    expect(() => service.create({ templateId: 'nope' })).toThrow(/no template "nope"/);
  });

  it('validates with the path, the position in the condition and a suggestion', () => {
    const v = service.validate({ ...sma.strategy, entryConditions: ['SMA(20) crosses above SMB(50)'] });
    expect(v).toEqual({
      ok: false,
      issues: [
        {
          path: ['entryConditions', 0],
          message: expect.stringContaining('SMB') as string,
          position: { offset: 22, length: 3, line: 1, column: 23 },
          suggestion: 'SMA',
        },
      ],
    });
    expect(service.validate({ ...sma.strategy, stopLossPercent: 11 })).toMatchObject({
      ok: false,
      issues: [{ path: ['stopLossPercent'], position: null }],
    });
    expect(service.validate(sma.strategy).ok).toBe(true);
    expect(() => service.create({ definition: { ...sma.strategy, entryConditions: ['RSI > 120'] } })).toThrow(
      /entryConditions\.0 \(line 1, column \d+\)/,
    );
  });

  it('backtests a saved strategy in the worker (the last 30 days by default), as runBacktest does, and stores the summary', async () => {
    const saved = service.create({ templateId: 'sma-trend-following' });
    const report = await service.backtest(request({ id: saved.id, symbol: 'BTC/USD' }));
    expect(progress.map((p) => [p.phase, p.fraction])).toEqual([
      ['candles', 0],
      ['running', 0.2],
      ['running', 0.2 + 0.75 * 0.5],
      ['running', 0.95],
      ['done', 1],
    ]);
    expect(progress.every((p) => p.jobId === report.jobId)).toBe(true);
    expect([report.from, report.to, report.candles]).toEqual([END - 30 * 86_400_000, END, 720]);
    const direct = runBacktest({
      strategy: Strategy.parse(sma.strategy),
      candles: await fixtureCandles({ from: report.from, to: report.to }),
      settings: report.settings,
    });
    expect(report.metrics).toEqual(direct.metrics);
    expect(report.trades).toEqual(direct.trades.map(tradeView));
    // What a trade paid in and out is one figure.
    expect(report.trades[0]!.fees).toBe(direct.trades[0]!.entryFee + direct.trades[0]!.exitFee);
    expect(report.tradesTotal).toBe(direct.trades.length);
    expect(BacktestReport.parse(report)).toEqual(report);
    expect(report.grade).toEqual(direct.grade);
    expect(report.equity.value).toEqual(Array.from(direct.equity));
    expect(report.drawdown.value.every((d) => d <= 0)).toBe(true);
    expect(Math.min(...report.drawdown.value)).toBeCloseTo(-direct.metrics.maxDrawdownPercent, 9);

    const summary = service.lastBacktest(saved.id, 'BTC/USD', '1h');
    expect(summary).toMatchObject({ grade: direct.grade.grade, trades: direct.metrics.trades, candles: 720 });
    expect(service.get(saved.id).backtests).toHaveLength(1);
    expect(service.lastBacktest(saved.id, 'BTC/USD', '4h')).toBeNull();
  });

  it('refuses bad backtest requests with the field', async () => {
    await expect(service.backtest(request({ definition: { ...sma.strategy, symbols: [] } }))).rejects.toThrow(
      /symbols/,
    );
    await expect(service.backtest(request({ definition: sma.strategy, from: 10, to: 5 }))).rejects.toThrow(/^to: /);
    await expect(
      service.backtest(request({ definition: { ...sma.strategy, timeframe: '1m' }, from: 0, to: END })),
    ).rejects.toThrow(/^from: .*more than 1000000/);
    expect(progress).toEqual([]); // refused before the job started
  });

  it('downsamples to at most 2,000 points, keeping the deepest drawdown', () => {
    const n = 1_000_000;
    const equity = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 1000) * 10);
    equity[123_457] = 50;
    const s = downsample(equity, (i) => i, 100);
    expect(s.equity.value.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(s.equity.value.at(-1)).toBe(equity[n - 1]);
    expect(Math.min(...s.drawdown.value)).toBeCloseTo(-((110 - 50) / 110) * 100, 3);
  });
});
