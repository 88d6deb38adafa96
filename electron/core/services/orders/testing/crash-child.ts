/**
 * The crash test's child process: the order service on a data directory, with the durable
 * simulated exchange, placing and cancelling orders in a loop until it kills itself with SIGKILL at
 * the chosen checkpoint (or the parent kills it). On start it reconciles and tells the parent
 * ({type:'reconciled'}), then waits: the parent checks the database while nothing moves, and
 * answers 'go' (trade until killed, or until a later 'exit': a clean stop) or 'exit'.
 *
 * Environment: TW_CRASH_DIR (data directory), TW_CRASH_POINT (a checkpoint, or 'none'),
 * TW_CRASH_AT (kill at its n-th occurrence), TW_CRASH_SEED.
 */
import { createModelFeed } from '../../../../adapters/execution/testing/model-feed.js';
import { systemClock } from '../../../../adapters/clock/system-clock.js';
import { Decimal } from '../../../../engine/money/decimal.js';
import { rngFor } from '../../../../engine/simulator/prng.js';
import type { Scheduler } from '../../../../engine/scheduler.js';
import type { OrderRequestInput } from '../../../../../shared/domain/orders.js';
import { createHarness } from './order-harness.js';

export type ChildMessage =
  | {
      type: 'reconciled';
      checked: number;
      resolved: number;
      withdrawn: number;
      unresolved: number;
      adopted: number;
      problems: string[];
    }
  | { type: 'error'; message: string };
export type ParentMessage = { type: 'go' } | { type: 'exit' };

type Gated = Scheduler & { open(): void };

/** Timers wait until open(): the database stays still while the parent checks it. */
function gatedScheduler(): Gated {
  type Handle = { callback: () => void; ms: number; timer: ReturnType<typeof setTimeout> | null; cancelled: boolean };
  let opened = false;
  const waiting: Handle[] = [];
  const start = (h: Handle) => {
    h.timer = setTimeout(() => {
      if (!h.cancelled) h.callback();
    }, h.ms);
  };
  return {
    setTimeout(callback, ms) {
      const h: Handle = { callback, ms, timer: null, cancelled: false };
      if (opened) start(h);
      else waiting.push(h);
      return h;
    },
    clearTimeout(handle) {
      const h = handle as Handle;
      h.cancelled = true;
      if (h.timer) clearTimeout(h.timer);
    },
    open() {
      opened = true;
      for (const h of waiting.splice(0)) if (!h.cancelled) start(h);
    },
  };
}

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));

async function main(): Promise<void> {
  const dir = process.env.TW_CRASH_DIR;
  if (!dir) throw new Error('TW_CRASH_DIR is not set');
  const point = process.env.TW_CRASH_POINT ?? 'none';
  const at = Number(process.env.TW_CRASH_AT ?? '1');
  const seed = Number(process.env.TW_CRASH_SEED ?? '1');
  let hits = 0;
  const scheduler = gatedScheduler();
  const feed = createModelFeed({ clock: systemClock, seed, walk: 0.0003 });
  const h = createHarness({
    dir,
    clock: systemClock,
    scheduler,
    feed,
    balances: { USD: Decimal.parse('10000000') },
    keepLogs: false,
    depth: 10,
    checkpoint: (p) => {
      if (p === point && ++hits >= at) process.kill(process.pid, 'SIGKILL');
    },
  });
  const report = await h.service.start();
  if (!report) throw new Error(`the order service did not start: ${h.service.status().halted ?? 'unknown'}`);
  const reply = new Promise<ParentMessage>((resolve) => process.once('message', (m) => resolve(m as ParentMessage)));
  await send({
    type: 'reconciled',
    checked: report.checked,
    resolved: report.resolved.length,
    withdrawn: report.withdrawn.length,
    unresolved: report.unresolved.length,
    adopted: report.adopted.length,
    problems: report.problems,
  });
  if ((await reply).type === 'exit') {
    await h.close();
    process.disconnect();
    return;
  }
  let stopping = false;
  process.on('message', (m) => {
    if ((m as ParentMessage).type === 'exit') stopping = true;
  });
  scheduler.open();
  const ticker = setInterval(() => feed.tick(), 2);
  const rng = rngFor('crash-child', seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;
  const size = (lo: number, hi: number, step: number) =>
    (Math.round((lo + rng.next() * (hi - lo)) / step) * step).toFixed(4);
  while (!stopping) {
    const r = rng.next();
    const symbol = pick(['BTC/USD', 'ETH/USD'] as const);
    const base = symbol === 'BTC/USD' ? 'BTC' : 'ETH';
    const scale = symbol === 'BTC/USD' ? 1 : 20;
    const mid = feed.mid(symbol);
    const held = h.service.session()?.ledger.portfolio().available(base) ?? Decimal.ZERO;
    const qty = size(0.002 * scale, 0.05 * scale, 0.0001);
    const sell = held.gte(qty) && rng.next() < 0.5;
    const side = sell ? 'sell' : 'buy';
    const near = (bps: number) => (mid * (1 + ((side === 'buy' ? -1 : 1) * bps) / 10_000)).toFixed(scale === 1 ? 1 : 2);
    const open = h.service.list({ scope: 'open', limit: 50 });
    let request: OrderRequestInput | null = null;
    if (r < 0.35) request = { symbol, side, type: 'market', quantity: qty };
    else if (r < 0.65) {
      const expires = rng.next() < 0.5 ? { expiresInMs: 10 + Math.floor(rng.next() * 200) } : {};
      request = {
        symbol,
        side,
        type: 'limit',
        quantity: sell ? qty : size(0.01 * scale, 3 * scale, 0.0001),
        price: near(rng.next() * 8 - 2),
        ...expires,
      };
    } else if (r < 0.8 && open.length > 0) {
      await h.service.cancel(pick(open).clientOrderId).catch(() => undefined);
    } else if (r < 0.83) {
      await h.service.cancelAll().catch(() => undefined);
    } else if (r < 0.88)
      request = { symbol, side: 'buy', type: 'market', quantity: size(20 * scale, 40 * scale, 0.0001) };
    else if (sell) {
      const trigger = pick(['stop_loss', 'take_profit', 'trailing_stop'] as const);
      request =
        trigger === 'trailing_stop'
          ? { symbol, side: 'sell', type: trigger, quantity: qty, trailPercent: '0.03' }
          : { symbol, side: 'sell', type: trigger, quantity: qty, stopPrice: near(trigger === 'stop_loss' ? -3 : 3) };
    }
    if (request) await h.service.submit(request).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, rng.next() < 0.3 ? 2 : 0));
  }
  // A clean stop (the benchmark's baseline): finish what is in flight, close, exit 0.
  clearInterval(ticker);
  await h.close();
  process.disconnect();
}

main().catch(async (error: unknown) => {
  await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
