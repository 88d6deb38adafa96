import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/envelope.js';
import { createSimulatedExecution } from '../../../adapters/execution/simulated-execution.js';
import { createModelFeed } from '../../../adapters/execution/testing/model-feed.js';
import { Decimal } from '../../../engine/money/decimal.js';
import type { ExecutionAdapter } from '../../../engine/orders/execution-port.js';
import { createManualScheduler } from '../../../engine/scheduler.js';
import { createSimExchangeRepo } from '../../../persistence/repositories/sim-exchange-repo.js';
import { type Harness, type HarnessOptions, createHarness } from './testing/order-harness.js';

const dirs: string[] = [];
const open: Harness[] = [];
const sched = createManualScheduler(Date.UTC(2025, 0, 1));

function harness(extra: Partial<HarnessOptions> = {}, dir?: string): Harness {
  const d = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tw-mode-'));
  if (!dir) dirs.push(d);
  const h = createHarness({
    dir: d,
    clock: sched.clock,
    scheduler: sched,
    feed: createModelFeed({ clock: sched.clock, sourceId: 'kraken' }),
    ...extra,
  });
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close().catch(() => undefined);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const error = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

/** A stand-in for the ccxt adapter: the simulated exchange under the exchange's name, in LIVE mode. */
function fakeLive(h: () => Harness): (venue: { venue: string }) => Promise<ExecutionAdapter> {
  return async (venue) => {
    const sim = createSimulatedExecution({
      mode: 'PAPER',
      repo: createSimExchangeRepo(h().db, venue.venue),
      feed: h().feed,
      clock: sched.clock,
      initialBalances: { USD: Decimal.parse('500') },
    });
    return { ...sim, id: venue.venue, mode: 'LIVE' };
  };
}

describe('trading mode', () => {
  it('refuses LIVE without the confirmation that names the exchange, and changes nothing', async () => {
    const h = harness();
    await h.service.start();
    const missing = await error(h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken' }));
    expect(missing?.code).toBe('invalid_input');
    expect(missing?.message).toBe(
      'live trading sends real orders with real money to kraken: to switch, type exactly "TRADE LIVE ON KRAKEN" as the confirmation',
    );
    expect(
      await error(h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON BINANCE' })),
    ).toBeInstanceOf(AppError);
    expect(h.service.status()).toMatchObject({ mode: 'SIMULATOR', venue: 'simulator' });
  });

  it('switches to LIVE with the confirmation, audits it naming the exchange, and resumes it after a restart', async () => {
    const h: Harness = harness({ liveAdapter: fakeLive(() => h) });
    await h.service.start();
    const status = await h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' });
    expect(status).toMatchObject({
      mode: 'LIVE',
      exchangeId: 'kraken',
      venue: 'kraken',
      reconciled: true,
      liveConfirmText: 'TRADE LIVE ON KRAKEN',
      simulatedFees: null,
    });
    const [entry] = h.audit.query({ kinds: ['mode.switched'] });
    expect(entry?.details).toMatchObject({
      new: { mode: 'LIVE', exchangeId: 'kraken' },
      confirmedWith: 'TRADE LIVE ON KRAKEN',
    });
    // LIVE takes the exchange's balances as the truth.
    expect((await h.service.portfolio()).balances).toMatchObject([{ currency: 'USD', total: '500' }]);
    const dir = dirs[0]!;
    await h.close();
    open.splice(0);
    const again: Harness = harness({ liveAdapter: fakeLive(() => again) }, dir);
    await again.service.start();
    expect(again.service.status()).toMatchObject({ mode: 'LIVE', venue: 'kraken' });
  });

  it('says what is wrong when the live adapter cannot be built, and stays where it was', async () => {
    const h = harness({
      liveAdapter: () =>
        Promise.reject(
          new AppError(
            'unavailable',
            'live trading on kraken needs its API key and secret: set them in Settings first',
          ),
        ),
    });
    await h.service.start();
    const failed = await error(
      h.service.setMode({ mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' }),
    );
    expect(failed?.message).toMatch(/needs its API key/);
    expect(h.service.status().mode).toBe('SIMULATOR');
  });

  it('paper-trades on the exchange feed with its own venue and portfolio, and refuses to switch away from open orders', async () => {
    const h = harness();
    await h.service.start();
    await h.service.setMode({ mode: 'PAPER', exchangeId: 'kraken' });
    expect(h.service.status()).toMatchObject({
      mode: 'PAPER',
      venue: 'paper:kraken',
      liveConfirmText: 'TRADE LIVE ON KRAKEN',
    });
    const filled = await h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' });
    const resting = await h.service.submit({
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '40000',
    });
    await h.settle();
    expect(h.service.get(filled.clientOrderId)).toMatchObject({ venue: 'paper:kraken', order: { status: 'FILLED' } });
    expect(h.service.get(filled.clientOrderId).fills[0]?.tradeId).toMatch(/^PAPER-KRAKEN-T\d+$/);
    const refused = await error(h.service.setMode({ mode: 'SIMULATOR' }));
    expect(refused?.code).toBe('conflict');
    expect(refused?.message).toMatch(/1 order\(s\) on paper:kraken are not finished/);
    await h.service.cancel(resting.clientOrderId);
    await h.service.setMode({ mode: 'SIMULATOR' });
    expect(h.service.list({})).toEqual([]); // the simulator venue has its own orders
    expect(h.service.list({ venue: 'paper:kraken' })).toHaveLength(2);
    // In SIMULATOR, orders are priced on the simulator's market: a feed from elsewhere is refused.
    const elsewhere = await error(
      h.service.submit({ symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' }),
    );
    expect(elsewhere?.message).toMatch(/market data now comes from kraken/);
  });
});
