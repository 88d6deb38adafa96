import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomName, randomValue, seededRandom } from '../core/testing/fuzz.js';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';
import { rawRequest } from './testing/raw-http.js';
import { connectWs } from './testing/ws-client.js';
import { makeStaticRoot } from './testing/static-root.js';

const TOKEN = 'test-token-0123456789abcdef';
let t: TempCore;
let server: HeadlessServer;
let staticRoot: string;
let base: string;

beforeAll(async () => {
  t = await createTempCore();
  staticRoot = makeStaticRoot({ assets: true });
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

const connect = (headers: Record<string, string> = {}, token: string | null = TOKEN) =>
  connectWs(server.port, { token, headers });

describe('headless HTTP', () => {
  it('serves the UI without a token (it holds no secret) and sets no cookie', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>TW</title>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('set-cookie')).toBeNull();
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(server.url).toBe(`${base}/#token=${TOKEN}`);
  });

  it('refuses a foreign Host header (DNS rebinding) and path traversal', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
    });
    expect(status).toBe(403);
    const traversal = await fetch(`${base}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(traversal.status);
  });
});

describe('headless WebSocket', () => {
  it('refuses a connection without the token or from another origin', async () => {
    await expect(connect({}, null)).rejects.toThrow(/401/);
    await expect(connect({}, 'wrong-token-wrong-token')).rejects.toThrow(/401/);
    await expect(connect({ origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });

  it('takes the token only as a subprotocol: the old cookie or a query token is refused', async () => {
    const upgrade = (target: string, extra: string) =>
      rawRequest(
        server.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      );
    expect(await upgrade('/ws', `Cookie: workstation_token=${TOKEN}\r\n`)).toMatchObject({ status: 401 });
    expect(await upgrade(`/ws?token=${TOKEN}`, '')).toMatchObject({ status: 401 });
    const ok = await upgrade('/ws', `Sec-WebSocket-Protocol: workstation, workstation.token.${TOKEN}\r\n`);
    expect(ok).toMatchObject({ status: 101 });
    // The server selects the app's protocol; the token is not echoed back.
    expect(ok.kind === 'status' && ok.head).toMatch(/\r\nSec-WebSocket-Protocol: workstation(\r\n|$)/i);
    expect(ok.kind === 'status' && ok.head).not.toContain(TOKEN);
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
