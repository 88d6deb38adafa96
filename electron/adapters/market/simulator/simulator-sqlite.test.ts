import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { openDatabase, type Database } from '../../../persistence/database.js';
import { MIGRATIONS } from '../../../persistence/migrations/index.js';
import { createCandleRepo } from '../../../persistence/repositories/candle-repo.js';
import { createSimulatorSource } from './simulator-source.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 6, 1, 9, 30, 10);
const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function tempDb(): Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-sim-'));
  const db = openDatabase({ file: path.join(dir, 'workstation.db'), migrations: MIGRATIONS, synchronous: 'NORMAL' });
  cleanup.push(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

describe('simulator over the SQLite candle repository', () => {
  it('stores its history and live minutes, and a restart continues from them', async () => {
    const store = createCandleRepo(tempDb());
    const scheduler = createManualScheduler(T0);
    const clock = scheduler.clock;
    const first = createSimulatorSource({ seed: 4, clock, store, scheduler, historyDays: 1 });
    expect((await first.start()).generated).toBe(3 * 1440);
    scheduler.advance(2 * MIN);
    await first.close();
    expect(store.count('simulator', 'BTC/USD', '1m')).toBe(1442);

    clock.set(clock.now() + 5 * MIN);
    const second = createSimulatorSource({ seed: 4, clock, store, scheduler, historyDays: 1 });
    expect((await second.start()).generated).toBe(3 * 5);
    const all = store.range('simulator', 'BTC/USD', '1m', 0, Number.MAX_SAFE_INTEGER);
    expect(all).toHaveLength(1447);
    expect(store.gaps('simulator', 'BTC/USD', '1m', all[0]!.time, all.at(-1)!.time)).toEqual([]);
    const candles = await second.fetchCandles({ symbol: 'BTC/USD', timeframe: '15m', from: 0, to: clock.now() });
    expect(candles.length).toBeGreaterThanOrEqual(96);
    await second.close();
  });
});
