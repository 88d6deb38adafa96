/**
 * The advisor's decision is bound to the venue it was asked for. Reproduces issue 12's report: the
 * advisor asks Claude in PAPER, the answer is held by the Messages server until the trader has
 * switched to LIVE; the decision must not reach the live exchange (0 AddOrder), and the decision
 * log says why. Real core, real SDK against the local Messages server, ccxt against the local
 * Kraken-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisorDecision } from '../../../../../shared/domain/ai.js';
import type { OrderView } from '../../../../../shared/domain/orders.js';
import { startMessagesServer, type MessagesServer } from '../../../../adapters/ai/testing/messages-server.js';
import type { Scenario } from '../../../../adapters/ai/testing/scenarios.js';
import { LIVE_KRAKEN, PAPER_KRAKEN, startVenueCore, type VenueCore } from '../../orders/testing/venue-core.js';

const BUY: Scenario = {
  name: 'advisor-buy-btc',
  description: 'buy 5 % of equity in BTC',
  turns: [
    [
      {
        kind: 'tool_use',
        input: { decisions: [{ symbol: 'BTC/USD', action: 'BUY', sizePercent: 5, reasoning: 'Breakout.' }] },
        usage: { input_tokens: 1000, output_tokens: 100 },
      },
    ],
  ],
};

let server: MessagesServer;
let v: VenueCore;

beforeAll(async () => {
  server = await startMessagesServer({ scenario: BUY.name, scenarios: [BUY] });
  v = await startVenueCore({ anthropicBaseUrl: server.url, aiRequest: { timeoutMs: 20_000, maxRetries: 0 } });
  await v.call('risk.settings.update', { atrSpike: { enabled: false } });
  await v.call('ai.advisor.update', { enabled: true, symbols: ['BTC/USD'], timeframe: '1h' });
}, 60_000);
afterAll(async () => {
  await v.close();
  await server.close();
});

describe('the advisor and a trading-mode switch', () => {
  it('a PAPER decision whose answer arrives after the switch to LIVE places no live order', async () => {
    await v.call('trading.setMode', PAPER_KRAKEN);
    const held = server.hold();
    const pass = v.attempt('ai.advisor.runNow');
    await held.arrived;
    await v.call('trading.setMode', LIVE_KRAKEN);
    held.release();
    await pass;

    expect(v.kit.server.count('AddOrder')).toBe(0);
    expect(v.account.orders).toHaveLength(0);
    expect(await v.call<OrderView[]>('orders.list', { venue: 'kraken', scope: 'history' })).toEqual([]);
    const [decision] = await v.call<AdvisorDecision[]>('ai.advisor.decisions', {});
    expect(decision?.outcome).not.toBe('ORDER');
    expect(decision?.outcomeDetail).toMatch(/switched from paper:kraken to kraken/);
  });
});
