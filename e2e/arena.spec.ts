import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { GRID_BUYS_FROM, simArgs, simClock, waitForSimulatedTime } from './sim-time.js';

/**
 * The paper arena: two grid strategies run side by side on the reproducible simulator, each on its
 * own sub-account (1,000 and 2,000 USD), and the leaderboard ranks them with their own figures.
 */
const SIM_SPEED = 1200;
test.use({ engineArgs: simArgs(SIM_SPEED) });

async function backtestAndActivate(app: Page, capital: string): Promise<void> {
  await app.getByRole('button', { name: 'Run backtest' }).click();
  await expect(app.getByTestId('backtest-grade')).toContainText(/ACCEPTABLE|GOOD|EXCELLENT/, { timeout: 90_000 });
  await expect(app.getByTestId('activation-check')).toHaveAttribute('data-allowed', 'true');
  await app.getByTestId('activation-capital').fill(capital);
  await app.getByRole('button', { name: 'Activate on BTC/USD 1h' }).click();
}

test('two strategies side by side on their own sub-accounts, ranked on the leaderboard', async ({ app }) => {
  test.setTimeout(240_000);
  const clock = simClock(SIM_SPEED);
  await app.getByRole('tab', { name: 'Strategies' }).click();
  await app.getByRole('button', { name: 'New from template' }).click();
  await app
    .getByTestId('template-picker')
    .getByRole('button', { name: /ATR grid/ })
    .click();
  await waitForSimulatedTime(app, clock, GRID_BUYS_FROM);
  await backtestAndActivate(app, '1000');
  await app.getByRole('button', { name: 'Duplicate' }).click();
  await expect(app.getByRole('option', { name: /ATR grid/ })).toHaveCount(2);
  await backtestAndActivate(app, '2000');

  const board = app.getByTestId('leaderboard');
  await expect(board.getByTestId('leaderboard-row')).toHaveCount(2, { timeout: 30_000 });
  await expect(board).toContainText('1000.00 USD');
  await expect(board).toContainText('2000.00 USD');
  await expect(board).not.toContainText('shares the account');
  // Sorting by trades (a header click), then back by return.
  await board.getByRole('button', { name: /^Trades/ }).click();
  await expect(board.getByRole('columnheader', { name: /Trades/ })).toHaveAttribute('aria-sort', 'descending');
  // A row opens that run's decision log in the runs panel.
  await board.getByTestId('leaderboard-row').first().click();
  await expect(app.getByTestId('run-log')).toBeVisible();
  await expect(app.getByTestId('run-log')).toContainText('ORDER', { timeout: 60_000 });
  await board.scrollIntoViewIfNeeded();
  await screenshot(app, 'arena-leaderboard');
});
