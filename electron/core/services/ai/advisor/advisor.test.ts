/**
 * The AI advisor through the real core (dispatch, simulator market, orders, risk gate, SQLite) and
 * the real Anthropic SDK talking to the local Messages server: decisions become simulator orders
 * or recorded vetoes, skips and holds; it is blocked in LIVE mode, without a key, and once the
 * daily budget is spent; it runs on its schedule.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdvisorDecision, AdvisorStatus } from '../../../../../shared/domain/ai.js';
import type { AuditEntry } from '../../../../../shared/domain/audit.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import { startMessagesServer, type MessagesServer } from '../../../../adapters/ai/testing/messages-server.js';
import type { Scenario } from '../../../../adapters/ai/testing/scenarios.js';
import { createMemorySecretStore } from '../../../../adapters/secrets/memory-store.js';
import { createManualClock } from '../../../../engine/clock.js';
import { createManualScheduler } from '../../../../engine/scheduler.js';
import { openDatabase } from '../../../../persistence/database.js';
import { MIGRATIONS } from '../../../../persistence/migrations/index.js';
import { createSettingsRepo } from '../../../../persistence/repositories/settings-repo.js';
import { DATABASE_FILE } from '../../../create-core.js';
import { createTempCore, type TempCore } from '../../../testing/temp-core.js';
import { NO_KEY_REASON } from './blocked.js';

const usage = { input_tokens: 5200, output_tokens: 420 }; // $0.0146 at the default model's prices
const decide = (...decisions: unknown[]): Scenario['turns'] => [[{ kind: 'tool_use', input: { decisions }, usage }]];
const SCENARIOS: Scenario[] = [
  {
    name: 'advisor-sell-unheld',
    description: 'sell ETH, which is not held',
    turns: decide({ symbol: 'ETH/USD', action: 'SELL', sizePercent: 50, reasoning: 'MACD crossed down.' }),
  },
  {
    name: 'advisor-big-buy',
    description: 'buy 20 % of equity (cut to the maximum, then vetoed by the capital-per-symbol limit)',
    turns: decide({ symbol: 'BTC/USD', action: 'BUY', sizePercent: 20, reasoning: 'Strong breakout.' }),
  },
  {
    name: 'advisor-hold',
    description: 'hold BTC',
    turns: decide({ symbol: 'BTC/USD', action: 'HOLD', sizePercent: 0, reasoning: 'Signals disagree.' }),
  },
];

/** The scheduled pass runs in the background: wait for its result (generously, on a busy machine). */
const WAIT = { timeout: 15_000, interval: 20 };

type Ok<T> = { ok: true; data: T };
type Envelope<T> = Ok<T> | { ok: false; error: { code: string; message: string } };

async function keyStore() {
  const store = createMemorySecretStore();
  await store.set('anthropic.apiKey', 'sk-ant-test-key');
  return store;
}

function caller(t: TempCore) {
  return <T>(name: string, input: unknown = {}) =>
    t.core.dispatch(name, input, { transport: 'test' }) as Promise<Envelope<T>>;
}

function data<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

