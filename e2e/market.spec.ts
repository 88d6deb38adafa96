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

test('the chart keeps its setup per symbol across a tab switch, a reload and a restart', async ({ app, engine }) => {
  // Two page loads and an engine restart: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const chart = app.getByTestId('price-chart');
  const chips = app.getByRole('list', { name: 'Indicators on the chart' });
  await expect.poll(async () => Number(await chart.getAttribute('data-candles'))).toBeGreaterThan(900);
  await app.getByLabel('Symbol').selectOption('SOL/USD');
  await app.getByLabel('Timeframe').selectOption('15m');
  await app.getByLabel('History').selectOption('1000');
  await app.getByLabel('Indicator', { exact: true }).selectOption('RSI');
  await app.getByRole('button', { name: 'Add' }).click();
  await app.getByLabel('Indicator', { exact: true }).selectOption('SMA');
  await app.getByLabel('Period').fill('50');
  await app.getByRole('button', { name: 'Add' }).click();
  await expect(chips).toContainText('RSI 14');
  await expect(chips).toContainText('SMA 50');
  // The same indicator twice is refused.
  await app.getByLabel('Period').fill('50');
  await app.getByRole('button', { name: 'Add' }).click();
  await expect(app.getByRole('alert')).toContainText('SMA 50 is on the chart already');

  // Another symbol has its own setup; coming back restores SOL's.
  await app.getByLabel('Symbol').selectOption('BTC/USD');
  await expect(app.getByLabel('Timeframe')).toHaveValue('1m');
  await expect(chips).not.toContainText('RSI');
  await app.getByLabel('Symbol').selectOption('SOL/USD');
  await expect(app.getByLabel('Timeframe')).toHaveValue('15m');

  const expectSolSetup = async () => {
    await expect(app.getByLabel('Symbol')).toHaveValue('SOL/USD');
    await expect(app.getByLabel('Timeframe')).toHaveValue('15m');
    await expect(app.getByLabel('History')).toHaveValue('1000');
    await expect(chips).toContainText('RSI 14');
    await expect(chips).toContainText('SMA 50');
  };
  await app.getByRole('tab', { name: 'Orders' }).click();
  await app.getByRole('tab', { name: 'Market' }).click();
  await expectSolSetup();
  await app.reload();
  await expectSolSetup();
  const restarted = await engine.restart();
  await app.goto(restarted.url);
  await expect(app.getByTestId('connection-state')).toHaveText(/Connected/, { timeout: 30_000 });
  await expectSolSetup();
  await expect.poll(async () => Number(await chart.getAttribute('data-candles'))).toBeGreaterThan(900);
  // Prices at the market's step: SOL/USD trades in cents.
  await expect(app.getByTestId('ticker-last')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  await screenshot(app, 'market-sol-15m-persisted');
});

test('the order ticket checks the amount against the market before Submit, and forgets it on another symbol', async ({
  app,
}) => {
  const ticket = app.getByTestId('order-ticket');
  const buy = ticket.getByRole('button', { name: /^Buy / });
  await app.getByLabel('Symbol').selectOption('SOL/USD');
  await expect(app.getByTestId('ticker')).toContainText('SOL/USD');
  await expect(ticket.getByTestId('ticket-hint')).toHaveText('Enter an amount to submit');
  await expect(buy).toBeDisabled();

  const amount = ticket.getByLabel('Amount', { exact: true });
  await amount.fill('0');
  await expect(ticket.getByTestId('ticket-amount-error')).toHaveText(
    'The amount is 0: enter more than 0 SOL to submit',
  );
  await amount.fill('0.123456789');
  await expect(ticket.getByTestId('ticket-amount-error')).toHaveText(
    'SOL/USD amounts go in steps of 0.0001 SOL (4 decimals): use 0.1234',
  );
  await expect(buy).toBeDisabled();
  await amount.fill('0.01');
  await expect(ticket.getByTestId('ticket-amount-error')).toContainText(
    'The minimum amount on SOL/USD is 0.05 SOL (this order: 0.0100 SOL)',
  );
  await ticket.getByLabel('Amount in').selectOption('USD');
  await amount.fill('4');
  await expect(ticket.getByTestId('ticket-amount-error')).toContainText('The minimum');
  await expect(buy).toBeDisabled();
  await amount.fill('20');
  await expect(ticket.getByTestId('ticket-amount-error')).toHaveCount(0);
  await expect(buy).toBeEnabled();
  await screenshot(app, 'market-ticket-checks');

  // Another symbol starts a new ticket: the amount typed for SOL never becomes an amount of ETH.
  await app.getByLabel('Symbol').selectOption('ETH/USD');
  await expect(ticket.getByLabel('Amount', { exact: true })).toHaveValue('');
  await expect(ticket.getByRole('button', { name: 'Buy ETH' })).toBeDisabled();
});
