import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../engine/clock.js';
import { Decimal, dec } from '../../engine/money/decimal.js';
import type { ExecutionReport, PlaceRequest } from '../../engine/orders/execution-port.js';
import { type Database, openDatabase } from '../../persistence/database.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { createSimExchangeRepo } from '../../persistence/repositories/sim-exchange-repo.js';
import { createSimulatedExecution } from './simulated-execution.js';
import { createModelFeed } from './testing/model-feed.js';

let dir = '';
let db: Database;
const clock = createManualClock(Date.UTC(2025, 0, 1));
const feed = createModelFeed({ clock });

function adapter() {
  return createSimulatedExecution({
    mode: 'SIMULATOR',
    repo: createSimExchangeRepo(db, 'simulator'),
    feed,
    clock,
    initialBalances: { USD: dec('100000') },
  });
}

function open() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-sim-'));
  db = openDatabase({ file: path.join(dir, 'workstation.db'), migrations: MIGRATIONS, synchronous: 'FULL' });
}

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  feed.setMid('BTC/USD', 60_000);
});

const req = (over: Partial<PlaceRequest>): PlaceRequest => ({
  clientOrderId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'limit',
  quantity: dec('0.5'),
  price: dec('59000'),
  timeInForce: 'GTC',
  ...over,
});

describe('simulated exchange', () => {
  it('keeps its orders across a restart and fills a resting order when quotes cross it', async () => {
    open();
    const first = adapter();
    const placed = await first.place(req({}));
    expect(placed).toMatchObject({ outcome: 'accepted', exchangeOrderId: 'SIM-O1' });
    expect(await first.balances()).toEqual([
      { currency: 'USD', total: '100000', available: '70452.8', locked: '29547.2' },
    ]);
    await first.close();

    const second = adapter();
    const reports: ExecutionReport[] = [];
    second.onReport((r) => reports.push(r));
    expect((await second.lookup(req({}).clientOrderId, 'BTC/USD')).found).toBe(true);
    expect(await second.openOrders()).toHaveLength(1);
    feed.setMid('BTC/USD', 58_000);
    feed.tick();
    await second.idle();
    await Promise.resolve();
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.type === 'fill' && r.fill.price.eq(59000) && r.fill.liquidity === 'maker')).toBe(
      true,
    );
    await second.close();
  });

  it('refuses a client order id that an open order uses, and accepts it again once that order is closed', async () => {
    open();
    const sim = adapter();
    await sim.place(req({}));
    const again = await sim.place(req({}));
    expect(again).toMatchObject({ outcome: 'failed', failure: { kind: 'rejected' } });
    await sim.cancel(req({}).clientOrderId, 'BTC/USD', null);
    expect(await sim.place(req({}))).toMatchObject({ outcome: 'accepted', exchangeOrderId: 'SIM-O2' });
    await sim.close();
  });

  it('cancels what an IOC or a fill-or-kill order cannot fill at once', async () => {
    open();
    const sim = adapter();
    const reports: ExecutionReport[] = [];
    sim.onReport((r) => reports.push(r));
    const top = (await feed.book('BTC/USD', 1)).asks[0]![0];
    const fok = await sim.place(
      req({
        clientOrderId: '1f8fad5b-d9cb-469f-a165-70867728950e',
        price: Decimal.fromNumber(top),
        quantity: dec('50'),
        timeInForce: 'FOK',
      }),
    );
    expect(fok.outcome).toBe('accepted');
    await Promise.resolve();
    expect(reports).toMatchObject([{ type: 'cancelled', reason: 'fill or kill: the book could not fill all of it' }]);
    const look = await sim.lookup('1f8fad5b-d9cb-469f-a165-70867728950e', 'BTC/USD');
    expect(look).toMatchObject({ found: true, order: { status: 'canceled' }, fills: [] });
    await sim.close();
  });

  it('refuses a sell of coins it does not hold and writes nothing', async () => {
    open();
    const sim = adapter();
    const result = await sim.place(req({ side: 'sell', type: 'market', price: null }));
    expect(result).toMatchObject({
      outcome: 'failed',
      failure: { kind: 'rejected', message: expect.stringMatching(/^EOrder:Insufficient funds/) },
    });
    expect(await sim.openOrders()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sim_exchange_orders').get()).toEqual({ n: 0 });
    await sim.close();
  });

  it('fills only on the market it belongs to: prices from another source neither place nor match', async () => {
    open();
    const elsewhere = createModelFeed({ clock, sourceId: 'kraken' });
    const sim = createSimulatedExecution({
      mode: 'SIMULATOR',
      repo: createSimExchangeRepo(db, 'simulator'),
      feed: elsewhere,
      expectedSource: 'simulator',
      clock,
    });
    expect(await sim.place(req({}))).toMatchObject({
      outcome: 'failed',
      failure: { kind: 'rejected', message: 'EService:Unavailable: prices come from kraken, not simulator' },
    });
    await sim.close();
  });
});
