/**
 * `npm run bench -- kill-switch`: from the trigger (risk.engage FREEZE) to entries blocked, to the
 * cancel requests sent for 100 open orders, to engage() answering and to every cancel confirmed,
 * on the simulator and over ccxt against the local Kraken-compatible server, through the real order
 * manager, journal and audit trail; and over ccxt with faults on a quarter of the cancel requests
 * (20 resting orders: the answer, and the time until the exchange shows 0 open). Baseline: the
 * bare execution adapter cancelling 100 orders with no journal and no kill switch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../electron/adapters/clock/system-clock.js';
import { createSimulatedExecution } from '../electron/adapters/execution/simulated-execution.js';
import { startKrakenExecutionKit } from '../electron/adapters/execution/testing/kraken-execution-kit.js';
import { seededRandom, type KrakenFault } from '../electron/adapters/market/testing/kraken-server.js';
import { createModelFeed } from '../electron/adapters/execution/testing/model-feed.js';
import { createRiskHarness, type RiskHarness } from '../electron/core/services/risk/testing/risk-harness.js';
import { Decimal } from '../electron/engine/money/decimal.js';
import type { ExecutionAdapter, PlaceRequest } from '../electron/engine/orders/execution-port.js';
import type { RiskIntent } from '../electron/core/services/orders/risk-gate.js';
import type { TradingMode } from '../shared/domain/settings.js';
import { createSimExchangeRepo } from '../electron/persistence/repositories/sim-exchange-repo.js';
import { openDatabase } from '../electron/persistence/database.js';
import { MIGRATIONS } from '../electron/persistence/migrations/index.js';
import { progress, type BenchResult } from './lib/result.js';
import { summarize, type Summary } from './lib/stats.js';
import { describeTarget, formatTable, round, section } from './lib/table.js';
import { pollingKrakenFeed } from '../electron/core/services/orders/testing/kraken-feed.js';

export const description =
  'kill-switch: trigger -> entries blocked and -> cancels sent for 100 open orders (simulator and ccxt on the local Kraken server), vs the bare adapter';

const OPEN = 100;
const ROUNDS = 5;
const BLOCK_TARGET_MS = 100;
const CANCEL_TARGET_MS = 1_000;

type Round = {
  flipMs: number;
  gateMs: number;
  probeMs: number;
  sentMs: number;
  receivedMs: number;
  /** engage() answered. */
  answerMs: number;
  /** The kill switch's progress: every order confirmed ended. */
  doneMs: number;
  /** The exchange shows no open order (NaN for the simulator). */
  zeroOpenMs: number;
};
/** Times (Date.now ms) at which the exchange received cancel requests since a time; absent for the simulator. */
type Received = ((since: number) => number[]) | null;
type Order = { symbol: string; quantity: string; price: string };

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

/** Engages once over `count` resting orders and times each step; re-arms after. */
async function engageRound(
  r: RiskHarness,
  order: Order,
  received: Received,
  openOnExchange: (() => number) | null = null,
  count = OPEN,
  faults: { arm(): void; clear(): void } | null = null,
): Promise<Round> {
  for (let i = 0; i < count; i++) {
    await r.h.service.submit({
      symbol: order.symbol,
      side: 'buy',
      type: 'limit',
      quantity: order.quantity,
      price: order.price,
    });
  }
  const s = r.h.service.session()!;
  const real = s.adapter;
  const sent: number[] = [];
  s.adapter = { ...real, cancel: (id, symbol, ex) => (sent.push(performance.now()), real.cancel(id, symbol, ex)) };
  faults?.arm();
  const wall0 = Date.now();
  const t0 = performance.now();
  const engaging = r.risk.engage({ mode: 'FREEZE', reason: 'bench' });
  const answered = engaging.then(() => performance.now() - t0);
  const flipMs = r.risk.killSwitch().engaged ? performance.now() - t0 : Number.NaN;
  const intent = probeIntent(s.mode, s.venue, order);
  const gateMs = await Promise.resolve(r.risk.gate(intent)).then((d) =>
    d.approved ? Number.NaN : performance.now() - t0,
  );
  const probe = await r.h.service
    .submit({ symbol: order.symbol, side: 'buy', type: 'market', quantity: order.quantity })
    .then(
      () => Number.NaN,
      (e: Error) => (/KILL_SWITCH|Kill switch/.test(e.message) ? performance.now() - t0 : Number.NaN),
    );
  const result = await engaging;
  const answerMs = await answered;
  let zeroOpenMs = Number.NaN;
  const deadline = Date.now() + 300_000;
  while (r.risk.killSwitchProgress().active || (openOnExchange && Number.isNaN(zeroOpenMs))) {
    if (openOnExchange && Number.isNaN(zeroOpenMs) && openOnExchange() === 0) zeroOpenMs = performance.now() - t0;
    if (Date.now() > deadline) throw new Error('the kill switch did not finish within 300 s');
    await tick();
  }
  const doneMs = performance.now() - t0;
  faults?.clear();
  s.adapter = real;
  if (result.cancelRequested !== count || sent.length < count) {
    throw new Error(`expected ${count} cancels, got ${result.cancelRequested} (${sent.length} sent)`);
  }
  const left = s.ledger.live().length;
  if (left > 0) throw new Error(`${left} orders are still open after the kill switch finished`);
  r.risk.rearm({ confirm: 'RE-ARM TRADING' });
  const arrivals = received ? received(wall0) : [];
  const receivedMs = arrivals.length >= count ? Math.max(...arrivals.slice(0, count)) - wall0 : Number.NaN;
  const sentMs = Math.max(...sent.slice(0, count)) - t0;
  return { flipMs, gateMs, probeMs: probe, sentMs, receivedMs, answerMs, doneMs, zeroOpenMs };
}