describe('the AI advisor in the simulator', () => {
  let server: MessagesServer;
  let t: TempCore;
  let call: ReturnType<typeof caller>;
  const clock = createManualClock(Date.UTC(2025, 0, 6, 12));
  const events: AdvisorDecision[] = [];

  beforeAll(async () => {
    server = await startMessagesServer({ scenario: 'advisor-decision', scenarios: SCENARIOS });
    t = await createTempCore({ secretStore: await keyStore(), anthropicBaseUrl: server.url, clock });
    call = caller(t);
    t.core.events.subscribe((name, payload) => {
      if (name === 'ai.advisorDecision') events.push(payload as AdvisorDecision);
    });
    await t.core.services.orders.start();
    // The simulator's volatility bursts trip the ATR spike breaker now and then; these tests are about the advisor.
    data(await call('risk.settings.update', { atrSpike: { enabled: false } }));
    data(await call('ai.advisor.update', { enabled: true, symbols: ['BTC/USD', 'ETH/USD'], timeframe: '1m' }));
  }, 60_000);
  afterAll(async () => {
    await t.cleanup();
    await server.close();
  });

  it('places the BUY as a simulator order, records the HOLD, and keeps the reasoning', async () => {
    const decisions = data(await call<AdvisorDecision[]>('ai.advisor.runNow'));
    expect(decisions).toMatchObject([
      { symbol: 'BTC/USD', action: 'BUY', sizePercent: 2, outcome: 'ORDER' },
      { symbol: 'ETH/USD', action: 'HOLD', outcome: 'HOLD', clientOrderId: null },
    ]);
    const buy = decisions[0]!;
    expect(buy.reasoning).toBe('RSI recovered from oversold while the price holds above the 50-candle average.');
    expect(buy.outcomeDetail).toMatch(/^market buy [\d.]+ BTC\/USD placed \(2% of equity = [\d.]+ USD\)/);
    expect(buy.costUsd + decisions[1]!.costUsd).toBeCloseTo(0.0146, 6);

    const orders = data(await call<OrderView[]>('orders.list', { scope: 'history', symbol: 'BTC/USD' }));
    expect(orders.map((o) => o.clientOrderId)).toContain(buy.clientOrderId);
    expect(orders.find((o) => o.clientOrderId === buy.clientOrderId)).toMatchObject({ side: 'buy', type: 'market' });

    // One request, the decide tool forced, with candles, indicators and the portfolio.
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]!.body;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'decide' });
    const state = JSON.stringify(body.messages);
    for (const word of ['rsi14', 'sma50', 'macdHistogram', 'atr14Percent', 'recentCandles', 'equity', 'openOrders']) {
      expect(state).toContain(word);
    }

    expect(data(await call<AdvisorDecision[]>('ai.advisor.decisions', {}))).toEqual([...decisions].reverse());
    expect(events.map((e) => e.id)).toEqual(decisions.map((d) => d.id));
    const audit = data(await call<AuditEntry[]>('audit.query', { kinds: ['ai.advisor'] }));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'engine',
      details: { clientOrderId: buy.clientOrderId, outcome: 'ORDER' },
    });
    const submitted = data(await call<AuditEntry[]>('audit.query', { kinds: ['order.submitted'] }));
    expect(submitted[0]?.details).toMatchObject({ clientOrderId: buy.clientOrderId, source: 'advisor' });
  });

  it('skips a SELL of a symbol that is not held, saying so', async () => {
    server.setScenario('advisor-sell-unheld');
    const [sell] = data(await call<AdvisorDecision[]>('ai.advisor.runNow'));
    expect(sell).toMatchObject({
      symbol: 'ETH/USD',
      action: 'SELL',
      outcome: 'SKIPPED',
      outcomeDetail: 'there is no ETH/USD position to sell (the advisor never sells short)',
      clientOrderId: null,
    });
  });

  it('cuts a BUY to the maximum order size, and shows the risk veto with its rule', async () => {
    data(await call('risk.settings.update', { capitalPerSymbol: { enabled: true, percent: 1 } }));
    server.setScenario('advisor-big-buy');
    const before = data(await call<OrderView[]>('orders.list', { scope: 'history' })).length;
    const [buy] = data(await call<AdvisorDecision[]>('ai.advisor.runNow'));
    expect(buy).toMatchObject({ action: 'BUY', sizePercent: 20, outcome: 'VETOED', clientOrderId: null });
    expect(buy!.outcomeDetail).toMatch(/^order refused by the risk rule "Capital per symbol"/);
    expect(data(await call<OrderView[]>('orders.list', { scope: 'history' }))).toHaveLength(before);
    const audit = data(await call<AuditEntry[]>('audit.query', { kinds: ['ai.advisor'] }));
    expect(audit[0]).toMatchObject({ details: { outcome: 'VETOED', sizePercent: 20 } });
    data(await call('risk.settings.update', { capitalPerSymbol: { enabled: true, percent: 20 } }));
  });

  it('records a HOLD', async () => {
    server.setScenario('advisor-hold');
    const [hold] = data(await call<AdvisorDecision[]>('ai.advisor.runNow'));
    expect(hold).toMatchObject({ action: 'HOLD', outcome: 'HOLD', reasoning: 'Signals disagree.' });
  });

  it('records a refused request as an error for each watched symbol, and places nothing', async () => {
    server.setScenario('unauthorized');
    const before = data(await call<OrderView[]>('orders.list', { scope: 'history' })).length;
    const decisions = data(await call<AdvisorDecision[]>('ai.advisor.runNow'));
    expect(decisions.map((d) => [d.symbol, d.outcome, d.costUsd])).toEqual([
      ['BTC/USD', 'ERROR', 0],
      ['ETH/USD', 'ERROR', 0],
    ]);
    expect(decisions[0]!.outcomeDetail).toMatch(/^no decision: Anthropic refused the API key .*Settings > Secrets/);
    expect(data(await call<OrderView[]>('orders.list', { scope: 'history' }))).toHaveLength(before);
  });

  it('stops once the daily budget is spent, and resumes the next UTC day', async () => {
    const requests = server.requests.length;
    const spent = data(await call<AdvisorStatus>('ai.advisor.status')).spentTodayUsd;
    expect(spent).toBeCloseTo(4 * 0.0146, 6);
    const status = data(await call<AdvisorStatus>('ai.advisor.update', { dailyBudgetUsd: 0.05 }));
    expect(status.blockedReason).toBe(
      "today's budget of $0.05 is spent ($0.06): the advisor resumes at 00:00 UTC, or raise the daily budget",
    );
    expect(await call('ai.advisor.runNow')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: status.blockedReason },
    });
    expect(server.requests).toHaveLength(requests);

    clock.set(Date.UTC(2025, 0, 7, 0, 0, 1));
    expect(data(await call<AdvisorStatus>('ai.advisor.status'))).toMatchObject({
      blockedReason: null,
      spentTodayUsd: 0,
    });
    data(await call('ai.advisor.runNow'));
    expect(server.requests).toHaveLength(requests + 1);
  });

  it('waits while the kill switch is engaged', async () => {
    data(await call('killSwitch.engage', { mode: 'FREEZE', reason: 'test' }));
    const status = data(await call<AdvisorStatus>('ai.advisor.status'));
    expect(status.blockedReason).toMatch(/^the kill switch is engaged/);
  });
});

