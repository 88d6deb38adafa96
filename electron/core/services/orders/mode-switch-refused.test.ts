/**
 * A mode switch is all or nothing (issue 12 item 5). Offline, "switch to PAPER" is refused with the
 * cause in a trader's words; the market source, the watched series and the trading mode stay as
 * they were, simulator orders still work, and the same request gets the same answer again. The raw
 * cause (URL, errno) is in the log only. Real core; "kraken" is a local server that has gone away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../shared/domain/logs.js';
import type { MarketOverview } from '../../../../shared/domain/market.js';
import type { OrderView } from '../../../../shared/domain/orders.js';
import type { TradingStatus } from '../../../../shared/domain/trading.js';
import { PAPER_KRAKEN, startVenueCore, type VenueCore } from './testing/venue-core.js';

let v: VenueCore;

beforeAll(async () => {
  v = await startVenueCore();
  await v.call('risk.settings.update', { atrSpike: { enabled: false } });
  await v.call('market.watch', { symbol: 'BTC/USD', timeframe: '1m' });
  await v.kit.server.close(); // the exchange cannot be reached any more
}, 60_000);
afterAll(async () => {
  await v.core.shutdown();
});

const EXPECTED =
  'could not switch to PAPER on kraken: cannot reach kraken: check the connection. Nothing changed: trading ' +
  'stays SIMULATOR';

describe('a refused mode switch', () => {
  it('names the cause in plain words, restores the market source and feeds, and leaves trading as it was', async () => {
    const refused = await v.attempt('trading.setMode', PAPER_KRAKEN);
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toBe(EXPECTED);

    expect((await v.call<MarketOverview>('market.overview')).source).toEqual({ kind: 'simulator' });
    expect(v.core.services.market.feeds().map((f) => `${f.source} ${f.symbol} ${f.timeframe}`)).toEqual([
      'simulator BTC/USD 1m',
    ]);
    expect(await v.call<TradingStatus>('trading.status')).toMatchObject({
      mode: 'SIMULATOR',
      venue: 'simulator',
      halted: null,
      reconciled: true,
    });
    const order = await v.call<OrderView>('orders.submit', {
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'market',
      quantity: '0.001',
    });
    expect(order.status).not.toBe('REJECTED');

    // The log keeps the technical cause for whoever needs it.
    const logs = await v.call<LogEntry[]>('logs.query', { text: 'the switch from simulator to paper:kraken failed' });
    expect(JSON.stringify(logs)).toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed/);
  });

  it('gives the same answer to the same request again', async () => {
    const again = await v.attempt('trading.setMode', PAPER_KRAKEN);
    expect(again.error?.message).toBe(EXPECTED);
    expect((await v.call<MarketOverview>('market.overview')).source).toEqual({ kind: 'simulator' });
    expect((await v.call<TradingStatus>('trading.status')).mode).toBe('SIMULATOR');
  });
});
