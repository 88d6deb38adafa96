/**
 * The system status panel (Logs tab) lists every market data feed the engine runs, not only one:
 * each symbol and timeframe with its state, its last closed candle and how many parts read it.
 */
import { expect, screenshot, test } from './fixtures.js';

test('the system status lists every market data feed with its state', async ({ app }) => {
  test.setTimeout(150_000);
  // The chart opens BTC/USD 1m; switching it to ETH/USD 5m adds a second feed.
  await expect(app.getByTestId('ticker')).toContainText('BTC/USD');
  await app.getByLabel('Symbol').selectOption('ETH/USD');
  await app.getByLabel('Timeframe').selectOption('5m');
  await expect(app.getByTestId('ticker')).toContainText('ETH/USD');

  await app.getByRole('tab', { name: 'Logs' }).click();
  await app.getByRole('button', { name: 'System status' }).click();
  const feeds = app.getByTestId('status-feeds');
  const btc = feeds.getByRole('row', { name: /BTC\/USD 1m/ });
  const eth = feeds.getByRole('row', { name: /ETH\/USD 5m/ });
  await expect(btc).toContainText(/simulator/);
  await expect(btc).toContainText(/live|waiting/);
  await expect(eth).toContainText(/live|waiting/);
  // The 1-minute feed has a closed candle within a minute or two (the simulator runs in real time).
  await expect(btc).toContainText(/live/, { timeout: 90_000 });
  await expect(btc).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d/);
  // Counts read as words: "1 entry", never "1 entries".
  await expect(app.getByTestId('system-status')).not.toContainText(/\b1 entries/);
  await feeds.scrollIntoViewIfNeeded();
  await screenshot(app, 'logs-status-feeds');
});
