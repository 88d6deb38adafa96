import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { GRID_BUYS_FROM, SIM_START, simArgs, simClock, waitForSimulatedTime } from './sim-time.js';

/**
 * The Strategies tab against the headless engine on the reproducible simulator (seed 1 from
 * 2026-01-01, 1200x: a simulated hour is 3 real seconds), following the issue's script: a grid
 * strategy from a template is refused activation until it is backtested, backtests on the
 * simulator's last 30 days with a passing grade, metrics and charts, is activated and places its
 * limit orders. Also: live validation names a misspelt indicator with its fix, an import that is
 * not JSON names its line, and delete asks first.
 */

const SIM_SPEED = 1200;
test.use({ engineArgs: simArgs(SIM_SPEED) });

async function openStrategies(app: Page): Promise<void> {
  await app.getByRole('tab', { name: 'Strategies' }).click();
  await expect(app.getByTestId('strategy-library')).toBeVisible();
}

/** New from template: the picker lists the built-in templates, signal and grid. */
async function fromTemplate(app: Page, title: RegExp, screenshotName?: string): Promise<void> {
  await app.getByRole('button', { name: 'New from template' }).click();
  const picker = app.getByTestId('template-picker');
  await expect(picker).toContainText('SMA trend following');
  await expect(picker).toContainText('ATR grid');
  if (screenshotName) await screenshot(app, screenshotName);
  await picker.getByRole('button', { name: title }).click();
  await expect(picker).toBeHidden();
}

