/**
 * AI advisors in the arena through the real core (dispatch, simulator, order service, risk gate,
 * SQLite) and the real Anthropic SDK against the local Messages server: each advisor asks its own
 * model with its own instructions, sizes from its own capital, sells only what it holds, keeps
 * its decisions with their reasoning, and ranks on the leaderboard beside the strategy runs;
 * it survives a restart, and a stopped one keeps its row.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisorDecision } from '../../../../../shared/domain/ai.js';
import type { ArenaAdvisorView, LeaderboardRow } from '../../../../../shared/domain/arena.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import { startMessagesServer, type MessagesServer } from '../../../../adapters/ai/testing/messages-server.js';
import type { Scenario } from '../../../../adapters/ai/testing/scenarios.js';
import { createMemorySecretStore } from '../../../../adapters/secrets/memory-store.js';
import { createTempCore, type TempCore } from '../../../testing/temp-core.js';

const usage = { input_tokens: 3000, output_tokens: 200 };
/** One decision per request, in this order (the instructions name the scenario: [scenario:NAME]). */
const answers = (name: string, ...decisions: unknown[]): Scenario => ({
  name,
  description: name,
  turns: [decisions.map((decision) => ({ kind: 'tool_use' as const, input: { decisions: [decision] }, usage }))],
});
const SCENARIOS = [
  answers(
    'arena-breakout',
    { symbol: 'BTC/USD', action: 'BUY', sizePercent: 10, reasoning: 'Breakout above the range.' },
    { symbol: 'BTC/USD', action: 'SELL', sizePercent: 100, reasoning: 'Target reached.' },
  ),
  answers('arena-hold', { symbol: 'BTC/USD', action: 'HOLD', sizePercent: 0, reasoning: 'RSI is neutral.' }),
  answers('arena-greedy', { symbol: 'BTC/USD', action: 'BUY', sizePercent: 20, reasoning: 'All in.' }),
];

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

let server: MessagesServer;
let t: TempCore;
const store = createMemorySecretStore();

async function start(dataDir?: string) {
  t = await createTempCore({ secretStore: store, anthropicBaseUrl: server.url, ...(dataDir ? { dataDir } : {}) });
  await t.core.services.orders.start();
}
const attempt = <T>(name: string, input: unknown = {}) =>
  t.core.dispatch(name, input, { transport: 'test' }) as Promise<Envelope<T>>;
async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const r = await attempt<T>(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.data;
}
const advisor = (name: string, model: string, capital: string, instructions: string) =>
  call<ArenaAdvisorView>('arena.addAdvisor', {
    name,
    model,
    instructions,
    capital,
    symbols: ['BTC/USD'],
    timeframe: '1m',
    intervalMinutes: 60,
    maxOrderPercent: 20,
  });

beforeAll(async () => {
  await store.set('anthropic.apiKey', 'sk-ant-test-key');
  server = await startMessagesServer({ scenario: 'arena-hold', scenarios: SCENARIOS });
  await start();
  await call('risk.settings.update', { atrSpike: { enabled: false } });
}, 60_000);
afterAll(async () => {
  await t.core.shutdown();
  fs.rmSync(t.dataDir, { recursive: true, force: true });
  await server.close();
});

