import { describe, expect, it } from 'vitest';
import { admitOrder, CLOSED, recordResult, type BreakerState } from './circuit-breaker.js';
import { classifyFailure, httpStatusOf } from './failure-classification.js';
import { decideRetry, type ExecutionOperation } from './retry-policy.js';

const delays = (op: ExecutionOperation, random: () => number) => {
  const out: number[] = [];
  for (let failures = 1; ; failures += 1) {
    const d = decideRetry(op, failures, 'unknown', random);
    if (!d.retry) return out;
    out.push(d.delayMs);
  }
};

describe('retry policy per operation', () => {
  it('never re-sends an order, whatever the failure', () => {
    for (const kind of ['unknown', 'unavailable', 'rate_limited', 'rejected', 'auth'] as const) {
      expect(decideRetry('place', 1, kind, () => 0)).toEqual({
        retry: false,
        why: 'an order is never re-sent blindly',
      });
    }
  });

  it('retries a cancel 5 times from 500 ms, doubling, never above 16 s', () => {
    expect(delays('cancel', () => 0)).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    expect(delays('cancel', () => 0.999)).toEqual([600, 1_200, 2_400, 4_799, 9_598]);
  });

  it('retries a read twice from 1 s, within 8 s', () => {
    expect(delays('read', () => 0)).toEqual([1_000, 2_000]);
    expect(delays('read', () => 0.5)).toEqual([1_100, 2_200]);
  });

  it('does not retry definite failures, and honours a requested wait up to the cap', () => {
    expect(decideRetry('cancel', 1, 'rejected', () => 0).retry).toBe(false);
    expect(decideRetry('read', 1, 'auth', () => 0).retry).toBe(false);
    expect(decideRetry('read', 1, 'rate_limited', () => 0, 5_000)).toEqual({ retry: true, delayMs: 5_000 });
    expect(decideRetry('read', 1, 'rate_limited', () => 0, 60_000)).toEqual({ retry: true, delayMs: 8_000 });
  });
});

describe('circuit breaker', () => {
  const fail = (s: BreakerState, now: number, probe = false) => recordResult(s, { now, ok: false, probe });

  it('opens on the 5th consecutive failure; a success in between resets the count', () => {
    let s = CLOSED;
    for (let i = 0; i < 4; i += 1) s = fail(s, 1_000);
    s = recordResult(s, { now: 1_000, ok: true, probe: false });
    expect(s).toEqual(CLOSED);
    for (let i = 0; i < 4; i += 1) s = fail(s, 1_000);
    expect(admitOrder(s, 1_000).admission.allowed).toBe(true);
    s = fail(s, 2_000);
    expect(s).toEqual({ status: 'open', failures: 5, openedAt: 2_000, probeAt: 32_000 });
    expect(admitOrder(s, 31_999).admission).toEqual({ allowed: false, retryAt: 32_000, failures: 5 });
  });

  it('lets one probe through after 30 s: success closes, failure re-opens for 30 s', () => {
    let s: BreakerState = { status: 'open', failures: 5, openedAt: 0, probeAt: 30_000 };
    const first = admitOrder(s, 30_000);
    expect(first.admission).toEqual({ allowed: true, probe: true });
    s = first.state;
    expect(admitOrder(s, 30_001).admission.allowed).toBe(false);
    // results of reads and cancels while the probe runs change nothing
    expect(fail(s, 30_002)).toBe(s);
    expect(recordResult(s, { now: 30_005, ok: true, probe: true })).toEqual(CLOSED);
    const reopened = fail(s, 30_005, true);
    expect(reopened).toEqual({ status: 'open', failures: 6, openedAt: 30_005, probeAt: 60_005 });
  });

  it('gives up on a probe whose result never came after 30 s', () => {
    const s: BreakerState = { status: 'half_open', failures: 5, probeStartedAt: 10_000 };
    expect(admitOrder(s, 39_999).admission.allowed).toBe(false);
    expect(admitOrder(s, 40_000).admission).toEqual({ allowed: true, probe: true });
  });
});

