import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../engine/clock.js';
import { createTempCore, type TempCore } from '../testing/temp-core.js';
import { DAY_MS } from './retention-service.js';

const NOW = 1_750_000_000_000;
let t: TempCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe('log retention', () => {
  it('removes log entries and rotated files older than the retention age, logs it, and never touches the audit trail', async () => {
    const clock = createManualClock(NOW);
    t = await createTempCore({ clock });
    const { services } = t.core;
    await t.core.dispatch('settings.update', { theme: 'light' }, { transport: 'test' }); // one audit entry, now
    for (const age of [40, 35, 31, 29, 1]) {
      services.logStore.append({
        time: NOW - age * DAY_MS,
        level: 'info',
        category: 'engine',
        message: `${age} days old`,
        symbol: null,
        context: {},
      });
    }
    const logDir = path.join(t.dataDir, 'logs');
    fs.writeFileSync(path.join(logDir, 'workstation3.log'), '{}\n');
    fs.utimesSync(path.join(logDir, 'workstation3.log'), new Date(NOW - 45 * DAY_MS), new Date(NOW - 45 * DAY_MS));
    fs.writeFileSync(path.join(logDir, 'workstation1.log'), '{}\n');
    fs.utimesSync(path.join(logDir, 'workstation1.log'), new Date(NOW - DAY_MS), new Date(NOW - DAY_MS));

    const outcome = await services.retention.pruneNow();
    expect(outcome).toEqual({ entries: 3, files: ['workstation3.log'], before: NOW - 30 * DAY_MS });
    const left = services.logStore.query({ text: 'days old' }).map((e) => e.message);
    expect(left).toEqual(['1 days old', '29 days old']);
    expect(fs.existsSync(path.join(logDir, 'workstation1.log'))).toBe(true);
    expect(fs.existsSync(path.join(logDir, 'workstation.log'))).toBe(true);
    expect(services.logStore.query({ text: 'log retention: removed 3 log entries' })).toHaveLength(1);
    expect(services.audit.query({ kinds: ['setting.changed'] })).toHaveLength(1);
    expect(services.retention.lastPrune()).toEqual({ at: NOW, entries: 3 });
  });

  it('applies changed retention settings: a shorter age prunes at once, the file limits take effect', async () => {
    const clock = createManualClock(NOW);
    t = await createTempCore({ clock });
    const { services } = t.core;
    services.logStore.append({
      time: NOW - 10 * DAY_MS,
      level: 'info',
      category: 'engine',
      message: 'ten days',
      symbol: null,
      context: {},
    });
    const r = await t.core.dispatch(
      'settings.update',
      { logRetentionDays: 7, logMaxFileMb: 1, logMaxFiles: 2 },
      { transport: 'test' },
    );
    expect(r).toMatchObject({ ok: true, data: { logRetentionDays: 7, logMaxFileMb: 1, logMaxFiles: 2 } });
    await expect.poll(() => services.logStore.query({ text: 'ten days' }).length).toBe(0);
    // Three changes, three audit entries (old and new values).
    expect(
      services.audit
        .query({ kinds: ['setting.changed'] })
        .map((e) => e.details.setting)
        .sort(),
    ).toEqual(['logMaxFileMb', 'logMaxFiles', 'logRetentionDays']);
    // 1 MB files, 2 kept: write ~3 MB of log lines and count the files.
    const line = 'x'.repeat(2000);
    for (let i = 0; i < 1600; i += 1) t.core.logger.info('engine', line);
    const files = fs.readdirSync(path.join(t.dataDir, 'logs')).filter((f) => f.endsWith('.log'));
    expect(files.sort()).toEqual(['workstation.log', 'workstation1.log']);
  });

  it('refuses retention settings out of range, naming the range', async () => {
    t = await createTempCore();
    const r = await t.core.dispatch('settings.update', { logRetentionDays: 0 }, { transport: 'test' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: /logRetentionDays: logs are kept at least 1 day/ },
    });
    const big = await t.core.dispatch('settings.update', { logMaxFileMb: 5000 }, { transport: 'test' });
    expect(big).toMatchObject({ ok: false, error: { message: /at most 1024 MB/ } });
  });
});

describe('system.status', () => {
  it('reports what exists, sizes and counts, and "not running" for parts that are not running', async () => {
    t = await createTempCore({ clock: createManualClock(NOW) });
    await t.core.dispatch('settings.update', { theme: 'light' }, { transport: 'test' });
    const r = await t.core.dispatch('system.status', {}, { transport: 'test' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data).toMatchObject({
      appVersion: '0.0.0-test',
      runtime: 'headless',
      time: NOW,
      audit: { entries: expect.any(Number), lastTime: NOW },
      retention: { logRetentionDays: 30 },
      // The market service reports its feed and the order service its recovery queue; the circuit
      // breakers belong to a live exchange adapter, which this simulator core does not run.
      exchange: { state: 'running', connections: [expect.objectContaining({ exchange: 'simulator' })] },
      circuitBreakers: { state: 'not_running', reason: expect.any(String) },
      recoveryQueue: { state: 'running', length: 0 },
      feeds: { state: 'running', feeds: [] },
    });
    const data = r.data as {
      databases: Array<{ name: string; bytes: number }>;
      logStore: { entries: number };
      logFilesBytes: number;
    };
    expect(data.databases.map((d) => d.name)).toEqual(['workstation.db', 'logs.db']);
    for (const d of data.databases) expect(d.bytes).toBeGreaterThan(4096);
    expect(data.logStore.entries).toBeGreaterThan(0);
    expect(data.logFilesBytes).toBeGreaterThan(0);
  });

  it('shows what a later service reports through provide(), and a failing reporter as not running', async () => {
    t = await createTempCore();
    const { status } = t.core.services;
    status.provide('feeds', () => ({
      state: 'running',
      feeds: [
        {
          source: 'simulator',
          symbol: 'BTC/USD',
          timeframe: '1m',
          lastCandleTime: 60_000,
          state: 'live',
          subscribers: 1,
        },
      ],
    }));
    status.provide('recoveryQueue', () => {
      throw new Error('queue locked');
    });
    const s = status.status();
    expect(s.feeds).toEqual({
      state: 'running',
      feeds: [
        {
          source: 'simulator',
          symbol: 'BTC/USD',
          timeframe: '1m',
          lastCandleTime: 60_000,
          state: 'live',
          subscribers: 1,
        },
      ],
    });
    expect(s.recoveryQueue).toEqual({ state: 'not_running', reason: 'its status could not be read: queue locked' });
  });
});
