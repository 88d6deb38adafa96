import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FailureKind, PlaceRequest } from '../../engine/orders/execution-port.js';
import { Decimal } from '../../engine/money/decimal.js';
import { createManualScheduler, type ManualScheduler } from '../../engine/scheduler.js';
import { drive } from '../market/testing/kraken-fixture.js';
import type { KrakenFault } from '../market/testing/kraken-server.js';
import { startKrakenExecutionKit, type KrakenExecutionKit } from './testing/kraken-execution-kit.js';

const order = (overrides: Partial<PlaceRequest> = {}): PlaceRequest => ({
  clientOrderId: randomUUID(),
  symbol: 'BTC/USD',
  side: 'buy',
  type: 'market',
  quantity: Decimal.parse('0.01'),
  price: null,
  timeInForce: 'GTC',
  ...overrides,
});

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let kit: KrakenExecutionKit;
afterEach(() => kit.close());

describe('a failed placement says what is known, and lookup by client id settles it', () => {
  // [name, fault on AddOrder, kind, did the server take the order]
  const cases: [string, KrakenFault, FailureKind, boolean, RegExp][] = [
    ['timeout, order accepted', { kind: 'late', ms: 300 }, 'unknown', true, /request timed out/],
    ['timeout, order not accepted', { kind: 'lost', ms: 300 }, 'unknown', false, /request timed out/],
    ['dropped connection before the order', { kind: 'drop' }, 'unknown', false, /fetch failed/],
    ['dropped connection after the order', { kind: 'drop-after' }, 'unknown', true, /fetch failed/],
    ['HTTP 500', { kind: 'http', status: 500 }, 'unknown', false, /HTTP 500/],
    ['HTTP 502 after the order was placed', { kind: 'http', status: 502, applied: true }, 'unknown', true, /HTTP 502/],
    ['HTTP 503', { kind: 'http', status: 503 }, 'unknown', false, /HTTP 503/],
    ['truncated JSON with 200', { kind: 'truncated' }, 'unknown', true, /not valid JSON/],
    ['an HTML page with 200', { kind: 'garbage' }, 'unknown', false, /not valid JSON/],
    ['EGeneral:Internal error', { kind: 'error', error: 'EGeneral:Internal error' }, 'unknown', false, /Internal/],
    ['HTTP 429', { kind: 'http', status: 429 }, 'rate_limited', false, /HTTP 429.*nothing was placed/],
    ['EAPI:Rate limit exceeded', { kind: 'error', error: 'EAPI:Rate limit exceeded' }, 'rate_limited', false, /Rate/],
    ['EService:Unavailable', { kind: 'error', error: 'EService:Unavailable' }, 'unavailable', false, /pauses/],
    [
      'cancel_only market',
      { kind: 'error', error: 'EService:Market in cancel_only mode' },
      'unavailable',
      false,
      /cancel_only mode\); nothing was placed; trading pauses/,
    ],
  ];

  for (const [name, fault, kind, accepted, message] of cases) {
    it(`${name}: ${kind}${kind === 'unknown' ? `, then lookup ${accepted ? 'finds it' : 'proves absence'}` : ''}`, async () => {
      kit = await startKrakenExecutionKit({ timeoutMs: 150 });
      kit.server.exchange.setPrice('BTC/USD', '50000');
      const account = kit.account();
      const live = kit.adapter(account, { deadlineMs: null, settleMs: 0 });
      await live.balances(); // markets and a first private call, before the fault
      kit.server.fault('AddOrder', fault, { times: 1 });
      const request = order();
      const result = await live.place(request);
      expect(result).toMatchObject({ outcome: 'failed', failure: { kind } });
      expect(result.outcome === 'failed' && result.failure.message).toMatch(message);
      expect(kit.server.count('AddOrder')).toBe(1);
      if (kind === 'rate_limited') expect(result).toMatchObject({ failure: { retryAfterMs: 1_000 } });
      await sleepMs(fault.kind === 'late' || fault.kind === 'lost' ? 200 : 0);
      expect(account.orders.filter((o) => o.clOrdId === request.clientOrderId)).toHaveLength(accepted ? 1 : 0);
      const found = await live.lookup(request.clientOrderId, 'BTC/USD');
      expect(found.found).toBe(accepted);
      expect(kit.server.count('AddOrder')).toBe(1);
    });
  }

  it('withholds found:false while an unanswered placement could still be accepted', async () => {
    kit = await startKrakenExecutionKit({ timeoutMs: 100 });
    const live = kit.adapter(kit.account(), { deadlineMs: null, settleMs: 400 });
    await live.balances();
    kit.server.fault('AddOrder', { kind: 'lost', ms: 150 }, { times: 1 });
    const request = order();
    await live.place(request);
    const early = await live.lookup(request.clientOrderId, 'BTC/USD');
    if (early.found !== 'unknown') throw new Error(`expected unknown, got ${JSON.stringify(early)}`);
    expect(early.failure.message).toMatch(/has no order .* could still be accepted; ask again in \d+ ms/);
    expect(early.failure.retryAfterMs).toBeGreaterThan(0);
    expect(early.failure.retryAfterMs).toBeLessThanOrEqual(400);
    await sleepMs(early.failure.retryAfterMs!);
    expect(await live.lookup(request.clientOrderId, 'BTC/USD')).toEqual({ found: false });
  });

  it('a cancel_only market refuses new orders but still cancels', async () => {
    kit = await startKrakenExecutionKit();
    const live = kit.adapter(kit.account());
    const resting = order({ type: 'limit', price: Decimal.parse('40000') });
    expect((await live.place(resting)).outcome).toBe('accepted');
    kit.server.market.systemStatus = 'cancel_only';
    expect(await live.place(order())).toMatchObject({ outcome: 'failed', failure: { kind: 'unavailable' } });
    expect(await live.cancel(resting.clientOrderId, 'BTC/USD', null)).toMatchObject({ outcome: 'cancelled' });
  });
});

