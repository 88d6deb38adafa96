/**
 * LIVE orders reach the exchange's state while the app runs (Kraken-compatible server on
 * 127.0.0.1, ccxt's own kraken class): fills pushed off the first trade-history page by other
 * activity on the account, fills whose trades show up late, and orders the app adopted (placed
 * outside it, no client order id of ours) that are cancelled or filled on the exchange later.
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
import type { KrakenAccount, KrakenOrderRecord } from '../../../adapters/market/testing/kraken-private-book.js';
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

const harness = () => createHarness({ dir, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });

beforeEach(async () => {
  kit = await startKrakenExecutionKit();
  account = kit.account({ ZUSD: '1000000', XXBT: '10', XETH: '100' });
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-live-state-'));
  h = harness();
  await h.service.start();
  await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
});

afterEach(async () => {
  await h.close();
  feed.close();
  await source.close();
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An order placed on the account outside the app (the website, another program): no cl_ord_id. */
function outside(symbol: string, side: 'buy' | 'sell', volume: string, price?: string): KrakenOrderRecord {
  const placed = kit.server.exchange.place(account, {
    clOrdId: null,
    userref: null,
    pair: kit.server.market.pair(symbol),
    side,
    ordertype: price === undefined ? 'market' : 'limit',
    price: price === undefined ? null : Decimal.parse(price),
    volume: Decimal.parse(volume),
    timeinforce: 'GTC',
  });
  if (typeof placed === 'string') throw new Error(placed);
  return placed;
}

async function restart(): Promise<void> {
  await h.close();
  h = harness();
  await h.service.start();
}

describe('live orders reach the exchange state', () => {
  it('sees a fill although 55 trades of another symbol came after it', async () => {
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    expect(order.status).toBe('OPEN');
    for (let i = 0; i < 55; i += 1) outside('ETH/USD', i % 2 === 0 ? 'buy' : 'sell', '0.01');
    await h.service.runRecovery();
    const detail = h.service.get(order.clientOrderId);
    expect(detail.order.status).toBe('FILLED');
    expect(detail.order.filled).toBe('0.01');
    expect(detail.fills.map((f) => f.tradeId)).toEqual(account.orders[0]!.trades);
  });

  it('asks again while the exchange says filled but its trades are not visible yet', async () => {
    account.tradeLagMs = 3_600_000;
    const order = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    await h.service.runRecovery();
    expect(h.service.get(order.clientOrderId).order.status).toBe('OPEN');
    expect(h.service.get(order.clientOrderId).fills).toHaveLength(0);
    account.tradeLagMs = 0;
    await h.service.runRecovery();
    const detail = h.service.get(order.clientOrderId);
    expect(detail.order.status).toBe('FILLED');
    expect(detail.fills.map((f) => f.tradeId)).toEqual(account.orders[0]!.trades);
  });

  it('ends adopted orders cancelled or filled on the exchange, and they do not block a mode switch', async () => {
    const cancelled = outside('BTC/USD', 'buy', '0.01', '1000');
    const filled = outside('BTC/USD', 'buy', '0.02', '1001');
    const cancelledByApp = outside('BTC/USD', 'buy', '0.03', '1002');
    await restart();
    const adopted = h.service.list({ scope: 'open' });
    expect(adopted).toHaveLength(3);
    const byTxid = (txid: string) => adopted.find((o) => o.exchangeOrderId === txid)!;

    kit.server.exchange.cancel(account, cancelled, 'User requested');
    kit.server.exchange.fill(account, filled.txid);
    kit.server.fault('CancelOrder', { kind: 'drop-after' }, { times: 6 });
    const pending = await h.service.cancel(byTxid(cancelledByApp.txid).clientOrderId);
    expect(pending.status).toBe('PENDING_CANCEL');
    expect(cancelledByApp.status).toBe('canceled');

    await h.service.runRecovery();
    expect(h.service.get(byTxid(cancelled.txid).clientOrderId).order.status).toBe('CANCELLED');
    const fill = h.service.get(byTxid(filled.txid).clientOrderId);
    expect(fill.order.status).toBe('FILLED');
    expect(fill.fills.map((f) => f.tradeId)).toEqual(filled.trades);
    expect(h.service.get(byTxid(cancelledByApp.txid).clientOrderId).order.status).toBe('CANCELLED');
    await expect(h.service.setMode({ mode: 'SIMULATOR' })).resolves.toMatchObject({ mode: 'SIMULATOR' });
  });
});
