/**
 * AI strategies end to end: the engine talks to a local Messages-API-compatible server (the real
 * SDK through its base URL), so nothing leaves the machine. A strategy is generated from a sentence,
 * goes through validation, the backtest and the gauntlet with visible progress, is approved into
 * the library and activated in the simulator; a FAILED one stays refused; without a key the panels
 * say what is needed.
 */
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startMessagesServer, type MessagesServer } from '../electron/adapters/ai/testing/messages-server.js';
import type { Scenario } from '../electron/adapters/ai/testing/scenarios.js';
import { startEngine, type Engine } from './engine.js';
import { screenshot } from './fixtures.js';

const KEY = 'sk-ant-api03-e2e-local-messages-server-0000';
const usage = { input_tokens: 5200, output_tokens: 420 };

/** Trades often on 1-minute candles (so a run orders within seconds at the e2e simulator speed). */
const ACTIVE_STRATEGY = {
  name: 'Aggressive RSI swing',
  description: 'Buys RSI dips and sells the recovery, with a 2 % stop.',
  symbols: ['{{symbol}}'],
  timeframe: '{{timeframe}}',
  riskLevel: '{{riskLevel}}',
  entryConditions: ['RSI(14) < 45'],
  exitConditions: ['RSI(14) > 55'],
  stopLossPercent: 2,
  takeProfitPercent: 4,
  positionSizePercent: 10,
};

/** Almost never enters: too few trades to judge, so the gauntlet's verdict is FAILED. */
const IDLE_STRATEGY = {
  ...ACTIVE_STRATEGY,
  name: 'Capitulation only',
  description: 'Buys only when RSI is below 3.',
  entryConditions: ['RSI(14) < 3'],
};

const SCENARIOS: Scenario[] = [
  {
    name: 'e2e-active',
    description: 'an active RSI strategy',
    turns: [[{ kind: 'tool_use', input: ACTIVE_STRATEGY, usage }]],
  },
  {
    name: 'e2e-idle',
    description: 'a strategy that never trades',
    turns: [[{ kind: 'tool_use', input: IDLE_STRATEGY, usage }]],
  },
];

const test = base.extend<{ claude: MessagesServer; engine: Engine; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  claude: async ({}, use) => {
    const server = await startMessagesServer({ apiKey: KEY, scenarios: SCENARIOS, scenario: 'e2e-active' });
    await use(server);
    await server.close();
  },
  engine: async ({ claude }, use) => {
    const engine = await startEngine({ env: { WORKSTATION_ANTHROPIC_URL: claude.url } });
    await use(engine);
    await engine.stop();
    fs.rmSync(engine.dataDir, { recursive: true, force: true });
  },
  app: async ({ page, engine }, use) => {
    await page.goto(engine.url);
    await expect(page.getByTestId('connection-state')).toHaveText(/Connected/);
    await use(page);
  },
});

async function setAnthropicKey(app: Page): Promise<void> {
  await app.getByRole('tab', { name: 'Settings' }).click();
  const row = app.getByTestId('secret-anthropic-apiKey');
  await row.getByLabel('Anthropic API key (Claude)').fill(KEY);
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByTestId('secret-anthropic-apiKey-status')).toHaveText('Set');
}

async function generate(app: Page, request: string, symbol: string, timeframe: string): Promise<void> {
  await app.getByRole('tab', { name: 'Strategies' }).click();
  await app.getByRole('button', { name: 'Generate with AI' }).click();
  const form = app.getByTestId('ai-generate-form');
  await form.getByLabel('Describe the strategy').fill(request);
  await form.getByLabel('Symbol').selectOption(symbol);
  await form.getByLabel('Timeframe').selectOption(timeframe);
  await form.getByLabel('Risk level').selectOption('HIGH');
  await form.getByRole('button', { name: 'Generate' }).click();
}

