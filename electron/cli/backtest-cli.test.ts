// `npm run cli -- backtest` as a user runs it: a child process on the golden candle fixture.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../shared/domain/risk.js';
import { STRATEGY_TEMPLATES, Strategy } from '../../shared/domain/strategy.js';
import { approveAll, columnsFromCandles, riskGateForBacktest, runBacktest } from '../engine/backtest/index.js';
import { parseCandleCsv } from '../engine/market/csv.js';
import { backtestJson } from './commands/backtest.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CANDLES = path.join(ROOT, 'electron/engine/backtest/fixtures/btc-1h-90d.csv');
let dir: string;
let strategyFile: string;
const template = STRATEGY_TEMPLATES.find((t) => t.id === 'sma-trend-following')!;
const strategy = Strategy.parse(template.strategy);

type Run = { code: number; stdout: string; stderr: string };
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), 'backtest', ...args],
      { cwd: ROOT, env: { ...process.env, WORKSTATION_DATA_DIR: dir }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** What runBacktest itself gives, through the same JSON the CLI prints. */
function expected(gate = riskGateForBacktest(DEFAULT_RISK_SETTINGS), risk = 'default', settings = {}) {
  const candles = columnsFromCandles(parseCandleCsv(fs.readFileSync(CANDLES, 'utf8')).candles);
  const result = runBacktest({ strategy, candles, gate, settings: { feeRate: 0.001, slippage: 0.0005, ...settings } });
  return JSON.parse(JSON.stringify(backtestJson(result, risk))) as unknown;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-backtest-'));
  strategyFile = write('sma.json', JSON.stringify(template.strategy, null, 2));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- backtest', () => {
  it(
    '--json prints one object whose numbers equal runBacktest with the default risk gate',
    { timeout: 60_000 },
    async () => {
      const run = await cli('--candles', CANDLES, '--strategy', strategyFile, '--json');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as {
        metrics: Record<string, unknown>;
        grade: { grade: string; reasons: string[] };
        trades: Record<string, unknown>[];
        vetoes: unknown[];
      };
      for (const key of [
        'finalEquity',
        'netProfit',
        'netProfitPercent',
        'trades',
        'winRate',
        'profitFactor',
        'maxDrawdownPercent',
        'sharpe',
        'sortino',
      ]) {
        expect(out.metrics).toHaveProperty(key);
      }
      expect(out.grade.grade).toMatch(/^(FAILED|ACCEPTABLE|GOOD|EXCELLENT)$/);
      expect(out.trades.length).toBeGreaterThan(0);
      expect(Object.keys(out.trades[0]!)).toEqual(
        expect.arrayContaining(['entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'quantity', 'pnl', 'reason']),
      );
      expect(out).toEqual(expected());
    },
  );

  it(
    '--risk off, a risk file, fee, slippage, capital and a range are applied as runBacktest applies them',
    { timeout: 90_000 },
    async () => {
      const off = await cli('--candles', CANDLES, '--strategy', strategyFile, '--json', '--risk', 'off');
      expect(JSON.parse(off.stdout)).toEqual(expected(approveAll, 'off'));

      const riskFile = write('risk.json', JSON.stringify({ capitalPerSymbol: { percent: 5 } }));
      const vetoed = await cli('--candles', CANDLES, '--strategy', strategyFile, '--json', '--risk', riskFile);
      const out = JSON.parse(vetoed.stdout) as { vetoes: { rule: string }[]; trades: unknown[] };
      expect(out.trades).toEqual([]);
      expect(out.vetoes.length).toBeGreaterThan(0);
      expect(new Set(out.vetoes.map((v) => v.rule))).toEqual(new Set(['CAPITAL_PER_SYMBOL']));

      const custom = await cli(
        ...['--candles', CANDLES, '--strategy', strategyFile, '--json', '--risk', 'off'],
        ...['--fee', '0.002', '--slippage-bps', '0', '--capital', '5000', '--from', '2024-02-01', '--to', '2024-03-01'],
      );
      const got = JSON.parse(custom.stdout) as { candles: number; start: number; settings: unknown };
      expect(got.candles).toBe(29 * 24);
      expect(got.start).toBe(Date.UTC(2024, 1, 1));
      expect(got.settings).toEqual({ initialCapital: 5000, feeRate: 0.002, slippage: 0 });
    },
  );

  it('prints a readable report without --json', { timeout: 60_000 }, async () => {
    const run = await cli('--candles', CANDLES, '--strategy', strategyFile);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^SMA trend following on BTC\/USD 1h: 2160 candles/);
    expect(run.stdout).toMatch(/grade: (FAILED|ACCEPTABLE|GOOD|EXCELLENT)/);
    expect(run.stdout).toMatch(/max drawdown +[\d.]+ %/);
    expect(run.stdout).toMatch(/trades \(\d+\):/);
  });

  it('explains bad files with their position (exit 1) and bad options (exit 2)', async () => {
    const unknown = write('unknown.json', JSON.stringify({ ...template.strategy, entryConditions: ['SMB(20) > 1'] }));
    const badJson = write('bad.json', '{\n  "name": "x",\n  "symbols": [}\n');
    const range = write('range.json', JSON.stringify({ ...template.strategy, stopLossPercent: 90 }));
    const csv = write(
      'bad.csv',
      'time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,1\n2024-01-01T01:00:00Z,1,0.2,0.5,1.5,1\n',
    );
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['--candles', CANDLES, '--strategy', unknown],
        1,
        /entryConditions\.0 at line 1, column 1: unknown .*"SMB".*did you mean "SMA"/,
      ],
      [['--candles', CANDLES, '--strategy', badJson], 1, /is not valid JSON at line 3, column 15/],
      [['--candles', CANDLES, '--strategy', range], 1, /stopLossPercent: /],
      [['--candles', csv, '--strategy', strategyFile], 1, /line 3: high 0.2 is below low 0.5/],
      [
        ['--candles', path.join(dir, 'missing.csv'), '--strategy', strategyFile],
        1,
        /cannot read the candle file .*ENOENT/,
      ],
      [['--candles', CANDLES], 2, /--strategy FILE.json is required/],
      [['--strategy', strategyFile], 2, /give either --candles/],
      [['--candles', CANDLES, '--strategy', strategyFile, '--fee', '0.5'], 2, /--fee: the fee rate is at most 0.05/],
      [['--candles', CANDLES, '--strategy', strategyFile, '--capital', 'lots'], 2, /--capital must be a number/],
      [
        ['--candles', CANDLES, '--strategy', strategyFile, '--from', 'yesterday'],
        2,
        /--from "yesterday" is not a time/,
      ],
    ];
    // Child processes in parallel: each starts Node with tsx (seconds on a busy machine).
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    runs.forEach((run, i) => {
      const [args, code, message] = cases[i]!;
      expect([run.code, run.stderr], args.join(' ')).toEqual([code, expect.stringMatching(message)]);
    });
  }, 120_000);

  it('--exchange simulator backtests the simulator history stored in the data dir', async () => {
    const dataDir = path.join(dir, 'data');
    const run = await cli(
      '--exchange',
      'simulator',
      '--symbol',
      'BTC/USD',
      '--days',
      '10',
      '--strategy',
      strategyFile,
      '--json',
      '--data-dir',
      dataDir,
    );
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { symbol: string; timeframe: string; candles: number };
    expect([out.symbol, out.timeframe]).toEqual(['BTC/USD', '1h']);
    expect(out.candles).toBeGreaterThanOrEqual(239);
    expect(out.candles).toBeLessThanOrEqual(241);
    expect(fs.existsSync(path.join(dataDir, 'workstation.db'))).toBe(true);
  }, 60_000);
});
