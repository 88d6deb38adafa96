// Sweeps over BullMQ on a real redis-server (the Debian package) with two real worker processes,
// one of them killed mid-chunk: the results equal a local run, each set counted once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/risk.js';
import { BacktestSettings, Strategy } from '../../../shared/domain/strategy.js';
import { createManualClock } from '../../engine/clock.js';
import { simulatedHistory } from '../../engine/gauntlet/test-candles.js';
import type { SetResult } from '../../engine/optimize/evaluate.js';
import { gridSets, parseRanges } from '../../engine/optimize/ranges.js';
import { parameterSpace } from '../../engine/optimize/space.js';
import { evaluatorFor, runSweep, type SweepConfig } from '../../engine/optimize/sweep.js';
import { startTestRedis, waitFor, type TestRedis } from './redis-test-server.js';
import { createRedisExecutor } from './sweep-queue.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const strategy = Strategy.parse({
  name: 'SMA cross + RSI',
  symbols: ['BTC/USD'],
  timeframe: '15m',
  entryConditions: ['SMA_10_crossover_SMA_30', 'RSI(14) < 70'],
  exitConditions: ['SMA(10) crosses below SMA(30)'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
  riskLevel: 'MEDIUM',
});
const candles = simulatedHistory(90, '15m');
const config: SweepConfig = {
  strategy,
  settings: BacktestSettings.parse({}),
  risk: DEFAULT_RISK_SETTINGS,
  accounting: 'exact',
  shareSeries: true,
  blocks: 8,
};
const sets = gridSets(
  parseRanges(
    ['SMA(10).period=5:12:1', 'SMA(30).period=20,30,40', 'takeProfitPercent=3,6'],
    parameterSpace(strategy).parameters,
  ),
);
const whole = { from: 0, to: candles.length, tradeFrom: 0 };

let redis: TestRedis;
let url: string;
const workers: { proc: ChildProcess; chunks: number }[] = [];

function startWorker(): { proc: ChildProcess; chunks: number; ready: Promise<void> } {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'electron/adapters/workers/sweep-queue-main.ts'),
      '--redis',
      url,
      '--lock-ms',
      '2000',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const w = { proc, chunks: 0, ready: Promise.resolve() };
  let out = '';
  w.ready = new Promise((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      w.chunks = (out.match(/^chunk of/gm) ?? []).length;
      if (out.includes('sweep worker ready')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`a worker exited (${code}) before it was ready`)));
  });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  redis = await startTestRedis();
  url = redis.url;
}, 90_000);

afterAll(async () => {
  for (const w of workers) w.proc.kill('SIGKILL');
  await redis.stop();
});

describe('sweeps over BullMQ on Redis', () => {
  it('gives the local results when a worker is killed mid-chunk: its chunk is retried, no set counted twice', async () => {
    const a = startWorker();
    const b = startWorker();
    await Promise.all([a.ready, b.ready]);
    const executor = await createRedisExecutor({ url, columns: candles, config, concurrency: 4 });
    const delivered: SetResult[] = [];
    let killed = false;
    try {
      const running = runSweep({
        executor,
        window: whole,
        sets,
        chunkSize: 4,
        onResults: (r) => delivered.push(...r),
        clock: createManualClock(),
      });
      // Kill worker a as soon as it has started its second chunk (it prints when a chunk starts).
      await waitFor(() => a.chunks >= 2, 'worker a to take a second chunk');
      a.proc.kill('SIGKILL');
      killed = true;
      const results = await running;
      expect(results).toHaveLength(48);
      expect(new Set(delivered.map((r) => r.index)).size).toBe(delivered.length);
      expect(delivered).toHaveLength(48);
      const local = evaluatorFor(config, candles);
      for (const [i, values] of sets.entries())
        expect(results[i]!.metrics).toEqual(local.run(i, values, whole).metrics);
      // 12 chunks; the killed worker's chunk ran again on b.
      expect(a.chunks + b.chunks).toBeGreaterThan(12);
    } finally {
      await executor.close();
      expect(killed).toBe(true);
    }
  }, 180_000);
});
