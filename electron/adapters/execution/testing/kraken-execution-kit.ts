import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../engine/clock.js';
import type { Scheduler } from '../../../engine/scheduler.js';
import { systemClock } from '../../clock/system-clock.js';
import { systemScheduler } from '../../clock/system-scheduler.js';
import type { KrakenAccount } from '../../market/testing/kraken-private-book.js';
import { startKrakenServer, type KrakenServer } from '../../market/testing/kraken-server.js';
import { createCcxtExecution, type CcxtExecution, type CcxtExecutionOptions } from '../ccxt-execution.js';

/**
 * Test kit: the Kraken-compatible server on 127.0.0.1 with private accounts, and live ccxt
 * execution adapters pointed at it (ccxt's own kraken class, real HTTP, real signatures).
 */

export type KrakenExecutionKit = {
  server: KrakenServer;
  /** A new account (its own API key and secret) with default balances unless given. */
  account(balances?: Record<string, string>): KrakenAccount;
  /** A live adapter for `account`: 1 ms rate limit, short timeout, no jitter. */
  adapter(account: KrakenAccount, options?: Partial<CcxtExecutionOptions>): CcxtExecution;
  close(): Promise<void>;
};

let keys = 0;

export async function startKrakenExecutionKit(
  options: { clock?: Clock; scheduler?: Scheduler; timeoutMs?: number } = {},
): Promise<KrakenExecutionKit> {
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? systemScheduler;
  const server = await startKrakenServer({ clock });
  const adapters: CcxtExecution[] = [];
  return {
    server,
    account(balances) {
      keys += 1;
      const apiKey = `test-key-${process.pid}-${keys}-${randomBytes(6).toString('hex')}`;
      return server.exchange.addAccount({ apiKey, secret: randomBytes(64).toString('base64'), balances });
    },
    adapter(account, overrides = {}) {
      const adapter = createCcxtExecution({
        exchangeId: 'kraken',
        credentials: { apiKey: account.apiKey, secret: account.secret },
        baseUrl: server.url,
        clock,
        scheduler,
        random: () => 0,
        timeoutMs: options.timeoutMs ?? 2_000,
        rateLimitMs: 1,
        ...overrides,
      });
      adapters.push(adapter);
      return adapter;
    },
    async close() {
      await Promise.all(adapters.map((a) => a.close()));
      await server.close();
    },
  };
}
