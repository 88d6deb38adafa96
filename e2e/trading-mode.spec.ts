import { expect, screenshot, test } from './fixtures.js';

test('LIVE needs the confirmation that names the exchange, and refuses without API keys', async ({ app }) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByTestId('trading-status')).toContainText('SIMULATOR on simulator');
  await app.getByLabel('Live: real orders with real money').check();
  const switchButton = app.getByRole('button', { name: 'Switch to LIVE' });
  await expect(switchButton).toBeDisabled();
  await app.getByLabel(/Type TRADE LIVE ON KRAKEN/).fill('trade live on kraken');
  await expect(switchButton).toBeDisabled();
  await app.getByLabel(/Type TRADE LIVE ON KRAKEN/).fill('TRADE LIVE ON KRAKEN');
  await switchButton.click();
  await expect(app.getByRole('alert')).toContainText(/key/i);
  await expect(app.getByTestId('trading-status')).toContainText('SIMULATOR');
  await expect(app.getByTestId('trading-mode')).toHaveText('SIMULATOR');
  await screenshot(app, 'settings-trading-mode');
});

test('an exchange base URL override is validated and kept', async ({ app }) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  const form = app.getByRole('form', { name: 'Exchange connection (advanced)' });
  await form.getByLabel(/API base URL/).fill('ftp://nowhere/path');
  await form.getByRole('button', { name: 'Save' }).click();
  // The form's own hint (not this computer: https) and the engine's refusal can both show.
  const refusal = form.getByRole('alert').filter({ hasText: 'scheme, host and port only' });
  await expect(refusal).toBeVisible();
  // In the trader's words: the field as the form names it, never the call's or the setting's code.
  await expect(refusal).toContainText(/^API base URL: /);
  await expect(refusal).not.toContainText('settings.update');
  await expect(refusal).not.toContainText('exchangeOverrides');
  await screenshot(app, 'settings-exchange-override-error');
  await form.getByLabel(/API base URL/).fill('http://127.0.0.1:8080');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await app.reload();
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(
    app.getByRole('form', { name: 'Exchange connection (advanced)' }).getByLabel(/API base URL/),
  ).toHaveValue('http://127.0.0.1:8080');
});
