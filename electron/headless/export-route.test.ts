import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../core/testing/parse-csv.js';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';
import { connectWs } from './testing/ws-client.js';
import { makeStaticRoot } from './testing/static-root.js';

const TOKEN = 'export-token-0123456789abcdef';
let t: TempCore;
let server: HeadlessServer;
let staticRoot: string;
let base: string;

beforeAll(async () => {
  t = await createTempCore();
  staticRoot = makeStaticRoot();
  server = await startHeadlessServer({
    core: t.core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticRoot,
    allowRemote: false,
  });
  base = `http://127.0.0.1:${server.port}`;
  const { logger } = t.core;
  logger.warn('risk', 'order vetoed, "max position"', { symbol: 'BTC/USD', limit: 2 });
  logger.error('exchange', 'request failed', { symbol: 'ETH/USD' });
  logger.info('orders', 'order filled', { symbol: 'BTC/USD' });
  await t.core.dispatch('settings.update', { theme: 'light' }, { transport: 'test' });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

type Link =
  { ok: true; data: { url: string; expiresAt: number } } | { ok: false; error: { code: string; message: string } };

/** A one-time download link, minted over the WebSocket (which carries the token). */
async function mint(request: unknown): Promise<Link> {
  const c = await connectWs(server.port, { token: TOKEN });
  try {
    return (await c.call('export.downloadLink', request)) as Link;
  } finally {
    c.ws.close();
  }
}

async function link(request: unknown): Promise<string> {
  const minted = await mint(request);
  if (!minted.ok) throw new Error(minted.error.message);
  return `${base}${minted.data.url}`;
}

describe('GET /export', () => {
  it('refuses without a one-time link, with only the old token cookie or query, and from another origin', async () => {
    expect((await fetch(`${base}/export?kind=logs&format=csv`)).status).toBe(401);
    const oldCookie = await fetch(`${base}/export?kind=logs&format=csv`, {
      headers: { cookie: `workstation_token=${TOKEN}` },
    });
    expect(oldCookie.status).toBe(401);
    expect((await fetch(`${base}/export?kind=logs&format=csv&token=${TOKEN}`)).status).toBe(401);
    const cross = await fetch(await link({ kind: 'logs', format: 'csv' }), {
      headers: { origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
  });

  it('a link works once', async () => {
    const url = await link({ kind: 'logs', format: 'csv' });
    expect(url).toMatch(/\/export\?dl=[A-Za-z0-9_-]{32}$/);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    await first.text();
    const again = await fetch(url);
    expect(again.status).toBe(401);
    expect(await again.text()).toMatch(/used already or has expired: click the export button again/);
  });

  it('streams the filtered logs as a CSV attachment', async () => {
    const res = await fetch(
      await link({ kind: 'logs', format: 'csv', filter: { levels: ['warn', 'error'], symbol: 'BTC/USD' } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="workstation-logs-\d{8}T\d{6}Z\.csv"$/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const rows = parseCsvObjects(await res.text());
    expect(rows).toEqual([
      expect.objectContaining({
        level: 'warn',
        category: 'risk',
        symbol: 'BTC/USD',
        message: 'order vetoed, "max position"',
        context: '{"limit":2}',
      }),
    ]);
  });

  it('exports the audit trail as JSON and records the download', async () => {
    const res = await fetch(await link({ kind: 'audit', format: 'json', filter: { kinds: ['setting.changed'] } }));
    const body = (await res.json()) as Array<{ kind: string; details: unknown; hash: string }>;
    expect(body).toEqual([
      expect.objectContaining({ kind: 'setting.changed', details: { new: 'light', old: 'dark', setting: 'theme' } }),
    ]);
    await expect
      .poll(() => t.core.services.audit.query({ kinds: ['data.exported'] })[0]?.details.destination)
      .toBe('a browser download');
  });

  it('refuses a wrong request when the link is minted, naming the field, and other methods with 405', async () => {
    const bad = await mint({ kind: 'logs', format: 'xml' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/format/) },
    });
    const level = await mint({ kind: 'logs', format: 'csv', filter: { levels: ['loud'] } });
    expect(level).toMatchObject({ ok: false, error: { message: expect.stringMatching(/levels/) } });
    expect((await fetch(await link({ kind: 'logs', format: 'csv' }), { method: 'POST' })).status).toBe(405);
  });

  it('keeps serving after a download is cancelled half-way', async () => {
    for (let i = 0; i < 20_000; i += 1)
      t.core.services.logStore.append({
        time: i,
        level: 'debug',
        category: 'engine',
        message: `bulk ${i}`,
        symbol: null,
        context: { i },
      });
    const abort = new AbortController();
    const res = await fetch(await link({ kind: 'logs', format: 'jsonl' }), { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    await reader.read().catch(() => undefined);
    const after = await fetch(await link({ kind: 'logs', format: 'csv', filter: { levels: ['error'] } }));
    expect(after.status).toBe(200);
    expect(parseCsvObjects(await after.text()).map((r) => r.message)).toContain('request failed');
  });
});
