/**
 * Drift from the backtest, seen by the trader: a signal strategy that enters at one close and exits
 * at the next runs on the reproducible simulator (seed 1, 60x: a 1-minute candle closes every
 * second); its run panel compares it trade by trade with the backtest of its own strategy version
 * over the same candles. The strategy and an ACCEPTABLE backtest summary are stored in the data
 * directory before the engine starts (what is tested here is the run and its drift, not grading).
 */
import { expect, test } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../electron/core/create-core.js';
import { seedBacktest } from '../electron/core/services/strategies/testing/contract-harness.js';
import { createStrategyRepo } from '../electron/persistence/repositories/strategy-repo.js';
import { startEngine } from './engine.js';
import { screenshot } from './fixtures.js';
import { simArgs } from './sim-time.js';

const FLIP = {
  name: 'Flip',
  description: 'In at one close, out at the next: a trade every few candles.',
  symbols: ['BTC/USD'],
  timeframe: '1m',
  riskLevel: 'LOW',
  entryConditions: ['Price > 0'],
  exitConditions: ['Price > 0'],
  stopLossPercent: 10,
  takeProfitPercent: 20,
  positionSizePercent: 10,
};

test('a running signal strategy is compared trade by trade with its backtest', async ({ page }) => {
  test.setTimeout(120_000);
  // The first start creates the database; the strategy and its backtest go in while it is stopped.
  const first = await startEngine({ args: simArgs(60) });
  await first.stop();
  const db = new BetterSqlite3(path.join(first.dataDir, DATABASE_FILE));
  const now = Date.now();
  createStrategyRepo(db).insert({ id: 'flip', name: FLIP.name, definition: FLIP, createdAt: now, updatedAt: now });
  db.close();
  seedBacktest(first.dataDir, { strategyId: 'flip', timeframe: '1m', grade: 'ACCEPTABLE', ranAt: now + 1 });
  const engine = await startEngine({ dataDir: first.dataDir, args: simArgs(60) });
  try {
    await page.goto(engine.url);
    await page.getByRole('tab', { name: 'Strategies' }).click();
    await page.getByRole('button', { name: 'Activate on BTC/USD 1m' }).click();
    const runs = page.getByTestId('runs-panel');
    await runs.getByRole('row', { name: /Flip/ }).click();

    // Several trades closed (each appears as a decision in the log), then the comparison.
    const log = runs.getByTestId('run-log');
    await expect
      .poll(async () => (await log.getByText(/position closed by exit/).count()) >= 3, { timeout: 60_000 })
      .toBe(true);
    const drift = runs.getByTestId('drift-panel');
    await drift.getByRole('button', { name: 'Compare again' }).click();
    const facts = drift.getByTestId('drift-facts');
    await expect(facts).toContainText(/\d+ matched, \d+ missed by the run, \d+ not in the backtest/);
    const [, matched] = /(\d+) matched/.exec((await facts.textContent()) ?? '') ?? [];
    expect(Number(matched)).toBeGreaterThanOrEqual(2);
    await expect(drift.getByTestId('drift-trades').locator('tbody tr')).not.toHaveCount(0);
    await expect(drift.getByTestId('drift-chart')).toBeVisible();
    await drift.scrollIntoViewIfNeeded();
    await screenshot(page, 'strategies-drift');
  } finally {
    await engine.stop();
    fs.rmSync(engine.dataDir, { recursive: true, force: true });
  }
});
