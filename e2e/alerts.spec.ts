import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, screenshot, test } from './fixtures.js';

// A minute of simulated time per second: a 1-minute candle closes every second.
test.use({ engineArgs: ['--sim-speed', '60'] });

test('a price alert fires in the app and reaches a webhook; a channel test answers', async ({ app }) => {
  test.setTimeout(120_000);
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(raw) as Record<string, unknown>);
      res.writeHead(req.url?.startsWith('/api/webhooks/') ? 204 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await app.getByTestId('alerts-button').click();
    const drawer = app.getByTestId('alerts-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText('No alerts yet');

    // Channels: a webhook URL, and a Discord test.
    await drawer.getByRole('tab', { name: 'Channels' }).click();
    await drawer.getByTestId('alert-secret-alerts.webhook.url').fill(`${base}/hook`);
    await drawer.getByTestId('alert-channel-webhook').getByRole('button', { name: 'Save' }).click();
    await expect(drawer.getByTestId('alert-channel-webhook')).toContainText('Set up');
    await drawer.getByTestId('alert-secret-alerts.discord.webhookUrl').fill(`${base}/api/webhooks/1/t`);
    await drawer.getByTestId('alert-channel-discord').getByRole('button', { name: 'Save' }).click();
    await drawer.getByTestId('alert-channel-discord').getByRole('button', { name: 'Send a test' }).click();
    await expect(drawer.getByTestId('alert-test-discord')).toHaveText('Test sent');

    // Rules: a typo is refused with a suggestion; then a condition that holds at every close.
    await drawer.getByRole('tab', { name: 'Rules' }).click();
    const form = drawer.getByTestId('alert-rule-form');
    await form.getByLabel('Name').fill('BTC above zero');
    await form.getByTestId('alert-condition').fill('Prise > 0');
    await form.getByTestId('alert-rule-create').click();
    await expect(form.getByRole('alert')).toContainText('did you mean "Price"');
    await form.getByTestId('alert-condition').fill('Price > 0');
    await form.getByRole('combobox', { name: /Fires/ }).selectOption('repeat');
    await form.getByRole('spinbutton', { name: /Cool-down/ }).fill('0');
    await form.getByRole('checkbox', { name: 'Webhook' }).check();
    await form.getByTestId('alert-rule-create').click();
    await expect(drawer.getByTestId('alert-rule')).toContainText('BTC/USD 1m: Price > 0');

    // It fires at the next candle close: unread count in the header, the row, the webhook's POST.
    await expect(app.getByTestId('alerts-unread')).toBeVisible({ timeout: 15_000 });
    await drawer.getByRole('tab', { name: 'Alerts' }).click();
    await expect(drawer.getByTestId('alert-row').first()).toContainText('BTC above zero: BTC/USD');
    await expect.poll(() => bodies.some((b) => b.rule === 'BTC above zero'), { timeout: 15_000 }).toBe(true);
    await expect(drawer.getByTestId('alert-row').filter({ hasText: 'BTC above zero' }).first()).toContainText(
      'webhook: sent',
    );
    await screenshot(app, 'alerts-drawer');
    await drawer.getByTestId('alerts-mark-read').click();
    await drawer.getByRole('tab', { name: 'Rules' }).click();
    const toggle = drawer.getByRole('checkbox', { name: 'BTC above zero on' });
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await drawer.getByRole('button', { name: 'Close alerts' }).click();
    await expect(drawer).toBeHidden();
  } finally {
    server.close();
  }
});
