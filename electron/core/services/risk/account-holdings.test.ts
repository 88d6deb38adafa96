/**
 * Positions from the account: in LIVE the balances come from the exchange, so holdings bought
 * outside the app can be sold and flattened; they have no entry price until the trader gives one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startKrakenExecutionKit,
  type KrakenExecutionKit,
} from '../../../adapters/execution/testing/kraken-execution-kit.js';
import { type CcxtMarketSource } from '../../../adapters/market/ccxt-source.js';
import type { KrakenAccount } from '../../../adapters/market/testing/kraken-private-book.js';
import { type MarketFeed } from '../orders/market-feed.js';
import { createRiskHarness, type RiskHarness } from './testing/risk-harness.js';
import { pollingKrakenFeed } from '../orders/testing/kraken-feed.js';

let kit: KrakenExecutionKit;
let account: KrakenAccount;
let source: CcxtMarketSource;
let feed: MarketFeed;
let r: RiskHarness;
let dir: string;

beforeEach(async () => {
  kit = await startKrakenExecutionKit();
  // The account the trader connects already holds 1 BTC and 20 ETH, bought elsewhere.
  account = kit.account({ ZUSD: '100000', XXBT: '1', XETH: '20' });
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-holdings-'));
  r = createRiskHarness({ dir, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });
  await r.h.service.start();
  await r.h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
});

afterEach(async () => {
  await r.close();
  feed.close();
  await source.close();
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const held = (asset: string) => account.balances.get(asset)?.toString();

describe('positions from the account (LIVE)', () => {
  it('sells the 1 BTC the account started with', async () => {
    const sold = await r.h.service.submit({ symbol: 'BTC/USD', side: 'sell', type: 'market', quantity: '1' });
    expect(sold.status).not.toBe('REJECTED');
    await r.h.service.runRecovery();
    expect(r.h.service.get(sold.clientOrderId).order.status).toBe('FILLED');
    expect(held('XXBT')).toBe('0');
  });

  it('shows holdings bought outside the app without an entry price until the trader gives one', async () => {
    await r.risk.refreshAccount();
    const before = r.risk.holdings();
    expect(before).toContainEqual(
      expect.objectContaining({ symbol: 'BTC/USD', quantity: '1', outsideApp: '1', entryPrice: null }),
    );
    r.risk.updateSettings({ holdingEntries: { 'BTC/USD': '30000' } });
    expect(r.risk.holdings()).toContainEqual(
      expect.objectContaining({ symbol: 'BTC/USD', quantity: '1', entryPrice: '30000' }),
    );
  });

  it('FLATTEN sells what the account holds, not only what the app bought', async () => {
    await r.risk.engage({ mode: 'FLATTEN', confirm: 'FLATTEN', reason: 'close everything' });
    await until(() => held('XXBT') === '0' && held('XETH') === '0');
  });
});
