import { expect, screenshot, test } from './fixtures.js';

test('market and limit orders on the simulator: fills, positions, cancel, and the same state after a restart', async ({
  app,
  engine,
}) => {
  // The simulator's volatility bursts trip the ATR spike breaker about 5 % of the time; this test is about orders.
  await app.getByRole('tab', { name: 'Risk' }).click();
  await app.getByTestId('limits-form').getByLabel('ATR spike breaker').uncheck();
  await app.getByTestId('limits-form').getByRole('button', { name: 'Save limits' }).click();
  await expect(app.getByTestId('limits-form').getByRole('status')).toHaveText('Saved.');
  await app.getByRole('tab', { name: 'Market' }).click();
  const ticket = app.getByTestId('order-ticket');
  await expect(app.getByTestId('ticker')).toContainText('BTC/USD');

  // A market buy of 0.01 BTC fills against the simulated book.
  await ticket.getByLabel('Amount in').selectOption('BTC');
  await ticket.getByLabel('Amount', { exact: true }).fill('0.01');
  await expect(app.getByTestId('ticket-preview')).toContainText('0.01000000 BTC');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(app.getByTestId('ticket-result')).toContainText('FILLED');
  await expect(app.getByRole('log', { name: 'Notifications' })).toContainText('Filled: buy 0.01 BTC/USD');

  // A limit buy far below the market rests, then is cancelled.
  await ticket.getByRole('button', { name: 'Limit' }).click();
  await ticket.getByLabel('Amount', { exact: true }).fill('0.02');
  await ticket.getByLabel('Limit price (USD)').fill('1000');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(app.getByTestId('ticket-result')).toContainText('OPEN');

  await app.getByRole('tab', { name: 'Orders' }).click();
  await expect(app.getByTestId('open-orders')).toContainText('limit');
  await expect(app.getByTestId('positions')).toContainText('BTC/USD');
  await expect(app.getByTestId('positions')).toContainText('0.01');
  await screenshot(app, 'orders-open');
  await app
    .getByTestId('open-orders')
    .getByRole('button', { name: /Cancel order/ })
    .click();
  await expect(app.getByText('No open orders.')).toBeVisible();
  await expect(app.getByTestId('order-history')).toContainText('CANCELLED');
  await expect(app.getByTestId('order-history')).toContainText('FILLED');

  // The timeline of the filled order.
  await app.getByTestId('order-history').getByText('market').first().click();
  await expect(app.getByTestId('order-timeline')).toContainText('PENDING_SUBMIT');
  await expect(app.getByTestId('order-timeline')).toContainText('FILLED');

  // Same state after the engine restarts.
  const equityBefore = await app.getByTestId('equity').textContent();
  const restarted = await engine.restart();
  await app.goto(restarted.url);
  await app.getByRole('tab', { name: 'Orders' }).click();
  await expect(app.getByTestId('order-history')).toContainText('CANCELLED');
  await expect(app.getByTestId('order-history')).toContainText('FILLED');
  await expect(app.getByTestId('positions')).toContainText('0.01');
  await expect(app.getByTestId('reconciliation')).toContainText('Last reconciliation');
  expect(equityBefore).toBeTruthy();
  await screenshot(app, 'orders-after-restart');
});
