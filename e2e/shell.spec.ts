import { expect, screenshot, test } from './fixtures.js';

const TABS = ['Market', 'Strategies', 'Risk', 'Orders', 'Logs', 'Settings'];

test('every tab renders, the header shows mode, connection and the kill switch', async ({ app }) => {
  await expect(app.getByTestId('trading-mode')).toHaveText('SIMULATOR');
  const kill = app.getByTestId('kill-switch');
  await expect(kill).toBeEnabled();
  await expect(kill).toHaveAttribute('title', /Freeze: block new entries.*\(Ctrl\+Shift\+K\)/);
  for (const name of TABS) {
    await app.getByRole('tab', { name }).click();
    await expect(app.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(app.getByRole('tabpanel')).toBeVisible();
    await screenshot(app, `tab-${name.toLowerCase()}`);
  }
  await expect(app.getByRole('tabpanel')).toContainText('Data directory');
});

test('tabs are reachable by keyboard', async ({ app }) => {
  await app.getByRole('tab', { name: 'Market' }).focus();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('tab', { name: 'Strategies' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByRole('tab', { name: 'Strategies' })).toBeFocused();
  await app.keyboard.press('End');
  await expect(app.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Alt+5');
  await expect(app.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
});

test('an address without the token gets no access to the engine, and no cookie is set', async ({ page, engine }) => {
  const response = await page.goto(engine.url.split('#')[0]!);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('connection-state')).toHaveText(/Disconnected/);
  await expect(page.getByText(/no access token: open the address printed by `npm start`/).first()).toBeVisible();
  // With the token: connected, the token gone from the address bar, nothing in cookies.
  await page.goto(engine.url);
  await expect(page.getByTestId('connection-state')).toHaveText(/Connected/);
  expect(page.url()).not.toContain('token');
  expect(await page.context().cookies()).toEqual([]);
  // A reload keeps working (the token is in this tab's sessionStorage).
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText(/Connected/);
});
