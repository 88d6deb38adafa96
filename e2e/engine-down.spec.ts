import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, screenshot, test } from './fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..');

// Stops and starts engines and runs the command line: slow on a busy machine.
test.describe.configure({ timeout: 240_000 });

test('when the engine stops, every live figure is marked stale and the kill switch says it was NOT engaged', async ({
  app,
  engine,
}) => {
  await app.getByRole('tab', { name: 'Market' }).click();
  await expect(app.getByTestId('feed-status')).toContainText('live');
  await expect(app.getByTestId('ticker')).toBeVisible();
  await expect(app.getByTestId('order-book')).toBeVisible();
  await expect(app.getByTestId('stale-mark')).toHaveCount(0);

  await engine.stop();
  const header = app.getByTestId('connection-state');
  await expect(header).toContainText('Disconnected');
  await expect(header).toContainText(/since \d\d:\d\d:\d\d: every figure shown is stale/);
  await expect(app.getByTestId('feed-status')).toContainText('stale (engine unreachable)');
  await expect(app.getByTestId('feed-status')).not.toContainText(': live');
  for (const figure of ['feed-status', 'ticker', 'order-book']) {
    await expect(app.getByTestId(figure).getByTestId('stale-mark')).toContainText(/stale: last update \d\d:\d\d:\d\d/);
  }

  await app.getByTestId('kill-switch').click();
  const refusal = app.getByTestId('kill-switch-not-engaged');
  await expect(refusal).toContainText('The kill switch was NOT engaged');
  await expect(refusal).toContainText('npm run cli -- kill-switch engage');
  await expect(refusal).toContainText(engine.dataDir);
  await screenshot(app, 'engine-down');

  // The command the message shows works while the engine is down...
  const out = execFileSync(
    'npm',
    ['run', '--silent', 'cli', '--', 'kill-switch', 'engage', '--data-dir', engine.dataDir, '--wait', '0'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(out).toContain('kill switch: ENGAGED (FREEZE)');
  // ...and the engine starts with the switch engaged.
  const restarted = await engine.restart();
  await app.goto(restarted.url);
  await expect(app.getByTestId('kill-switch-state')).toContainText('KILL SWITCH ENGAGED (FREEZE)');
  await expect(app.getByTestId('stale-mark')).toHaveCount(0);
});

test('the positions and P&L are marked stale too', async ({ app, engine }) => {
  await app.getByRole('tab', { name: 'Orders' }).click();
  await expect(app.getByTestId('portfolio')).toBeVisible();
  await engine.stop();
  await expect(app.getByTestId('portfolio').getByTestId('stale-mark')).toContainText(/last update \d\d:\d\d:\d\d/);
  await expect(app.getByTestId('equity')).toBeVisible();
});