test('a sentence becomes a graded strategy that runs in the simulator and places its first order', async ({
  app,
  claude,
}) => {
  test.setTimeout(180_000);
  await setAnthropicKey(app);
  await generate(app, 'Create an aggressive RSI strategy for Bitcoin with a 2% stop', 'BTC/USD', '1m');

  // The progress streams through the phases; the gauntlet is seen before the result replaces it.
  const progress = app.getByTestId('ai-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('data-phase', /backtesting|gauntlet/, { timeout: 60_000 });
  await screenshot(app, 'ai-progress');

  const result = app.getByTestId('ai-result');
  await expect(result).toHaveAttribute('data-status', 'VALID', { timeout: 90_000 });
  await expect(result.getByTestId('ai-strategy')).toContainText('RSI(14) < 45');
  await expect(result.getByTestId('ai-strategy')).toContainText('2 %');
  await expect(result.getByTestId('ai-usage')).toContainText('5,200 in / 420 out tokens');
  await expect(result.getByTestId('ai-gauntlet')).toContainText('Monte Carlo');
  await expect(result.getByTestId('ai-stability')).toContainText('variants still pass');
  const grade = await result.getByTestId('ai-verdict-grade').getAttribute('data-grade');
  expect(grade, 'the scenario strategy should grade at least ACCEPTABLE on the simulator data').not.toBe('FAILED');
  expect(claude.requests.length).toBeGreaterThan(0);
  expect(claude.requests[0]!.headers['x-api-key']).toBe(KEY);
  await screenshot(app, 'ai-result');

  await result.getByRole('button', { name: 'Approve' }).click();
  await expect(result.getByTestId('ai-approved')).toBeVisible();
  await expect(app.getByTestId('strategy-library')).toContainText('Aggressive RSI swing');
  const activation = result.getByTestId('activation-panel');
  await expect(activation.getByTestId('activation-check')).toHaveAttribute('data-allowed', 'true');
  await activation.getByRole('button', { name: /Activate/ }).click();
  await expect(app.getByTestId('runs-panel')).toContainText('Aggressive RSI swing');
  await expect(app.getByTestId('run-orders').first()).not.toHaveText('0', { timeout: 60_000 });
  await expect(app.getByTestId('run-log')).toContainText('ORDER');
  await screenshot(app, 'ai-activated');

  // The history keeps the generation with its decision.
  await expect(app.getByTestId('ai-history')).toContainText('approved');
});

test('a FAILED strategy can be approved but its activation stays refused with the reason', async ({ app, claude }) => {
  test.setTimeout(120_000);
  claude.setScenario('e2e-idle');
  await setAnthropicKey(app);
  await generate(app, 'Buy Bitcoin only on a total capitulation', 'BTC/USD', '15m');

  const result = app.getByTestId('ai-result');
  await expect(result).toHaveAttribute('data-status', 'VALID', { timeout: 90_000 });
  await expect(result.getByTestId('ai-verdict-grade')).toHaveAttribute('data-grade', 'FAILED');
  await expect(result.getByTestId('ai-verdict')).toContainText('at least 10 are needed');

  await result.getByRole('button', { name: 'Approve' }).click();
  await expect(result.getByTestId('ai-approved')).toBeVisible();
  const activation = result.getByTestId('activation-panel');
  await expect(activation.getByTestId('activation-check')).toHaveAttribute('data-allowed', 'false');
  await expect(activation.getByTestId('activation-check')).toContainText(/FAILED/);
  await expect(activation.getByRole('button', { name: /Activate/ })).toBeDisabled();
  await screenshot(app, 'ai-failed-refused');
});

test('without an Anthropic key both AI panels say what is needed and lead to Settings', async ({ app }) => {
  await app.getByRole('tab', { name: 'Strategies' }).click();
  await app.getByRole('button', { name: 'Generate with AI' }).click();
  const needs = app.getByTestId('ai-generate').getByTestId('ai-needs-key');
  await expect(needs).toContainText('needs an Anthropic API key');
  await expect(app.getByTestId('ai-generate-form')).toHaveCount(0);
  await screenshot(app, 'ai-no-key');

  await app.getByRole('button', { name: 'AI advisor' }).click();
  await expect(app.getByTestId('ai-advisor').getByTestId('ai-needs-key')).toContainText('needs an Anthropic API key');

  // The rest of the tab still works.
  await app.getByRole('button', { name: 'Strategy', exact: true }).click();
  await expect(app.getByTestId('runs-panel')).toBeVisible();

  await app.getByRole('button', { name: 'Generate with AI' }).click();
  await app.getByRole('button', { name: 'Open Settings › API keys' }).click();
  await expect(app.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByTestId('secret-anthropic-apiKey')).toBeVisible();
});
