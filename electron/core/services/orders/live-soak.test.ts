/**
 * Soak: several hundred LIVE orders against the Kraken-compatible server on 127.0.0.1 (ccxt's own
 * kraken class, a real journal), with faults on a quarter of the private calls (answers lost after
 * the order was placed, 502 after placing, dropped connections, rate limits, truncated answers),
 * other activity on the account (trades of another symbol placed outside the app, more than a page
 * of trade history), resting orders filled by price moves and cancelled by the trader; then the
 * faults stop. At the end the app's statuses, filled quantities, fills and balances equal the
 * server's, nothing was placed twice and nothing the app calls REJECTED is on the exchange.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKrakenExecutionKit,
  type KrakenExecutionKit,
} from '../../../adapters/execution/testing/kraken-execution-kit.js';
import { type CcxtMarketSource } from '../../../adapters/market/ccxt-source.js';
import type { KrakenAccount } from '../../../adapters/market/testing/kraken-private-book.js';
import { seededRandom, type KrakenFault } from '../../../adapters/market/testing/kraken-server.js';
import type { OrderView } from '../../../../shared/domain/orders.js';
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

const BALANCES = { ZUSD: '10000000', XXBT: '100', XETH: '1000' };
const STATUS: Record<string, string[]> = {
  open: ['OPEN', 'PARTIALLY_FILLED'],
  closed: ['FILLED'],
  canceled: ['CANCELLED'],
  expired: ['EXPIRED'],
};
const FAULTS: KrakenFault[] = [
  { kind: 'late', ms: 600 },
  { kind: 'http', status: 502, applied: true },
  { kind: 'drop' },
  { kind: 'drop-after' },
  { kind: 'error', error: 'EAPI:Rate limit exceeded' },
  { kind: 'truncated' },
];

beforeAll(async () => {
  kit = await startKrakenExecutionKit({ timeoutMs: 400 });
  kit.server.exchange.setPrice('BTC/USD', '50000');
  account = kit.account(BALANCES);
  ({ source, feed } = pollingKrakenFeed(kit.server.url));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-live-soak-'));
  h = createHarness({
    dir,
    priceFeed: feed,
    keepLogs: false,
    // The adapter answers found:false only after an unanswered order's deadline (2 s) plus 1 s.
    recovery: { intervalMs: 60_000, maxAttempts: 1_000, notFoundToReject: 1, absentForMs: 0, syncIntervalMs: 0 },
    liveAdapter: async () =>
      kit.adapter(account, { deadlineMs: 2_000, settleMs: 1_000, breaker: { failureThreshold: 1_000, openMs: 1 } }),
  });
  await h.service.start();
  await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
});

afterAll(async () => {
  await h.close();
  feed.close();
  await source.close();
  await kit.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An ETH trade on the account, placed outside the app. */
function outsideTrade(side: 'buy' | 'sell'): void {
  const placed = kit.server.exchange.place(account, {
    clOrdId: null,
    userref: null,
    pair: kit.server.market.pair('ETH/USD'),
    side,
    ordertype: 'market',
    price: null,
    volume: Decimal.parse('0.01'),
    timeinforce: 'GTC',
  });
  if (typeof placed === 'string') throw new Error(placed);
}

/** A mix: market buys and sells, resting buys below and sells above, crossing limits. */
function orderNo(i: number, random: () => number) {
  const quantity = `0.00${1 + Math.floor(random() * 9)}`;
  const step = 1 + Math.floor(random() * 40);
  switch (i % 5) {
    case 0:
      return { symbol: 'BTC/USD', side: 'buy' as const, type: 'market' as const, quantity };
    case 1:
      return { symbol: 'BTC/USD', side: 'sell' as const, type: 'market' as const, quantity };
    case 2:
      return {
        symbol: 'BTC/USD',
        side: 'buy' as const,
        type: 'limit' as const,
        quantity,
        price: String(50000 - step * 10),
      };
    case 3:
      return {
        symbol: 'BTC/USD',
        side: 'sell' as const,
        type: 'limit' as const,
        quantity,
        price: String(50000 + step * 10),
      };
    default:
      return { symbol: 'BTC/USD', side: 'buy' as const, type: 'limit' as const, quantity, price: '50100' };
  }
}

async function place(count: number, random: () => number, placed: OrderView[]): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, k) =>
      h.service.submit(orderNo(placed.length + i + k, random)).catch(() => null),
    );
    for (const view of await Promise.all(batch)) if (view) placed.push(view);
    outsideTrade(random() < 0.5 ? 'buy' : 'sell');
  }
}

