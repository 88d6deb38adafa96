// The headless engine's start on a database from before the block store: the page is served and
// GET /boot shows the conversion while it runs; the contract answers only once the core is up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOT_PATH, type BootStatus } from '../../shared/domain/boot.js';
import { TOKEN_PROTOCOL_PREFIX, WS_PROTOCOL } from '../../shared/ipc/wire.js';
import { parseStartOptions } from '../core/config.js';
import { DATABASE_FILE } from '../core/create-core.js';
import { writeRowTableDatabase } from '../persistence/testing/row-table.js';
import { runHeadless, type HeadlessApp } from './run.js';
import { connectWs } from './testing/ws-client.js';
import { HEADLESS_TEST_ENV, makeStaticRoot } from './testing/static-root.js';

const ENV = HEADLESS_TEST_ENV;
const TOKEN = 'boot-test-token-0123456789abcdef';
const START = Date.UTC(2025, 0, 1);
// Two series of 40 days of minutes: four chunks of 30 days or less.
const PER_SERIES = 40 * 1440;
let dataDir: string;
let staticRoot: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-boot-'));
  staticRoot = makeStaticRoot();
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

const options = () => parseStartOptions(['--headless', '--port', '0', '--data-dir', dataDir, '--token', TOKEN], {});

async function boot(port: string, token: string | null): Promise<{ status: number; body: BootStatus | string }> {
  const response = await fetch(`http://127.0.0.1:${port}${BOOT_PATH}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return { status: response.status, body: response.status === 200 ? (JSON.parse(text) as BootStatus) : text };
}

/** The status of a WebSocket handshake: 101 when it opens, else the HTTP status it was refused with. */
function upgradeStatus(port: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN}`]);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe('headless start on a database from before the block store', () => {
  it('serves the start screen with the conversion progress, then the contract with every candle converted', async () => {
    writeRowTableDatabase(path.join(dataDir, DATABASE_FILE), [
      { source: 'kraken', symbol: 'BTC/USD', count: PER_SERIES, start: START },
      { source: 'kraken', symbol: 'ETH/USD', count: PER_SERIES, start: START, seed: 2 },
    ]);
    let port = '';
    let turns = 0;
    const during: { boot: Awaited<ReturnType<typeof boot>>; refused: Awaited<ReturnType<typeof boot>>; ws: number }[] =
      [];
    let page = 0;
    let app: HeadlessApp | null = null;
    try {
      app = await runHeadless(options(), ENV, staticRoot, {
        onListening: (url) => (port = new URL(url).port),
        // The second turn between chunks: look at the engine from outside, as the page does.
        conversionPause: async () => {
          if (++turns !== 2) return;
          during.push({
            boot: await boot(port, TOKEN),
            refused: await boot(port, 'not-the-token'),
            ws: await upgradeStatus(port),
          });
          page = (await fetch(`http://127.0.0.1:${port}/`)).status;
        },
      });
      expect(turns).toBe(4); // one turn after each chunk
      expect(during).toHaveLength(1);
      const [seen] = during;
      expect(seen!.boot).toEqual({
        status: 200,
        body: {
          phase: 'converting-candles',
          converted: PER_SERIES, // 30 days, then the other 10 of the first series
          total: 2 * PER_SERIES,
          series: 'kraken BTC/USD 1m',
          elapsedMs: expect.any(Number) as number,
        },
      });
      expect(seen!.refused.status).toBe(401);
      expect(seen!.ws).toBe(503);
      expect(page).toBe(200);

      // Up: ready, and the contract serves the converted candles.
      expect(await boot(port, TOKEN)).toEqual({ status: 200, body: { phase: 'ready' } });
      const client = await connectWs(Number(port), { token: TOKEN });
      const series = (await client.call('candles.series', {})) as {
        ok: boolean;
        data: { source: string; symbol: string; count: number }[];
      };
      client.ws.close();
      expect(series.ok).toBe(true);
      expect(series.data.filter((s) => s.source === 'kraken').map((s) => [s.symbol, s.count])).toEqual([
        ['BTC/USD', PER_SERIES],
        ['ETH/USD', PER_SERIES],
      ]);
      const logs = app.core.services.logStore.query({ text: 'stored candles' }).map((e) => e.message);
      expect(logs.at(0)).toMatch(/^converted 115,200 stored candles into blocks/);
    } finally {
      await app?.stop();
    }
  });

  it('a new data directory starts without a conversion; /boot says ready once the engine is up', async () => {
    let port = '';
    const app = await runHeadless(options(), ENV, staticRoot, { onListening: (url) => (port = new URL(url).port) });
    try {
      expect(await boot(port, TOKEN)).toEqual({ status: 200, body: { phase: 'ready' } });
      expect((await boot(port, null)).status).toBe(401);
      expect(app.core.services.logStore.query({ text: 'stored candles' })).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
