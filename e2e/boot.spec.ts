import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeRowTableDatabase } from '../electron/persistence/testing/row-table.js';
import { startEngine } from './engine.js';
import { screenshot } from './fixtures.js';

// Four series of 3 years of minutes each in the old row table: the conversion takes seconds, long
// enough to be watched from the page that opens as soon as the engine prints its address.
const PER_SERIES = 786_432;
const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SOL/USD', 'XRP/USD'];

test('an older database: the page shows the candle conversion as it runs, then the app with every candle', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-e2e-boot-'));
  writeRowTableDatabase(
    path.join(dataDir, 'workstation.db'),
    SYMBOLS.map((symbol, i) => ({
      source: 'kraken',
      symbol,
      count: PER_SERIES,
      start: Date.UTC(2022, 0, 1),
      seed: i + 1,
    })),
  );
  const engine = await startEngine({ dataDir });
  try {
    await page.goto(engine.url);
    await expect(page.getByRole('progressbar', { name: 'Candles converted' })).toBeVisible();
    // Read once while it shows (the conversion takes a few seconds; the page moves on by itself).
    const shown = await page.getByRole('status').innerText();
    await screenshot(page, 'boot-conversion');
    expect(shown).toContain('Converting stored candles into blocks');
    expect(shown).toMatch(/[\d,]+ of 3,145,728 candles \(\d+ %\)/);
    expect(shown).toMatch(/Now: kraken [A-Z]+\/USD 1m/);
    expect(shown).toContain('Safe to quit');

    // The app opens by itself when the engine is up, and every candle is in the block store.
    await expect(page.getByTestId('connection-state')).toHaveText(/Connected/, { timeout: 120_000 });
    await page.getByRole('tab', { name: 'Settings' }).click();
    for (const symbol of SYMBOLS) {
      await expect(page.locator('.series-table tr', { hasText: `kraken${symbol}1m` })).toContainText('786,432');
    }
    // The terminal had the conversion's tenths, its end, then the engine's ready line.
    expect(engine.output()).toMatch(
      /converting stored candles into blocks: [\d,]+ of 3,145,728 \(\d+%\)[^]*converted 3,145,728 stored candles into blocks[^]*engine ready/,
    );
    // The engine's log keeps the conversion: its tenths and its end.
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByLabel('Search').fill('stored candles');
    await page.getByRole('checkbox', { name: 'info' }).check();
    await expect(page.getByTestId('log-list').getByRole('option').first()).toContainText(
      /converted 3,145,728 stored candles into blocks \([\d.]+ s\); the old candle table is gone/,
    );
  } finally {
    await engine.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
