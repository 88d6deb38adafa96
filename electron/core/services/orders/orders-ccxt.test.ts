/**
 * The order service over ccxt, against the Kraken-compatible server on 127.0.0.1 (real HTTP,
 * ccxt's own kraken class): PAPER fills simulated on the exchange's live book (nothing is sent),
 * LIVE sends real orders, learns fills by polling, and a placement whose answer was lost is found
 * by client order id, never sent twice.
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
import { type MarketFeed } from './market-feed.js';
import { createHarness, type Harness } from './testing/order-harness.js';
import { pollingKrakenFeed } from './testing/kraken-feed.js';

let kit: KrakenExecutionKit;
let account: KrakenAccount;
let source: CcxtMarketSource;
let feed: MarketFeed;
let h: Harness;
let dir: string;

beforeEach(async () => {
  kit = await startKrakenExecutionKit();
  account = kit.account({ ZUSD: '100000', XXBT: '0', XETH: '0' });
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-orders-ccxt-'));
  h = createHarness({ dir, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });
  await h.service.start();
});

afterEach(async () => {
  await h.close();
  feed.close();
  await source.close();
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const live = () => h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });

describe('orders over ccxt (Kraken-compatible server)', () => {
  it('paper-trades on the exchange book: simulated fills at its prices, nothing sent', async () => {
    await h.service.setMode({ mode: 'PAPER', exchangeId: 'kraken' });
    const ask = Decimal.fromNumber((await source.fetchBook('BTC/USD', 1)).asks[0]![0]);
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    await h.settle();
    const detail = h.service.get(order.clientOrderId);
    expect(detail.order.status).toBe('FILLED');
    expect(Decimal.parse(detail.fills[0]!.price).gte(ask)).toBe(true);
    expect(kit.server.count('AddOrder')).toBe(0);
    expect(account.orders).toHaveLength(0);
  });

  it('trades live: the order reaches the exchange once, its fills are learned by polling', async () => {
    await live();
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    expect(order.status).toBe('OPEN');
    expect(order.exchangeOrderId).toBe(account.orders[0]?.txid);
    await h.service.runRecovery();
    const detail = h.service.get(order.clientOrderId);
    expect(detail.order.status).toBe('FILLED');
    expect(detail.fills.map((f) => f.tradeId)).toEqual(account.trades.map((t) => t.id));
    expect((await h.service.portfolio()).balances.find((b) => b.currency === 'BTC')?.total).toBe('0.01');
  });

  it('finds a live order whose answer was lost, and never sends it again', async () => {
    await live();
    kit.server.fault('AddOrder', { kind: 'drop-after' }, { times: 1 });
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    expect(order.status).toBe('UNKNOWN');
    expect(account.orders).toHaveLength(1); // it did reach the exchange
    await h.service.runRecovery();
    expect(h.service.get(order.clientOrderId).order.status).toBe('FILLED');
    expect(kit.server.count('AddOrder')).toBe(1);
    expect(account.orders).toHaveLength(1);
  });
});
