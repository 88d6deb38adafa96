// `npm run cli -- optimize` as a user runs it: a child process on the golden candle fixture.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../shared/domain/risk.js';
import { GridStrategy, Strategy } from '../../shared/domain/strategy.js';
import { columnsFromCandles, riskGateForBacktest, runBacktest } from '../engine/backtest/index.js';
import { runGridBacktest } from '../engine/grid/backtest.js';
import { ATR_GRID } from '../engine/grid/test-helpers.js';
import { parseCandleCsv } from '../engine/market/csv.js';
import { runCli } from './run.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CANDLES = path.join(ROOT, 'electron/engine/backtest/fixtures/btc-1h-90d.csv');
const strategy = Strategy.parse({
  name: 'SMA cross + RSI',
  symbols: ['BTC/USD'],
  timeframe: '1h',
  entryConditions: ['SMA_10_crossover_SMA_30', 'RSI(14) < 70'],
  exitConditions: ['SMA(10) crosses below SMA(30)'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
});
let dir: string;
let strategyFile: string;

type Run = { code: number; stdout: string; stderr: string };
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), 'optimize', ...args],
      { cwd: ROOT, env: { ...process.env, WORKSTATION_DATA_DIR: dir }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** In this process (usage and listing: no sweep runs). */
async function inProcess(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (t: string) => void) =>
    ({ write: (t: string) => (add(t), true) }) as unknown as NodeJS.WritableStream;
  const code = await runCli(['optimize', ...args], {
    stdout: sink((t) => (stdout += t)) as never,
    stderr: sink((t) => (stderr += t)) as never,
    env: { WORKSTATION_DATA_DIR: dir },
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optimize-cli-'));
  strategyFile = path.join(dir, 'strategy.json');
  fs.writeFileSync(strategyFile, JSON.stringify(strategy));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type SetJson = {
  index: number;
  values: Record<string, number>;
  metrics: { trades: number; netProfit: number; sharpe: number };
};

describe('npm run cli -- optimize', () => {
  it('lists the parameter names a --param takes', async () => {
    const r = await inProcess('--strategy', strategyFile, '--list');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SMA(10).period = 10 (whole numbers)');
    expect(r.stdout).toContain('entryConditions[1].threshold1 = 70');
  });

  it('sweeps a grid on all workers; the best set is what a single backtest with its parameters gives', async () => {
    const r = await cli(
      '--strategy',
      strategyFile,
      '--candles',
      CANDLES,
      '--param',
      'SMA(10).period=5:15:5',
      '--param',
      'SMA(30).period=20,40',
      '--objective',
      'netProfit',
      '--workers',
      '2',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { total: number; best: SetJson; top: SetJson[]; pbo: { pbo: number } };
    expect(out.total).toBe(6);
    expect(out.top.map((s) => s.metrics.netProfit)).toEqual(
      [...out.top.map((s) => s.metrics.netProfit)].sort((a, b) => b - a),
    );
    const fast = out.best.values['SMA(10).period']!;
    const slow = out.best.values['SMA(30).period']!;
    const single = runBacktest({
      strategy: {
        ...strategy,
        entryConditions: [`SMA_${fast}_crossover_SMA_${slow}`, 'RSI(14) < 70'],
        exitConditions: [`SMA(${fast}) crosses below SMA(${slow})`],
      },
      candles: columnsFromCandles(parseCandleCsv(fs.readFileSync(CANDLES, 'utf8')).candles),
      gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
    });
    expect(out.best.metrics.netProfit).toBe(single.metrics.netProfit);
    expect(out.best.metrics.trades).toBe(single.metrics.trades);
    expect(out.pbo.pbo).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it("sweeps a grid strategy's own numbers; its best set is what a single grid backtest gives", async () => {
    const gridFile = path.join(dir, 'grid.json');
    fs.writeFileSync(gridFile, JSON.stringify(ATR_GRID));
    const listed = await inProcess('--strategy', gridFile, '--list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('levelsPerSide = 3 (whole numbers)');
    const r = await cli(
      '--strategy',
      gridFile,
      '--candles',
      CANDLES,
      '--param',
      'levelsPerSide=2,4',
      '--param',
      'spacingAtrMultiple=0.5,1.5',
      '--objective',
      'netProfit',
      '--workers',
      '1',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { total: number; best: SetJson };
    expect(out.total).toBe(4);
    const single = runGridBacktest({
      strategy: GridStrategy.parse({ ...ATR_GRID, ...out.best.values }),
      candles: columnsFromCandles(parseCandleCsv(fs.readFileSync(CANDLES, 'utf8')).candles),
      gate: riskGateForBacktest(DEFAULT_RISK_SETTINGS),
    });
    expect(single.metrics.trades).toBeGreaterThan(0);
    expect(out.best.metrics.netProfit).toBe(single.metrics.netProfit);
    expect(out.best.metrics.trades).toBe(single.metrics.trades);
  }, 120_000);

  it('walks forward: the verdict first, every window with its chosen set, efficiency and drift', async () => {
    const r = await cli(
      '--strategy',
      strategyFile,
      '--candles',
      CANDLES,
      '--param',
      'SMA(10).period=5,10',
      '--param',
      'takeProfitPercent=3,6',
      '--walk-forward',
      'is=30d,oos=15d',
      '--workers',
      '1',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^(PASSED|FAILED) out of sample/);
    expect(r.stdout).toMatch(/walk-forward efficiency: /);
    expect(r.stdout).toMatch(/parameter drift/);
    expect(r.stdout).toMatch(/ {2}SMA\(10\)\.period: \d+ -> \d+ -> \d+ -> \d+ \(\d changes/);
  }, 120_000);

  it('stores results as they arrive: a sweep killed mid-way resumes to the result of an uninterrupted run', async () => {
    const sweep = [
      '--strategy',
      strategyFile,
      '--candles',
      CANDLES,
      '--param',
      'SMA(10).period=5:14:1',
      '--param',
      'SMA(30).period=20:70:10',
      '--workers',
      '1',
      '--json',
    ];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), 'optimize', ...sweep],
      {
        cwd: ROOT,
        env: { ...process.env, WORKSTATION_DATA_DIR: dir },
      },
    );
    let stderr = '';
    const killed = await new Promise<{ id: string; done: number }>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const id = /sweep ([0-9a-f-]{36})/.exec(stderr)?.[1];
        const done = [...stderr.matchAll(/^(\d+)\/60 sets/gm)].map((m) => Number(m[1])).at(-1) ?? 0;
        if (id && done > 0 && done < 60) {
          child.kill('SIGKILL');
          resolve({ id, done });
        }
      });
      child.on('exit', () => reject(new Error(`the sweep ended before it could be killed: ${stderr}`)));
    });
    const resumed = await cli('--resume', killed.id, '--workers', '2', '--json');
    expect(resumed.code).toBe(0);
    // Its first progress line counts the stored results: only the rest ran again.
    const first = Number(/^(\d+)\/60 sets/m.exec(resumed.stderr)![1]);
    expect(first).toBeGreaterThanOrEqual(killed.done);
    const straight = await cli(...sweep);
    const pick = (text: string) => {
      const o = JSON.parse(text) as {
        total: number;
        best: unknown;
        top: unknown;
        pbo: unknown;
        deflatedSharpe: unknown;
      };
      return { total: o.total, best: o.best, top: o.top, pbo: o.pbo, dsr: o.deflatedSharpe };
    };
    expect(pick(resumed.stdout)).toEqual(pick(straight.stdout));
    const again = await cli('--resume', killed.id);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`sweep ${killed.id} is complete; run it again without --resume`);
  }, 240_000);

  it('says what to write when a range or a name is wrong', async () => {
    const bad = await inProcess('--strategy', strategyFile, '--candles', CANDLES, '--param', 'fast=5:10:1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the strategy has no parameter "fast"; its parameters: stopLossPercent');
    const wf = await inProcess(
      '--strategy',
      strategyFile,
      '--candles',
      CANDLES,
      '--param',
      'SMA(10).period=5,10',
      '--walk-forward',
      'is=60,oos=15d',
    );
    expect(wf.code).toBe(2);
    expect(wf.stderr).toContain('"60" is not a duration; write e.g. 60d');
  });
});
