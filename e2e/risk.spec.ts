import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';

/** Sets limits in the Risk tab's form and saves them. */
async function saveLimits(app: Page, change: (form: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<void> {
  await app.getByRole('tab', { name: 'Risk' }).click();
  const form = app.getByTestId('limits-form');
  await change(form);
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
}

test('a capital limit per symbol vetoes an order with its numbers; the kill switch cancels open orders, disables the ticket, survives a restart and re-arms', async ({
  app,
  engine,
}) => {
  // An out-of-range limit is refused in the form with the allowed range.
  await app.getByRole('tab', { name: 'Risk' }).click();
  const form = app.getByTestId('limits-form');
  const capital = form.getByLabel('Capital per symbol (% of equity)');
  await capital.fill('150');
  await expect(form.getByText('capital per symbol is 1 to 100 % of equity (range 1 to 100)')).toBeVisible();
  await form.getByRole('button', { name: 'Save limits' }).click();
  await expect(form.getByRole('alert')).toContainText('out of range');

  // 1 % of the 10,000 USD simulator account: at most 100 USD in one symbol. (The ATR breaker is turned
  // off so that one of the simulator's volatility bursts cannot pause entries in the middle of the test.)
  await saveLimits(app, async (f) => {
    await capital.fill('1');
    await f.getByLabel('ATR spike breaker').uncheck();
  });

  // A market buy of 0.01 BTC (about 600 USD) breaks it: the ticket says which rule and the numbers.
  await app.getByRole('tab', { name: 'Market' }).click();
  const ticket = app.getByTestId('order-ticket');
  await expect(app.getByTestId('ticker')).toContainText('BTC/USD');
  await ticket.getByLabel('Amount in').selectOption('BTC');
  await ticket.getByLabel('Amount', { exact: true }).fill('0.01');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  const refusal = ticket.getByRole('alert');
  await expect(refusal).toContainText('order refused by the risk rule "Capital per symbol"');
  await expect(refusal).toContainText(
    /the capital in BTC\/USD would be [\d,]+(\.\d+)? USD .* above the 1 % limit \([\d,]+(\.\d+)? USD\)/,
  );

  // The veto log has it, newest first, with the order, the rule and the numbers.
  await app.getByRole('tab', { name: 'Risk' }).click();
  const vetoes = app.getByTestId('veto-log');
  await expect(vetoes).toContainText('buy 0.01 BTC/USD market');
  // The rule by its name and the numbers in words, never the rule's code or raw key=value pairs.
  await expect(vetoes.getByRole('cell', { name: 'Capital per symbol', exact: true })).toBeVisible();
  await expect(vetoes).not.toContainText('CAPITAL_PER_SYMBOL');
  await expect(vetoes).toContainText(/above the 1 % limit/);
  await expect(vetoes).not.toContainText('limitPercent=');
  await vetoes.scrollIntoViewIfNeeded();
  await screenshot(app, 'risk-veto');

  // A resting limit buy (10 USD) fits under the limit.
  await app.getByRole('tab', { name: 'Market' }).click();
  await ticket.getByRole('button', { name: 'Limit' }).click();
  await ticket.getByLabel('Amount', { exact: true }).fill('0.01');
  await ticket.getByLabel('Limit price (USD)').fill('1000');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(app.getByTestId('ticket-result')).toContainText('OPEN');
  await app.getByRole('tab', { name: 'Orders' }).click();
  await expect(app.getByTestId('open-orders')).toContainText('limit');

  // One click engages the kill switch: the open order is cancelled.
  await app.getByTestId('kill-switch').click();
  await expect(app.getByTestId('kill-switch-state')).toHaveText('KILL SWITCH ENGAGED (FREEZE)');
  await expect(app.getByText('No open orders.')).toBeVisible();
  await expect(app.getByTestId('order-history')).toContainText('CANCELLED');
  // The header follows the cancels until the exchange confirmed each.
  await expect(app.getByTestId('kill-switch-progress')).toContainText('every open order ended (1 of 1)');

  // The ticket is disabled, saying why.
  await app.getByRole('tab', { name: 'Market' }).click();
  await expect(app.getByTestId('ticket-blocked')).toContainText(
    'Kill switch engaged (FREEZE): new entries are blocked.',
  );
  await expect(ticket.getByRole('button', { name: 'Buy BTC' })).toBeDisabled();
  await screenshot(app, 'risk-kill-switch-engaged');

  // Still engaged after the engine restarts.
  const restarted = await engine.restart();
  await app.goto(restarted.url);
  await expect(app.getByTestId('kill-switch-state')).toHaveText('KILL SWITCH ENGAGED (FREEZE)');
  await expect(app.getByTestId('ticket-blocked')).toBeVisible();
  await expect(app.getByTestId('order-ticket').getByRole('button', { name: 'Buy BTC' })).toBeDisabled();

  // Re-arm: only with the confirmation typed exactly.
  await app.getByRole('button', { name: 'Re-arm…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Re-arm trading' });
  await dialog.getByLabel('Confirmation').fill('re-arm');
  await expect(dialog.getByRole('button', { name: 'Re-arm trading' })).toBeDisabled();
  await dialog.getByLabel('Confirmation').fill('RE-ARM TRADING');
  await dialog.getByRole('button', { name: 'Re-arm trading' }).click();
  await expect(app.getByTestId('kill-switch')).toBeEnabled();
  await expect(app.getByTestId('ticket-blocked')).toHaveCount(0);

  await app.getByRole('tab', { name: 'Risk' }).click();
  const history = app.getByTestId('kill-switch-history');
  await expect(history).toContainText('rearmed');
  await expect(history).toContainText('engaged FREEZE');
  await screenshot(app, 'risk-tab');
});

test('Ctrl+Shift+K freezes; Flatten from the menu asks first, then sells the position', async ({ app }) => {
  await saveLimits(app, async (f) => f.getByLabel('ATR spike breaker').uncheck());
  await app.getByRole('tab', { name: 'Market' }).click();
  const ticket = app.getByTestId('order-ticket');
  await expect(app.getByTestId('ticker')).toContainText('BTC/USD');
  await ticket.getByLabel('Amount in').selectOption('BTC');
  await ticket.getByLabel('Amount', { exact: true }).fill('0.01');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  await expect(app.getByTestId('ticket-result')).toContainText('FILLED');

  await app.keyboard.press('Control+Shift+K');
  await expect(app.getByTestId('kill-switch-state')).toHaveText('KILL SWITCH ENGAGED (FREEZE)');
  // Selling the position held is still allowed from the ticket.
  // The position at the market's amount step (BTC: 8 decimals).
  await expect(app.getByTestId('ticket-blocked')).toContainText(
    /Selling your BTC position \(0\.010*\) is still allowed\./,
  );
  await ticket.getByRole('button', { name: 'Sell', exact: true }).click();
  await ticket.getByLabel('Amount', { exact: true }).fill('0.005');
  await expect(ticket.getByRole('button', { name: 'Sell BTC' })).toBeEnabled();
  await ticket.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(ticket.getByRole('button', { name: 'Buy BTC' })).toBeDisabled();

  await app.getByRole('button', { name: 'Flatten…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Flatten: close every position?' });
  await expect(dialog).toContainText('sells every position at market');
  await dialog.getByRole('button', { name: 'Flatten now' }).click();
  await expect(app.getByTestId('kill-switch-state')).toHaveText('KILL SWITCH ENGAGED (FLATTEN)');
  await app.getByRole('tab', { name: 'Orders' }).click();
  await expect(app.getByTestId('positions')).not.toContainText('0.01');
});
