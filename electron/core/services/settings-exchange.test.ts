import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTempCore } from '../testing/temp-core.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('refuses a default exchange ccxt does not know, with the list it knows, and keeps the stored one', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-settings-exchange-'));
  dirs.push(dataDir);
  const t = await createTempCore({ dataDir });
  const bad = await t.core.dispatch('settings.update', { defaultExchange: 'nosuchexchange' }, { transport: 'test' });
  expect(bad).toMatchObject({
    ok: false,
    error: {
      code: 'invalid_input',
      message: expect.stringMatching(
        /^"nosuchexchange" is not an exchange ccxt knows; the default exchange is one of: .*\bkraken\b/,
      ),
    },
  });
  expect(await t.core.dispatch('settings.get', {}, { transport: 'test' })).toMatchObject({
    data: { defaultExchange: 'kraken', defaultFeeRate: 0.0026 },
  });
  expect(
    await t.core.dispatch('settings.update', { defaultExchange: 'coinbase' }, { transport: 'test' }),
  ).toMatchObject({ ok: true, data: { defaultExchange: 'coinbase' } });
  await t.core.shutdown();
});
