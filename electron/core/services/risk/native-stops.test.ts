/**
 * Protective orders say where they live. With the trader's choice 'native_stops', a LIVE stop loss
 * on Kraken rests on the exchange as a native stop-loss order (ccxt createOrder with
 * stopLossPrice) and triggers there on the exchange's price while the app is closed; back up, the
 * app learns the fill. With the default choice (the dead man's switch) it is held by the engine
 * and the Risk tab says it protects only while the workstation runs.
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
let dir: string;
const open: RiskHarness[] = [];

function app(): RiskHarness {
  const r = createRiskHarness({ dir, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });
  open.push(r);
  return r;
}

beforeEach(async () => {
  kit = await startKrakenExecutionKit();
  account = kit.account({ ZUSD: '100000', XXBT: '1', XETH: '0' });
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-native-stops-'));
});

afterEach(async () => {
  for (const r of open.splice(0)) await r.close().catch(() => undefined);
  feed.close();
  await source.close();
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function live(r: RiskHarness): Promise<number> {
  await r.h.service.start();
  await r.h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
  return (await source.fetchBook('BTC/USD', 1)).bids[0]![0];
}

describe('protective orders on Kraken', () => {
  it('native stops: the stop loss rests on the exchange and triggers there while the app is closed', async () => {
    const first = app();
    const bid = await live(first);
    first.risk.updateSettings({ liveProtection: 'native_stops' });
    const stopPrice = String(Math.floor(bid * 0.9));
    const stop = await first.h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop_loss',
      quantity: '0.5',
      stopPrice,
    });
    const onExchange = account.orders.find((o) => o.clOrdId === stop.clientOrderId);
    expect(onExchange).toMatchObject({ ordertype: 'stop-loss', status: 'open' });
    expect(onExchange?.price?.toString()).toBe(stopPrice);
    expect(first.h.service.get(stop.clientOrderId).order.exchangeOrderId).toBe(onExchange?.txid);
    expect((await first.risk.overview()).protection).toMatchObject({
      choice: 'native_stops',
      native: 1,
      engineHeld: 0,
    });

    await first.close(); // the app is closed
    open.splice(open.indexOf(first), 1);
    kit.server.exchange.setPrice('BTC/USD', String(Math.floor(bid * 0.8)));
    expect(onExchange?.status).toBe('closed'); // triggered and filled by the exchange alone
    expect(account.balances.get('XXBT')?.toString()).toBe('0.5');

    const second = app();
    await second.h.service.start();
    await second.h.service.runRecovery();
    expect(second.h.service.get(stop.clientOrderId).order).toMatchObject({ status: 'FILLED', filled: '0.5' });
  });

  it('dead man (the default): the stop loss is held by the engine, protected only while the workstation runs', async () => {
    const r = app();
    const bid = await live(r);
    const stop = await r.h.service.submit({
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'stop_loss',
      quantity: '0.5',
      stopPrice: String(Math.floor(bid * 0.9)),
    });
    expect(account.orders.some((o) => o.clOrdId === stop.clientOrderId)).toBe(false);
    const protection = (await r.risk.overview()).protection;
    expect(protection).toMatchObject({ choice: 'dead_man', engineHeld: 1, native: 0 });
    expect(protection?.detail).toMatch(/protected only while the workstation runs/);
  });
});
