/**
 * AI advisors side by side in the arena: two advisors, each with its own model, instructions and
 * capital, ask the local Messages-API server (the real SDK through its base URL); one buys with
 * 10 % of its own 1,000 USD, the other holds. The leaderboard ranks both with their own figures,
 * and a row opens the advisor's decisions with the reasoning it gave.
 */
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import { startMessagesServer, type MessagesServer } from '../electron/adapters/ai/testing/messages-server.js';
import type { Scenario } from '../electron/adapters/ai/testing/scenarios.js';
import { startEngine, type Engine } from './engine.js';
import { screenshot } from './fixtures.js';

const KEY = 'sk-ant-api03-e2e-local-messages-server-0000';
const usage = { input_tokens: 3000, output_tokens: 200 };
const answer = (name: string, decision: unknown): Scenario => ({
  name,
  description: name,
  turns: [[{ kind: 'tool_use', input: { decisions: [decision] }, usage }]],
});
const SCENARIOS = [
  answer('e2e-breakout', {
    symbol: 'BTC/USD',
    action: 'BUY',
    sizePercent: 10,
    reasoning: 'Price closed above the 20-candle high with rising volume.',
  }),
  answer('e2e-patient', { symbol: 'BTC/USD', action: 'HOLD', sizePercent: 0, reasoning: 'RSI 52: no edge.' }),
];

const test = base.extend<{ claude: MessagesServer; engine: Engine }>({
  // eslint-disable-next-line no-empty-pattern
  claude: async ({}, use) => {
    const server = await startMessagesServer({ apiKey: KEY, scenarios: SCENARIOS, scenario: 'e2e-patient' });
    await use(server);
    await server.close();
  },
  engine: async ({ claude }, use) => {
    const engine = await startEngine({ env: { WORKSTATION_ANTHROPIC_URL: claude.url } });
    await use(engine);
    await engine.stop();
    fs.rmSync(engine.dataDir, { recursive: true, force: true });
  },
});

test('two AI advisors with their own models and capital, ranked on the leaderboard with their reasoning', async ({
  page,
  engine,
  claude,
}) => {
  test.setTimeout(120_000);
  await page.goto(engine.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const key = page.getByTestId('secret-anthropic-apiKey');
  await key.getByLabel('Anthropic API key (Claude)').fill(KEY);
  await key.getByRole('button', { name: 'Save' }).click();
  await expect(key.getByTestId('secret-anthropic-apiKey-status')).toHaveText('Set');

  await page.getByRole('tab', { name: 'Strategies' }).click();
  const arena = page.getByTestId('arena-advisors');
  const add = async (name: string, model: string, capital: string, instructions: string) => {
    await arena.getByRole('button', { name: 'Add an advisor' }).click();
    const form = arena.getByTestId('arena-advisor-form');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Model').selectOption({ label: model });
    await form.getByLabel('Capital (USD)').fill(capital);
    await form.getByLabel('Timeframe').selectOption('1m');
    await form.getByLabel('Largest order (% of its equity)').fill('20');
    await form.getByLabel(/Instructions/).fill(instructions);
    await form.getByRole('button', { name: 'Add advisor' }).click();
    await expect(arena.getByTestId('arena-advisor-row').filter({ hasText: name })).toBeVisible();
  };
  await add('Breakout', 'Claude Haiku 4.5 (fast, cheapest)', '1000', 'Trade breakouts only. [scenario:e2e-breakout]');
  await add('Patient', 'Claude Opus 5 (most capable)', '2500', 'Wait for a clear edge. [scenario:e2e-patient]');

  for (const name of ['Breakout', 'Patient']) {
    const row = arena.getByTestId('arena-advisor-row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Ask now' }).click();
    await expect(row).toContainText(/asked \d/, { timeout: 30_000 });
  }
  expect(claude.requests.map((r) => r.body.model)).toEqual(['claude-haiku-4-5', 'claude-opus-5']);

  // Both on the leaderboard, each measured against its own capital.
  const board = page.getByTestId('leaderboard');
  const breakout = board.getByTestId('leaderboard-row').filter({ hasText: 'Breakout' });
  const patient = board.getByTestId('leaderboard-row').filter({ hasText: 'Patient' });
  await expect(breakout).toContainText('AI advisor · claude-haiku-4-5');
  await expect(patient).toContainText('2500.00 USD');
  await expect(patient).toContainText('0.00 %');
  // Breakout bought 100 USD of BTC: its fee shows, its equity stays near its own 1,000.
  const cells = breakout.locator('td');
  await expect(cells.nth(2)).toHaveText(/^(9\d\d|1000)\.\d\d USD$/); // equity
  await expect(cells.nth(8)).toHaveText(/^0\.\d\d USD$/); // fees: 0.26 % of 100
  await expect(cells.nth(8)).not.toHaveText('0.00 USD');

  // A leaderboard row opens the advisor's decisions with its reasoning.
  await breakout.click();
  const decisions = arena.getByTestId('arena-advisor-decisions');
  await expect(decisions).toContainText('Breakout: decisions and reasoning');
  await expect(decisions).toContainText('Price closed above the 20-candle high with rising volume.');
  await expect(decisions).toContainText('10% of equity = 100 USD');
  await screenshot(page, 'arena-advisors');

  await patient.click();
  await expect(decisions).toContainText('RSI 52: no edge.');
});