describe('AI advisors in the arena', () => {
  let breakout: ArenaAdvisorView;
  let cautious: ArenaAdvisorView;

  it('asks each advisor its own model with its own instructions, and sizes from its own capital', async () => {
    breakout = await advisor('Breakout', 'claude-haiku-4-5', '1000', 'Trade breakouts only. [scenario:arena-breakout]');
    cautious = await advisor('Cautious', 'claude-opus-5', '2500', 'Never chase. [scenario:arena-hold]');
    expect([breakout.state, breakout.capital, breakout.model]).toEqual(['RUNNING', '1000', 'claude-haiku-4-5']);

    const [buy] = await call<AdvisorDecision[]>('arena.runAdvisor', { id: breakout.id });
    const [hold] = await call<AdvisorDecision[]>('arena.runAdvisor', { id: cautious.id });
    const asked = server.requests.slice(-2).map((r) => [r.body.model, JSON.stringify(r.body.system)]);
    expect(asked[0]![0]).toBe('claude-haiku-4-5');
    expect(asked[0]![1]).toContain('Trade breakouts only.');
    expect(asked[1]![0]).toBe('claude-opus-5');
    expect(asked[1]![1]).toContain('Never chase.');

    // 10 % of the advisor's 1000, not of the account's 10,000.
    expect(buy!.outcome, buy!.outcomeDetail).toBe('ORDER');
    expect(buy!.outcomeDetail).toContain('10% of equity = 100 USD');
    expect(hold!.outcome).toBe('HOLD');
    await t.core.services.orders.idle();
  });

  it('ranks both advisors on the leaderboard on their own sub-accounts', async () => {
    const board = await call<LeaderboardRow[]>('arena.leaderboard');
    const row = (id: string) => board.find((r) => r.runId === id)!;
    expect(row(breakout.id)).toMatchObject({ kind: 'advisor', model: 'claude-haiku-4-5', baseEquity: '1000' });
    expect(row(cautious.id)).toMatchObject({ kind: 'advisor', equity: '2500.00', fees: '0.00', trades: 0 });
    const b = row(breakout.id);
    expect(Number(b.fees)).toBeGreaterThan(0);
    expect(b.positionQuantity).toMatch(/^0\.\d+ BTC\/USD$/);
    // Cash is what is left of its own 1000 after about 100 of BTC and the fee.
    expect(Number(b.cash)).toBeGreaterThan(899);
    expect(Number(b.cash)).toBeLessThan(901);
  });

  it('sells only what the advisor holds, whatever else the account holds', async () => {
    // The trader's own BTC, bought by hand: not the advisor's to sell.
    await call<OrderView>('orders.submit', { symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    await t.core.services.orders.idle();
    const held = (await call<LeaderboardRow[]>('arena.leaderboard')).find((r) => r.runId === breakout.id)!;
    const quantity = held.positionQuantity.split(' ')[0]!;
    const [sell] = await call<AdvisorDecision[]>('arena.runAdvisor', { id: breakout.id });
    expect(sell!.outcome, sell!.outcomeDetail).toBe('ORDER');
    expect(sell!.outcomeDetail).toContain(`market sell ${quantity} BTC/USD`);
    await t.core.services.orders.idle();
    const after = (await call<LeaderboardRow[]>('arena.leaderboard')).find((r) => r.runId === breakout.id)!;
    expect(after.positionQuantity).toBe('');
    expect(after.trades).toBe(1);
    const decisions = await call<AdvisorDecision[]>('arena.advisorDecisions', { id: breakout.id });
    expect(decisions.map((x) => x.reasoning)).toEqual(['Target reached.', 'Breakout above the range.']);
    // The Settings advisor's log holds none of them.
    expect(await call<AdvisorDecision[]>('ai.advisor.decisions')).toEqual([]);
  });

  it("applies the risk rules to the advisor's own account as well as to the whole account", async () => {
    // 15 % of capital per symbol: 200 USD of BTC is 2 % of the account, but 20 % of Greedy's 1,000.
    await call('risk.settings.update', { capitalPerSymbol: { enabled: true, percent: 15 } });
    const greedy = await advisor('Greedy', 'claude-haiku-4-5', '1000', '[scenario:arena-greedy]');
    const [buy] = await call<AdvisorDecision[]>('arena.runAdvisor', { id: greedy.id });
    await call('risk.settings.update', { capitalPerSymbol: { enabled: true, percent: 20 } });
    expect(buy!.outcome, buy!.outcomeDetail).toBe('VETOED');
    expect(buy!.outcomeDetail).toMatch(/Capital per symbol.*in Greedy's own account: .*15 %/);
    await call('arena.stopAdvisor', { id: greedy.id });
  });

  it('refuses a model it does not know, a name already used, and a capital of 0, saying what to do', async () => {
    const unknown = await attempt('arena.addAdvisor', { name: 'X', model: 'gpt-9', capital: '100' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!unknown.ok && unknown.error.message).toMatch(/no model "gpt-9": choose one of .*claude-haiku-4-5/);
    const twice = await attempt('arena.addAdvisor', { name: 'Breakout', model: 'claude-haiku-4-5', capital: '100' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const zero = await attempt('arena.addAdvisor', { name: 'Y', model: 'claude-haiku-4-5', capital: '0' });
    expect(zero).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('keeps the advisors across a restart; a stopped one stays on the board and asks nothing more', async () => {
    await call('arena.stopAdvisor', { id: cautious.id });
    const dataDir = t.dataDir;
    await t.core.shutdown();
    await start(dataDir);
    const list = await call<ArenaAdvisorView[]>('arena.advisors');
    expect(list.map((a) => [a.name, a.state])).toEqual([
      ['Breakout', 'RUNNING'],
      ['Cautious', 'STOPPED'],
      ['Greedy', 'STOPPED'],
    ]);
    const board = await call<LeaderboardRow[]>('arena.leaderboard');
    expect(board.find((r) => r.runId === cautious.id)?.state).toBe('STOPPED');
    expect(board.find((r) => r.runId === breakout.id)?.trades).toBe(1);
    const again = await attempt('arena.runAdvisor', { id: cautious.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