function probeIntent(mode: TradingMode, venue: string, order: Order): RiskIntent {
  const quantity = Decimal.parse(order.quantity);
  const price = Decimal.parse(order.price);
  return {
    origin: 'user',
    mode,
    venue,
    symbol: order.symbol,
    side: 'buy',
    type: 'market',
    quantity,
    price: null,
    stopPrice: null,
    referencePrice: price,
    notional: quantity.mul(price),
    timeInForce: 'GTC',
    parentClientOrderId: null,
  };
}

/** The floor: the same adapter cancels 100 orders it holds, with nothing around it. */
async function bare(
  adapter: ExecutionAdapter,
  order: Order,
  received: Received,
): Promise<{ sentMs: number; receivedMs: number; doneMs: number }> {
  const ids: string[] = [];
  for (let i = 0; i < OPEN; i++) {
    const request: PlaceRequest = {
      clientOrderId: globalThis.crypto.randomUUID(),
      symbol: order.symbol,
      side: 'buy',
      type: 'limit',
      quantity: Decimal.parse(order.quantity),
      price: Decimal.parse(order.price),
      timeInForce: 'GTC',
    };
    const placed = await adapter.place(request);
    if (placed.outcome !== 'accepted') throw new Error(`baseline placement failed: ${placed.failure.message}`);
    ids.push(request.clientOrderId);
  }
  const sent: number[] = [];
  const wall0 = Date.now();
  const t0 = performance.now();
  await Promise.all(ids.map((id) => (sent.push(performance.now()), adapter.cancel(id, order.symbol, null))));
  const doneMs = performance.now() - t0;
  const arrivals = received ? received(wall0) : [];
  const receivedMs = arrivals.length >= OPEN ? Math.max(...arrivals) - wall0 : Number.NaN;
  return { sentMs: Math.max(...sent) - t0, receivedMs, doneMs };
}

const LIMITS = { maxOpenOrders: { count: 500 }, maxOrdersPerMinute: { count: 600 } };

async function simulator(dir: string) {
  const r = createRiskHarness({ dir, keepLogs: false, balances: { USD: Decimal.parse('1000000000') } });
  try {
    await r.h.service.start();
    r.risk.updateSettings(LIMITS);
    const order = { symbol: 'ETH/USD', quantity: '0.1', price: '100' };
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await engageRound(r, order, null));
    const db = openDatabase({ file: path.join(dir, 'baseline.db'), migrations: MIGRATIONS, synchronous: 'FULL' });
    const sim = createSimulatedExecution({
      mode: 'SIMULATOR',
      repo: createSimExchangeRepo(db, 'baseline'),
      feed: createModelFeed({ clock: systemClock }),
      clock: systemClock,
      initialBalances: { USD: Decimal.parse('1000000000') },
    });
    const floor = await bare(sim, order, null);
    await sim.close();
    db.close();
    return { rounds, floor };
  } finally {
    await r.close();
  }
}

/** What a faulted cancel meets: a quarter of CancelOrder and CancelAll requests, a mix of failures. */
const CANCEL_FAULTS: KrakenFault[] = [
  { kind: 'http', status: 502 },
  { kind: 'http', status: 502, applied: true },
  { kind: 'drop-after' },
  { kind: 'error', error: 'EAPI:Rate limit exceeded' },
  { kind: 'late', ms: 1_500 },
];
const FAULTED_OPEN = 20;

