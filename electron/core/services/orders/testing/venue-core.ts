/**
 * A real core (SQLite, dispatch, risk gate, advisor) whose "kraken" is the Kraken-compatible
 * server on 127.0.0.1 with a funded account: PAPER trades on its market data, LIVE sends real
 * AddOrder requests to it through ccxt. For the venue-binding race tests. Not used by the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startKrakenExecutionKit,
  type KrakenExecutionKit,
} from '../../../../adapters/execution/testing/kraken-execution-kit.js';
import type { KrakenAccount } from '../../../../adapters/market/testing/kraken-private-book.js';
import { createMemorySecretStore } from '../../../../adapters/secrets/memory-store.js';
import { createCore, type Core, type CoreConfig } from '../../../create-core.js';

export const TEST_ANTHROPIC_KEY = 'sk-ant-test-key';
export const LIVE_KRAKEN = { mode: 'LIVE', exchangeId: 'kraken', confirm: 'TRADE LIVE ON KRAKEN' } as const;
export const PAPER_KRAKEN = { mode: 'PAPER', exchangeId: 'kraken' } as const;

export type VenueCore = {
  core: Core;
  kit: KrakenExecutionKit;
  account: KrakenAccount;
  dataDir: string;
  call<T>(name: string, input?: unknown): Promise<T>;
  /** Calls that fail answer their error instead of throwing. */
  attempt(name: string, input?: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  /** Restarts the core on the same data directory (same server, same account). */
  restart(): Promise<void>;
  close(): Promise<void>;
};

export async function startVenueCore(options: Partial<CoreConfig> = {}): Promise<VenueCore> {
  const kit = await startKrakenExecutionKit();
  const account = kit.account({ ZUSD: '100000', XXBT: '0', XETH: '0' });
  const secretStore = createMemorySecretStore();
  await secretStore.set('anthropic.apiKey', TEST_ANTHROPIC_KEY);
  await secretStore.set('exchange.kraken.apiKey', account.apiKey);
  await secretStore.set('exchange.kraken.secret', account.secret);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-venue-'));
  const make = () =>
    createCore({
      dataDir,
      runtime: 'headless',
      appVersion: '0.0.0-test',
      secretStore,
      exchangeUrls: { kraken: kit.server.url },
      ...options,
    });
  const v: VenueCore = {
    core: await make(),
    kit,
    account,
    dataDir,
    async call<T>(name: string, input: unknown = {}) {
      const r = (await v.core.dispatch(name, input, { transport: 'test' })) as
        { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
      if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
      return r.data;
    },
    attempt: (name, input = {}) =>
      v.core.dispatch(name, input, { transport: 'test' }) as Promise<{
        ok: boolean;
        error?: { code: string; message: string };
      }>,
    async restart() {
      await v.core.shutdown();
      v.core = await make();
    },
    async close() {
      await v.core.shutdown();
      await kit.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await v.core.services.orders.start();
  return v;
}
