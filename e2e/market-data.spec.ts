import path from 'node:path';
import { expect, screenshot, test } from './fixtures.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');

test('a CSV is previewed, bad rows are named by line, a good file imports and replays on the chart', async ({
  app,
}) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  const file = app.getByLabel('Candle CSV file');

  await file.setInputFiles(path.join(FIXTURES, 'bad.csv'));
  await expect(app.getByTestId('csv-preview')).toContainText('2 bad');
  await expect(app.getByTestId('csv-preview')).toContainText('line 7');
  await expect(app.getByTestId('csv-preview')).toContainText('line 8');
  await app.getByRole('button', { name: 'Import' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Nothing was imported');

  await file.setInputFiles(path.join(FIXTURES, 'btc-1h.csv'));
  await expect(app.getByTestId('csv-preview')).toContainText('300 rows, 300 good, 0 bad');
  await expect(app.getByTestId('csv-preview')).toContainText('timeframe 1h');
  await app.getByRole('button', { name: 'Import' }).click();
  await expect(app.getByTestId('import-result')).toContainText('Imported 300 1h candles');
  await expect(app.locator('.series-table')).toContainText('csv');

  await app.getByLabel('Replay stored candles').check();
  await app.getByLabel('Stored series').selectOption({ label: 'csv BTC/USD 1h (300)' });
  await app.getByLabel('Candles per second').fill('50');
  await app.getByRole('button', { name: 'Use this source' }).click();
  await expect(app.getByTestId('current-source')).toContainText('replay of csv BTC/USD 1h');
  await screenshot(app, 'settings-market-data');

  await app.getByRole('tab', { name: 'Market' }).click();
  await app.getByLabel('Timeframe').selectOption('1h');
  await expect(app.getByTestId('feed-status')).toContainText('Replay csv BTC/USD');
  await expect
    .poll(async () => Number(await app.getByTestId('price-chart').getAttribute('data-candles')))
    .toBeGreaterThan(0);
});