describe('when the advisor may not ask Claude', () => {
  let server: MessagesServer;
  beforeAll(async () => {
    server = await startMessagesServer({ scenario: 'advisor-decision' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('says to add the Anthropic key, and sends nothing, when there is none', async () => {
    const t = await createTempCore({ anthropicBaseUrl: server.url });
    try {
      const call = caller(t);
      data(await call('ai.advisor.update', { enabled: true }));
      expect(data(await call<AdvisorStatus>('ai.advisor.status')).blockedReason).toBe(NO_KEY_REASON);
      expect(NO_KEY_REASON).toMatch(/^add your Anthropic API key in Settings > Secrets/);
      expect(await call('ai.advisor.runNow')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(server.requests).toHaveLength(0);
    } finally {
      await t.cleanup();
    }
  });

  it('never calls Claude in LIVE mode', async () => {
    // A workstation whose trading mode is LIVE when it starts (the exchange session itself cannot open: no keys).
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-advisor-'));
    const db = openDatabase({ file: path.join(dataDir, DATABASE_FILE), migrations: MIGRATIONS, synchronous: 'FULL' });
    createSettingsRepo(db).put({ tradingMode: 'LIVE', advisor: { enabled: true, intervalMinutes: 5 } }, 0);
    db.close();
    const scheduler = createManualScheduler(Date.UTC(2025, 0, 6, 12));
    const t = await createTempCore({
      dataDir,
      secretStore: await keyStore(),
      anthropicBaseUrl: server.url,
      scheduler,
      clock: scheduler.clock,
    });
    try {
      const call = caller(t);
      const status = data(await call<AdvisorStatus>('ai.advisor.status'));
      expect(status.blockedReason).toBe(
        'the advisor never trades LIVE: switch the trading mode to SIMULATOR or PAPER to use it',
      );
      expect(await call('ai.advisor.runNow')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      for (let pass = 0; pass < 3; pass++) {
        scheduler.advance(5 * 60_000);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(server.requests).toHaveLength(0);
      expect(data(await call<AdvisorDecision[]>('ai.advisor.decisions', {}))).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('the advisor schedule', () => {
  it('asks Claude every intervalMinutes of the injected scheduler', async () => {
    const server = await startMessagesServer({ scenario: 'advisor-hold', scenarios: SCENARIOS });
    const scheduler = createManualScheduler(Date.UTC(2025, 0, 6, 12));
    const t = await createTempCore({
      secretStore: await keyStore(),
      anthropicBaseUrl: server.url,
      scheduler,
      clock: scheduler.clock,
    });
    try {
      const call = caller(t);
      await t.core.services.orders.start();
      const start = scheduler.clock.now();
      const status = data(await call<AdvisorStatus>('ai.advisor.update', { enabled: true, intervalMinutes: 30 }));
      expect(status).toMatchObject({ nextRunAt: start + 30 * 60_000, lastRunAt: null });
      expect(server.requests).toHaveLength(0);

      scheduler.advance(30 * 60_000);
      await vi.waitFor(async () => {
        expect(data(await call<AdvisorDecision[]>('ai.advisor.decisions', {}))).toHaveLength(1);
      }, WAIT);
      expect(server.requests).toHaveLength(1);
      await vi.waitFor(async () => {
        expect(data(await call<AdvisorStatus>('ai.advisor.status')).nextRunAt).toBe(start + 60 * 60_000);
      }, WAIT);
      expect(data(await call<AdvisorStatus>('ai.advisor.status')).lastRunAt).toBe(start + 30 * 60_000);

      data(await call('ai.advisor.update', { enabled: false }));
      expect(data(await call<AdvisorStatus>('ai.advisor.status')).nextRunAt).toBeNull();
      scheduler.advance(120 * 60_000);
      await t.core.services.orders.idle();
      expect(server.requests).toHaveLength(1);
    } finally {
      await t.cleanup();
      await server.close();
    }
  });
});
