/**
 * `npm run bench -- orders`: order throughput and submit-to-OPEN latency on the simulator through
 * the whole path (validation, market rules, risk gate, client id, journal at synchronous=FULL with
 * the audit entry, the simulated exchange's own transaction, the answer journaled, fills and the
 * portfolio), next to two named baselines measured in the same process: the bare simulated
 * adapter (its book and its own transaction, nothing else), and the journal's insert of one
 * OrderCreated alone (one transaction at synchronous=FULL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSimulatedExecution } from '../electron/adapters/execution/simulated-execution.js';
import { createModelFeed } from '../electron/adapters/execution/testing/model-feed.js';
import { systemClock } from '../electron/adapters/clock/system-clock.js';
import { Decimal } from '../electron/engine/money/decimal.js';
import { uuidV4FromBytes } from '../electron/engine/orders/client-order-id.js';
import { initOrder } from '../electron/engine/orders/order-model.js';
import { createSimExchangeRepo } from '../electron/persistence/repositories/sim-exchange-repo.js';
import { createHarness, type Harness } from '../electron/core/services/orders/testing/order-harness.js';
import type { OrderRequestInput } from '../shared/domain/orders.js';
import { LIVE_IN_FLIGHT, liveOrders } from './lib/orders-live.js';
import { progress, type BenchResult } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { formatTable, round, section } from './lib/table.js';

export const description =
  'orders: throughput and submit->OPEN latency on the simulator through the whole path (journal included), vs the bare adapter and the journal insert alone; LIVE rows against the local Kraken-compatible server';

const WARMUP = 200;
const ORDERS = 2_000;
const IN_FLIGHT = 16;

const id = () => uuidV4FromBytes(globalThis.crypto.getRandomValues(new Uint8Array(16)));

/** Alternating small market buys and sells: balances stay put, every order fills at once. */
const market = (i: number): OrderRequestInput => ({
  symbol: 'BTC/USD',
  side: i % 2 === 0 ? 'buy' : 'sell',
  type: 'market',
  quantity: '0.001',
});
/** A limit buy far under the market: it rests OPEN (the latency of acceptance alone). */
const resting = (): OrderRequestInput => ({
  symbol: 'ETH/USD',
  side: 'buy',
  type: 'limit',
  quantity: '0.1',
  price: '100',
});

async function timed(
  n: number,
  one: (i: number) => Promise<unknown>,
): Promise<{ samples: number[]; perSecond: number }> {
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await one(i);
    samples.push(performance.now() - s);
  }
  return { samples, perSecond: (n / (performance.now() - t0)) * 1000 };
}

async function concurrent(n: number, inFlight: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await one(next++);
    }),
  );
  return (n / (performance.now() - t0)) * 1000;
}

async function wholePath(dir: string) {
  const h: Harness = createHarness({ dir, keepLogs: false, balances: { USD: Decimal.parse('1000000000') } });
  try {
    await h.service.start();
    const submit = async (request: OrderRequestInput) => {
      const view = await h.service.submit(request);
      if (view.status !== 'OPEN') throw new Error(`expected OPEN, got ${view.status}: ${view.reason ?? ''}`);
    };
    for (let i = 0; i < WARMUP; i++) await submit(market(i));
    await h.settle();
    const sequential = await timed(ORDERS, (i) => submit(market(i)));
    await h.settle();
    const parallel = await concurrent(ORDERS, IN_FLIGHT, (i) => submit(market(i)));
    await h.settle();
    const limits = await timed(ORDERS / 4, () => submit(resting()));
    await h.service.cancelAll();
    await h.settle();
    const filled = h.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE status = 'FILLED'").get() as { n: number };
    return { sequential, parallel, limits, filled: filled.n };
  } finally {
    await h.close();
  }
}

async function bareAdapter(dir: string) {
  const h = createHarness({ dir, keepLogs: false });
  const clock = systemClock;
  const sim = createSimulatedExecution({
    mode: 'SIMULATOR',
    repo: createSimExchangeRepo(h.db, 'bench'),
    feed: createModelFeed({ clock }),
    clock,
    initialBalances: { USD: Decimal.parse('1000000000') },
  });
  try {
    const place = async (i: number) => {
      const r = await sim.place({
        clientOrderId: id(),
        symbol: 'BTC/USD',
        side: i % 2 === 0 ? 'buy' : 'sell',
        type: 'market',
        quantity: Decimal.parse('0.001'),
        price: null,
        timeInForce: 'GTC',
      });
      if (r.outcome !== 'accepted') throw new Error(`the bare adapter refused: ${r.failure.message}`);
    };
    for (let i = 0; i < WARMUP; i++) await place(i);
    return await timed(ORDERS, place);
  } finally {
    await sim.close();
    h.db.close();
  }
}

