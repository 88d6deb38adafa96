/**
 * The kill switch over ccxt against the Kraken-compatible server: it reaches the whole account
 * (the exchange's cancel-all, then a check of the open orders), names the orders the app did not
 * know, and trading.status.halted names it while it is engaged.
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
import { Decimal } from '../../../engine/money/decimal.js';
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
  account = kit.account({ ZUSD: '100000', XXBT: '0', XETH: '0' });
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-kill-account-'));
  r = createRiskHarness({ dir, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });
  await r.h.service.start();
  await r.h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
  r.risk.updateSettings({ capitalPerSymbol: { percent: 100 }, totalExposure: { percent: 100 } });
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

const openOnExchange = () => account.orders.filter((o) => o.status === 'open');

describe('the kill switch on a live account', () => {
  it('cancels orders placed outside the app too, reports them, and names itself in trading.status.halted', async () => {
    const bid = (await source.fetchBook('BTC/USD', 1)).bids[0]![0];
    const price = String(Math.floor(bid / 2));
    const ours = await r.h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: '0.001', price });
    // Placed on the website while the app runs: the app has never seen it.
    const outside = kit.server.exchange.place(account, {
      clOrdId: null,
      userref: null,
      pair: kit.server.market.pair('BTC/USD'),
      side: 'buy',
      ordertype: 'limit',
      price: Decimal.parse(price),
      volume: Decimal.parse('0.002'),
      timeinforce: 'GTC',
    });
    if (typeof outside === 'string') throw new Error(outside);
    expect(openOnExchange()).toHaveLength(2);
    expect(r.h.service.status().halted).toBeNull();

    await r.risk.engage({ mode: 'FREEZE', reason: 'account sweep' });
    expect(r.h.service.status().halted).toMatch(/kill switch is engaged \(FREEZE, by user: account sweep\)/);

    await until(() => openOnExchange().length === 0 && !r.risk.killSwitchProgress().active);
    expect(r.h.service.get(ours.clientOrderId).order.status).toBe('CANCELLED');
    const progress = r.risk.killSwitchProgress();
    expect(progress.foreign).toEqual([
      expect.objectContaining({ exchangeOrderId: outside.txid, symbol: 'BTC/USD', side: 'buy', quantity: '0.002' }),
    ]);
    expect(progress.accountSweep).toMatch(/cancel-all/);
    expect(progress).toMatchObject({ total: 2, done: 2 });
    expect(kit.server.count('CancelAll')).toBeGreaterThanOrEqual(1);

    r.risk.rearm({ confirm: 'RE-ARM TRADING' });
    expect(r.h.service.status().halted).toBeNull();
  });
});
