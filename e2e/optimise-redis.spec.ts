import type { Page } from '@playwright/test';
import { startTestRedis, type TestRedis } from '../electron/adapters/workers/redis-test-server.js';
import { serveSweepQueue } from '../electron/adapters/workers/sweep-queue.js';
import { expect, screenshot, test } from './fixtures.js';
import { simArgs } from './sim-time.js';

/**
 * Settings > Parameter sweeps: a Redis server (a real redis-server started here) takes the app's
 * sweeps. With no worker connected the sweep stops at once saying how to start one; with a worker
 * (`npm run worker`'s queue served in this process) it resumes to the end.
 */

test.use({ engineArgs: simArgs(1200), viewport: { width: 1400, height: 1600 } });

let redis: TestRedis;
test.beforeAll(async () => {
  redis = await startTestRedis();
});
test.afterAll(async () => {
  await redis.stop();
});

async function setRedis(app: Page, value: string): Promise<void> {
  await app.getByRole('tab', { name: 'Settings' }).click();
  const card = app.locator('section', { has: app.getByRole('heading', { name: 'Parameter sweeps' }) });
  await card.getByLabel('Redis server for sweeps').fill(value);
  await card.getByRole('button', { name: 'Save' }).click();
}

test('a sweep runs on the workers of the Redis server set in Settings', async ({ app }) => {
  test.setTimeout(120_000);
  const card = app.locator('section', { has: app.getByRole('heading', { name: 'Parameter sweeps' }) });
  await setRedis(app, 'http://127.0.0.1:6379');
  await expect(card.getByRole('alert')).toContainText('redis://HOST:PORT');
  await setRedis(app, redis.url);
  await expect(card.getByText('Saved.')).toBeVisible();
  await screenshot(app, 'settings-sweeps');

  await app.getByRole('tab', { name: 'Strategies' }).click();
  await app.getByRole('button', { name: 'New from template' }).click();
  await app
    .getByTestId('template-picker')
    .getByRole('button', { name: /RSI mean reversion/ })
    .click();
  const panel = app.getByTestId('optimise-panel');
  await panel.getByRole('button', { name: 'Optimise parameters' }).click();
  await panel.getByLabel('Values of RSI(14).period').fill('10:18:4');
  await panel.getByLabel('Values of entryConditions[0].threshold1').fill('25,35');
  await expect(panel.getByTestId('optimise-estimate')).toContainText(`6 parameter sets`);
  await expect(panel.getByTestId('optimise-estimate')).toContainText(`on the sweep workers of ${redis.url}`);

  await panel.getByRole('button', { name: 'Start sweep' }).click();
  const status = panel.getByTestId('sweep-status');
  await expect(status).toHaveAttribute('data-status', 'FAILED');
  await expect(status).toContainText(`no sweep worker is connected to ${redis.url}`);
  await expect(status).toContainText(`npm run worker -- --redis ${redis.url}`);

  const worker = serveSweepQueue({ url: redis.url });
  try {
    await worker.ready;
    await status.getByRole('button', { name: 'Resume' }).click();
    await expect(status).toHaveAttribute('data-status', 'DONE', { timeout: 60_000 });
    await expect(status).toContainText('6 of 6 parameter sets');
    await expect(panel.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(6);
  } finally {
    await worker.close();
  }
});
