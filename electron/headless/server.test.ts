import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerFrame } from '../../shared/ipc/wire.js';
import { randomName, randomValue, seededRandom } from '../core/testing/fuzz.js';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';

const TOKEN = 'test-token-0123456789abcdef';
let t: TempCore;
let server: HeadlessServer;
let staticRoot: string;
let base: string;

beforeAll(async () => {
  t = await createTempCore();
  staticRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-static-'));
  fs.mkdirSync(path.join(staticRoot, 'assets'));
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>TW</title>');
  fs.writeFileSync(path.join(staticRoot, 'assets', 'app.js'), 'console.log(1)');
  server = await startHeadlessServer({
    core: t.core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticRoot,
    allowRemote: false,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

/** A client that speaks the wire protocol: call(name, input) and the events it saw. */
async function connect(query = `?token=${TOKEN}`, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (r: unknown) => void>();
  const events: { event: string; payload: unknown }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if ('event' in frame) events.push(frame);
    else waiting.get(frame.id)?.(frame.result);
  });
  let id = 0;
  const sendRaw = (text: string, expectId: number) =>
    new Promise<unknown>((resolve) => {
      waiting.set(expectId, resolve);
      ws.send(text);
    });
  return {
    ws,
    events,
    sendRaw,
    call: (name: unknown, input: unknown) => {
      const n = ++id;
      return sendRaw(JSON.stringify({ id: n, name, input }), n);
    },
  };
}

describe('headless HTTP', () => {
  it('refuses requests without the token', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/token/);
    expect((await fetch(`${base}/?token=wrong-token-wrong-token`)).status).toBe(401);
  });

  it('serves the UI with the token and sets a cookie for the assets', async () => {
    const res = await fetch(`${base}/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>TW</title>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and path traversal', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get(
        { host: '127.0.0.1', port: server.port, path: `/?token=${TOKEN}`, headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
    });
    expect(status).toBe(403);
    const traversal = await fetch(`${base}/..%2f..%2fetc%2fpasswd?token=${TOKEN}`);
    expect([403, 404]).toContain(traversal.status);
  });
});

describe('headless WebSocket', () => {
  it('refuses a connection without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/401/);
    await expect(connect(`?token=${TOKEN}`, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });

  it('answers calls with envelopes and pushes events', async () => {
    const c = await connect();
    expect(await c.call('settings.get', {})).toMatchObject({ ok: true, data: { theme: 'dark' } });
    expect(await c.call('settings.update', { theme: 'light' })).toMatchObject({ ok: true, data: { theme: 'light' } });
    await expect.poll(() => c.events.some((e) => e.event === 'settings.changed')).toBe(true);
    expect(await c.call('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    c.ws.close();
  });

  it('answers malformed frames and keeps serving through thousands of random payloads', async () => {
    const c = await connect();
    expect(await c.sendRaw('{not json', -1)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await c.sendRaw(JSON.stringify({ id: 7 }), 7)).toMatchObject({ ok: false, error: { message: /name/ } });
    const rand = seededRandom(7);
    let failures = 0;
    for (let i = 0; i < 3000; i++) {
      const result = (await c.call(randomName(rand), randomValue(rand))) as { ok: boolean; error?: { code: string } };
      if (!result.ok) {
        failures++;
        // Refused as invalid, unknown or by a handler's own rule; a handler never crashes (internal).
        expect(result.error?.code).not.toBe('internal');
      }
    }
    expect(failures).toBeGreaterThan(1000);
    expect(await c.call('system.info', {})).toMatchObject({ ok: true, data: { runtime: 'headless' } });
    c.ws.close();
  });
});