describe('an order the exchange handles after we gave up', () => {
  const lateHandled: KrakenFault = { kind: 'delay', ms: 2_200 };

  async function recover(live: ReturnType<KrakenExecutionKit['adapter']>, request: PlaceRequest) {
    expect(await live.place(request)).toMatchObject({ outcome: 'failed', failure: { kind: 'unknown' } });
    for (;;) {
      const found = await live.lookup(request.clientOrderId, 'BTC/USD');
      if (found.found === true) return 'found';
      if (found.found === false) return (await live.place(request)).outcome;
      await sleepMs(found.failure.retryAfterMs ?? 50);
    }
  }

  it("is refused after Kraken's deadline, so the resend after it is the only order", async () => {
    kit = await startKrakenExecutionKit({ timeoutMs: 100 });
    const account = kit.account();
    const live = kit.adapter(account, { deadlineMs: 1_000, settleMs: 100 });
    await live.balances();
    kit.server.fault('AddOrder', lateHandled, { times: 1 });
    const request = order();
    expect(await recover(live, request)).toBe('accepted');
    await sleepMs(2_300);
    expect(account.orders.filter((o) => o.clOrdId === request.clientOrderId)).toHaveLength(1);
    expect(kit.server.requests.find((r) => r.endpoint === 'AddOrder')?.params.deadline).toMatch(/^\d{4}-.*:\d\dZ$/);
  });

  it('(control) without a deadline, the late original and the resend both execute: a duplicate', async () => {
    kit = await startKrakenExecutionKit({ timeoutMs: 100 });
    const account = kit.account();
    const live = kit.adapter(account, { deadlineMs: null, settleMs: 100 });
    await live.balances();
    kit.server.fault('AddOrder', lateHandled, { times: 1 });
    const request = order();
    expect(await recover(live, request)).toBe('accepted');
    await sleepMs(2_300);
    expect(account.orders.filter((o) => o.clOrdId === request.clientOrderId)).toHaveLength(2);
  });
});

