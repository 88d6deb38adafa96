import { expect, test as base } from '@playwright/test';
import fs from 'node:fs';
import { minuteSeries } from '../electron/adapters/market/testing/kraken-fixture.js';
import { startKrakenServer, type KrakenServer } from '../electron/adapters/market/testing/kraken-server.js';
import { startEngine, type Engine } from './engine.js';
import { screenshot } from './fixtures.js';

/** The engine talks ccxt to a Kraken-compatible server on 127.0.0.1 instead of the internet. */
const test = base.extend<{ kraken: KrakenServer; engine: Engine }>({
  // eslint-disable-next-line no-empty-pattern
  kraken: async ({}, use) => {
    const server = await startKrakenServer();
    const lastOpen = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    server.market.setCandles('BTC/USD', '1m', minuteSeries(lastOpen, 600, 65_000));
    await use(server);
    await server.close();
  },
  engine: async ({ kraken }, use) => {
    const engine = await startEngine({ args: ['--exchange-url', `kraken=${kraken.url}`] });
    await use(engine);
    await engine.stop();
    fs.rmSync(engine.dataDir, { recursive: true, force: true });
  },
});

test('exchange data: the chart shows the server candles, and a second load of the range fetches nothing', async ({
  page,
  engine,
  kraken,
}) => {
  await page.goto(engine.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByLabel('Exchange data (ccxt, public)').check();
  await page.getByLabel('ccxt exchange id').fill('kraken');
  await page.getByRole('button', { name: 'Use this source' }).click();
  await expect(page.getByTestId('current-source')).toContainText('kraken');

  await page.getByRole('tab', { name: 'Market' }).click();
  await page.getByLabel('History').selectOption('1000');
  const chart = page.getByTestId('price-chart');
  // ccxt pages Kraken's OHLC under its rate limit (seconds between calls): a first load takes a while.
  await expect
    .poll(async () => Number(await chart.getAttribute('data-candles')), { timeout: 30_000 })
    .toBeGreaterThan(500);
  await expect(page.getByTestId('feed-status')).toContainText('kraken');
  await screenshot(page, 'market-kraken');
  // The chart's 1-minute series only (interval=1): the risk gate's ATR breaker loads 1-hour candles of
  // its own, the first time whenever the UI first asks for the risk status on this source.
  const chartOhlc = () => kraken.requests.filter((r) => r.endpoint === 'OHLC' && (r.params.interval ?? '1') === '1');
  // The first load may still page older history in the background: count once the exchange is quiet.
  await expect
    .poll(
      async () => {
        const before = chartOhlc().length;
        await page.waitForTimeout(1500);
        return chartOhlc().length === before;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const ohlcAfterFirstLoad = chartOhlc().length;
  expect(ohlcAfterFirstLoad).toBeGreaterThan(0);

  await page.reload();
  await page.getByLabel('History').selectOption('1000');
  await expect
    .poll(async () => Number(await page.getByTestId('price-chart').getAttribute('data-candles')), { timeout: 30_000 })
    .toBeGreaterThan(500);
  // The cached range is served from the candle store: the only OHLC calls allowed are for the newest minutes.
  const recent = chartOhlc().slice(ohlcAfterFirstLoad);
  for (const r of recent) expect(Number(r.params.since ?? 0) * 1000).toBeGreaterThan(Date.now() - 10 * 60_000);
});