async function kraken(dir: string, faulted = false) {
  const kit = await startKrakenExecutionKit({ timeoutMs: 5_000 });
  const account = kit.account({ ZUSD: '100000000', XXBT: '0', XETH: '0' });
  const { source, feed } = pollingKrakenFeed(kit.server.url);
  const r = createRiskHarness({ dir, keepLogs: false, priceFeed: feed, liveAdapter: async () => kit.adapter(account) });
  try {
    await r.h.service.start();
    await r.h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
    r.risk.updateSettings({ ...LIMITS, capitalPerSymbol: { percent: 100 }, totalExposure: { percent: 100 } });
    const bid = (await source.fetchBook('BTC/USD', 1)).bids[0]![0];
    const order = { symbol: 'BTC/USD', quantity: '0.001', price: String(Math.floor(bid / 2)) };
    const received: Received = (since) =>
      kit.server.requests.filter((q) => q.endpoint === 'CancelOrder' && q.time >= since).map((q) => q.time);
    const rounds: Round[] = [];
    if (faulted) {
      const open = () => account.orders.filter((o) => o.status === 'open').length;
      for (let i = 0; i < ROUNDS; i++) {
        const pick = seededRandom(100 + i);
        const faults = {
          arm() {
            for (const endpoint of ['CancelOrder', 'CancelAll']) {
              kit.server.fault(endpoint, () => CANCEL_FAULTS[Math.floor(pick() * CANCEL_FAULTS.length)]!, {
                probability: 0.25,
                seed: 7 + i,
              });
            }
          },
          clear: () => kit.server.clearFaults(),
        };
        rounds.push(await engageRound(r, order, null, open, FAULTED_OPEN, faults));
      }
      return { rounds, floor: null, requests: kit.server.requests.filter((q) => q.endpoint === 'CancelOrder').length };
    }
    for (let i = 0; i < ROUNDS; i++) rounds.push(await engageRound(r, order, received));
    const floor = await bare(kit.adapter(kit.account({ ZUSD: '100000000' })), order, received);
    return { rounds, floor, requests: kit.server.requests.filter((q) => q.endpoint === 'CancelOrder').length };
  } finally {
    await r.close();
    feed.close();
    await source.close();
    await kit.close();
  }
}

const p = (s: Summary, key: 'p50' | 'max') => s[key];

