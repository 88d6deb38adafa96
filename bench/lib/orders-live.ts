/**
 * The LIVE rows of `npm run bench -- orders`: the order service over ccxt's own kraken class
 * against the Kraken-compatible server on 127.0.0.1, with Kraken's rate limit (ccxt's 1 s, the
 * key lane's budget of Kraken's starter tier: 15, falling 1 every 3 s):
 * - submit -> OPEN with 20 orders in flight while recovery and sync passes (the open orders read,
 *   the working orders that changed looked up) run without pause beside them;
 * - time until the app shows a fill that happened on the exchange, with the live sync's 5 s;
 * - a restart with 200 unfinished orders: the first dead-man heartbeat, reconciliation done, and
 *   how many private requests it took.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../electron/adapters/clock/system-clock.js';
import { systemScheduler } from '../../electron/adapters/clock/system-scheduler.js';
import { startKrakenExecutionKit } from '../../electron/adapters/execution/testing/kraken-execution-kit.js';
import { createMemoryLogger } from '../../electron/core/services/orders/testing/memory-logger.js';
import { createHarness, type Harness } from '../../electron/core/services/orders/testing/order-harness.js';
import { createDeadManSwitch } from '../../electron/core/services/risk/dead-man.js';
import type { OrderRequestInput } from '../../shared/domain/orders.js';
import { progress } from './result.js';
import { summarize, type Summary } from './stats.js';
import { pollingKrakenFeed } from '../../electron/core/services/orders/testing/kraken-feed.js';

export const LIVE_IN_FLIGHT = 20;
const LIVE_ORDERS = 200;
const FILLS_WATCHED = 20;
const RESTART_ORDERS = 200;

export type LiveFigures = {
  submit: Summary;
  submitted: number;
  /** Submits answered other than OPEN (an answer lost to a timeout: UNKNOWN, then found). */
  notOpen: number;
  lookupsDuringSubmits: number;
  fillSeen: Summary;
  restart: { heartbeatMs: number; reconciledMs: number; requests: number; orders: number };
};

const resting = (i: number): OrderRequestInput => ({
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'limit',
  quantity: '0.001',
  price: String(10_000 + (i % 500)),
});

export async function liveOrders(): Promise<LiveFigures> {
  // The app's request timeout (10 s): the server shares this process and its event loop.
  const kit = await startKrakenExecutionKit({ timeoutMs: 10_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-orders-live-'));
  const { source, feed } = pollingKrakenFeed(kit.server.url);
  kit.server.exchange.setPrice('BTC/USD', '50000');
  const account = kit.account({ ZUSD: '100000000', XXBT: '100', XETH: '1000' });
  const harness = () =>
    createHarness({
      dir,
      priceFeed: feed,
      keepLogs: false,
      liveAdapter: async () => kit.adapter(account, { rateLimitMs: 1_000, deadlineMs: 15_000 }),
    });
  let h: Harness = harness();
  try {
    await h.service.start();
    await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });

    progress(`LIVE: ${LIVE_ORDERS} orders with ${LIVE_IN_FLIGHT} in flight, sync passes without pause beside them…`);
    let recovering = true;
    const lookupsBefore =
      kit.server.count('OpenOrders') + kit.server.count('ClosedOrders') + kit.server.count('QueryOrders');
    const recovery = (async () => {
      while (recovering) {
        await h.service.runRecovery().catch(() => undefined);
        // A pass with nothing to ask finishes in microtasks: let the event loop breathe.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const samples: number[] = [];
    let notOpen = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: LIVE_IN_FLIGHT }, async () => {
        while (next < LIVE_ORDERS) {
          const i = next++;
          const t0 = performance.now();
          const view = await h.service.submit(resting(i));
          samples.push(performance.now() - t0);
          if (view.status !== 'OPEN') notOpen += 1;
        }
      }),
    );
    recovering = false;
    await recovery;
    const lookups =
      kit.server.count('OpenOrders') +
      kit.server.count('ClosedOrders') +
      kit.server.count('QueryOrders') -
      lookupsBefore;

    progress(`LIVE: ${FILLS_WATCHED} resting orders filled on the exchange, waiting for the app to show them…`);
    const watched = account.orders.filter((o) => o.status === 'open').slice(0, FILLS_WATCHED);
    const filledAt = performance.now();
    for (const o of watched) kit.server.exchange.fill(account, o.txid);
    const seen = new Map<string, number>();
    while (seen.size < watched.length && performance.now() - filledAt < 60_000) {
      const views = new Map(h.service.list({ limit: 10_000 }).map((v) => [v.exchangeOrderId, v.status]));
      for (const o of watched) {
        if (!seen.has(o.txid) && views.get(o.txid) === 'FILLED') seen.set(o.txid, performance.now() - filledAt);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (seen.size < watched.length) throw new Error(`only ${seen.size} of ${watched.length} fills were seen in 60 s`);

    progress(`LIVE: restart with ${RESTART_ORDERS} unfinished orders…`);
    const open = h.service.list({ limit: 10_000, scope: 'open' }).length;
    for (let i = open; i < RESTART_ORDERS; i += 1) await h.service.submit(resting(i));
    await h.close();
    kit.server.clearLog();
    h = harness();
    const deadMan = createDeadManSwitch({
      orders: h.service,
      clock: systemClock,
      scheduler: systemScheduler,
      logger: createMemoryLogger({ keep: false }),
      onChange: () => undefined,
    });
    const t0 = performance.now();
    let heartbeatMs = -1;
    const started = h.service.start();
    deadMan.start();
    const watch = (async () => {
      while (heartbeatMs < 0 && performance.now() - t0 < 120_000) {
        if (kit.server.count('CancelAllOrdersAfter') > 0) heartbeatMs = performance.now() - t0;
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const report = await started;
    const reconciledMs = performance.now() - t0;
    await watch;
    await deadMan.close();
    const requests = kit.server.requests.filter((r) => r.path.includes('/private/')).length;
    return {
      submit: summarize(samples),
      submitted: samples.length,
      notOpen,
      lookupsDuringSubmits: lookups,
      fillSeen: summarize([...seen.values()]),
      restart: { heartbeatMs, reconciledMs, requests, orders: report?.checked ?? 0 },
    };
  } finally {
    await h.close();
    feed.close();
    await source.close();
    await kit.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