describe('failure classification (ccxt class names and messages)', () => {
  const kind = (names: string[], message = '') => classifyFailure({ names, message }).kind;
  const chain = {
    timeout: ['RequestTimeout', 'NetworkError', 'OperationFailed', 'BaseError'],
    network: ['NetworkError', 'OperationFailed', 'BaseError'],
    notAvailable: ['ExchangeNotAvailable', 'NetworkError', 'OperationFailed', 'BaseError'],
    maintenance: ['OnMaintenance', 'ExchangeNotAvailable', 'NetworkError', 'OperationFailed', 'BaseError'],
    ddos: ['DDoSProtection', 'NetworkError', 'OperationFailed', 'BaseError'],
    rate: ['RateLimitExceeded', 'NetworkError', 'OperationFailed', 'BaseError'],
    funds: ['InsufficientFunds', 'ExchangeError', 'BaseError'],
    invalid: ['InvalidOrder', 'ExchangeError', 'BaseError'],
    auth: ['AuthenticationError', 'ExchangeError', 'BaseError'],
    permission: ['PermissionDenied', 'AuthenticationError', 'ExchangeError', 'BaseError'],
    badResponse: ['BadResponse', 'OperationFailed', 'BaseError'],
    nonce: ['InvalidNonce', 'NetworkError', 'OperationFailed', 'BaseError'],
    exchange: ['ExchangeError', 'BaseError'],
  };

  it('maps the issue table', () => {
    expect(kind(chain.auth, 'kraken {"error":["EAPI:Invalid key"]}')).toBe('auth');
    expect(kind(chain.permission)).toBe('auth');
    expect(kind(chain.funds, 'kraken {"error":["EOrder:Insufficient funds"]}')).toBe('rejected');
    expect(kind(chain.invalid)).toBe('rejected');
    expect(kind(chain.rate, 'kraken POST http://x/0/private/AddOrder 429 Too Many Requests')).toBe('rate_limited');
    expect(kind(chain.ddos, 'kraken {"error":["EAPI:Rate limit exceeded"]}')).toBe('rate_limited');
    expect(kind(chain.timeout, 'kraken POST http://x request timed out (100 ms)')).toBe('unknown');
    expect(kind(chain.network, 'kraken POST http://x fetch failed: other side closed')).toBe('unknown');
    expect(kind(chain.notAvailable, 'kraken {"error":["EService:Unavailable"]}')).toBe('unavailable');
    expect(kind(chain.maintenance, 'kraken {"error":["EService:Market in cancel_only mode"]}')).toBe('unavailable');
  });

  it('treats anything that may have been processed as unknown', () => {
    expect(kind(chain.notAvailable, 'kraken POST http://127.0.0.1:1/0/private/AddOrder 502 Bad Gateway <html>')).toBe(
      'unknown',
    );
    expect(kind(chain.notAvailable, 'kraken {"error":["EGeneral:Internal error"]}')).toBe('unknown');
    expect(kind(chain.badResponse, 'answered with a body that is not valid JSON')).toBe('unknown');
    expect(kind(chain.nonce)).toBe('unknown');
    expect(kind(['TypeError'], 'Cannot read properties of undefined')).toBe('unknown');
    expect(kind(chain.exchange, 'kraken {"error":["EOrder:Duplicate cl_ord_id"]}')).toBe('unknown');
    expect(kind(['DuplicateOrderId', 'InvalidOrder', 'ExchangeError'])).toBe('unknown');
  });

  it('reads an invalid signature as an auth failure and other exchange errors as rejections', () => {
    expect(kind(chain.exchange, 'kraken {"error":["EAPI:Invalid signature"]}')).toBe('auth');
    expect(kind(chain.exchange, 'kraken {"error":["EQuery:Unknown asset pair"]}')).toBe('rejected');
  });

  it('finds the HTTP status of a status-line error', () => {
    expect(httpStatusOf('kraken POST http://h/0/private/AddOrder 503 Service Unavailable x')).toBe(503);
    expect(httpStatusOf('kraken {"error":["EService:Unavailable"]}')).toBeNull();
  });
});