export async function run(): Promise<BenchResult> {
  const dirs = [0, 1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-kill-')));
  try {
    progress(`simulator: ${ROUNDS} rounds of ${OPEN} resting orders, engage, probe, cancel…`);
    const sim = await simulator(dirs[0]!);
    progress(`ccxt on the local Kraken-compatible server: ${ROUNDS} rounds of ${OPEN} resting orders…`);
    const kr = await kraken(dirs[1]!);
    progress(`ccxt with faults on a quarter of the cancels: ${ROUNDS} rounds of ${FAULTED_OPEN} resting orders…`);
    const faulted = await kraken(dirs[2]!, true);
    const stats = (rounds: Round[], k: keyof Round) => summarize(rounds.map((x) => x[k]));
    const rows: (string | number)[][] = [];
    const blocked: Record<string, number> = {};
    const cancels: Record<string, number> = {};
    const figures: Record<string, number | boolean | null> = { open_orders: OPEN, rounds: ROUNDS };
    for (const [name, v] of [
      ['simulator', sim],
      ['kraken', { ...kr, floor: kr.floor! }],
    ] as const) {
      const [flip, gate, probe, sent, recv, answer, done] = (
        ['flipMs', 'gateMs', 'probeMs', 'sentMs', 'receivedMs', 'answerMs', 'doneMs'] as const
      ).map((k) => stats(v.rounds, k)) as [Summary, Summary, Summary, Summary, Summary, Summary, Summary];
      rows.push([
        `${name}: kill switch engaged (in memory)`,
        p(flip, 'p50'),
        p(flip, 'max'),
        'every entry checked from here is refused',
      ]);
      rows.push([
        `${name}: entry refused at the gate`,
        p(gate, 'p50'),
        p(gate, 'max'),
        'risk gate asked right after the trigger',
      ]);
      rows.push([
        `${name}: entry refused, whole order path`,
        p(probe, 'p50'),
        p(probe, 'max'),
        'orders.submit while the 100 cancels run',
      ]);
      rows.push([
        `${name}: ${OPEN} cancel requests sent`,
        p(sent, 'p50'),
        p(sent, 'max'),
        'the last adapter.cancel call started',
      ]);
      if (name === 'kraken') {
        rows.push([
          `${name}: ${OPEN} cancels received by the exchange`,
          p(recv, 'p50'),
          p(recv, 'max'),
          "the server's log, 1 ms resolution",
        ]);
      }
      rows.push([`${name}: engage() answered`, p(answer, 'p50'), p(answer, 'max'), 'entries blocked, cancels started']);
      rows.push([
        `${name}: ${OPEN} orders cancelled, confirmed`,
        p(done, 'p50'),
        p(done, 'max'),
        'the progress: every cancel confirmed by the exchange, journaled',
      ]);
      rows.push([
        `baseline (${name}): bare adapter, ${OPEN} cancels sent`,
        v.floor.sentMs,
        v.floor.sentMs,
        'no journal, no kill switch',
      ]);
      if (name === 'kraken') {
        rows.push([`baseline (${name}): received by the exchange`, v.floor.receivedMs, v.floor.receivedMs, '']);
      }
      rows.push([`baseline (${name}): bare adapter, all cancelled`, v.floor.doneMs, v.floor.doneMs, '']);
      const cancelsOut = name === 'kraken' ? recv : sent;
      blocked[name] = gate.max;
      cancels[name] = cancelsOut.max;
      Object.assign(figures, {
        [`${name}_engaged_p50_ms`]: round(flip.p50),
        [`${name}_entries_blocked_p50_ms`]: round(gate.p50),
        [`${name}_entries_blocked_max_ms`]: round(gate.max),
        [`${name}_entry_refused_order_path_p50_ms`]: round(probe.p50),
        [`${name}_cancels_sent_p50_ms`]: round(sent.p50),
        [`${name}_cancels_sent_max_ms`]: round(sent.max),
        ...(name === 'kraken'
          ? { kraken_cancels_received_p50_ms: round(recv.p50), kraken_cancels_received_max_ms: round(recv.max) }
          : {}),
        [`${name}_engage_answered_p50_ms`]: round(answer.p50),
        [`${name}_all_cancelled_p50_ms`]: round(done.p50),
        [`${name}_baseline_cancels_sent_ms`]: round(v.floor.sentMs),
        [`${name}_baseline_all_cancelled_ms`]: round(v.floor.doneMs),
        [`${name}_entries_blocked_target_met`]: gate.max <= BLOCK_TARGET_MS,
        [`${name}_cancels_sent_target_met`]: cancelsOut.max <= CANCEL_TARGET_MS,
      });
    }
    const [fAnswer, fZero, fDone] = (['answerMs', 'zeroOpenMs', 'doneMs'] as const).map((k) =>
      stats(faulted.rounds, k),
    ) as [Summary, Summary, Summary];
    rows.push([
      `kraken, faults on 1/4 of the cancels: engage() answered`,
      p(fAnswer, 'p50'),
      p(fAnswer, 'max'),
      `${FAULTED_OPEN} resting orders; 502, 502 after the cancel, dropped answer, rate limit, 1.5 s late`,
    ]);
    rows.push([
      `kraken, faults on 1/4 of the cancels: exchange shows 0 open`,
      p(fZero, 'p50'),
      p(fZero, 'max'),
      "the server's order book, polled every 2 ms",
    ]);
    rows.push([
      `kraken, faults on 1/4 of the cancels: all confirmed in the app`,
      p(fDone, 'p50'),
      p(fDone, 'max'),
      'no order left PENDING_CANCEL',
    ]);
    Object.assign(figures, {
      faulted_open_orders: FAULTED_OPEN,
      kraken_faulted_answer_p50_ms: round(fAnswer.p50),
      kraken_faulted_answer_max_ms: round(fAnswer.max),
      kraken_faulted_zero_open_p50_ms: round(fZero.p50),
      kraken_faulted_zero_open_max_ms: round(fZero.max),
      kraken_faulted_all_confirmed_p50_ms: round(fDone.p50),
    });
    const table = formatTable(['step (from the trigger)', 'p50 ms', 'max ms', 'what'], rows, [
      'left',
      'right',
      'right',
      'left',
    ]);
    const report = section(
      `Kill switch FREEZE over ${OPEN} open orders (${ROUNDS} rounds each)`,
      table,
      '',
      ...['simulator', 'kraken'].flatMap((n) => [
        `entries blocked (${n}): ${describeTarget(blocked[n]!, { value: BLOCK_TARGET_MS, better: 'lower', unit: 'ms' })} (worst round, at the gate)`,
        `cancels out (${n}): ${describeTarget(cancels[n]!, { value: CANCEL_TARGET_MS, better: 'lower', unit: 'ms' })} (worst round${n === 'kraken' ? ', received by the exchange' : ''})`,
      ]),
      'engage() answers once entries are blocked and the cancels are started (before: it answered when the first pass',
      'of cancels was done, 67 s with faults on a quarter of the cancels in the issue report); the exchange cancel-all',
      'then ends every open order of the account and each order is confirmed (cancel, or a lookup by client order id).',
      `The Kraken server received ${kr.requests} CancelOrder requests; ccxt sends a key's private calls one at a time (nonce order), so the cancels reach the exchange in sequence.`,
    );
    return { bench: 'kill-switch', report, figures };
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}
