// A sweep started in the app runs on the BullMQ workers of the Redis server set in Settings (a real
// redis-server, a worker in this process): refused while no worker is connected, and then the same
// results as this computer's pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizeEstimate, SweepResultView, SweepStatusView } from '../../../../shared/domain/optimize.js';
import { serveSweepQueue } from '../../../adapters/workers/sweep-queue.js';
import { startTestRedis, type TestRedis } from '../../../adapters/workers/redis-test-server.js';
import type { TempCore } from '../../testing/temp-core.js';
import { contractCalls, SIM_START, startWithTemplate, type Failed } from '../strategies/testing/contract-harness.js';
import { sweepEnded } from './sweep-test-helpers.js';

let t: TempCore;
let redis: TestRedis;
const { call, data } = contractCalls(() => t);
let strategyId: string;

const request = () => ({
  strategyId,
  to: SIM_START,
  days: 30,
  ranges: [
    { name: 'RSI(14).period', range: '10:18:4' },
    { name: 'stopLossPercent', range: '2,3' },
  ],
});

async function rows(sweepId: string) {
  const result = await data<SweepResultView>('optimize.result', { sweepId });
  return [...result.rows].sort((a, b) => a.index - b.index).map((r) => ({ values: r.values, metrics: r.metrics }));
}

beforeAll(async () => {
  redis = await startTestRedis();
  ({ t, strategyId } = await startWithTemplate('rsi-mean-reversion', []));
}, 120_000);
afterAll(async () => {
  await t.cleanup();
  await redis.stop();
});

describe('app sweeps on a Redis server', () => {
  it('refuses an address that is not a Redis server, saying what to write', async () => {
    const r = (await call('settings.update', { sweepRedisUrl: 'http://127.0.0.1:6379' })) as {
      ok: boolean;
      error?: Failed['error'];
    };
    expect(r.ok).toBe(false);
    expect(r.error!.message).toContain('redis://HOST:PORT');
  });

  it("runs on the Redis server's workers with the local pool's results; without a worker it says how to start one", async () => {
    const local = await data<SweepStatusView>('optimize.start', request());
    expect(await sweepEnded(data, local.sweepId)).toMatchObject({ status: 'DONE', done: 6 });

    await data('settings.update', { sweepRedisUrl: redis.url });
    const estimate = await data<OptimizeEstimate>('optimize.estimate', request());
    expect(estimate.redisUrl).toBe(redis.url);

    const started = await data<SweepStatusView>('optimize.start', request());
    const failed = await sweepEnded(data, started.sweepId);
    expect(failed).toMatchObject({ status: 'FAILED', resumable: true });
    expect(failed.detail).toContain(`no sweep worker is connected to ${redis.url}`);
    expect(failed.detail).toContain(`npm run worker -- --redis ${redis.url}`);

    const worker = serveSweepQueue({ url: redis.url });
    try {
      await worker.ready;
      await data<SweepStatusView>('optimize.resume', { sweepId: started.sweepId });
      expect(await sweepEnded(data, started.sweepId)).toMatchObject({ status: 'DONE', done: 6, total: 6 });
      expect(await rows(started.sweepId)).toEqual(await rows(local.sweepId));
    } finally {
      await worker.close();
      await data('settings.update', { sweepRedisUrl: null });
    }
  }, 120_000);
});