describe('retries per operation, and the circuit breaker (virtual time)', () => {
  const NOON = Date.UTC(2024, 0, 1, 12, 0, 0);
  let scheduler: ManualScheduler;
  async function start() {
    scheduler = createManualScheduler(NOON);
    kit = await startKrakenExecutionKit({ clock: scheduler.clock, scheduler });
    kit.server.exchange.setPrice('BTC/USD', '50000');
    const account = kit.account();
    return { account, live: kit.adapter(account, { deadlineMs: null, settleMs: 0 }) };
  }

  it('retries a cancel through three 502s (500 ms, 1 s, 2 s) and cancels', async () => {
    const { live } = await start();
    const resting = order({ type: 'limit', price: Decimal.parse('40000') });
    await live.place(resting);
    kit.server.fault('CancelOrder', { kind: 'http', status: 502 }, { times: 3 });
    const result = await drive(live.cancel(resting.clientOrderId, 'BTC/USD', null), scheduler);
    expect(result).toMatchObject({ outcome: 'cancelled' });
    expect(kit.server.count('CancelOrder')).toBe(4);
    expect(scheduler.clock.now() - NOON).toBe(3_500);
  });

  it('a cancel whose 502 hid its success is answered not_open on the retry (look it up)', async () => {
    const { live } = await start();
    const resting = order({ type: 'limit', price: Decimal.parse('40000') });
    await live.place(resting);
    kit.server.fault('CancelOrder', { kind: 'http', status: 502, applied: true }, { times: 1 });
    const result = await drive(live.cancel(resting.clientOrderId, 'BTC/USD', null), scheduler);
    expect(result).toMatchObject({ outcome: 'not_open' });
    const found = await live.lookup(resting.clientOrderId, 'BTC/USD');
    expect(found.found === true && found.order.status).toBe('canceled');
  });

  it('gives up a cancel after 5 retries, and a read after 2', async () => {
    const { live } = await start();
    kit.server.fault('CancelOrder', { kind: 'http', status: 503 });
    const cancel = await drive(live.cancel(randomUUID(), 'BTC/USD', null), scheduler);
    expect(cancel).toMatchObject({ outcome: 'failed', failure: { kind: 'unknown' } });
    expect(kit.server.count('CancelOrder')).toBe(6);
    kit.server.fault('OpenOrders', { kind: 'drop' });
    const read = await drive(live.openOrders(), scheduler);
    expect(read).toMatchObject({ kind: 'unknown', message: expect.stringMatching(/did not answer the open orders/) });
    expect(kit.server.count('OpenOrders')).toBe(3);
  });

  it('opens after 5 consecutive failures, refuses new orders with the reason, probes after 30 s', async () => {
    const { account, live } = await start();
    await live.balances();
    kit.server.fault('AddOrder', { kind: 'http', status: 503 }, { times: 5 });
    for (let i = 0; i < 5; i += 1) expect((await live.place(order())).outcome).toBe('failed');
    expect(live.breakerState()).toMatchObject({ status: 'open', probeAt: NOON + 30_000 });
    const refused = await live.place(order());
    expect(refused).toEqual({
      outcome: 'failed',
      failure: {
        kind: 'unavailable',
        message: expect.stringMatching(/^exchange kraken circuit open after 5 failures; retrying at 12:00:30 UTC/),
        retryAfterMs: 30_000,
      },
    });
    expect(kit.server.count('AddOrder')).toBe(5);
    expect(Array.isArray(await live.openOrders())).toBe(true); // reads (recovery) still go
    scheduler.advance(29_999);
    expect((await live.place(order())).outcome).toBe('failed');
    scheduler.advance(1);
    expect((await live.place(order())).outcome).toBe('accepted');
    expect(live.breakerState()).toEqual({ status: 'closed', failures: 0 });
    expect(account.orders).toHaveLength(1);
  });

  it('a failed probe opens the circuit for another 30 s', async () => {
    const { live } = await start();
    await live.balances();
    kit.server.fault('AddOrder', { kind: 'drop' }, { times: 6 });
    for (let i = 0; i < 5; i += 1) await live.place(order());
    scheduler.advance(30_000);
    expect((await live.place(order())).outcome).toBe('failed');
    const refused = await live.place(order());
    expect(refused.outcome === 'failed' && refused.failure.message).toMatch(/after 6 failures; retrying at 12:01:00/);
  });

  it('definite refusals do not open it', async () => {
    const { live } = await start();
    for (let i = 0; i < 6; i += 1) {
      expect(await live.place(order({ quantity: Decimal.parse('1000') }))).toMatchObject({
        failure: { kind: 'rejected' },
      });
    }
    expect(live.breakerState().status).toBe('closed');
  });
});
