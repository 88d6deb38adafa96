import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../adapters/secrets/memory-store.js';
import { parseCsvObjects } from '../../testing/parse-csv.js';
import { createCore, type Core } from '../../create-core.js';
import { createTempCore } from '../../testing/temp-core.js';
import type { SaveFilePrompt } from './export-service.js';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.shutdown();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function desktopCore(prompt: SaveFilePrompt): Promise<{ core: Core; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-save-'));
  dirs.push(dir);
  const core = await createCore({
    dataDir: path.join(dir, 'data'),
    runtime: 'desktop',
    appVersion: '0.0.0-test',
    secretStore: createMemorySecretStore(),
    saveFilePrompt: prompt,
  });
  cores.push(core);
  return { core, dir };
}

describe('export.save (desktop)', () => {
  it('asks where to save with a descriptive name, writes the file and records the export', async () => {
    const asked: unknown[] = [];
    let target = '';
    const { core, dir } = await desktopCore((options) => {
      asked.push(options);
      return Promise.resolve(target);
    });
    target = path.join(dir, 'chosen.csv');
    await core.dispatch('settings.update', { theme: 'light' }, { transport: 'test' });
    const r = await core.dispatch(
      'export.save',
      { kind: 'audit', format: 'csv', filter: { kinds: ['setting.changed'] } },
      { transport: 'test' },
    );
    expect(r).toMatchObject({ ok: true, data: { status: 'saved', file: target, rows: 1 } });
    expect(asked[0]).toMatchObject({
      defaultName: expect.stringMatching(/^workstation-audit-trail-\d{8}T\d{6}Z\.csv$/),
    });
    const rows = parseCsvObjects(fs.readFileSync(target, 'utf8'));
    expect(rows).toEqual([
      expect.objectContaining({
        id: '1',
        kind: 'setting.changed',
        actor: 'user',
        details: '{"new":"light","old":"dark","setting":"theme"}',
      }),
    ]);
    const recorded = core.services.audit.query({ kinds: ['data.exported'] });
    expect(recorded[0]?.details).toMatchObject({ kind: 'audit', format: 'csv', rows: 1, destination: target });
  });

  it('writes nothing when the dialog is cancelled, and explains a file that cannot be written', async () => {
    let answer: string | null = null;
    const { core, dir } = await desktopCore(() => Promise.resolve(answer));
    expect(await core.dispatch('export.save', { kind: 'logs', format: 'json' }, { transport: 'test' })).toEqual({
      ok: true,
      data: { status: 'cancelled', file: null, rows: 0, bytes: 0 },
    });
    answer = path.join(dir, 'no-such-folder', 'x.json');
    const failed = await core.dispatch('export.save', { kind: 'logs', format: 'json' }, { transport: 'test' });
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('no-such-folder') },
    });
    expect(core.services.audit.query({ kinds: ['data.exported'] })).toEqual([]);
  });

  it('headless: says to use the download instead', async () => {
    const t = await createTempCore();
    const r = await t.core.dispatch('export.save', { kind: 'logs', format: 'csv' }, { transport: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/download/) } });
    await t.cleanup();
  });
});
