import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTempCore } from '../testing/temp-core.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it("keeps the Market tab's symbol and each symbol's chart setup across a restart, without audit entries", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-market-view-'));
  dirs.push(dataDir);
  const view = {
    symbol: 'SOL/USD',
    charts: {
      'SOL/USD': {
        timeframe: '15m' as const,
        limit: 50_000,
        indicators: [
          { kind: 'RSI' as const, period: 14, color: '#f5a524' },
          { kind: 'SMA' as const, period: 50, color: '#4c8df6' },
        ],
      },
      'BTC/USD': { timeframe: '1h' as const, limit: 1_000, indicators: [] },
    },
  };
  const first = await createTempCore({ dataDir });
  const saved = await first.core.dispatch('settings.update', { marketView: view }, { transport: 'test' });
  expect(saved).toMatchObject({ ok: true, data: { marketView: view } });
  const audit = await first.core.dispatch('audit.query', {}, { transport: 'test' });
  expect(audit.ok).toBe(true);
  expect(JSON.stringify(audit)).not.toContain('marketView');
  await first.core.shutdown();

  const second = await createTempCore({ dataDir });
  expect(await second.core.dispatch('settings.get', {}, { transport: 'test' })).toMatchObject({
    ok: true,
    data: { marketView: view },
  });
  await second.core.shutdown();
});
