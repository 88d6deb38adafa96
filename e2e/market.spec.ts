import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

const lastTime = async (page: Page) => Number(await page.getByTestId('chart-canvas').getAttribute('data-last-time'));

test('the simulator market is live on first start: history, symbol and timeframe, RSI, live updates', async ({
  app,
}) => {
  await expect(app.getByTestId('feed-status')).toContainText(/Simulator: live/);
  const chart = app.getByTestId('price-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-candles'))).toBeGreaterThan(1000);
  await expect(app.getByTestId('ticker')).toContainText('BTC/USD');
  await expect(app.getByTestId('order-book')).toContainText('Order book');

  await app.getByLabel('Symbol').selectOption('ETH/USD');
  await expect(app.getByTestId('ticker')).toContainText('ETH/USD');
  await app.getByLabel('Timeframe').selectOption('5m');
  await expect.poll(async () => Number(await chart.getAttribute('data-candles'))).toBeGreaterThan(1000);
  const first = await lastTime(app);
  expect(first % (5 * 60_000)).toBe(0);

  await app.getByLabel('Indicator', { exact: true }).selectOption('RSI');
  await app.getByRole('button', { name: 'Add' }).click();
  await expect(app.getByRole('list', { name: 'Indicators on the chart' })).toContainText('RSI 14');
  await app.getByLabel('Indicator', { exact: true }).selectOption('SMA');
  await app.getByLabel('Period').fill('1');
  await app.getByRole('button', { name: 'Add' }).click();
  await expect(app.getByRole('alert')).toContainText('period is a whole number from 2 to 500');

  // The engine runs the simulator at 300x in e2e: a new 5m candle every second of real time.
  await expect.poll(() => lastTime(app), { timeout: 20_000 }).toBeGreaterThan(first);
  await screenshot(app, 'market-eth-5m-rsi');
});
