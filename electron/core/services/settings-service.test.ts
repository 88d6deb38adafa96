import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.js';
import { DATABASE_FILE } from '../create-core.js';
import { createTempCore } from '../testing/temp-core.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-settings-'));
  dirs.push(d);
  return d;
}

describe('settings', () => {
  it('starts with the defaults', async () => {
    const t = await createTempCore({ dataDir: tempDir() });
    expect(await t.core.dispatch('settings.get', {}, { transport: 'test' })).toEqual({
      ok: true,
      data: DEFAULT_SETTINGS,
    });
    await t.core.shutdown();
  });

  it('persists an update across a restart and announces it', async () => {
    const dataDir = tempDir();
    const first = await createTempCore({ dataDir });
    const seen: unknown[] = [];
    first.core.events.subscribe((name, payload) => name === 'settings.changed' && seen.push(payload));
    const r = await first.core.dispatch(
      'settings.update',
      { theme: 'light', defaultFeeRate: 0.0026 },
      { transport: 'test' },
    );
    expect(r).toMatchObject({ ok: true, data: { theme: 'light', defaultFeeRate: 0.0026 } });
    expect(seen).toHaveLength(1);
    await first.core.shutdown();

    const second = await createTempCore({ dataDir });
    expect(await second.core.dispatch('settings.get', {}, { transport: 'test' })).toMatchObject({
      ok: true,
      data: { theme: 'light', defaultFeeRate: 0.0026, defaultExchange: 'kraken' },
    });
    await second.core.shutdown();
  });

  it('keeps the stored value when an update is refused', async () => {
    const t = await createTempCore({ dataDir: tempDir() });
    await t.core.dispatch('settings.update', { defaultExchange: 'binance' }, { transport: 'test' });
    const bad = await t.core.dispatch('settings.update', { defaultExchange: 'Not An Id!' }, { transport: 'test' });
    expect(bad.ok).toBe(false);
    expect(await t.core.dispatch('settings.get', {}, { transport: 'test' })).toMatchObject({
      data: { defaultExchange: 'binance' },
    });
    await t.core.shutdown();
  });

  it('falls back to the default for a stored value that no longer validates', async () => {
    const dataDir = tempDir();
    await (await createTempCore({ dataDir })).core.shutdown();
    const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('defaultFeeRate', '7', 0)").run();
    db.close();
    const t = await createTempCore({ dataDir });
    expect(await t.core.dispatch('settings.get', {}, { transport: 'test' })).toMatchObject({
      data: { defaultFeeRate: DEFAULT_SETTINGS.defaultFeeRate },
    });
    await t.core.shutdown();
  });
});