/** Every difference between the app and the server; empty when they agree. */
async function differences(): Promise<string[]> {
  const out: string[] = [];
  const app = h.service.list({ limit: 10_000 });
  const byCl = new Map(account.orders.filter((o) => o.clOrdId !== null).map((o) => [o.clOrdId!, o]));
  const counts = new Map<string, number>();
  for (const o of account.orders) if (o.clOrdId) counts.set(o.clOrdId, (counts.get(o.clOrdId) ?? 0) + 1);
  for (const [id, n] of counts) if (n > 1) out.push(`${id} placed ${n} times`);
  for (const id of byCl.keys()) if (!app.some((o) => o.clientOrderId === id)) out.push(`${id} is on the exchange only`);
  for (const o of app) {
    const there = byCl.get(o.clientOrderId);
    if (!there) {
      if (o.status !== 'REJECTED') out.push(`${o.clientOrderId} is ${o.status} but not on the exchange`);
      continue;
    }
    if (!STATUS[there.status]!.includes(o.status))
      out.push(`${o.clientOrderId}: ${o.status}, exchange ${there.status}`);
    if (!Decimal.parse(o.filled).eq(there.executed))
      out.push(`${o.clientOrderId}: filled ${o.filled}, exchange ${there.executed.toString()}`);
    const fills = h.service.fills({ clientOrderId: o.clientOrderId, limit: 1_000 }).map((f) => f.tradeId);
    if ([...fills].sort().join() !== [...there.trades].sort().join())
      out.push(`${o.clientOrderId}: fills ${fills.length}, exchange ${there.trades.length}`);
  }
  // The app's balances are the exchange's less what the ETH trades placed outside it moved.
  const outside = account.trades.filter((t) => t.pair.id !== kit.server.market.pair('BTC/USD').id);
  const outsideUsd = Decimal.sum(outside.map((t) => (t.side === 'buy' ? t.cost.add(t.fee).neg() : t.cost.sub(t.fee))));
  const balances = (await h.service.portfolio()).balances;
  for (const [asset, currency, moved] of [
    ['ZUSD', 'USD', outsideUsd],
    ['XXBT', 'BTC', Decimal.ZERO],
  ] as const) {
    const app = Decimal.parse(balances.find((b) => b.currency === currency)?.total ?? '0');
    const exchange = (account.balances.get(asset) ?? Decimal.ZERO).sub(moved);
    if (!app.eq(exchange)) out.push(`${currency}: app ${app.toString()}, exchange ${exchange.toString()}`);
  }
  return out;
}

describe('LIVE soak against the Kraken-compatible server', () => {
  it('ends with the app equal to the exchange after faults on a quarter of the calls, then none', async () => {
    const random = seededRandom(13);
    const faultRandom = seededRandom(14);
    const placed: OrderView[] = [];
    kit.server.fault('*', (req) =>
      req.path.includes('/private/') && faultRandom() < 0.25
        ? FAULTS[Math.floor(faultRandom() * FAULTS.length)]!
        : null,
    );
    const started = performance.now();
    await place(200, random, placed);
    const faulted = performance.now();
    kit.server.exchange.setPrice('BTC/USD', '49850');
    kit.server.exchange.setPrice('BTC/USD', '50150');
    const resting = placed.filter((o) => o.type === 'limit' && o.status === 'OPEN');
    await Promise.all(resting.slice(0, 20).map((o) => h.service.cancel(o.clientOrderId).catch(() => null)));
    const cancelled = performance.now();
    for (let pass = 0; pass < 3; pass += 1) await h.service.runRecovery();
    const recovered = performance.now();

    kit.server.clearFaults();
    await place(100, random, placed);
    for (let i = 0; i < 60; i += 1) outsideTrade(i % 2 === 0 ? 'buy' : 'sell');
    kit.server.exchange.setPrice('BTC/USD', '49700');
    kit.server.exchange.setPrice('BTC/USD', '50000');
    const clean = performance.now();
    let left: string[] = [];
    let passes = 0;
    for (let pass = 0; pass < 40; pass += 1) {
      passes += 1;
      await h.service.runRecovery();
      left = await differences();
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (t: number) => ((t - started) / 1000).toFixed(1);
    console.info(
      `live soak: ${placed.length} orders (${account.orders.filter((o) => o.clOrdId).length} on the exchange), ` +
        `${account.trades.length} trades; placed (faults) ${seconds(faulted)} s, cancels ${seconds(cancelled)} s, recovery ${seconds(recovered)} s, ` +
        `placed (clean) ${seconds(clean)} s, equal after ${passes} passes at ${seconds(performance.now())} s`,
    );
    expect(left).toEqual([]);
    expect(placed.length).toBeGreaterThanOrEqual(300);
    expect(account.trades.length).toBeGreaterThan(200);
    expect(h.service.list({ limit: 10_000, statuses: ['UNKNOWN', 'PENDING_CANCEL', 'PENDING_SUBMIT'] })).toEqual([]);
  }, 150_000);
});