async function journalInsert(dir: string) {
  const h = createHarness({ dir, keepLogs: false });
  try {
    const insert = async () => {
      const clientOrderId = id();
      const creation = {
        type: 'OrderCreated' as const,
        at: Date.now(),
        clientOrderId,
        symbol: 'BTC/USD',
        side: 'buy' as const,
        orderType: 'market' as const,
        quantity: Decimal.parse('0.001'),
        timeInForce: 'GTC' as const,
      };
      const order = initOrder(creation);
      if (!order.ok) throw new Error(order.error.message);
      h.journal.record(clientOrderId, [creation], { venue: 'bench', order: order.order });
    };
    for (let i = 0; i < WARMUP; i++) await insert();
    return await timed(ORDERS, insert);
  } finally {
    h.db.close();
  }
}

export async function run(): Promise<BenchResult> {
  const dirs = [0, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-orders-')));
  try {
    progress(
      `whole path: ${WARMUP} warm-up, ${ORDERS} sequential market orders, ${ORDERS} with ${IN_FLIGHT} in flight, ${ORDERS / 4} resting limits…`,
    );
    const whole = await wholePath(dirs[0]!);
    progress('baseline: the bare simulated adapter…');
    const bare = await bareAdapter(dirs[1]!);
    progress('baseline: the journal insert alone…');
    const insert = await journalInsert(dirs[2]!);
    const live = await liveOrders();

    const seq = summarize(whole.sequential.samples);
    const lim = summarize(whole.limits.samples);
    const ad = summarize(bare.samples);
    const ins = summarize(insert.samples);
    const row = (what: string, perSecond: number | string, s: Summary | null, note: string) => [
      what,
      perSecond,
      s ? s.p50 : '-',
      s ? s.p99 : '-',
      s ? s.max : '-',
      note,
    ];
    const table = formatTable(
      ['path', 'orders/s', 'p50 ms', 'p99 ms', 'max ms', 'what'],
      [
        row('whole path, market, 1 in flight', whole.sequential.perSecond, seq, 'submit -> OPEN; fills follow'),
        row(`whole path, market, ${IN_FLIGHT} in flight`, whole.parallel, null, 'throughput under concurrency'),
        row('whole path, resting limit', whole.limits.perSecond, lim, 'submit -> OPEN, no fill'),
        row('baseline: bare simulated adapter', bare.perSecond, ad, 'book + its own transaction only'),
        row('baseline: journal insert alone', insert.perSecond, ins, 'one OrderCreated, one FULL commit'),
        row(
          `LIVE (Kraken-compatible, 1 s rate limit), ${LIVE_IN_FLIGHT} in flight`,
          '-',
          live.submit,
          `submit -> OPEN over HTTP, ${live.lookupsDuringSubmits} lookups beside`,
        ),
        row('LIVE: filled on the exchange -> app FILLED', '-', live.fillSeen, 'the live sync every 5 s'),
      ],
      ['left', 'right', 'right', 'right', 'right', 'left'],
    );
    const report = section(
      'Orders on the simulator (WAL, synchronous=FULL)',
      table,
      '',
      `Per order the whole path commits 3 journal transactions (intent + audit, sent, answer) and the exchange 1, then 1 per fill report; ${whole.filled} orders filled.`,
      `The whole path costs ${(seq.p50 / ad.p50).toFixed(1)}x the bare adapter at the median (p50).`,
      `LIVE: ${live.submitted} resting limits submitted (${live.notOpen} answered other than OPEN) while recovery and sync passes ran without pause beside them; private calls run by priority, orders before reads.`,
      `LIVE restart with ${live.restart.orders} unfinished orders: first dead-man heartbeat after ${Math.round(live.restart.heartbeatMs)} ms, ` +
        `reconciled after ${(live.restart.reconciledMs / 1000).toFixed(1)} s in ${live.restart.requests} private requests (Kraken's starter-tier budget).`,
    );
    return {
      bench: 'orders',
      report,
      figures: {
        orders: ORDERS,
        orders_per_s_sequential: round(whole.sequential.perSecond, 1),
        orders_per_s_concurrent: round(whole.parallel, 1),
        submit_to_open_p50_ms: round(seq.p50),
        submit_to_open_p99_ms: round(seq.p99),
        limit_submit_to_open_p50_ms: round(lim.p50),
        limit_submit_to_open_p99_ms: round(lim.p99),
        baseline_adapter_orders_per_s: round(bare.perSecond, 1),
        baseline_adapter_p50_ms: round(ad.p50),
        baseline_adapter_p99_ms: round(ad.p99),
        baseline_journal_insert_per_s: round(insert.perSecond, 1),
        baseline_journal_insert_p99_ms: round(ins.p99),
        live_submit_p50_ms: round(live.submit.p50),
        live_submit_p99_ms: round(live.submit.p99),
        live_submit_not_open: live.notOpen,
        live_lookups_beside_submits: live.lookupsDuringSubmits,
        live_fill_seen_p50_ms: round(live.fillSeen.p50),
        live_fill_seen_max_ms: round(live.fillSeen.max),
        live_restart_orders: live.restart.orders,
        live_restart_heartbeat_ms: round(live.restart.heartbeatMs),
        live_restart_reconciled_ms: round(live.restart.reconciledMs),
        live_restart_private_requests: live.restart.requests,
      },
    };
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}
