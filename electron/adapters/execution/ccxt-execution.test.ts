import { randomUUID } from 'node:crypto';
import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../engine/money/decimal.js';
import type { PlaceRequest } from '../../engine/orders/execution-port.js';
import { startKrakenExecutionKit, type KrakenExecutionKit } from './testing/kraken-execution-kit.js';

export function order(overrides: Partial<PlaceRequest> = {}): PlaceRequest {
  return {
    clientOrderId: randomUUID(),
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'market',
    quantity: Decimal.parse('0.01'),
    price: null,
    timeInForce: 'GTC',
    ...overrides,
  };
}

describe('live execution through ccxt against the Kraken-compatible server', () => {
  let kit: KrakenExecutionKit;
  beforeEach(async () => {
    kit = await startKrakenExecutionKit();
    kit.server.exchange.setPrice('BTC/USD', '50000');
  });
  afterEach(() => kit.close());

  it('places a market order with our client id (sent once) and finds it with its fill and trade id', async () => {
    const account = kit.account();
    const live = kit.adapter(account);
    expect([live.id, live.mode]).toEqual(['kraken', 'LIVE']);
    const request = order();
    const placed = await live.place(request);
    expect(placed).toMatchObject({ outcome: 'accepted', exchangeOrderId: account.orders[0]!.txid });
    const sent = kit.server.requests.filter((r) => r.endpoint === 'AddOrder');
    expect(sent.map((r) => [r.params.cl_ord_id, r.params.volume, r.params.ordertype])).toEqual([
      [request.clientOrderId, '0.01', 'market'],
    ]);
    // Kraken's matching engine must refuse it after the deadline: 15 s on, whole seconds.
    const deadline = Date.parse(sent[0]!.params.deadline ?? '');
    expect(deadline - sent[0]!.time).toBeGreaterThanOrEqual(15_000);
    expect(deadline - sent[0]!.time).toBeLessThanOrEqual(16_000);
    const found = await live.lookup(request.clientOrderId, 'BTC/USD');
    if (found.found !== true) throw new Error(`expected found, got ${JSON.stringify(found)}`);
    expect(found.order).toMatchObject({ clientOrderId: request.clientOrderId, status: 'closed', type: 'market' });
    expect(found.order.filled.toString()).toBe('0.01');
    expect(found.fills.map((f) => [f.tradeId, f.price.toString(), f.quantity.toString(), f.fee.toString()])).toEqual([
      [account.trades[0]!.id, '50000', '0.01', '1.3'],
    ]);
    expect(found.fills[0]).toMatchObject({ feeCurrency: 'USD', liquidity: 'taker', side: 'buy' });
  });

  it('rests a limit order, reports partial fills exactly, and cancels it by client id', async () => {
    const account = kit.account();
    const live = kit.adapter(account);
    const request = order({ type: 'limit', quantity: Decimal.parse('0.3'), price: Decimal.parse('49000.5') });
    expect((await live.place(request)).outcome).toBe('accepted');
    const [txid] = account.orders.map((o) => o.txid);
    kit.server.exchange.fill(account, txid!, '0.1');
    kit.server.exchange.fill(account, txid!, '0.1');
    const found = await live.lookup(request.clientOrderId, 'BTC/USD');
    if (found.found !== true) throw new Error('expected found');
    expect([found.order.status, found.order.filled.toString(), found.order.price?.toString()]).toEqual([
      'open',
      '0.2',
      '49000.5',
    ]);
    expect(found.fills.map((f) => [f.quantity.toString(), f.liquidity])).toEqual([
      ['0.1', 'maker'],
      ['0.1', 'maker'],
    ]);
    expect(new Set(found.fills.map((f) => f.tradeId)).size).toBe(2);
    const open = await live.openOrders();
    expect(Array.isArray(open) && open.map((o) => o.clientOrderId)).toEqual([request.clientOrderId]);
    expect(await live.cancel(request.clientOrderId, 'BTC/USD', null)).toMatchObject({ outcome: 'cancelled' });
    expect(kit.server.requests.find((r) => r.endpoint === 'CancelOrder')?.params).toMatchObject({
      cl_ord_id: request.clientOrderId,
    });
    expect(account.orders[0]!.status).toBe('canceled');
    expect(await live.cancel(request.clientOrderId, 'BTC/USD', null)).toMatchObject({ outcome: 'not_open' });
  });

  it('cancels by the exchange order id when it is known (adopted orders too)', async () => {
    const account = kit.account();
    const live = kit.adapter(account);
    const placed = await live.place(order({ type: 'limit', price: Decimal.parse('40000') }));
    if (placed.outcome !== 'accepted') throw new Error('expected accepted');
    const adoptedId = randomUUID(); // a client id the exchange has never seen
    expect(await live.cancel(adoptedId, 'BTC/USD', placed.exchangeOrderId)).toMatchObject({ outcome: 'cancelled' });
    const sent = kit.server.requests.find((r) => r.endpoint === 'CancelOrder')?.params;
    expect([sent?.txid, sent?.cl_ord_id]).toEqual([placed.exchangeOrderId, undefined]);
    expect(account.orders[0]!.status).toBe('canceled');
  });

  it('answers found:false for an id the exchange never saw', async () => {
    const live = kit.adapter(kit.account());
    expect(await live.lookup(randomUUID(), 'BTC/USD')).toEqual({ found: false });
    expect(kit.server.requests.filter((r) => r.method === 'POST').map((r) => r.endpoint)).toEqual([
      'OpenOrders',
      'ClosedOrders',
    ]);
  });

  it('reports balances and our trades since a time with the client id of their order', async () => {
    const account = kit.account({ ZUSD: '10000.5', XXBT: '1.25' });
    const live = kit.adapter(account);
    const buy = order({ quantity: Decimal.parse('0.1') });
    await live.place(buy);
    await live.place(order({ type: 'limit', price: Decimal.parse('40000'), quantity: Decimal.parse('0.05') }));
    expect(await live.balances()).toEqual([
      { currency: 'BTC', total: '1.35', available: '1.35', locked: '0' },
      { currency: 'USD', total: '4987.5', available: '2987.5', locked: '2000' },
    ]);
    const trades = await live.trades(0);
    expect(Array.isArray(trades) && trades.map((t) => [t.clientOrderId, t.quantity.toString()])).toEqual([
      [buy.clientOrderId, '0.1'],
    ]);
  });

  it('refuses an amount or price off the exchange step without sending anything', async () => {
    const live = kit.adapter(kit.account());
    const tooFine = await live.place(order({ quantity: Decimal.parse('0.123456789') }));
    expect(tooFine).toMatchObject({ outcome: 'failed', failure: { kind: 'rejected' } });
    expect(tooFine.outcome === 'failed' && tooFine.failure.message).toMatch(/amount 0.123456789 .*round it first/);
    const offTick = await live.place(order({ type: 'limit', price: Decimal.parse('50000.15') }));
    expect(offTick.outcome === 'failed' && offTick.failure.message).toMatch(/price 50000.15 is not a multiple/);
    expect(kit.server.count('AddOrder')).toBe(0);
  });

  it("rejects with the exchange's reason when funds are short", async () => {
    const live = kit.adapter(kit.account({ ZUSD: '10' }));
    const result = await live.place(order());
    expect(result).toEqual({
      outcome: 'failed',
      failure: {
        kind: 'rejected',
        message: expect.stringMatching(/kraken rejected order .*: EOrder:Insufficient funds$/),
      },
    });
  });

  it('stops trading on an auth failure (bad signature, unknown key) and says what to do', async () => {
    const account = kit.account();
    const wrongSecret = kit.adapter(account, { credentials: { apiKey: account.apiKey, secret: 'c2VjcmV0' } });
    const first = await wrongSecret.place(order());
    expect(first).toMatchObject({ outcome: 'failed', failure: { kind: 'auth' } });
    expect(first.outcome === 'failed' && first.failure.message).toMatch(
      /kraken refused the API key \(EAPI:Invalid signature\): trading is stopped\. Check the key/,
    );
    const again = await wrongSecret.place(order());
    expect(again).toEqual(first);
    expect(kit.server.count('AddOrder')).toBe(1);
    const unknownKey = kit.adapter(account, { credentials: { apiKey: 'nobody', secret: account.secret } });
    expect(await unknownKey.balances()).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/EAPI:Invalid key/),
    });
  });

  it('treats a refused duplicate client id (the first is still open) as unknown, and lookup finds the first', async () => {
    const live = kit.adapter(kit.account());
    const request = order({ type: 'limit', price: Decimal.parse('40000') });
    expect((await live.place(request)).outcome).toBe('accepted');
    const twice = await live.place(request);
    expect(twice).toMatchObject({ outcome: 'failed', failure: { kind: 'unknown' } });
    expect((await live.lookup(request.clientOrderId, 'BTC/USD')).found).toBe(true);
  });

  it('serialises private calls per API key: 60 concurrent calls from two adapters, no InvalidNonce', async () => {
    const account = kit.account();
    const [a, b] = [kit.adapter(account), kit.adapter(account)];
    const calls = Array.from({ length: 60 }, (_, i) => {
      const live = i % 2 === 0 ? a : b;
      if (i % 3 === 0) return live.place(order({ type: 'limit', price: Decimal.parse('30000') }));
      return i % 3 === 1 ? live.balances() : live.openOrders();
    });
    const results = await Promise.all(calls);
    const failures = results.filter((r) => 'kind' in r || ('outcome' in r && r.outcome === 'failed'));
    expect(failures).toEqual([]);
    expect(account.orders).toHaveLength(20);
    const nonces = kit.server.requests.filter((r) => r.method === 'POST').map((r) => Number(r.params.nonce));
    expect(nonces).toEqual([...nonces].sort((x, y) => x - y));
  });

  it("(control) ccxt's default millisecond nonce collides when calls are concurrent", async () => {
    const account = kit.account();
    const raw = new ccxt.kraken({ apiKey: account.apiKey, secret: account.secret, enableRateLimit: false });
    raw.urls.api = { ...(raw.urls.api as object), public: kit.server.url, private: kit.server.url };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => raw.fetchBalance()));
    const invalidNonce = results.filter((r) => r.status === 'rejected' && r.reason instanceof ccxt.InvalidNonce);
    expect(invalidNonce.length).toBeGreaterThan(0);
  });

  it("arms Kraken's dead man's switch, which cancels open orders when it fires", async () => {
    const account = kit.account();
    const live = kit.adapter(account);
    await live.place(order({ type: 'limit', price: Decimal.parse('40000') }));
    expect(await live.cancelAllAfter(60_000)).toBe(true);
    expect(kit.server.requests.at(-1)?.params.timeout).toBe('60');
    account.deadManAt = 0;
    expect(await live.openOrders()).toEqual([]);
  });
});
