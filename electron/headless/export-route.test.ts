import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../core/testing/parse-csv.js';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';

const TOKEN = 'export-token-0123456789abcdef';
let t: TempCore;
let server: HeadlessServer;
let staticRoot: string;
let base: string;

beforeAll(async () => {
  t = await createTempCore();
  staticRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-static-'));
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>TW</title>');
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

describe('GET /export', () => {
  it('refuses without the token, and from another origin', async () => {
    expect((await fetch(`${base}/export?kind=logs&format=csv`)).status).toBe(401);
    const cross = await fetch(`${base}/export?kind=logs&format=csv&token=${TOKEN}`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(cross.status).toBe(403);
  });

  it('streams the filtered logs as a CSV attachment', async () => {
    const res = await fetch(`${base}/export?kind=logs&format=csv&level=warn,error&symbol=BTC%2FUSD&token=${TOKEN}`);
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
    const res = await fetch(`${base}/export?kind=audit&format=json&auditKind=setting.changed&token=${TOKEN}`);
    const body = (await res.json()) as Array<{ kind: string; details: unknown; hash: string }>;
    expect(body).toEqual([
      expect.objectContaining({ kind: 'setting.changed', details: { new: 'light', old: 'dark', setting: 'theme' } }),
    ]);
    await expect
      .poll(() => t.core.services.audit.query({ kinds: ['data.exported'] })[0]?.details.destination)
      .toBe('a browser download');
  });

  it('answers 400 naming the wrong parameter, and 405 for other methods', async () => {
    const bad = await fetch(`${base}/export?kind=logs&format=xml&token=${TOKEN}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/format/);
    const level = await fetch(`${base}/export?kind=logs&format=csv&level=loud&token=${TOKEN}`);
    expect(await level.text()).toMatch(/level: "loud" is not one of error, warn, info, debug/);
    const from = await fetch(`${base}/export?format=csv&from=yesterday&token=${TOKEN}`);
    expect(await from.text()).toMatch(/from: "yesterday" is not a time/);
    expect((await fetch(`${base}/export?token=${TOKEN}`, { method: 'POST' })).status).toBe(405);
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
    const res = await fetch(`${base}/export?kind=logs&format=jsonl&token=${TOKEN}`, { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    await reader.read().catch(() => undefined);
    const after = await fetch(`${base}/export?kind=logs&format=csv&level=error&token=${TOKEN}`);
    expect(after.status).toBe(200);
    expect(parseCsvObjects(await after.text()).map((r) => r.message)).toContain('request failed');
  });
});
