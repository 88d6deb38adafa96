import { expect, screenshot, test } from './fixtures.js';

test('a changed setting survives a reload and an engine restart', async ({ app, engine }) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByTestId('data-dir')).toHaveText(engine.dataDir);
  await app.getByLabel('Theme').selectOption('light');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await app.getByLabel('Default fee rate (%)').fill('0.4');
  await app.getByLabel('Default exchange (ccxt id)').fill('coinbase');
  await app.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(app.getByRole('status')).toHaveText('Saved.');

  await app.reload();
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByLabel('Default fee rate (%)')).toHaveValue('0.4');
  await expect(app.getByLabel('Theme')).toHaveValue('light');

  const restarted = await engine.restart();
  await app.goto(restarted.url);
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByLabel('Default exchange (ccxt id)')).toHaveValue('coinbase');
  await expect(app.getByLabel('Default fee rate (%)')).toHaveValue('0.4');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
  await screenshot(app, 'settings-light');
});

test('an out-of-range value is refused with the allowed range and nothing changes', async ({ app }) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  await app.getByLabel('Default fee rate (%)').fill('9');
  await app.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(app.getByRole('alert')).toHaveText('The fee rate is 0 to 5 %.');
  // A default exchange ccxt does not know is refused with the list of those it knows.
  await app.getByLabel('Default fee rate (%)').fill('0.3');
  await app.getByLabel('Default exchange (ccxt id)').fill('nosuchexchange');
  await app.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(app.getByRole('alert')).toContainText(
    '"nosuchexchange" is not an exchange ccxt knows; the default exchange is one of:',
  );
  await expect(app.getByRole('alert')).toContainText('kraken');
  await expect(app.getByRole('alert')).not.toContainText('settings.update');
  await app.reload();
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByLabel('Default fee rate (%)')).toHaveValue('0.26');
  await expect(app.getByLabel('Default exchange (ccxt id)')).toHaveValue('kraken');
});

test('AI settings: the model list comes from the engine; LIVE needs at least 20 paper trades, a number that can only be raised', async ({
  app,
}) => {
  await app.getByRole('tab', { name: 'Settings' }).click();
  const section = app.getByRole('region', { name: 'AI strategies' });
  await expect(section.getByLabel('Model')).toHaveValue('claude-sonnet-5-5');
  await expect(section.getByLabel('Model').locator('option')).toHaveText([
    'Claude Sonnet 5.5 (balanced)',
    'Claude Haiku 4.5 (fast, cheapest)',
    'Claude Opus 5 (most capable)',
  ]);
  const trades = section.getByLabel('Paper trades before LIVE');
  await expect(trades).toHaveValue('20');
  await trades.fill('10');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByRole('alert')).toContainText('at least 20 paper trades');
  await trades.fill('35');
  await section.getByRole('button', { name: 'Save' }).click();
  await expect(section.getByText('Saved.')).toBeVisible();
  await section.getByLabel('Model').selectOption('claude-haiku-4-5');
  await app.reload();
  await app.getByRole('tab', { name: 'Settings' }).click();
  await expect(app.getByLabel('Paper trades before LIVE')).toHaveValue('35');
  await expect(app.getByRole('region', { name: 'AI strategies' }).getByLabel('Model')).toHaveValue('claude-haiku-4-5');
  await screenshot(app, 'settings-ai');
});
