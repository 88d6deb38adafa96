/**
 * Private calls of one key run one at a time, the most urgent first, on a rate budget that reads
 * cannot use up: the dead man's heartbeat gets through while cancels time out, and a submit does
 * not wait behind lookups of orders whose outcome is unknown (Kraken-compatible server, ccxt's own
 * kraken class, real HTTP).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../engine/money/decimal.js';
import type { PlaceRequest } from '../../engine/orders/execution-port.js';
import { startKrakenExecutionKit, type KrakenExecutionKit } from './testing/kraken-execution-kit.js';

let kit: KrakenExecutionKit;
afterEach(() => kit.close());

let n = 0;
const request = (over: Partial<PlaceRequest> = {}): PlaceRequest => {
  n += 1;
  return {
    clientOrderId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'limit',
    quantity: Decimal.parse('0.001'),
    price: Decimal.parse('1000'),
    timeInForce: 'GTC',
    ...over,
  };
};

/** The endpoints the server saw, in order, from the first request after `mark`. */
const seenSince = (mark: number) => kit.server.requests.slice(mark).map((r) => r.endpoint);

describe('private calls by priority', () => {
  it("sends the dead man's heartbeat ahead of cancels that keep timing out", async () => {
    kit = await startKrakenExecutionKit({ timeoutMs: 300 });
    const account = kit.account();
    const live = kit.adapter(account, { deadlineMs: null });
    const placed: { id: string; txid: string }[] = [];
    for (let i = 0; i < 8; i += 1) {
      const r = request();
      const result = await live.place(r);
      if (result.outcome !== 'accepted') throw new Error(result.failure.message);
      placed.push({ id: r.clientOrderId, txid: result.exchangeOrderId });
    }
    kit.server.fault('CancelOrder', { kind: 'hang' });
    const mark = kit.server.requests.length;
    const cancels = placed.map((p) => live.cancel(p.id, 'BTC/USD', p.txid));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await live.cancelAllAfter(60_000)).toBe(true);
    const seen = seenSince(mark);
    expect(seen.indexOf('CancelAllOrdersAfter')).toBeGreaterThan(-1);
    // First come, first served, it would wait for all 8; it waits for the one in flight (two when
    // a loaded machine lets that one time out before the heartbeat is even asked for).
    expect(
      seen.slice(0, seen.indexOf('CancelAllOrdersAfter')).filter((e) => e === 'CancelOrder').length,
    ).toBeLessThanOrEqual(2);
    expect(account.deadManAt).not.toBeNull();
    kit.server.clearFaults();
    await live.close();
    await Promise.all(cancels);
  });

  it('sends a submit ahead of queued lookups, whose reads are budgeted (rate limit 1 s, as on Kraken)', async () => {
    kit = await startKrakenExecutionKit({ timeoutMs: 2_000 });
    const account = kit.account();
    const live = kit.adapter(account, { deadlineMs: null, settleMs: 0, rateLimitMs: 1_000 });
    expect('kind' in (await live.balances())).toBe(false);
    const mark = kit.server.requests.length;
    let lookupsDone = 0;
    const lookups = Array.from({ length: 5 }, () =>
      live.lookup(request().clientOrderId, 'BTC/USD').finally(() => {
        lookupsDone += 1;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const placed = await live.place(request({ type: 'market', price: null }));
    expect(placed.outcome).toBe('accepted');
    expect(lookupsDone).toBeLessThan(5);
    const seen = seenSince(mark);
    expect(seen.indexOf('AddOrder')).toBeLessThanOrEqual(1);
    const answers = await Promise.all(lookups);
    expect(answers.every((a) => a.found === false)).toBe(true);
  });
});
