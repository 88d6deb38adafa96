/**
 * A LIVE restart keeps resting orders (Kraken-compatible server on 127.0.0.1, ccxt's own kraken
 * class, a real journal): the dead man's heartbeat reaches the exchange while reconciliation is
 * still running, and reconciliation asks about hundreds of unfinished orders in bulk rather than
 * one lookup each, ending each as the exchange has it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../adapters/clock/system-clock.js';
import { systemScheduler } from '../../../adapters/clock/system-scheduler.js';
import {
  startKrakenExecutionKit,
  type KrakenExecutionKit,
} from '../../../adapters/execution/testing/kraken-execution-kit.js';
import { type CcxtMarketSource } from '../../../adapters/market/ccxt-source.js';
import type { KrakenAccount } from '../../../adapters/market/testing/kraken-private-book.js';
import { createDeadManSwitch } from '../risk/dead-man.js';
import { type MarketFeed } from './market-feed.js';
import { createMemoryLogger } from './testing/memory-logger.js';
import { createHarness, type Harness } from './testing/order-harness.js';
import { pollingKrakenFeed } from './testing/kraken-feed.js';

let kit: KrakenExecutionKit;
let account: KrakenAccount;
let source: CcxtMarketSource;
let feed: MarketFeed;
let h: Harness;
let dir: string;

const harness = () => createHarness({ dir, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });
const PRIVATE = new Set(['OpenOrders', 'ClosedOrders', 'QueryOrders', 'QueryTrades', 'TradesHistory', 'BalanceEx']);

beforeEach(async () => {
  kit = await startKrakenExecutionKit();
  account = kit.account({ ZUSD: '10000000', XXBT: '10', XETH: '100' });
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-live-restart-'));
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

const rest = (i: number) =>
  h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'limit', quantity: '0.001', price: String(1000 + i) });

describe('a live restart', () => {
  it("re-arms the dead man's switch before reconciliation has finished", async () => {
    for (let i = 0; i < 3; i += 1) await rest(i);
    await h.close();
    kit.server.clearLog();
    kit.server.fault('TradesHistory', { kind: 'delay', ms: 1_000 }, { times: 1 });
    h = harness();
    const logger = createMemoryLogger();
    const deadMan = createDeadManSwitch({
      orders: h.service,
      clock: systemClock,
      scheduler: systemScheduler,
      logger,
      onChange: () => undefined,
    });
    const started = h.service.start();
    deadMan.start();
    await started;
    await vi.waitFor(() => expect(kit.server.count('CancelAllOrdersAfter')).toBeGreaterThan(0));
    const seen = kit.server.requests.map((r) => r.endpoint);
    // Reconciliation ends by reading the balances (BalanceEx); the heartbeat came before that.
    expect(seen.indexOf('CancelAllOrdersAfter')).toBeGreaterThan(-1);
    expect(seen.indexOf('CancelAllOrdersAfter')).toBeLessThan(seen.lastIndexOf('BalanceEx'));
    expect(deadMan.status().state).toBe('armed');
    await deadMan.close();
  });

  it('reconciles 200 unfinished orders in bulk and ends each as the exchange has it', async () => {
    for (let i = 0; i < 200; i += 1) await rest(i);
    await h.close();
    const txids = account.orders.map((o) => o.txid);
    for (const txid of txids.slice(0, 50)) kit.server.exchange.fill(account, txid);
    for (const o of account.orders.slice(50, 100)) kit.server.exchange.cancel(account, o, 'User requested');
    kit.server.clearLog();
    h = harness();
    const report = await h.service.start();
    const asked = kit.server.requests.filter((r) => PRIVATE.has(r.endpoint)).length;
    expect(asked).toBeLessThan(40);
    expect(report?.checked).toBe(200);
    const status = (txid: string) => h.service.list({ limit: 1000 }).find((o) => o.exchangeOrderId === txid)?.status;
    expect(txids.slice(0, 50).map(status)).toEqual(Array(50).fill('FILLED'));
    expect(txids.slice(50, 100).map(status)).toEqual(Array(50).fill('CANCELLED'));
    expect(txids.slice(100).map(status)).toEqual(Array(100).fill('OPEN'));
    expect(h.service.fills({ limit: 1000 })).toHaveLength(50);
  }, 120_000);
});