test('a grid strategy from a template is backtested on the simulator, graded, activated and places its orders', async ({
  app,
}) => {
  test.setTimeout(150_000);
  const clock = simClock(SIM_SPEED);
  await openStrategies(app);
  await expect(app.getByTestId('no-strategy')).toContainText('Create a strategy from a template');
  await fromTemplate(app, /ATR grid/, 'strategies-template-picker');
  const item = app.getByRole('option', { name: /ATR grid/ });
  await expect(item).toHaveAttribute('aria-selected', 'true');
  await expect(item).toContainText('Not backtested');

  // Never backtested: activation is refused with what to do.
  const check = app.getByTestId('activation-check');
  await expect(check).toHaveAttribute('data-allowed', 'false');
  await expect(check).toContainText(/backtest/i);
  await expect(app.getByRole('button', { name: 'Activate on BTC/USD 1h' })).toBeDisabled();

  // The backtest defaults: the strategy's pair, the 30 days up to the simulator's now, real costs.
  await expect(app.getByLabel('Symbol', { exact: true })).toHaveValue('BTC/USD');
  await expect(app.getByLabel('Timeframe', { exact: true })).toHaveValue('1h');
  await expect(app.getByLabel('From (UTC)')).toHaveValue(
    new Date(SIM_START - 30 * 86_400_000).toISOString().slice(0, 10),
  );
  await expect(app.getByLabel('To (UTC, included)')).toHaveValue('2026-01-01');
  // The fee of the venue the strategy would run on: the simulated exchange's taker fee.
  await expect(app.getByLabel('Fee (%)')).toHaveValue('0.26');
  await expect(app.getByTestId('backtest-fee-note')).toContainText('0.26 % taker, 0.16 % maker');
  await expect(app.getByLabel('Slippage (bps)')).toHaveValue('5');
  await app.getByRole('button', { name: 'Run backtest' }).click();
  const result = app.getByTestId('backtest-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toContainText('Result: ATR grid on BTC/USD 1h');
  await expect(app.getByTestId('backtest-grade')).toContainText(/ACCEPTABLE|GOOD|EXCELLENT/);
  // The strategy's return beside buying and holding over the same range.
  await expect(app.getByTestId('backtest-vs-hold')).toContainText(
    /Strategy [+-]?\d+\.\d\d\s% · Buy & hold BTC\/USD over the same range [+-]?\d+\.\d\d\s%/,
  );
  const metrics = app.getByTestId('backtest-metrics');
  for (const label of [
    'Net profit',
    'Final equity',
    'Win rate',
    'Profit factor',
    'Max drawdown',
    'Sharpe',
    'Fees paid',
  ])
    await expect(metrics).toContainText(label);
  await expect(app.getByTestId('equity-chart').locator('canvas').first()).toBeVisible();
  await expect(app.getByTestId('drawdown-chart').locator('canvas').first()).toBeVisible();
  await expect(app.getByTestId('trades-chart').locator('canvas').first()).toBeVisible();
  await expect(app.getByTestId('trade-list')).toContainText('GRID');
  // The library shows the grade of the last backtest on that pair, its net profit on one line.
  await expect(item).toContainText(/(ACCEPTABLE|GOOD|EXCELLENT)\s*BTC\/USD 1h\s*[+-]?\d+\.\d\d\s%/);
  await screenshot(app, 'strategies-backtest');
  await result.scrollIntoViewIfNeeded();
  await screenshot(app, 'strategies-backtest-metrics');
  await app.getByTestId('trades-chart').scrollIntoViewIfNeeded();
  await screenshot(app, 'strategies-backtest-charts');
  await app.getByTestId('trade-list').scrollIntoViewIfNeeded();
  await screenshot(app, 'strategies-backtest-trades');

  // Activation: allowed now; the grid can buy once the trend filter lets it (see GRID_BUYS_FROM).
  await expect(check).toHaveAttribute('data-allowed', 'true');
  await waitForSimulatedTime(app, clock, GRID_BUYS_FROM);
  await app.getByRole('button', { name: 'Activate on BTC/USD 1h' }).click();
  const runs = app.getByTestId('runs-table');
  await expect(runs).toContainText('ATR grid');
  await expect(runs).toContainText('RUNNING');
  await expect(runs).toContainText('SIMULATOR');
  // A 1h candle closes every 3 s: the grid places its buy limits at the next close.
  await expect(app.getByTestId('run-log')).toContainText('ORDER', { timeout: 60_000 });
  await expect(app.getByTestId('run-orders').first()).not.toHaveText('0');
  // The row's actions fit inside the card (no horizontal scrolling at 1280 px).
  const stop = await runs.getByRole('button', { name: 'Stop ATR grid' }).boundingBox();
  const card = await app.getByTestId('runs-panel').boundingBox();
  expect(stop && card && stop.x + stop.width).toBeLessThanOrEqual(card!.x + card!.width);
  await app.getByTestId('runs-panel').scrollIntoViewIfNeeded();
  await screenshot(app, 'strategies-run');

  // The Orders tab lists the grid's limit orders.
  await app.getByRole('tab', { name: 'Orders' }).click();
  const open = app.getByTestId('open-orders');
  await expect(open).toContainText('BTC/USD');
  await expect(open).toContainText('limit');
  await screenshot(app, 'strategies-run-orders');

  await openStrategies(app);
  await app.getByRole('button', { name: 'Pause ATR grid' }).click();
  await expect(runs).toContainText('PAUSED');
  await app.getByRole('button', { name: 'Resume ATR grid' }).click();
  await expect(runs).toContainText('RUNNING');

  // The kill switch pauses it, saying why: the table still fits the card at 1280 px (no horizontal
  // scrolling, the Stop button inside).
  await app.getByTestId('kill-switch').click();
  await expect(runs).toContainText('PAUSED');
  await expect(runs).toContainText('kill switch: frozen by the user');
  const scroller = app.getByTestId('runs-panel').locator('.table-scroll');
  const widths = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  const paused = await runs.getByRole('button', { name: 'Stop ATR grid' }).boundingBox();
  const panel = await app.getByTestId('runs-panel').boundingBox();
  expect(paused && panel && paused.x + paused.width).toBeLessThanOrEqual(panel!.x + panel!.width);
  await app.getByTestId('runs-panel').scrollIntoViewIfNeeded();
  await screenshot(app, 'strategies-run-paused');
  await app.getByRole('button', { name: 'Stop ATR grid' }).click();
  await expect(runs).toContainText('STOPPED');
});

test('the editor validates live, a file that is not JSON is refused with its line, and delete asks first', async ({
  app,
}) => {
  test.setTimeout(60_000);
  await openStrategies(app);
  await fromTemplate(app, /MACD momentum/);
  await expect(app.getByRole('option', { name: /MACD momentum/ })).toHaveAttribute('aria-selected', 'true');

  // Live validation: a misspelt indicator is named with its position and the likely fix; Save is off.
  const editor = app.getByRole('textbox', { name: 'Strategy JSON' });
  const saved = await editor.inputValue();
  // A schema problem too (stop loss above 10 %): both are listed, the condition at its line and column
  // in the editor; a click there selects the faulty word. A symbol the market does not trade is flagged.
  const edited = saved
    .replace('"RSI > 75"', '"RSX > 75"')
    .replace(/"stopLossPercent": [\d.]+/, '"stopLossPercent": 50')
    .replace(/("symbols": \[\s*)"[^"]+"/, '$1"DOGE/EUR"');
  await editor.fill(edited);
  const lines = edited.split('\n');
  const line = lines.findIndex((l) => l.includes('"RSX > 75"'));
  const column = lines[line]!.indexOf('RSX') + 1;
  const issues = app.getByTestId('validation-issues');
  await expect(issues).toContainText('exitConditions[1]');
  await expect(issues).toContainText('stopLossPercent');
  await expect(issues).toContainText('Did you mean RSI?');
  const place = issues.getByRole('button', { name: `line ${line + 1}, column ${column}` });
  await place.click();
  const selected = await editor.evaluate((el) => {
    const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
    return area.value.slice(area.selectionStart, area.selectionEnd);
  });
  expect(selected).toBe('RSX');
  await expect(app.getByTestId('editor-symbol-warning')).toContainText('DOGE/EUR is not traded by the market source');
  await expect(app.getByRole('button', { name: 'Save' })).toBeDisabled();
  await app.getByTestId('editor-symbol-warning').scrollIntoViewIfNeeded();
  await screenshot(app, 'strategies-validation');
  await editor.fill(saved.replace('"RSI > 75"', '"RSI > 80"'));
  await expect(app.getByTestId('editor-status')).toHaveText('Valid');
  await app.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(editor).toHaveValue(/"RSI > 80"/);

  // A file that is not JSON is refused with the position of the error.
  await app.getByTestId('import-json').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"name": "x",\n  "symbols": [}'),
  });
  await expect(app.getByTestId('import-error')).toContainText('broken.json is not valid JSON');
  await expect(app.getByTestId('import-error')).toContainText('line 2');

  // A copy is a new strategy, never backtested: refused until it is.
  await app.getByRole('button', { name: 'Duplicate' }).click();
  await expect(app.getByRole('option', { name: /MACD momentum/ })).toHaveCount(2);
  await expect(app.getByTestId('activation-check')).toHaveAttribute('data-allowed', 'false');
  await expect(app.getByTestId('activation-check')).toContainText(/backtest/i);
  await expect(app.getByRole('button', { name: /Activate on/ })).toBeDisabled();

  // Delete asks first.
  await app.getByRole('button', { name: 'Delete' }).click();
  await app.getByTestId('confirm-delete').getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByRole('option', { name: /MACD momentum/ })).toHaveCount(1);
});
